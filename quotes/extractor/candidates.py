"""Stage 1: candidates. Quoted stretches from the marks, cue words from the lexicon, turns.

Nothing on a page-furniture line (``READ MORE: …``, bylines, credits) is a candidate.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from spacy.tokens import Doc, Span, Token

from ..resources.lexicon import Lexicon, Phrase
from ..resources.lists import load_lists
from ..scopes import Scope, get_scope
from ..syntax import entities_within, is_said_to, named_object, nominal_content
from ..text.furniture import load_furniture
from ..text.intervals import IntervalSet
from ..text.quotemarks import QuotedSpan, find_quoted_spans, paragraphs
from .signoffs import SignedText, find_signed_texts

CueClass = Literal["speech", "belief", "fragment", "phrase", "turn", "nominal"]
# A transcript turn: a paragraph that opens with a speaker's name and a colon ("FALLIN: Well, I
# think…", "Q: Why now?"). The name is in capitals, a one-letter role, or a person's name.
_TURN = re.compile(r"[\"“]?(?P<name>(?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*)[ \t]*:[ \t]+(?=\S)")
# A quote signed with a dash: “We are not afraid.” ― Maria Lopez (testimonials, epigraphs).
_SIGNATURE = re.compile(r"[ \t\u00a0]*(?P<dash>―|—|–|--)[ \t\u00a0]*(?P<name>(?:[A-Z][\w.'’-]*[ \t\u00a0]+){0,3}[A-Z][\w.'’-]*)[ \t\u00a0.]*(?=\n|$)")
_VERB_TAGS = {"VERB", "AUX"}
# Interview roles that speak in a transcript without being names.
_TURN_ROLES = {"Q", "A"}
# A capitalised turn name that is a place, a date or a number is a dateline or a label.
_NOT_SPEAKERS = {"GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "FAC", "EVENT", "WORK_OF_ART"}


@dataclass(frozen=True)
class Cue:
    """A word or phrase that may introduce an attribution."""

    span: Span
    cue_class: CueClass
    phrase: Phrase | None = None
    listed: bool = True  # False: a verb outside the lexicon, proposed for a learned model to judge

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
    headline: bool = False  # "Pence: Flowers Won't Be at Debate", the article's title line


@dataclass(frozen=True)
class Signature:
    """A quote signed with a dash: the quoted stretch, the dash and the name after it."""

    quote: QuotedSpan
    dash: Span
    name: Span


@dataclass(frozen=True)
class Candidates:
    quoted: list[QuotedSpan]
    cues: list[Cue]
    turns: list[Turn] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    signed: list[SignedText] = field(default_factory=list)  # posts and pull quotes (signoffs.py)

    @cached_property
    def quoted_starts(self) -> list[int]:
        return [q.start for q in self.quoted]

    @cached_property
    def inside_quotes(self) -> IntervalSet:
        """Characters between quote marks."""
        return IntervalSet((q.inner_start, q.inner_end) for q in self.quoted)


def _document_subject(verb: Token, documents: frozenset[str]) -> bool:
    """"A poll released Tuesday found …", "Court filings show …": a document reports."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        # "Records show …" opening a sentence is tagged a proper noun, lemma and all
        and (c.lemma_.lower() in documents or c.lower_ in documents or c.lower_.removesuffix("s") in documents)
        for c in verb.children
    )


def _reports_a_clause(verb: Token) -> bool:
    """A verb outside the lexicon with a subject and a clausal complement ("Trump bragged that
    …"): a candidate only the learned model can judge, so proposed in the attributions scope."""
    deps = {c.dep_ for c in verb.children}
    return "ccomp" in deps and bool(deps & {"nsubj", "nsubjpass"})


def _fragment_in_object(token: Token, quoted: list[QuotedSpan]) -> bool:
    """True when a quoted stretch lies in the verb's object, not in its subject."""
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "punct"):
            continue
        start, end = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
        if any(start <= q.inner_start < end for q in quoted):
            return True
    return False


def find_cues(
    doc: Doc, lexicon: Lexicon, quoted: list[QuotedSpan], scope: str | Scope = "quotes", skip: IntervalSet | None = None
) -> list[Cue]:
    """Cue verbs and phrases outside quoted text (a cue inside a quote is part of its words).

    Verbs of evidence ("shows", "found") are cues when a document is their subject ("court
    filings show", "a poll found"), or with any subject where the scope says so. Verbs of
    expressing ("called", "praised") report speech only when their object holds a quoted
    fragment, or with any content where the scope says so (as PARC counts them).
    """
    policy = get_scope(scope)
    documents = load_lists().document_heads
    cues: list[Cue] = []
    inside = IntervalSet((q.inner_start, q.inner_end) for q in quoted)
    for token in doc:
        if token.idx in inside or (skip is not None and token.idx in skip):
            continue
        lemma = token.lemma_.lower()
        if policy.nominal_cues and lemma == "say" and is_said_to(token):
            cues.append(Cue(doc[token.i : token.i + 1], "nominal"))  # "he is said to have left"
            continue
        if token.pos_ in _VERB_TAGS:
            evidence = policy.evidence_with_any_subject or _document_subject(token, documents)
            cue_class = lexicon.verb_cue_class(lemma, token.lower_, evidence=evidence)
            if cue_class is None and policy.expressing_verbs_report and lemma in lexicon.fragment_verbs:
                cue_class = "speech"
            if cue_class is not None:
                cues.append(Cue(doc[token.i : token.i + 1], cue_class))
                continue
            if lemma in lexicon.fragment_verbs and (_fragment_in_object(token, quoted) or named_object(token) is not None):
                cues.append(Cue(doc[token.i : token.i + 1], "fragment"))
                continue
            if policy.unlisted_verbs and token.pos_ == "VERB" and _reports_a_clause(token):
                cues.append(Cue(doc[token.i : token.i + 1], "speech", listed=False))
                continue
        if policy.nominal_cues and token.pos_ == "NOUN" and lemma in lexicon.nominal_cues and nominal_content(token):
            cues.append(Cue(doc[token.i : token.i + 1], "nominal"))
            continue
        for phrase in lexicon.phrases:
            end = token.i + len(phrase.words)
            if end <= len(doc) and all(t.lower_ == w for t, w in zip(doc[token.i : end], phrase.words)):
                cues.append(Cue(doc[token.i : end], "phrase", phrase))
    return cues


