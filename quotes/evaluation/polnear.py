"""PolNeAR (Newell et al., LREC 2018): reading its brat files and scoring against them.

The corpus is read where it lies at run time; nothing of it is copied into this repository.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..types import Quote
from .spans import char_set, normalise, overlap, prf

Range = tuple[int, int]
IGNORED_LABELS = {"Discard", "Discuss"}


class PolnearError(ValueError):
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
        def collect(role: str) -> tuple[Range, ...]:
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
    content_pred: int = 0
    content_pred_hit: int = 0
    content_gold: int = 0
    content_gold_found: int = 0
    chars_pred: int = 0
    chars_gold: int = 0
    chars_common: int = 0
    source_pred: int = 0
    source_gold: int = 0
    source_hit: int = 0
    cue_pred: int = 0
    cue_gold: int = 0
    cue_hit: int = 0
    e2e_pred: int = 0
    e2e_gold: int = 0
    e2e_hit: int = 0

    def add(self, other: "PolnearCounts") -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    def headline(self) -> dict[str, float]:
        # Content exact: precision counts predictions that hit, recall gold attributions found.
        exact_p = prf(self.content_pred_hit, self.content_pred, 1)[0]
        exact_r = prf(self.content_gold_found, 1, self.content_gold)[1]
        exact_f = 2 * exact_p * exact_r / (exact_p + exact_r) if exact_p + exact_r else 0.0
        rows = {
            "content_exact": (exact_p, exact_r, exact_f),
            "content_overlap": prf(self.chars_common, self.chars_pred, self.chars_gold),
            "source": prf(self.source_hit, self.source_pred, self.source_gold),
            "cue": prf(self.cue_hit, self.cue_pred, self.cue_gold),
            "end_to_end": prf(self.e2e_hit, self.e2e_pred, self.e2e_gold),
        }
        scores = {}
        for name, (precision, recall, f1) in rows.items():
            scores[f"{name}_p"], scores[f"{name}_r"], scores[f"{name}_f1"] = precision, recall, f1
        return scores


@dataclass
class ArticleScore:
    article: Article
    predicted: list[Quote]
    counts: PolnearCounts
    missed: list[Attribution] = field(default_factory=list)
    false_alarms: list[Quote] = field(default_factory=list)


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
    group_ranges = [tuple((q.start, q.end) for q in group) for group in groups]
    pred_content = [normalise(text, q.start, q.end) for q in predicted]

    # Content, exact: a prediction is a piece or, when split, the hull of its pieces.
    gold_sets = [_candidates(text, a.content) for a in gold]
    every_gold = set().union(*gold_sets) if gold_sets else set()
    predicted_sets = [_candidates(text, ranges) for ranges in group_ranges]
    every_predicted = set().union(*predicted_sets) if predicted_sets else set()
    counts.content_pred = len(groups)
    counts.content_pred_hit = sum(bool(spans & every_gold) for spans in predicted_sets)
    counts.content_gold = len(gold)
    counts.content_gold_found = sum(bool(spans & every_predicted) for spans in gold_sets)

    # Content, proportional character overlap.
    gold_chars = char_set([r for a in gold for r in _norm_all(text, a.content)])
    pred_chars = char_set(pred_content)
    counts.chars_pred, counts.chars_gold = len(pred_chars), len(gold_chars)
    counts.chars_common = len(pred_chars & gold_chars)

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
        setattr(counts, f"{role}_pred", len(preds))
        setattr(counts, f"{role}_gold", len(distinct_gold))
        setattr(counts, f"{role}_hit", len(preds & all_gold))

    # End to end: content overlaps by half the shorter span and the speaker overlaps the source.
    sourced = [i for i, a in enumerate(gold) if a.has_source]
    counts.e2e_gold = len(sourced)
    used: set[int] = set()
    false_alarms: list[Quote] = []
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
        if hit is not None:
            used.add(hit)
            counts.e2e_pred += 1
            counts.e2e_hit += 1
        elif matches and not any(gold[i].has_source for i in matches):
            continue  # matches an attribution with no source: left out, as it is of recall
        else:
            counts.e2e_pred += 1
            false_alarms.extend(group)
    missed = [gold[i] for i in sourced if i not in used]
    return ArticleScore(article, predicted, counts, missed, false_alarms)
