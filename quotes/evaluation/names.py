"""Names measured on human coreference nobody here wrote (GUM): for every mention GUM links to a
person or organisation that has a proper name, is the canonical name we give it that name?

Each mention is resolved as if it spoke (``quotes.extractor.stages.name_mentions``): its noun
phrase, from the spaCy parse of GUM's own text, among the article's real speakers. The headline
set is the subjects of speech verbs ("say", "tell", "add", …): the mentions a quote's name
comes from. A name is right when it ends in the same word as the entity's fullest name
("Cres Eastman" for "Professor Cres Eastman"), exact when it is that name without titles; an
entity named in several ways ("Norton", "Emperor Norton", "Joshua Abraham Norton") takes any.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Span, Token

from ..extractor.stages import name_mentions
from ..resources.lexicon import Lexicon
from ..syntax import mention_of
from .gum import DESCRIPTION, NAME, PRONOUN, GumDocument, GumMention
from .scoring import same_last_word

ETYPES = ("person", "organization")
# Third-person pronouns: "I", "we" and "you" name whoever speaks the turn, which a text
# without speaker labels does not say.
THIRD_PERSON = frozenset(
    ["he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their", "theirs", "themselves"]
)
FORMS = (PRONOUN, DESCRIPTION, NAME)


@dataclass(frozen=True)
class NameCase:
    """One mention of a named person or organisation, and the name we give it."""

    document: str
    genre: str
    form: str  # pronoun | description | name
    etype: str  # person | organization
    start: int
    end: int
    mention: str
    gold: str
    predicted: str | None
    source_type: str
    speech_subject: bool  # the subject of a speech verb
    right: bool  # same last word as the entity's name
    exact: bool  # the entity's name without titles


def _key(name: str | None) -> str:
    return " ".join((name or "").lower().split())


def without_titles(name: str, titles: frozenset[str]) -> str:
    """"Professor Cres Eastman" -> "Cres Eastman"; "The World Health Organisation" -> "World
    Health Organisation"."""
    words = name.split()
    while len(words) > 1 and (words[0].lower().rstrip(".") in titles or words[0].lower() == "the"):
        words = words[1:]
    return " ".join(words)


def _speech_subject(document: GumDocument, mention: GumMention, speech_verbs: frozenset[str]) -> bool:
    head = document.tokens[mention.head]
    if not head.deprel.startswith("nsubj") or head.head < 0:
        return False
    return document.tokens[head.head].lemma.lower() in speech_verbs


# What a mention's head does when the mention says something of a referent rather than refers
# to it: "He's a blogger", "Thomas Sam, 42,", "Mr. President, …".
_PREDICATING = ("appos", "vocative", "dislocated", "list")


def refers(document: GumDocument, mention: GumMention) -> bool:
    """A referring mention: not a predicate ("He's a blogger"), an apposition ("Thomas Sam,
    42") or a form of address."""
    head = document.tokens[mention.head]
    if head.deprel in _PREDICATING:
        return False
    return mention.head not in document.copular_heads


def probes(document: GumDocument) -> list[GumMention]:
    """The mentions scored: referring mentions of persons and organisations whose entity has a
    name, pronouns only in the third person."""
    found = []
    for mention in document.mentions:
        if mention.etype not in ETYPES or document.entity_of(mention).name is None or not refers(document, mention):
            continue
        if mention.form == PRONOUN and mention.text.lower() not in THIRD_PERSON:
            continue
        found.append(mention)
    return found


