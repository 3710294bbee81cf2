"""Stage 3: resolve a speaker mention to the canonical name used elsewhere in the article.

"Patel" -> "Vedant Patel" (surname), "he" -> the last person mentioned (preferring subjects),
"the Chinese leader" -> the most recent person whose titles fit the description.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon

_PERSON = "PERSON"
_GROUPS = ("ORG", "GPE", "NORP")
_PLACE_TYPES = ("NORP", "GPE")
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_TITLE_DEPS = ("compound", "amod", "nmod", "poss", "case", "punct", "det")


@dataclass
class Person:
    name: str
    start: int
    is_subject: bool
    titles: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    mentions: int = 1


def _stem(word: str) -> str:
    """Crude shared stem so that 'Chinese' and 'China' agree, 'Russian' and 'Russia' too."""
    return word.lower()[:4]


def _strip_possessive(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[-1].lower_ in ("'s", "’s", "'") or tokens[-1].is_punct):
        tokens = tokens[:-1]
    return tokens


class SpeakerResolver:
    """Built once per document; answers ``resolve(mention)`` for each speaker mention."""

    def __init__(self, doc: Doc, lexicon: Lexicon):
        self.doc = doc
        self.lexicon = lexicon
        self.persons: list[Person] = []
        self.groups: list[tuple[int, str]] = []
        self.full_names: dict[str, list[tuple[int, str]]] = {}
        for ent in doc.ents:
            if ent.label_ == _PERSON:
                self._add_person(ent)
            elif ent.label_ in _GROUPS:
                self.groups.append((ent.start_char, self.clean_name(list(ent))))

    def clean_name(self, tokens: list[Token]) -> str:
        tokens = _strip_possessive(list(tokens))
        while len(tokens) > 1 and (
            tokens[0].lower_.rstrip(".") in self.lexicon.honorifics
            or tokens[0].lower_ in _DETERMINERS
        ):
            tokens = tokens[1:]
        if not tokens:
            return ""
        return self.doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]

    def _add_person(self, ent: Span) -> None:
        name = self.clean_name(list(ent))
        if not name:
            return
        person = Person(name, ent.start_char, ent.root.dep_ in ("nsubj", "nsubjpass"))
        for token in self._title_tokens(ent):
            if token.ent_type_ in _PLACE_TYPES:
                person.places.add(_stem(token.text))
            elif token.pos_ in ("NOUN", "PROPN", "ADJ"):
                person.titles.add(token.lemma_.lower())
        self.persons.append(person)
        parts = name.split()
        if len(parts) > 1:
            # Surname last ("Patel") or first ("Xi Jinping"): either part alone may name them.
            for part in {parts[0], parts[-1]}:
                self.full_names.setdefault(part.lower(), []).append((ent.start_char, name))

    def _title_tokens(self, ent: Span) -> list[Token]:
        """Words that describe a person where named: "Russian President Vladimir Putin",
        "Han Zheng, China's vice president"."""
        found: list[Token] = []
        i = ent.start - 1
        while i >= 0 and self.doc[i].dep_ in _TITLE_DEPS and self.doc[i].head.i >= ent.start - 6:
            found.append(self.doc[i])
            i -= 1
        for child in ent.root.children:
            if child.dep_ == "appos":
                found.extend(t for t in child.subtree)
        return found

    def _full_name(self, name: str, before: int) -> str:
        """The full name this surname stands for: the latest one named before, else the first."""
        options = self.full_names.get(name.lower()) if " " not in name else None
        if not options or len(name.split()) > 1 and any(n == name for _, n in options):
            return name
        earlier = [n for start, n in options if start < before]
        chosen = earlier[-1] if earlier else options[0][1]
        return chosen if len(chosen) > len(name) else name

    def _recent_person(self, before: int) -> str | None:
        earlier = [p for p in self.persons if p.start < before]
        subjects = [p for p in earlier[-6:] if p.is_subject]
        chosen = (subjects or earlier)[-1:] if earlier else []
        return self._full_name(chosen[0].name, chosen[0].start + 1) if chosen else None

    def _described_person(self, mention: Span) -> str | None:
        """The person a description ("the Chinese leader") fits best among those named before.

        Each person's titles and places are pooled over all their mentions; a place that
        disagrees ("Russian" for "the Chinese leader") rules a person out.
        """
        root = mention.root.lemma_.lower()
        places = {_stem(t.text) for t in mention if t.ent_type_ in _PLACE_TYPES}
        words = {t.lemma_.lower() for t in mention if t.pos_ in ("NOUN", "ADJ", "PROPN")}
        profiles: dict[str, Person] = {}
        for person in self.persons:
            if person.start >= mention.start_char:
                break
            full = self._full_name(person.name, person.start + 1)
            profile = profiles.pop(full, None)
            if profile is None:
                profile = Person(full, person.start, person.is_subject, mentions=0)
            profile.mentions += 1
            profile.titles |= person.titles
            profile.places |= person.places
            profiles[full] = profile  # re-inserted: dict order is recency order
        best: tuple[int, int, str] | None = None
        for recency, profile in enumerate(profiles.values()):
            if places and profile.places and not places & profile.places:
                continue
            score = 2 * (root in profile.titles) + len(words & profile.titles)
            score += len(places & profile.places)
            # Descriptions point at the story's main people: salience breaks near-ties.
            score += min(2, profile.mentions - 1)
            if best is None or (score, recency) >= best[:2]:
                best = (score, recency, profile.name)
        return best[2] if best else None

    def resolve(self, mention: Span | None) -> str | None:
        if mention is None:
            return None
        start = mention.start_char
        persons = [e for e in mention.ents if e.label_ == _PERSON]
        if persons:
            return self._full_name(self.clean_name(list(persons[-1])), start)
        root = mention.root
        lower = root.lower_
        if len(mention) == 1 and lower in self.lexicon.person_pronouns:
            return self._recent_person(start) or mention.text
        if len(mention) == 1 and lower in self.lexicon.group_pronouns:
            earlier = [name for begin, name in self.groups if begin < start]
            return earlier[-1] if lower == "it" and earlier else mention.text
        if root.pos_ == "PROPN" and root.lower_ in self.full_names:
            return self._full_name(root.text, start)
        if root.lemma_.lower() in self.lexicon.role_nouns and mention[0].lower_ == "the":
            return self._described_person(mention) or mention.text
        # The group the phrase is headed by ("TASS"), or named at its end ("the agency TASS").
        groups = [e for e in mention.ents if e.label_ in _GROUPS]
        heads = [e for e in groups if e.start <= root.i < e.end or e.end == mention.end]
        if heads:
            return self.clean_name(list(heads[0]))
        return self.clean_name(list(mention)) or mention.text
