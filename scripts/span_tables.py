"""What the span-table scripts (train_cue_span.py, train_content_span.py) share: counting
outcomes under back-off keys, keeping the majority of each key seen often enough, and the dev
headline with and without the learned table."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from quotes.evaluation.polnear import Article, score_article
from quotes.extractor.stages import extract_from_doc
from quotes.resources.lexicon import Lexicon
from quotes.types import Quote


class KeyCounts:
    """Outcomes per key, and for each key the more general keys it falls back to."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.chains: dict[str, tuple[str, ...]] = {}

    def add(self, keys: Sequence[str], result: str) -> None:
        """Count ``result`` under every key of ``keys`` (most specific first)."""
        for index, key in enumerate(keys):
            self.counts[key][result] += 1
            self.chains.setdefault(key, tuple(keys[index + 1:]))

    def table(self, takes: Sequence[str], min_count: int, default: Callable[[str], str]) -> dict[str, dict]:
        """Each key seen at least ``min_count`` times gets its majority outcome (ties go to the
        earlier of ``takes``); only keys whose outcome differs from what their fallback chain (or
        ``default(key)``) gives are kept. Sorted keys: the same counts give the same table."""
        decided = {}
        for key in sorted(self.counts):
            counts = self.counts[key]
            n = sum(counts.values())
            if n >= min_count:
                take = max(takes, key=lambda t: (counts[t], -takes.index(t)))
                decided[key] = (take, n, round(counts[take] / n, 3))
        children = {}
        for key, (take, n, share) in decided.items():
            fallback = next((decided[k][0] for k in self.chains[key] if k in decided), default(key))
            if take != fallback:
                children[key] = {"take": take, "n": n, "share": share}
        return children


def dev_headlines(
    articles: list[Article], docs: list, lexicon: Lexicon, learned: Callable[[Doc, Quote], Quote]
) -> dict[str, dict[str, float]]:
    """The PolNeAR headline of the attributions scope as the rules give it and with ``learned``
    applied to each quote."""
    totals = {}
    for name in ("rules", "learned"):
        total = None
        for article, doc in zip(articles, docs):
            found = extract_from_doc(doc, lexicon, "attributions")
            if name == "learned":
                found = [learned(doc, q) for q in found]
            counts = score_article(article, found).counts
            if total is None:
                total = counts
            else:
                total.add(counts)
        assert total is not None, "no dev articles"
        totals[name] = total.headline()
    return totals
