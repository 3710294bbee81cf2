"""Scores against the YAML gold: exact and partial quote match, speaker accuracy, end to end."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..types import Quote
from .gold import GoldDocument, GoldQuote
from .spans import normalise, overlap, overlaps_half, prf


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    def key(name: str | None) -> str:
        return " ".join((name or "").lower().split())

    return key(predicted) == key(gold)


@dataclass
class Pair:
    """A gold quote and the prediction matched to it (either may be missing)."""

    gold: GoldQuote | None
    predicted: Quote | None
    exact: bool = False

    @property
    def speaker_right(self) -> bool:
        return (
            self.gold is not None
            and self.predicted is not None
            and same_speaker(self.predicted.speaker_name, self.gold.speaker)
        )


@dataclass
class Counts:
    """Sums that add up across documents (micro averages)."""

    gold: int = 0
    predicted: int = 0
    exact: int = 0
    partial: int = 0
    speaker_right: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [gold, pred, hit_g, hit_p]

    def add(self, other: "Counts") -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.exact += other.exact
        self.partial += other.partial
        self.speaker_right += other.speaker_right
        for kind, values in other.by_kind.items():
            mine = self.by_kind.setdefault(kind, [0, 0, 0, 0])
            for i, value in enumerate(values):
                mine[i] += value

    def headline(self) -> dict[str, float]:
        exact = prf(self.exact, self.predicted, self.gold)
        partial = prf(self.partial, self.predicted, self.gold)
        end_to_end = prf(self.speaker_right, self.predicted, self.gold)
        return {
            "exact_p": exact[0],
            "exact_r": exact[1],
            "exact_f1": exact[2],
            "partial_p": partial[0],
            "partial_r": partial[1],
            "partial_f1": partial[2],
            "speaker_accuracy": self.speaker_right / self.partial if self.partial else 0.0,
            "end_to_end_p": end_to_end[0],
            "end_to_end_r": end_to_end[1],
            "end_to_end_f1": end_to_end[2],
        }


def align(text: str, gold: list[GoldQuote], predicted: list[Quote]) -> list[Pair]:
    """One-to-one matching: exact matches first, then the largest partial overlaps."""
    gold_spans = [normalise(text, g.start, g.end) for g in gold]
    pred_spans = [normalise(text, p.start, p.end) for p in predicted]
    free_gold, free_pred = set(range(len(gold))), set(range(len(predicted)))
    pairs: list[Pair] = []
    for gi, gspan in enumerate(gold_spans):
        for pi in sorted(free_pred):
            if pred_spans[pi] == gspan:
                pairs.append(Pair(gold[gi], predicted[pi], exact=True))
                free_gold.discard(gi)
                free_pred.discard(pi)
                break
    candidates = sorted(
        (
            (overlap(gold_spans[gi], pred_spans[pi]), gi, pi)
            for gi in free_gold
            for pi in free_pred
            if overlaps_half(gold_spans[gi], pred_spans[pi])
        ),
        reverse=True,
    )
    for _, gi, pi in candidates:
        if gi in free_gold and pi in free_pred:
            pairs.append(Pair(gold[gi], predicted[pi]))
            free_gold.discard(gi)
            free_pred.discard(pi)
    pairs += [Pair(gold[gi], None) for gi in sorted(free_gold)]
    pairs += [Pair(None, predicted[pi]) for pi in sorted(free_pred)]
    return pairs


def count(pairs: list[Pair]) -> Counts:
    counts = Counts()
    for pair in pairs:
        if pair.gold is not None:
            counts.gold += 1
            row = counts.by_kind.setdefault(pair.gold.kind, [0, 0, 0, 0])
            row[0] += 1
            row[2] += pair.predicted is not None
        if pair.predicted is not None:
            counts.predicted += 1
            row = counts.by_kind.setdefault(pair.predicted.kind, [0, 0, 0, 0])
            row[1] += 1
            row[3] += pair.gold is not None
        if pair.gold is not None and pair.predicted is not None:
            counts.partial += 1
            counts.exact += pair.exact
            counts.speaker_right += pair.speaker_right
    return counts


@dataclass
class DocumentResult:
    document: GoldDocument
    predicted: list[Quote]
    pairs: list[Pair]
    counts: Counts


def score_document(document: GoldDocument, predicted: list[Quote]) -> DocumentResult:
    pairs = align(document.text, document.quotes, predicted)
    return DocumentResult(document, predicted, pairs, count(pairs))
