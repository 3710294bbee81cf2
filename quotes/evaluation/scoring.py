"""Scores against the YAML gold: quote match (exact, partial), then, on matched quotes, who said
it (canonical name, mention, cue, source type, role, a person's gender), and end to end; and,
as source-diversity audits count it, the share of women among the sources with a gender, in
the gold and as predicted."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, fields

from ..types import Quote
from .gold import GoldDocument, GoldQuote
from .spans import EDGE, PRF, Ratio, normalise, overlap, overlaps_half

_WORD = re.compile(r"\w+")


def _name_key(name: str | None) -> str:
    return " ".join((name or "").lower().split())


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    """Canonical names equal, ignoring case and white space."""
    return _name_key(predicted) == _name_key(gold)


def same_last_word(predicted: str | None, gold: str | None) -> bool:
    """Names end in the same word ("Mr. Patel" and "Vedant Patel"); no name matches no name."""
    def last(name: str | None) -> str:
        words = _WORD.findall((name or "").lower())
        return words[-1] if words else ""

    return last(predicted) == last(gold)


def _role_key(role: str) -> str:
    return " ".join(role.casefold().split()).strip(EDGE)


def same_role(predicted: str | None, gold: str | None) -> bool:
    """Roles equal as text, ignoring case, white space and edge punctuation (null == null)."""
    if predicted is None or gold is None:
        return predicted is None and gold is None
    return _role_key(predicted) == _role_key(gold)


def roles_overlap(predicted: str | None, gold: str | None) -> bool:
    """The roles share at least half of the shorter one's words (or both are null)."""
    if predicted is None or gold is None:
        return predicted is None and gold is None
    p, g = Counter(_WORD.findall(predicted.casefold())), Counter(_WORD.findall(gold.casefold()))
    shorter = min(sum(p.values()), sum(g.values()))
    return shorter > 0 and 2 * sum((p & g).values()) >= shorter


@dataclass
class Pair:
    """A gold quote and the prediction matched to it (either may be missing)."""

    gold: GoldQuote | None
    predicted: Quote | None
    exact: bool = False
    text: str = ""  # the article, for the parts labelled by offsets (mention, cue, role)

    @property
    def matched(self) -> bool:
        return self.gold is not None and self.predicted is not None

    @property
    def speaker_right(self) -> bool:
        """The canonical name is right (case and white space aside): the end-to-end test."""
        gold, predicted = self.gold, self.predicted
        return gold is not None and predicted is not None and same_speaker(predicted.speaker_name, gold.speaker)

    @property
    def last_word_right(self) -> bool:
        gold, predicted = self.gold, self.predicted
        return gold is not None and predicted is not None and same_last_word(predicted.speaker_name, gold.speaker)

    @property
    def gold_role(self) -> str | None:
        role = self.gold.role if self.gold is not None else None
        return self.text[role[0] : role[1]] if role else None

    @property
    def predicted_role(self) -> str | None:
        role = self.predicted.speaker_role if self.predicted is not None else None
        return role.text if role is not None else None

    def _span(self, part: tuple[int, int] | None) -> tuple[int, int] | None:
        return normalise(self.text, *part) if part is not None else None

    def mention_scores(self) -> tuple[bool, bool] | None:
        """(exact, overlapping) for the speaker mention; None when the gold labels none."""
        if self.gold is None or self.predicted is None or self.gold.mention is None:
            return None
        gold = normalise(self.text, *self.gold.mention)
        speaker = self.predicted.speaker
        if speaker is None:
            return False, False
        pred = normalise(self.text, speaker.start, speaker.end)
        return pred == gold, overlap(pred, gold) > 0 or pred == gold

    def cue_right(self) -> bool | None:
        """Cue offsets equal once normalised; None when the gold labels no cue."""
        if self.gold is None or self.predicted is None or self.gold.cue is None:
            return None
        cue = self.predicted.cue
        return cue is not None and self._span((cue.start, cue.end)) == self._span(self.gold.cue)

    @property
    def status(self) -> str:
        """miss | false | speaker | boundary | match, as the reports show it."""
        if self.predicted is None:
            return "miss"
        if self.gold is None:
            return "false"
        if not self.speaker_right:
            return "speaker"
        return "match" if self.exact else "boundary"


