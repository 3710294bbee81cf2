"""Training labels for the confidence model: which candidates are right against PolNeAR, and
the scores at a keep threshold. Calibration itself is measured by ``quotes.evaluation.confidence``.

A candidate is right when PolNeAR's end-to-end scorer (quotes/evaluation/polnear.py) would
count it a hit: its content shares at least half of the shorter span with a gold content and
its speaker overlaps that attribution's source, candidates sharing cue and speaker being one
(possibly discontinuous) attribution, each gold attribution found once.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..types import Quote
from .polnear import Article, PolnearCounts, score_article


def candidate_labels(article: Article, candidates: Sequence[Quote]) -> list[int]:
    """1 for each candidate whose attribution (its cue group) is an end-to-end hit, else 0.

    The end-to-end pass of ``score_article`` decides: groups are matched in order and each gold
    attribution is used once. A group that matches only attributions without a source is
    right when it has no speaker either (the scorer leaves it out of end-to-end counts)."""
    score = score_article(article, list(candidates))
    hits = {id(q) for q in score.hits}
    sourceless = {id(q) for q in score.unscored if q.speaker is None}
    return [int(id(q) in hits or id(q) in sourceless) for q in candidates]


def headline_at(articles: Sequence[Article], predictions: Sequence[Sequence[Quote]], threshold: float) -> dict[str, float]:
    """PolNeAR headline scores of the predictions whose confidence is at least ``threshold``."""
    if not articles:
        return {}
    total = PolnearCounts()
    for article, quotes in zip(articles, predictions):
        total.add(score_article(article, [q for q in quotes if q.confidence >= threshold]).counts)
    return total.headline()