def _may_speak(name: Span) -> bool:
    """Not a navigation label ("READ MORE"), a dateline ("OTTAWA:"), a date or a number."""
    if load_furniture().is_label(name.text):
        return False
    return not any(e.label_ in _NOT_SPEAKERS for e in entities_within(name))


def _person_entity(name: Span) -> bool:
    return any(e.label_ == "PERSON" and (e.start, e.end) == (name.start, name.end) for e in entities_within(name))


def _is_a_person(name: Span, people: frozenset[str]) -> bool:
    """The entity recogniser calls the name a person, or the article names a person so."""
    return _person_entity(name) or all(w.lower() in people for w in name.text.split())


def can_speak(name: Span, transcript: bool, people: frozenset[str]) -> bool:
    """A turn needs a speaker who can speak: a person, Q/A, or a name in capitals that the
    article names as a person ("FALLIN" for Mary Fallin) or that takes turns with others in a
    transcript. Not a navigation label ("READ MORE"), a dateline ("OTTAWA:") or a date.
    ``people``: the lower-cased words of the article's person names."""
    if name.text in _TURN_ROLES:
        return not load_furniture().is_label(name.text)
    if not _may_speak(name):
        return False
    if _person_entity(name):
        return True
    letters = "".join(ch for ch in name.text if ch.isalpha())
    if len(letters) < 2 or not letters.isupper():
        return False
    return transcript or all(w.lower() in people for w in name.text.split())


def is_transcript(names: list[Span], people: frozenset[str]) -> bool:
    """Two or more speakers taking turns, who are people: some of them speak more than once,
    or one is a person. A run of labels each used once ("MARKETS: Stocks rose …", "OIL: …",
    "CURRENCIES: …") is a digest's sections, not a conversation."""
    voices = [n for n in names if n.text not in _TURN_ROLES and _may_speak(n)]
    distinct = {n.text for n in voices}
    if len(distinct) < 2:
        return False
    return len(voices) > len(distinct) or any(_is_a_person(n, people) for n in voices)


def find_turns(doc: Doc, text: str, skip: IntervalSet | None = None, headlines: bool = False) -> list[Turn]:
    """Transcript turns; with ``headlines``, also a title line that gives its words to a person
    the article names ("Pence: Gennifer Flowers Won't Be at Debate", for Mike Pence)."""
    found = []
    title: Turn | None = None
    for number, (start, end) in enumerate(paragraphs(text)):
        if skip is not None and start in skip:
            continue
        match = _TURN.match(text, start, end)
        if match is None:
            continue
        name = doc.char_span(match.start("name"), match.end("name"))
        colon_at = text.index(":", match.end("name"))
        colon = doc.char_span(colon_at, colon_at + 1)
        if name is not None and colon is not None:
            found.append(Turn(name, colon, match.end(), end))
            if number == 0:
                title = Turn(name, colon, match.end(), end, headline=True)
    people = frozenset(w.lower() for e in doc.ents if e.label_ == "PERSON" for w in e.text.split())
    transcript = is_transcript([t.name for t in found], people)
    turns = [t for t in found if can_speak(t.name, transcript, people)]
    if headlines and title is not None and not any(t.start == title.start for t in turns) and _names_a_person(
        title.name, people
    ):
        turns.insert(0, title)
    return turns


def _names_a_person(name: Span, people: frozenset[str]) -> bool:
    """Every word of ``name`` is in a person name the article uses, and it is no page label."""
    return not load_furniture().is_label(name.text) and all(w.lower() in people for w in name.text.split())


def find_signatures(doc: Doc, text: str, quoted: list[QuotedSpan]) -> list[Signature]:
    """Quotes followed by a dash and a name that ends the line."""
    found = []
    for quote in quoted:
        match = _SIGNATURE.match(text, quote.end)
        if match is None:
            continue
        dash = doc.char_span(match.start("dash"), match.end("dash"), alignment_mode="expand")
        name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
        if dash is not None and name is not None and can_sign(name):
            found.append(Signature(quote, dash, name))
    return found


def can_sign(name: Span) -> bool:
    """A signature is a person or an organisation, not a date or a place."""
    return not load_furniture().is_label(name.text) and not any(
        e.label_ in _NOT_SPEAKERS for e in entities_within(name)
    )


def find_candidates(
    doc: Doc, lexicon: Lexicon, text: str | None = None, scope: str | Scope = "quotes"
) -> Candidates:
    """Quoted stretches, cue words, transcript turns, signed quotes, posts and pull quotes, none
    on a page-furniture line."""
    text = doc.text if text is None else text
    furniture = load_furniture().ranges(text)
    quoted = [q for q in find_quoted_spans(text) if q.start not in furniture]
    cues = find_cues(doc, lexicon, quoted, scope, skip=furniture)
    turns = find_turns(doc, text, skip=furniture, headlines=get_scope(scope).headlines)
    signed = [s for s in find_signed_texts(doc, text, furniture) if can_sign(s.name)]
    return Candidates(quoted, cues, turns, find_signatures(doc, text, quoted), signed)
