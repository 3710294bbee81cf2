"""Span arithmetic shared by every scorer."""
from __future__ import annotations

EDGE = " \t\r\n\"'“”‘’«».,;:!?—–-()[]"


def normalise(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim surrounding white space, quote marks and edge punctuation, so that '“Yes,”' and
    'Yes' are the same span."""
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    return start, end


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlaps_half(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when the two spans share at least half of the shorter one."""
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and 2 * overlap(a, b) >= shorter


def prf(true_positives: float, predicted: float, gold: float) -> tuple[float, float, float]:
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def char_set(spans: list[tuple[int, int]]) -> set[int]:
    chars: set[int] = set()
    for start, end in spans:
        chars.update(range(start, end))
    return chars
