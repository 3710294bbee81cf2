"""Point-in-intervals queries in O(log n), so that no stage is quadratic in document length."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class IntervalSet:
    """A union of half-open [start, end) intervals."""

    def __init__(self, intervals: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for start, end in sorted(intervals):
            if end <= start:
                continue  # empty: it holds no position and overlaps nothing
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def spans(self) -> list[tuple[int, int]]:
        """The merged intervals, in order."""
        return list(zip(self.starts, self.ends, strict=True))

    def __contains__(self, position: int) -> bool:
        index = bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.ends[index]

    def overlaps(self, start: int, end: int) -> bool:
        """Some interval shares a position with [start, end)."""
        index = bisect_left(self.starts, end) - 1
        return index >= 0 and self.ends[index] > start

    def end_at(self, position: int) -> int | None:
        """The end of the interval holding ``position``; None when none holds it."""
        index = bisect_right(self.starts, position) - 1
        return self.ends[index] if index >= 0 and position < self.ends[index] else None