def document_cases(
    document: GumDocument, nlp: Language, lexicon: Lexicon, scope: str = "quotes"
) -> list[NameCase]:
    """Every scored mention of one document with the name we give it."""
    doc = nlp(document.text)
    titles = lexicon.honorifics | lexicon.role_nouns
    chosen: list[tuple[GumMention, object]] = []
    for mention in probes(document):
        head = document.tokens[mention.head]
        words = doc.char_span(head.start, head.end, alignment_mode="expand")
        if words is None or not len(words):
            continue
        chosen.append((mention, _own_phrase(mention_of(words.root), words.root)))
    sources = name_mentions(doc, [span for _, span in chosen], lexicon, scope)  # type: ignore[misc]
    cases = []
    for (mention, _), source in zip(chosen, sources, strict=True):
        entity = document.entity_of(mention)
        gold = entity.name or ""
        predicted = without_titles(source.name or "", titles)
        cases.append(
            NameCase(
                document=document.id,
                genre=document.genre,
                form=mention.form,
                etype=mention.etype,
                start=mention.start,
                end=mention.end,
                mention=mention.text,
                gold=gold,
                predicted=source.name,
                source_type=source.source_type,
                speech_subject=_speech_subject(document, mention, lexicon.speech_verbs),
                right=any(same_last_word(_possessive_off(predicted), _possessive_off(name)) for name in entity.names),
                exact=any(_key(predicted) == _key(without_titles(name, titles)) for name in entity.names),
            )
        )
    return cases


def _own_phrase(phrase: Span, head: Token) -> Span:
    """The noun phrase without the conjuncts after its head: GUM marks "Morris" in "Morris and
    Goscinny" as a mention of its own."""
    cut = [c.left_edge.i for c in head.rights if c.dep_ in ("cc", "conj") and phrase.start <= c.i < phrase.end]
    end = min([phrase.end, *cut])
    while end > head.i + 1 and (phrase.doc[end - 1].is_punct or phrase.doc[end - 1].is_space):
        end -= 1
    return phrase.doc[phrase.start : end]


def _possessive_off(name: str | None) -> str | None:
    return re.sub(r"['’]s?$", "", name) if name else name


@dataclass
class Tally:
    right: int = 0
    exact: int = 0
    total: int = 0

    def add(self, case: NameCase) -> None:
        self.total += 1
        self.right += case.right
        self.exact += case.exact

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def exact_accuracy(self) -> float:
        return self.exact / self.total if self.total else 0.0


@dataclass
class NameScores:
    """The tables ``eval.py --gum`` prints."""

    headline: Tally = field(default_factory=Tally)  # speech-verb subjects
    person_pronouns: Tally = field(default_factory=Tally)
    descriptions: Tally = field(default_factory=Tally)
    by_form: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_genre: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    errors: Counter[str] = field(default_factory=Counter)

    def add(self, case: NameCase) -> None:
        if case.speech_subject:
            self.headline.add(case)
        if case.form == PRONOUN and case.etype == "person":
            self.person_pronouns.add(case)
        if case.form == DESCRIPTION:
            self.descriptions.add(case)
        self.by_form[(case.form, case.etype)].add(case)
        self.by_genre[case.genre].add(case)
        if not case.right:
            self.errors[error_class(case)] += 1

    def headline_figures(self) -> dict[str, float]:
        return {
            "speech_subjects": round(self.headline.accuracy, 4),
            "person_pronouns": round(self.person_pronouns.accuracy, 4),
            "descriptions": round(self.descriptions.accuracy, 4),
        }


def error_class(case: NameCase) -> str:
    """What kind of wrong a wrong name is, for the error table."""
    if not case.predicted:
        return "no name"
    if _key(case.predicted) == _key(case.mention) or case.predicted.lower() in THIRD_PERSON:
        return f"{case.form} left as written"
    if case.form == PRONOUN:
        return "pronoun to another antecedent"
    if case.form == DESCRIPTION:
        return "description to another name"
    return "name: partial or other"


def score_cases(cases: Iterable[NameCase]) -> NameScores:
    scores = NameScores()
    for case in cases:
        scores.add(case)
    return scores


def all_cases(
    documents: Sequence[GumDocument], nlp: Language, lexicon: Lexicon, scope: str = "quotes"
) -> Iterator[NameCase]:
    for document in documents:
        yield from document_cases(document, nlp, lexicon, scope)
