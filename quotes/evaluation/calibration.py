"""Whether confidences mean what they say: candidate labels against PolNeAR, expected
calibration error, a reliability table, and the scores at several keep thresholds.

A candidate is right when PolNeAR's end-to-end scorer (quotes/evaluation/polnear.py) would
count it a hit: its content shares at least half of the shorter span with a gold content and
its speaker overlaps that attribution's source, candidates sharing cue and speaker being one
(possibly discontinuous) attribution, each gold attribution found once.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..types import Quote

try:  # the scorer's span helpers; spans.py is shared with the YAML scorer
    from .spans import normalise, overlap
except ImportError:  # pragma: no cover - during a refactor of the evaluation package
    from .polnear import normalise, overlap  # type: ignore[attr-defined,no-redef]

from .polnear import Article, group_by_cue, score_article

Range = tuple[int, int]
THRESHOLDS = (0.3, 0.5, 0.7, 0.9)


def _pieces(text: str, ranges: Sequence[Range]) -> list[Range]:
    return [r for r in (normalise(text, s, e) for s, e in ranges) if r[1] > r[0]]


def _match(pred: list[Range], gold: list[Range]) -> bool:
    shared = sum(overlap(p, g) for p in pred for g in gold)
    shorter = min(sum(e - s for s, e in pred), sum(e - s for s, e in gold))
    return shorter > 0 and 2 * shared >= shorter


def candidate_labels(article: Article, candidates: Sequence[Quote]) -> list[int]:
    """1 for each candidate whose attribution (its cue group) is an end-to-end hit, else 0.

    Mirrors score_article's end-to-end pass: groups are matched in order and each gold
    attribution is used once. A group that matches only attributions without a source is
    right when it has no speaker either (the scorer leaves it out of end-to-end counts)."""
    text = article.text
    gold = article.attributions
    gold_content = [_pieces(text, a.content) for a in gold]
    position = {id(q): i for i, q in enumerate(candidates)}
    labels = [0] * len(candidates)
    used: set[int] = set()
    for group in group_by_cue(list(candidates)):
        pieces = _pieces(text, [(q.start, q.end) for q in group])
        matches = [i for i in range(len(gold)) if _match(pieces, gold_content[i])]
        speaker = group[0].speaker
        right = False
        if speaker is not None:
            for i in matches:
                if i not in used and gold[i].has_source and any(
                    overlap((speaker.start, speaker.end), s) > 0 for s in gold[i].source
                ):
                    used.add(i)
                    right = True
                    break
        elif matches and not any(gold[i].has_source for i in matches):
            right = True
        for quote in group:
            labels[position[id(quote)]] = int(right)
    return labels


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int
    mean_confidence: float
    accuracy: float


def reliability(confidence: Sequence[float] | np.ndarray, labels: Sequence[int] | np.ndarray, bins: int = 10) -> list[Bin]:
    """Equal-width confidence bins: how many, mean confidence, share right (empty bins kept)."""
    c = np.asarray(confidence, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    index = np.minimum((c * bins).astype(int), bins - 1)
    table = []
    for b in range(bins):
        mask = index == b
        n = int(mask.sum())
        table.append(
            Bin(b / bins, (b + 1) / bins, n, float(c[mask].mean()) if n else 0.0, float(y[mask].mean()) if n else 0.0)
        )
    return table


def expected_calibration_error(
    confidence: Sequence[float] | np.ndarray, labels: Sequence[int] | np.ndarray, bins: int = 10
) -> float:
    """Σ over bins of (share of items) × |accuracy − mean confidence|."""
    total = len(confidence)
    if not total:
        return 0.0
    return sum(b.count / total * abs(b.accuracy - b.mean_confidence) for b in reliability(confidence, labels, bins))


def headline_at(articles: Sequence[Article], predictions: Sequence[Sequence[Quote]], threshold: float) -> dict[str, float]:
    """PolNeAR headline scores of the predictions whose confidence is at least ``threshold``."""
    total = None
    for article, quotes in zip(articles, predictions):
        kept = [q for q in quotes if q.confidence >= threshold]
        counts = score_article(article, kept).counts
        if total is None:
            total = counts
        elif hasattr(total, "add"):
            total.add(counts)
        else:  # count objects that add with +
            total = total + counts
    if total is None:
        return {}
    return total.headline()
