"""Things found at character positions, in text order, with bisect look-ups: what keeps every
question ("the latest X before here") logarithmic instead of a scan of the document."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Timeline(Generic[T]):
    """Values at positions; ``add`` in any order, look up after ``freeze`` or lazily."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._values: list[T] = []
        self._sorted = True

    def add(self, start: int, value: T) -> None:
        if self._starts and start < self._starts[-1]:
            self._sorted = False
        self._starts.append(start)
        self._values.append(value)

    def _order(self) -> None:
        if not self._sorted:
            pairs = sorted(zip(self._starts, range(len(self._starts))))
            self._values = [self._values[i] for _, i in pairs]
            self._starts = [s for s, _ in pairs]
            self._sorted = True

    def __len__(self) -> int:
        return len(self._starts)

    def __bool__(self) -> bool:
        return bool(self._starts)

    def items(self) -> list[tuple[int, T]]:
        self._order()
        return list(zip(self._starts, self._values))

    def latest_before(self, position: int, where: Callable[[T], bool] | None = None) -> T | None:
        """The value found last before ``position`` (and passing ``where``, when given)."""
        self._order()
        index = bisect_right(self._starts, position - 1)
        if where is None:
            return self._values[index - 1] if index else None
        return next((v for v in reversed(self._values[:index]) if where(v)), None)

    def latest_item_before(self, position: int) -> tuple[int, T] | None:
        self._order()
        index = bisect_right(self._starts, position - 1)
        return (self._starts[index - 1], self._values[index - 1]) if index else None

    def last_before(self, position: int, limit: int) -> list[T]:
        """Up to ``limit`` values found before ``position``, latest first."""
        self._order()
        index = bisect_right(self._starts, position - 1)
        return self._values[max(0, index - limit) : index][::-1]

    def first(self) -> T | None:
        self._order()
        return self._values[0] if self._values else None

    def between(self, start: int, end: int) -> list[tuple[int, T]]:
        """(position, value) pairs with ``start <= position < end``."""
        self._order()
        low = bisect_right(self._starts, start - 1)
        high = bisect_right(self._starts, end - 1)
        return list(zip(self._starts[low:high], self._values[low:high]))

    def first_after(self, position: int) -> tuple[int, T] | None:
        """The first (position, value) at or after ``position``."""
        self._order()
        index = bisect_right(self._starts, position - 1)
        return (self._starts[index], self._values[index]) if index < len(self._starts) else None
