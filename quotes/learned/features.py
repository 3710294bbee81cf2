"""What the confidence model sees of a candidate: named features from the parse and the
candidate (the rule that proposed it, the cue, the speaker, the distances between them, the
content's shape, its place among the doc's other candidates and in the article)."""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..resources.words import WORDS
from ..types import Quote

_QUOTE_MARKS = "\"“”«»"
_SENTENCE_CAP = 5


@dataclass(frozen=True)
class CueLemmas:
    """A smoothed per-lemma log-odds table of cues (relative to the prior), learned from train:
    "say" is a safer cue than "call". Unseen lemmas back off to ``backoff``."""

    log_odds: Mapping[str, float]
    backoff: float = 0.0

    def value(self, lemma: str) -> tuple[float, bool]:
        if lemma in self.log_odds:
            return self.log_odds[lemma], True
        return self.backoff, False


def cue_lemma(doc: Doc, quote: Quote) -> str:
    """The lemma the cue table is keyed on: the cue's root word, lower-cased ("" without cue)."""
    span = _span(doc, quote.cue.start, quote.cue.end) if quote.cue else None
    return span.root.lemma_.lower() if span is not None else ""


def _span(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _log1p(value: float) -> float:
    return math.log1p(max(0.0, value))


def _token_gap(a: Span, b: Span) -> int:
    """Tokens strictly between two spans (0 when they touch or overlap)."""
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for number, sentence in enumerate(doc.sents):
        index[sentence.start : sentence.end] = [number] * len(sentence)
    return index


@dataclass
class DocContext:
    """What every candidate of one doc shares: sentence numbers, paragraph starts, the others."""

    doc: Doc
    text: str  # doc.text, which spaCy rebuilds on every access
    quotes: Sequence[Quote]
    sentences: list[int]
    paragraph_starts: list[int]

    @classmethod
    def of(cls, doc: Doc, quotes: Sequence[Quote]) -> DocContext:
        text = doc.text
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n" and i + 1 < len(text) and text[i + 1] != "\n"]
        return cls(doc, text, quotes, _sentence_index(doc), starts)

    def paragraph(self, char: int) -> int:
        """Number of the paragraph holding ``char`` (0 is the first line, often the title)."""
        low, high = 0, len(self.paragraph_starts)
        while low < high:
            middle = (low + high) // 2
            if self.paragraph_starts[middle] <= char:
                low = middle + 1
            else:
                high = middle
        return max(0, low - 1)


def features(quote: Quote, context: DocContext, lemmas: CueLemmas) -> dict[str, float]:
    """Named features of one candidate; absent names are 0. Numbers are log-scaled counts so a
    plain L2-regularised logistic model can use them without standardising."""
    doc, text = context.doc, context.text
    f: dict[str, float] = {"bias": 1.0}
    rule = quote.rule or "none"
    f[f"rule={rule}"] = 1.0
    f[f"kind={quote.kind}"] = 1.0
    f[f"rule={rule}&kind={quote.kind}"] = 1.0
    f[f"source_type={quote.source_type}"] = 1.0

    content = _span(doc, quote.start, quote.end)
    # The cue by its head word only, so that a wider cue span (quotes.cue_span: "has also said")
    # gives the same features as the bare verb the model was trained on.
    cue_words = _span(doc, quote.cue.start, quote.cue.end) if quote.cue else None
    cue = doc[cue_words.root.i : cue_words.root.i + 1] if cue_words is not None else None
    speaker = _span(doc, quote.speaker.start, quote.speaker.end) if quote.speaker else None

    # The content's shape.
    body = text[quote.start : quote.end]
    f["content_chars_log"] = _log1p(len(body))
    f["content_quote_marks"] = float(sum(body.count(m) for m in _QUOTE_MARKS) > 0)
    f["content_question"] = float(body.rstrip(" ”\"'’").endswith("?"))
    before = text[max(0, quote.start - 2) : quote.start]
    f["content_after_quote_mark"] = float(any(m in before for m in _QUOTE_MARKS))
    if content is not None:
        first = content[0].lower_
        f["content_tokens_log"] = _log1p(len(content))
        f["content_starts_that"] = float(first == "that")
        f["content_starts_to"] = float(first == "to")
        f["content_has_verb"] = float(any(t.pos_ in ("VERB", "AUX") for t in content))
        f[f"content_root_pos={content.root.pos_}"] = 1.0
        f[f"content_root_dep={content.root.dep_}"] = 1.0
        if cue is not None:
            f["content_child_of_cue"] = float(content.root.head.i == cue.root.i)
        sentences = {context.sentences[t.i] for t in content}
        f["content_sentences_log"] = _log1p(len(sentences))

    # The cue.
    lemma = cue_lemma(doc, quote)
    if cue is None:
        f["cue_none"] = 1.0
    else:
        root = cue.root
        value, seen = lemmas.value(lemma)
        f["cue_lemma_log_odds"] = value
        f["cue_lemma_unseen"] = float(not seen)
        f[f"cue_pos={root.pos_}"] = 1.0
        f[f"cue_dep={root.dep_}"] = 1.0
        # spaCy's stub makes ``default`` required; at run time it defaults to None.
        tense = root.morph.get("Tense")  # type: ignore[call-arg]
        f[f"cue_tense={tense[0] if tense else 'none'}"] = 1.0
        form = root.morph.get("VerbForm")  # type: ignore[call-arg]
        f[f"cue_verbform={form[0] if form else 'none'}"] = 1.0
        children = list(root.children)
        f["cue_negated"] = float(any(c.dep_ == "neg" for c in children))
        f["cue_modal"] = float(any(c.dep_ == "aux" and c.tag_ == "MD" for c in children))
        f["cue_passive"] = float(any(c.dep_ in ("auxpass", "nsubjpass") for c in children))
        f["cue_in_content"] = float(quote.start <= root.idx < quote.end)
        if content is not None:
            f["cue_content_gap_log"] = _log1p(_token_gap(cue, content))
            f["cue_before_content"] = float(cue.start < content.start)
            gap = abs(context.sentences[root.i] - context.sentences[content[0].i])
            f["cue_content_sentences"] = float(min(gap, _SENTENCE_CAP))

    # The speaker.
    if speaker is None:
        f["speaker_none"] = 1.0
    else:
        assert quote.speaker is not None  # ``speaker`` is built from it
        root = speaker.root
        lower = root.lower_
        f[f"speaker_pos={root.pos_}"] = 1.0
        f[f"speaker_dep={root.dep_}"] = 1.0
        f[f"speaker_ent={root.ent_type_ or 'none'}"] = 1.0
        f["speaker_relative"] = float(len(speaker) == 1 and lower in WORDS.relative_pronouns)
        f["speaker_pronoun"] = float(root.pos_ == "PRON" and lower not in WORDS.relative_pronouns)
        f["speaker_tokens_log"] = _log1p(len(speaker))
        f["speaker_named"] = float(bool(quote.speaker_name) and quote.speaker_name != quote.speaker.text)
        f["speaker_in_content"] = float(quote.start <= quote.speaker.start < quote.end)
        f["speaker_has_person"] = float(any(t.ent_type_ == "PERSON" for t in speaker))
        # How sure the resolver is of the name (a pronoun the learned model resolved, say).
        f["name_doubt"] = 1.0 - (quote.name_confidence if quote.name_confidence is not None else 1.0)
        if cue is not None:
            f["speaker_child_of_cue"] = float(root.head.i == cue.root.i)
        if cue is not None:
            f["speaker_cue_gap_log"] = _log1p(_token_gap(speaker, cue))
            f["speaker_after_cue"] = float(speaker.start > cue.start)
        elif content is not None:
            gap = abs(context.sentences[root.i] - context.sentences[content[0].i])
            f["speaker_content_sentences"] = float(min(gap, _SENTENCE_CAP))

    # Among the other candidates of the doc.
    others = [o for o in context.quotes if o is not quote]
    f["nested_in_other"] = float(
        any(o.start <= quote.start and quote.end <= o.end and (o.start, o.end) != (quote.start, quote.end) for o in others)
    )
    f["holds_other"] = float(
        any(quote.start <= o.start and o.end <= quote.end and (o.start, o.end) != (quote.start, quote.end) for o in others)
    )
    f["same_content_other"] = float(any((o.start, o.end) == (quote.start, quote.end) for o in others))
    if quote.cue is not None:
        key = (quote.cue.start, quote.speaker.start if quote.speaker else None)
        pieces = sum(
            1 for o in others if o.cue is not None and (o.cue.start, o.speaker.start if o.speaker else None) == key
        )
        f["pieces_same_cue_log"] = _log1p(pieces)

    # Where it is in the article.
    paragraph = context.paragraph(quote.start)
    f["paragraph_first"] = float(paragraph == 0)
    f["paragraph_index_log"] = _log1p(paragraph)
    f["position_in_text"] = quote.start / max(1, len(text))
    return f