# The accuracies on matched quotes: (headline key, label in the report, ``Counts`` field).
ACCURACIES = (
    ("name_accuracy", "name, exact (speaker accuracy)", "name"),
    ("name_last_word_accuracy", "name, last word", "name_last_word"),
    ("mention_exact_accuracy", "mention, exact", "mention_exact"),
    ("mention_overlap_accuracy", "mention, overlap", "mention_overlap"),
    ("cue_accuracy", "cue, exact", "cue"),
    ("source_type_accuracy", "source type", "source_type"),
    ("role_exact", "role, exact", "role_exact"),
    ("role_partial", "role, partial", "role_partial"),
    ("gender_accuracy", "gender (labelled person sources)", "gender"),
)
GENDERED = ("female", "male")


@dataclass
class Counts:
    """Sums that add up across documents (micro averages)."""

    exact: PRF = PRF()
    partial: PRF = PRF()
    end_to_end: PRF = PRF()
    by_kind: dict[str, PRF] = field(default_factory=dict)  # partial match, per kind
    name: Ratio = Ratio()  # on matched quotes
    name_last_word: Ratio = Ratio()
    mention_exact: Ratio = Ratio()  # on matched quotes whose gold labels a mention
    mention_overlap: Ratio = Ratio()
    cue: Ratio = Ratio()  # on matched quotes whose gold labels a cue
    source_type: Ratio = Ratio()  # on matched quotes whose gold labels a source type
    role_exact: Ratio = Ratio()  # on matched quotes with a gold or a predicted role
    role_partial: Ratio = Ratio()
    gender: Ratio = Ratio()  # on matched quotes whose gold source is a person with a gender label
    confusion: Counter = field(default_factory=Counter)  # (gold type, predicted type) -> n
    # Quotes and people (distinct in each article) by gender, over all gold and all predicted
    # quotes from person sources: keys ("gold" | "predicted", "quotes" | "people", gender).
    genders: Counter = field(default_factory=Counter)

    @property
    def gold(self) -> int:
        return self.partial.gold

    @property
    def predicted(self) -> int:
        return self.partial.predicted

    def __add__(self, other: Counts) -> Counts:
        total = Counts()
        for item in fields(self):
            mine, theirs = getattr(self, item.name), getattr(other, item.name)
            if isinstance(mine, dict) and not isinstance(mine, Counter):
                merged = dict(mine)
                for key, value in theirs.items():
                    merged[key] = merged.get(key, PRF()) + value
                setattr(total, item.name, merged)
            else:
                setattr(total, item.name, mine + theirs)
        return total

    def women_share(self, side: str, unit: str) -> float | None:
        """The share of women among the ``side``'s sources with a gender (female or male), by
        quote or by person, as the audits report it; None when none has one."""
        women, men = (self.genders[(side, unit, gender)] for gender in GENDERED)
        return women / (women + men) if women + men else None

    def headline(self) -> dict[str, float]:
        """The scores by the names the baseline uses. Accuracies with nothing to score (a source
        type or role never labelled) are left out rather than reported as 0."""
        scores = {
            **self.exact.scores("exact"),
            **self.partial.scores("partial"),
            "speaker_accuracy": self.name.value,
            **self.end_to_end.scores("end_to_end"),
        }
        for key, _, attribute in ACCURACIES:
            ratio = getattr(self, attribute)
            if ratio.total:
                scores[key] = ratio.value
        return scores


def align(text: str, gold: list[GoldQuote], predicted: list[Quote]) -> list[Pair]:
    """One-to-one matching: exact matches first, then the largest partial overlaps."""
    gold_spans = [normalise(text, g.start, g.end) for g in gold]
    pred_spans = [normalise(text, p.start, p.end) for p in predicted]
    free_gold, free_pred = set(range(len(gold))), set(range(len(predicted)))
    pairs: list[Pair] = []
    for gi, gspan in enumerate(gold_spans):
        for pi in sorted(free_pred):
            if pred_spans[pi] == gspan:
                pairs.append(Pair(gold[gi], predicted[pi], exact=True, text=text))
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
            pairs.append(Pair(gold[gi], predicted[pi], text=text))
            free_gold.discard(gi)
            free_pred.discard(pi)
    pairs += [Pair(gold[gi], None, text=text) for gi in sorted(free_gold)]
    pairs += [Pair(None, predicted[pi], text=text) for pi in sorted(free_pred)]
    return pairs


