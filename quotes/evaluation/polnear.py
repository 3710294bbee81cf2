"""PolNeAR (Newell et al., LREC 2018): reading its brat files and scoring against them.

The corpus is read where it lies at run time; nothing of it is copied into this repository.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..errors import QuotesError
from ..types import Quote
from .spans import PRF, char_set, normalise, overlap

Range = tuple[int, int]
IGNORED_LABELS = {"Discard", "Discuss"}


class PolnearError(QuotesError, ValueError):
    """A split folder or annotation file that cannot be read."""


@dataclass(frozen=True)
class Attribution:
    source: tuple[Range, ...]
    cue: tuple[Range, ...]
    content: tuple[Range, ...]

    @property
    def has_source(self) -> bool:
        return bool(self.source)


@dataclass(frozen=True)
class Article:
    id: str
    publisher: str
    text: str
    attributions: tuple[Attribution, ...]


def _ranges(field_text: str, path: Path, line_no: int) -> tuple[str, tuple[Range, ...]]:
    label, _, rest = field_text.partition(" ")
    ranges = []
    for piece in rest.split(";"):
        try:
            start, end = (int(x) for x in piece.split())
        except ValueError:
            raise PolnearError(f"{path}:{line_no}: bad span {piece!r}") from None
        ranges.append((start, end))
    return label, tuple(ranges)


def read_ann(path: Path) -> list[Attribution]:
    spans: dict[str, tuple[str, tuple[Range, ...]]] = {}
    events: list[dict[str, list[str]]] = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, ranges = _ranges(parts[1], path, line_no)
            if label not in IGNORED_LABELS:
                spans[parts[0]] = (label, ranges)
        elif parts[0].startswith("E"):
            roles: dict[str, list[str]] = defaultdict(list)
            for item in parts[1].split():
                role, _, ident = item.partition(":")
                roles[role.rstrip("0123456789")].append(ident)
            events.append(roles)
    attributions = []
    for roles in events:
        def collect(role: str, roles: dict[str, list[str]] = roles) -> tuple[Range, ...]:
            return tuple(r for ident in roles.get(role, []) if ident in spans for r in spans[ident][1])

        content = collect("Content")
        if content:
            attributions.append(Attribution(collect("Source"), collect("Cue"), content))
    return attributions


def load_split(folder: Path) -> list[Article]:
    """Articles of one split folder (``text/`` and ``attributions/``), first annotator each."""
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise PolnearError(f"{folder}: expected text/ and attributions/ folders (a PolNeAR split)")
    articles = []
    for text_path in sorted(text_dir.glob("*.txt")):
        annotations = sorted(ann_dir.glob(f"{text_path.stem}_*.ann"))
        if not annotations:
            continue
        articles.append(
            Article(
                id=text_path.stem,
                publisher=text_path.stem.split("_", 1)[0],
                text=text_path.read_text(encoding="utf-8"),
                attributions=tuple(read_ann(annotations[0])),
            )
        )
    if not articles:
        raise PolnearError(f"{folder}: no annotated articles found")
    return articles


@dataclass
class PolnearCounts:
    """Sums that add up across articles (micro averages)."""

    # Content exact: precision over predictions that hit a gold piece, recall over attributions
    # found (the two differ when a prediction covers two pieces of one attribution).
    content_exact: PRF = PRF()
    content_overlap: PRF = PRF()  # characters
    source: PRF = PRF()  # distinct spans
    cue: PRF = PRF()  # distinct spans
    end_to_end: PRF = PRF()  # attributions with a source

    @property
    def content_pred(self) -> int:
        return self.content_exact.predicted

    @property
    def content_gold(self) -> int:
        return self.content_exact.gold

    def add(self, other: PolnearCounts) -> None:
        """Add ``other`` into these counts."""
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    def __add__(self, other: PolnearCounts) -> PolnearCounts:
        total = PolnearCounts()
        total.add(self)
        total.add(other)
        return total

    def headline(self) -> dict[str, float]:
        scores: dict[str, float] = {}
        for item in fields(self):
            scores.update(getattr(self, item.name).scores(item.name))
        return scores


@dataclass
class ArticleScore:
    article: Article
    predicted: list[Quote]
    counts: PolnearCounts
    missed: list[Attribution] = field(default_factory=list)
    false_alarms: list[Quote] = field(default_factory=list)
    # (confidence, right end to end) per scored prediction (a cue group), for calibration.
    outcomes: list[tuple[float, bool]] = field(default_factory=list)
    hits: list[Quote] = field(default_factory=list)  # predictions right end to end
    # Predictions left out of the end-to-end counts: they match only attributions with no source.
    unscored: list[Quote] = field(default_factory=list)


def _norm_all(text: str, ranges: tuple[Range, ...]) -> list[Range]:
    return [r for r in (normalise(text, s, e) for s, e in ranges) if r[1] > r[0]]


def _candidates(text: str, ranges: tuple[Range, ...]) -> set[Range]:
    """The pieces of a span and, when it is discontinuous, their hull."""
    pieces = set(_norm_all(text, ranges))
    if len(ranges) > 1:
        hull = normalise(text, min(s for s, _ in ranges), max(e for _, e in ranges))
        pieces.add(hull)
    return pieces


def _pieces_match(pred: list[Range], gold: list[Range]) -> bool:
    """The two contents share at least half of the shorter one."""
    shared = sum(overlap(p, g) for p in pred for g in gold)
    shorter = min(sum(e - s for s, e in pred), sum(e - s for s, e in gold))
    return shorter > 0 and 2 * shared >= shorter


def group_by_cue(predicted: list[Quote]) -> list[list[Quote]]:
    """Predictions that share a cue and speaker are one attribution with several pieces, as
    PolNeAR writes a quote split by its cue ("“A,” he said. “B.”") as one discontinuous span."""
    groups: dict[tuple, list[Quote]] = {}
    for index, quote in enumerate(predicted):
        key = (
            (quote.cue.start, quote.cue.end, quote.speaker.start if quote.speaker else None)
            if quote.cue is not None
            else ("alone", index)
        )
        groups.setdefault(key, []).append(quote)
    return list(groups.values())


def score_article(article: Article, predicted: list[Quote]) -> ArticleScore:
    text = article.text
    counts = PolnearCounts()
    gold = article.attributions
    groups = group_by_cue(predicted)
    group_ranges = [tuple((p.start, p.end) for q in group for p in (q.pieces or (q.content,))) for group in groups]
    pred_content = [normalise(text, p.start, p.end) for q in predicted for p in (q.pieces or (q.content,))]

    # Content, exact: a prediction is a piece or, when split, the hull of its pieces.
    gold_sets = [_candidates(text, a.content) for a in gold]
    every_gold = set().union(*gold_sets) if gold_sets else set()
    predicted_sets = [_candidates(text, ranges) for ranges in group_ranges]
    every_predicted = set().union(*predicted_sets) if predicted_sets else set()
    hits = sum(bool(spans & every_gold) for spans in predicted_sets)
    found = sum(bool(spans & every_predicted) for spans in gold_sets)
    counts.content_exact = PRF(tp=hits, fp=len(groups) - hits, fn=len(gold) - found, tp_gold=found)

    # Content, proportional character overlap.
    gold_chars = char_set([r for a in gold for r in _norm_all(text, a.content)])
    pred_chars = char_set(pred_content)
    common = len(pred_chars & gold_chars)
    counts.content_overlap = PRF(tp=common, fp=len(pred_chars) - common, fn=len(gold_chars) - common)

    # Source and cue, exact, as sets of distinct spans.
    for role, attr in (("source", "speaker"), ("cue", "cue")):
        gold_spans = [_candidates(text, getattr(a, role)) for a in gold if getattr(a, role)]
        distinct_gold = {frozenset(s) for s in gold_spans}
        preds = {
            normalise(text, getattr(q, attr).start, getattr(q, attr).end)
            for q in predicted
            if getattr(q, attr) is not None
        }
        all_gold = set().union(*distinct_gold) if distinct_gold else set()
        span_hits = len(preds & all_gold)
        setattr(counts, role, PRF(tp=span_hits, fp=len(preds) - span_hits, fn=len(distinct_gold) - span_hits))

    # End to end: content overlaps by half the shorter span and the speaker overlaps the source.
    sourced = [i for i, a in enumerate(gold) if a.has_source]
    used: set[int] = set()
    false_alarms: list[Quote] = []
    hit_quotes: list[Quote] = []
    unscored: list[Quote] = []
    outcomes: list[tuple[float, bool]] = []
    gold_content = [_norm_all(text, a.content) for a in gold]
    for group, ranges in zip(groups, group_ranges):
        quote = group[0]
        pieces = _norm_all(text, ranges)
        matches = [i for i in range(len(gold)) if _pieces_match(pieces, gold_content[i])]
        speaker = quote.speaker
        hit = None
        if speaker is not None:
            for i in matches:
                if i not in used and gold[i].has_source and any(
                    overlap((speaker.start, speaker.end), s) > 0 for s in gold[i].source
                ):
                    hit = i
                    break
        confidence = max(q.confidence for q in group)
        if hit is not None:
            used.add(hit)
            outcomes.append((confidence, True))
            hit_quotes.extend(group)
        elif matches and not any(gold[i].has_source for i in matches):
            unscored.extend(group)  # matches an attribution with no source: left out, as it is of recall
        else:
            outcomes.append((confidence, False))
            false_alarms.extend(group)
    right = sum(ok for _, ok in outcomes)
    counts.end_to_end = PRF(tp=right, fp=len(outcomes) - right, fn=len(sourced) - right)
    missed = [gold[i] for i in sourced if i not in used]
    return ArticleScore(article, predicted, counts, missed, false_alarms, outcomes, hit_quotes, unscored)
