"""Stage 3: resolve a speaker mention to the canonical name used elsewhere in the article.

"Patel" -> "Vedant Patel" (a part of a full name), "he" -> the last person who spoke or was the
subject of a sentence, "the Chinese leader" -> the person whose titles and places fit best,
"the company" -> the organisation named last.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .intervals import IntervalSet
from .lexicon import Lexicon
from .linking import mention_of

_PERSON = "PERSON"
_GROUPS = ("ORG", "GPE", "NORP")
_PLACE_TYPES = ("NORP", "GPE")
_SUBJECTS = ("nsubj", "nsubjpass")
_RELATIVE_PRONOUNS = {"who", "which", "that"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_TITLE_DEPS = ("compound", "amod", "nmod", "poss", "case", "punct", "det")
_PRONOUN_WINDOW = 3  # sentences back in which a pronoun looks for its person


@dataclass
class Person:
    """One named person, pooled over their mentions when used as a profile."""

    name: str
    start: int
    is_subject: bool
    titles: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    mentions: int = 1


@dataclass(frozen=True)
class Salient:
    """Someone a pronoun may point at: a speaker, or a person named outside reported words."""

    start: int
    name: str
    is_subject: bool


def _stem(word: str) -> str:
    """Crude shared stem so that 'Chinese' and 'China' agree, 'Russian' and 'Russia' too."""
    return word.lower()[:4]


def _strip_possessive(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[-1].lower_ in ("'s", "’s", "'", "’") or tokens[-1].is_punct):
        tokens = tokens[:-1]
    return tokens


def _is_subject(token: Token) -> bool:
    """A subject, or the name in apposition to one ("One victim, Margaret Hill, wrote")."""
    return token.dep_ in _SUBJECTS or (token.dep_ == "appos" and token.head.dep_ in _SUBJECTS)


class SpeakerResolver:
    """Built once per document. Call ``resolve`` on speaker mentions in text order: each
    resolved speaker becomes the likeliest referent of the pronouns that follow."""

    def __init__(self, doc: Doc, lexicon: Lexicon, contents: list[tuple[int, int]] = ()):
        self.doc = doc
        self.text = doc.text  # built anew on every access of doc.text: keep one copy
        self.lexicon = lexicon
        self.contents = IntervalSet(contents)
        self.persons: list[Person] = []
        self.groups: list[tuple[int, str]] = []
        self.organisations: list[tuple[int, str]] = []
        self.full_names: dict[str, list[tuple[int, str]]] = {}
        self.salient: list[Salient] = []
        self._named: list[Salient] | None = None
        self._named_starts: list[int] = []
        self.sentence_starts = [s.start_char for s in doc.sents]
        self.ents = list(doc.ents)  # Span.ents walks every entity of the doc: ask once
        self.ent_starts = [e.start for e in self.ents]
        for ent in self.ents:
            if ent.label_ == _PERSON:
                self._add_person(ent)
            elif ent.label_ in _GROUPS:
                self.groups.append((ent.start_char, self.clean_name(list(ent))))
                if ent.label_ == "ORG":
                    self.organisations.append(self.groups[-1])

    # -- building the article's cast --------------------------------------------------------

    def clean_name(self, tokens: list[Token]) -> str:
        tokens = _strip_possessive(list(tokens))
        while len(tokens) > 1 and (
            tokens[0].lower_.rstrip(".") in self.lexicon.honorifics
            or tokens[0].lower_ in _DETERMINERS
        ):
            tokens = tokens[1:]
        if not tokens:
            return ""
        return self.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]

    def _inside_content(self, position: int) -> bool:
        return position in self.contents

    def _add_person(self, ent: Span) -> None:
        name = self.clean_name(list(ent))
        if not name:
            return
        person = Person(name, ent.start_char, _is_subject(ent.root))
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
                found.extend(child.subtree)
        if ent.root.dep_ == "appos":
            found.extend(t for t in ent.root.head.subtree if t.i < ent.start)
        return found

    def _full_name(self, name: str, before: int) -> str:
        """The full name a part stands for: the latest one named before, else the first."""
        options = self.full_names.get(name.lower()) if " " not in name else None
        if not options:
            return name
        earlier = [n for start, n in options if start < before]
        return earlier[-1] if earlier else options[0][1]

    # -- the three kinds of reference -------------------------------------------------------

    def _window_start(self, position: int) -> int:
        index = bisect_right(self.sentence_starts, position) - 1
        return self.sentence_starts[max(0, index - _PRONOUN_WINDOW)] if index >= 0 else 0

    def _pronoun(self, mention: Span) -> str | None:
        """The latest subject or speaker in the last few sentences, else the latest person."""
        start = mention.start_char
        window = self._window_start(start)
        named = self._named_people()
        recent = named[bisect_right(self._named_starts, window - 1) : bisect_right(self._named_starts, start - 1)]
        people = recent + [s for s in self.salient if window <= s.start < start]
        people += self._described_subjects(mention)
        subjects = sorted((s for s in people if s.is_subject), key=lambda s: s.start)
        if subjects:
            return subjects[-1].name
        earlier = named[: bisect_right(self._named_starts, start - 1)]
        latest = max(earlier + [s for s in self.salient if s.start < start], key=lambda s: s.start, default=None)
        return latest.name if latest else None

    def _named_people(self) -> list[Salient]:
        """Named people outside reported content, in text order (built on first use)."""
        if self._named is None:
            self._named = [
                Salient(p.start, self._full_name(p.name, p.start + 1), p.is_subject)
                for p in self.persons
                if not self._inside_content(p.start)
            ]
            self._named_starts = [s.start for s in self._named]
        return self._named

    def _described_subjects(self, mention: Span) -> list[Salient]:
        """"The German minister also rejected…": role descriptions as subjects of recent
        sentences, resolved, so that a following "she" can point at them."""
        window = self._window_start(mention.start_char)
        found = []
        for token in self.doc.char_span(window, mention.start_char, alignment_mode="contract") or []:
            if token.dep_ in _SUBJECTS and self._is_description(token, self.lexicon.role_nouns):
                described = self.doc[token.left_edge.i : token.i + 1]
                name = self._described_person(described)
                if name:
                    found.append(Salient(token.idx, name, True))
        return found

    def _is_description(self, root: Token, heads: frozenset[str]) -> bool:
        first = root.left_edge
        return root.lemma_.lower() in heads and first.lower_ == "the" and not root.ent_type_

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

    def _described_group(self, mention: Span) -> str | None:
        earlier = [name for start, name in self.organisations if start < mention.start_char]
        return earlier[-1] if earlier else None

    # -- entry point ------------------------------------------------------------------------

    def resolve(self, mention: Span | None) -> str | None:
        if mention is None:
            return None
        name, kind = self._resolve(mention)
        if kind == "person":
            self.salient.append(Salient(mention.start_char, name, True))
        elif kind == "organisation":
            self.organisations.append((mention.start_char, name))
        return name

    def _names_person(self, ent: Span, root: Token) -> bool:
        """The mention is this person: the name heads it, or stands in apposition to its head
        ("Greece's minister, Vasilis Kikilias"); not "Walsh's lawyers"."""
        return ent.start <= root.i < ent.end or (
            ent.root.dep_ == "appos" and ent.root.head.i == root.i
        )

    def _names_group(self, ent: Span, root: Token, mention: Span) -> bool:
        return (
            ent.start <= root.i < ent.end
            or (ent.root.head.i == root.i and ent.root.dep_ in ("compound", "appos"))
            or (ent.end == mention.end and ent.start == root.i + 1)  # "the agency TASS"
        )

    def _ents_in(self, mention: Span) -> list[Span]:
        first = bisect_right(self.ent_starts, mention.start - 1)
        last = bisect_right(self.ent_starts, mention.end)
        return [e for e in self.ents[first:last] if e.end <= mention.end]

    def _resolve(self, mention: Span) -> tuple[str, str | None]:
        """(name, 'person' | 'organisation' | None)."""
        start = mention.start_char
        root = mention.root
        ents = self._ents_in(mention)
        for ent in ents:
            if ent.label_ == _PERSON and self._names_person(ent, root):
                return self._full_name(self.clean_name(list(ent)), start), "person"
        if len(mention) == 1 and root.lower_ in _RELATIVE_PRONOUNS and root.head.dep_ == "relcl":
            return self._resolve(mention_of(root.head.head))
        if len(mention) == 1 and root.lower_ in self.lexicon.person_pronouns:
            name = self._pronoun(mention)
            return (name, "person") if name else (mention.text, None)
        if len(mention) == 1 and root.lower_ in self.lexicon.group_pronouns:
            earlier = [name for begin, name in self.groups if begin < start]
            return (earlier[-1] if root.lower_ == "it" and earlier else mention.text), None
        if root.text[:1].isupper() and root.lower_ in self.full_names:
            return self._full_name(root.text, start), "person"
        if self._is_description(root, self.lexicon.role_nouns):
            name = self._described_person(mention)
            return (name, "person") if name else (mention.text, None)
        if self._is_description(root, self.lexicon.organisation_nouns):
            return self._described_group(mention) or mention.text, None
        for ent in ents:
            if ent.label_ in _GROUPS and self._names_group(ent, root, mention):
                return self.clean_name(list(ent)), "organisation" if ent.label_ == "ORG" else None
        words = [t for t in mention if t.is_alpha]
        if words and all(t.text[:1].isupper() for t in words) and not self._ents_in(mention):
            # A name the tagger did not read as one ("KATE BOLDUAN: Why not debate?").
            return self.clean_name(list(mention)), None
        if root.pos_ == "PROPN" and root.text[:1].isupper():
            # A name the NER missed ("Harlow Foods, the country's third-largest chain").
            first = root
            while first.i > mention.start and (
                self.doc[first.i - 1].dep_ == "compound" or self.doc[first.i - 1].pos_ == "PROPN"
            ):
                first = self.doc[first.i - 1]
            return self.clean_name(list(self.doc[first.i : root.i + 1])), "organisation"
        return mention.text, None
