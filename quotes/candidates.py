"""Stage 1: candidates. Quoted stretches from the marks, cue words from the lexicon."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from spacy.tokens import Doc, Span, Token

from .intervals import IntervalSet
from .lexicon import Lexicon, Phrase
from .quotemarks import QuotedSpan, find_quoted_spans, paragraphs

CueClass = Literal["speech", "belief", "fragment", "phrase", "turn"]
# A transcript turn: a paragraph that opens with a speaker's name and a colon ("FALLIN: Well, I
# think…", "Q: Why now?"). The name is in capitals, a one-letter role, or a person's name.
_TURN = re.compile(r"(?P<name>(?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*)[ \t]*:[ \t]+(?=\S)")
_VERB_TAGS = {"VERB", "AUX"}


@dataclass(frozen=True)
class Cue:
    """A word or phrase that may introduce an attribution."""

    span: Span
    cue_class: CueClass
    phrase: Phrase | None = None

    @property
    def head(self) -> Token:
        return self.span[0]


@dataclass(frozen=True)
class Turn:
    """A transcript turn: the speaker's name, the colon, and the words up to the paragraph end."""

    name: Span
    colon: Span
    start: int
    end: int


@dataclass(frozen=True)
class Candidates:
    quotes: list[QuotedSpan]
    cues: list[Cue]
    turns: list[Turn] = field(default_factory=list)

    @cached_property
    def quote_starts(self) -> list[int]:
        return [q.start for q in self.quotes]


def _fragment_in_object(token: Token, quotes: list[QuotedSpan]) -> bool:
    """True when a quoted stretch lies in the verb's object, not in its subject."""
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "punct"):
            continue
        start, end = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
        if any(start <= q.start and q.end <= end + 1 for q in quotes):
            return True
    return False


def find_cues(doc: Doc, lexicon: Lexicon, quotes: list[QuotedSpan], evidence: bool = False) -> list[Cue]:
    """Cue verbs and phrases outside quoted text (a cue inside a quote is part of its words)."""
    cues: list[Cue] = []
    quoted = IntervalSet((q.inner_start, q.inner_end) for q in quotes)
    for token in doc:
        if token.idx in quoted:
            continue
        lemma = token.lemma_.lower()
        if token.pos_ in _VERB_TAGS:
            cue_class = lexicon.verb_cue_kind(lemma, token.lower_, evidence)
            if cue_class is not None:
                cues.append(Cue(doc[token.i : token.i + 1], cue_class))
                continue
            if lemma in lexicon.fragment_verbs and _fragment_in_object(token, quotes):
                cues.append(Cue(doc[token.i : token.i + 1], "fragment"))
                continue
        for phrase in lexicon.phrases:
            end = token.i + len(phrase.words)
            if end <= len(doc) and all(
                t.lower_ == w for t, w in zip(doc[token.i : end], phrase.words)
            ):
                cues.append(Cue(doc[token.i : end], "phrase", phrase))
    return cues


def _is_speaker_name(name: Span) -> bool:
    letters = "".join(ch for ch in name.text if ch.isalpha())
    return (
        (len(letters) >= 2 and letters.isupper())
        or name.text in ("Q", "A")
        or any(e.label_ == "PERSON" and e.start <= name.start and name.end <= e.end for e in name.ents)
    )


def find_turns(doc: Doc, text: str) -> list[Turn]:
    turns = []
    for start, end in paragraphs(text):
        match = _TURN.match(text, start, end)
        if match is None:
            continue
        name = doc.char_span(match.start("name"), match.end("name"))
        colon_at = text.index(":", match.end("name"))
        colon = doc.char_span(colon_at, colon_at + 1)
        if name is None or colon is None or not _is_speaker_name(name):
            continue
        turns.append(Turn(name, colon, match.end(), end))
    return turns


def find_candidates(
    doc: Doc, lexicon: Lexicon, text: str | None = None, scope: str = "quotes"
) -> Candidates:
    """Quoted stretches, cue words and transcript turns. Verbs of evidence are cues only in the
    "attributions" scope."""
    text = doc.text if text is None else text
    quotes = find_quoted_spans(text)
    cues = find_cues(doc, lexicon, quotes, evidence=scope == "attributions")
    return Candidates(quotes, cues, find_turns(doc, text))
