"""How far a quote's ``confidence`` can be trusted: precision and recall at thresholds, and the
expected calibration error. An outcome is one prediction: (confidence, right end to end)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .spans import PRF

THRESHOLDS = (0.3, 0.5, 0.7, 0.9)
BINS = 10

Outcome = tuple[float, bool]


def at_threshold(outcomes: Iterable[Outcome], gold: int, threshold: float) -> PRF:
    """Counts when only predictions with confidence >= ``threshold`` are kept; ``gold`` is the
    number of gold items a right prediction can find."""
    kept = [right for confidence, right in outcomes if confidence >= threshold]
    tp = sum(kept)
    return PRF(tp=tp, fp=len(kept) - tp, fn=gold - tp)


def curve(outcomes: Iterable[Outcome], gold: int) -> list[tuple[float, float, float]]:
    """(threshold, recall, precision) at every distinct confidence, highest threshold first:
    the points of a precision-recall curve."""
    outcomes = list(outcomes)
    points = []
    for threshold in sorted({confidence for confidence, _ in outcomes}, reverse=True):
        counts = at_threshold(outcomes, gold, threshold)
        points.append((threshold, counts.recall, counts.precision))
    return points


@dataclass(frozen=True)
class Bin:
    """One equal-width confidence bin of a reliability diagram."""

    lower: float
    upper: float
    count: int
    mean_confidence: float
    accuracy: float


def calibration_bins(outcomes: Iterable[Outcome], bins: int = BINS) -> list[Bin]:
    """Equal-width bins over [0, 1] (the last one closed, so 1.0 falls in it), empty ones kept.
    A confidence outside [0, 1] is a scorer's bug: it stops the report with a ValueError."""
    members: list[list[Outcome]] = [[] for _ in range(bins)]
    for confidence, right in outcomes:
        if not 0.0 <= confidence <= 1.0:  # also NaN
            raise ValueError(f"a quote's confidence must lie in [0, 1], not {confidence!r}")
        members[min(int(confidence * bins), bins - 1)].append((confidence, right))
    result = []
    for i, group in enumerate(members):
        n = len(group)
        result.append(
            Bin(
                lower=i / bins,
                upper=(i + 1) / bins,
                count=n,
                mean_confidence=sum(c for c, _ in group) / n if n else 0.0,
                accuracy=sum(r for _, r in group) / n if n else 0.0,
            )
        )
    return result


def expected_calibration_error(outcomes: Iterable[Outcome], bins: int = BINS) -> float:
    """Mean gap between confidence and accuracy over the bins, weighted by how many predictions
    each holds (0.0 with no predictions)."""
    filled = [b for b in calibration_bins(outcomes, bins) if b.count]
    total = sum(b.count for b in filled)
    if not total:
        return 0.0
    return sum(b.count * abs(b.accuracy - b.mean_confidence) for b in filled) / total