def _kind_prf(pairs: list[Pair]) -> dict[str, PRF]:
    """Partial match per kind: precision over the predictions of that kind, recall over the gold
    quotes of that kind (a gold indirect found by a predicted mixed counts for both)."""
    right: Counter = Counter()
    wrong: Counter = Counter()
    found: Counter = Counter()
    missed: Counter = Counter()
    for pair in pairs:
        if pair.predicted is not None:
            (right if pair.gold is not None else wrong)[pair.predicted.kind] += 1
        if pair.gold is not None:
            (found if pair.predicted is not None else missed)[pair.gold.kind] += 1
    kinds = set(right) | set(wrong) | set(found) | set(missed)
    return {k: PRF(tp=right[k], fp=wrong[k], fn=missed[k], tp_gold=found[k]) for k in kinds}


def count(pairs: list[Pair]) -> Counts:
    matched = [p for p in pairs if p.matched]
    predicted = sum(p.predicted is not None for p in pairs)
    gold = sum(p.gold is not None for p in pairs)

    def prf(hits: int) -> PRF:
        return PRF(tp=hits, fp=predicted - hits, fn=gold - hits)

    counts = Counts(
        exact=prf(sum(p.exact for p in matched)),
        partial=prf(len(matched)),
        end_to_end=prf(sum(p.speaker_right for p in matched)),
        by_kind=_kind_prf(pairs),
    )
    for pair in matched:
        counts.name = counts.name.counted(pair.speaker_right)
        counts.name_last_word = counts.name_last_word.counted(pair.last_word_right)
        mention = pair.mention_scores()
        if mention is not None:
            counts.mention_exact = counts.mention_exact.counted(mention[0])
            counts.mention_overlap = counts.mention_overlap.counted(mention[1])
        cue = pair.cue_right()
        if cue is not None:
            counts.cue = counts.cue.counted(cue)
        gold_quote, predicted_quote = pair.gold, pair.predicted
        assert gold_quote is not None and predicted_quote is not None  # pair.matched
        if gold_quote.source_type is not None:
            counts.source_type = counts.source_type.counted(gold_quote.source_type == predicted_quote.source_type)
            counts.confusion[(gold_quote.source_type, predicted_quote.source_type)] += 1
        gold_role, predicted_role = pair.gold_role, pair.predicted_role
        if gold_role is not None or predicted_role is not None:
            counts.role_exact = counts.role_exact.counted(same_role(predicted_role, gold_role))
            counts.role_partial = counts.role_partial.counted(roles_overlap(predicted_role, gold_role))
        if gold_quote.gender is not None:
            counts.gender = counts.gender.counted(gold_quote.gender == predicted_quote.speaker_gender)
    _count_genders(counts.genders, pairs)
    return counts


def _count_genders(genders: Counter, pairs: list[Pair]) -> None:
    """Quotes by gender, and people by gender counted once in the document, in the gold (the
    labelled person sources) and as predicted (every person source)."""
    people: dict[tuple[str, str], str] = {}
    for pair in pairs:
        gold, predicted = pair.gold, pair.predicted
        if gold is not None and gold.gender is not None and gold.speaker is not None:
            genders[("gold", "quotes", gold.gender)] += 1
            people[("gold", _name_key(gold.speaker))] = gold.gender
        if predicted is not None and predicted.speaker_gender is not None:
            genders[("predicted", "quotes", predicted.speaker_gender)] += 1
            people[("predicted", _name_key(predicted.speaker_name))] = predicted.speaker_gender
    for (side, _), gender in people.items():
        genders[(side, "people", gender)] += 1


@dataclass
class DocumentResult:
    document: GoldDocument
    predicted: list[Quote]
    pairs: list[Pair]
    counts: Counts

    def outcomes(self) -> list[tuple[float, bool]]:
        """(confidence, right end to end) for every prediction, for the calibration tables."""
        return [(p.predicted.confidence, p.speaker_right) for p in self.pairs if p.predicted is not None]

    def error_counts(self) -> dict[str, int]:
        """Misses, false alarms, boundary-only matches and wrong speakers (a match can be both of
        the last two), for the report's document index."""
        matched = [p for p in self.pairs if p.matched]
        return {
            "misses": sum(p.predicted is None for p in self.pairs),
            "false alarms": sum(p.gold is None for p in self.pairs),
            "boundary errors": sum(not p.exact for p in matched),
            "wrong speakers": sum(not p.speaker_right for p in matched),
        }


def score_document(document: GoldDocument, predicted: list[Quote]) -> DocumentResult:
    pairs = align(document.text, document.quotes, predicted)
    return DocumentResult(document, predicted, pairs, count(pairs))
