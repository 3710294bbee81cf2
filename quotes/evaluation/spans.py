"""Span arithmetic and the count objects shared by every scorer."""
from __future__ import annotations

from dataclasses import dataclass

EDGE = " \t\r\n\"'“”‘’«».,;:!?—–-()[]"


def normalise(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim surrounding white space, quote marks and edge punctuation, so that '“Yes,”' and
    'Yes' are the same span. A span that is all punctuation (the cue ":" of a transcript turn,
    the "―" of a signed quote) loses only its white space, so that it can still match."""
    low, high = start, end
    while low < high and text[low] in EDGE:
        low += 1
    while high > low and text[high - 1] in EDGE:
        high -= 1
    if low < high:
        return low, high
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlaps_half(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when the two spans share at least half of the shorter one."""
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and 2 * overlap(a, b) >= shorter


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class PRF:
    """Counts for precision, recall and F1, by name so that they cannot be passed in the wrong
    order. ``tp_gold`` is for scorers where one prediction may hit several gold items or several
    predictions one gold item: it is then the gold items found, and recall uses it instead of
    ``tp`` (``fn`` is always the gold items not found)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tp_gold: int | None = None

    @property
    def found(self) -> int:
        """Gold items found (true positives on the gold side)."""
        return self.tp if self.tp_gold is None else self.tp_gold

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def gold(self) -> int:
        return self.found + self.fn

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.found, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        if not isinstance(other, PRF):
            return NotImplemented
        both_symmetric = self.tp_gold is None and other.tp_gold is None
        return PRF(
            tp=self.tp + other.tp,
            fp=self.fp + other.fp,
            fn=self.fn + other.fn,
            tp_gold=None if both_symmetric else self.found + other.found,
        )

    def scores(self, prefix: str) -> dict[str, float]:
        """``{prefix_p, prefix_r, prefix_f1}``, the names the baseline file uses."""
        return {f"{prefix}_p": self.precision, f"{prefix}_r": self.recall, f"{prefix}_f1": self.f1}


@dataclass(frozen=True)
class Ratio:
    """An accuracy: items right out of items scored (0.0 when nothing was scored)."""

    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return _ratio(self.right, self.total)

    def __add__(self, other: Ratio) -> Ratio:
        if not isinstance(other, Ratio):
            return NotImplemented
        return Ratio(self.right + other.right, self.total + other.total)

    def counted(self, right: bool) -> Ratio:
        """This ratio with one more item scored."""
        return Ratio(self.right + bool(right), self.total + 1)


def char_set(spans: list[tuple[int, int]]) -> set[int]:
    chars: set[int] = set()
    for start, end in spans:
        chars.update(range(start, end))
    return chars
