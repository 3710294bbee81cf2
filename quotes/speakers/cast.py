"""The article's cast: the people and organisations it names, found once per document.

For each source (keyed by canonical name) a ``Profile`` pools what the article says anywhere:
titles ("president"), places ("Russian"), roles (``roles``), gender evidence (titles, nouns,
the pronouns the article uses for them) and how often they are named. Indices by position
(``Timeline``) and by word answer the resolver's questions without scanning the document.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..resources.lists import NameLists
from ..resources.words import WORDS
from ..syntax import entities_within, mention_of
from ..text.furniture import load_furniture
from ..text.intervals import IntervalSet
from .canonical import clean_name, defined_acronyms, name_tokens, normalise_name
from .finding import (
    first_name_suffix,
    group_span,
    missed_names,
    missed_organisations,
    other_names,
    person_span,
    sound_entity,
    surnames_alone,
)
from .roles import (
    APPOSITION,
    DESCRIPTION,
    TITLE,
    Role,
    appositive_span,
    capitalised_title,
    conjunct_title,
    described_by_head,
    make_role,
    misattached_tail,
    title_chain,
    title_role,
)
from .scan import Scan
from .timeline import Timeline

# Where a name cannot be what a later pronoun stands for: a photo credit "(Jane Smith/Reuters)",
# a dateline "PARIS (AFP) -", "OTTAWA —".
_CREDIT = re.compile(r"\(\s*[A-Z][^()\n/]{0,60}/[^()\n]{1,60}\)")
_DATELINE = re.compile(r"^[ \t]*[A-Z][A-Z .,'’-]{1,40}(\([A-Za-z .]{1,30}\))?[ \t]*[-—–]", re.MULTILINE)

PERSON = "PERSON"
GROUPS = ("ORG", "GPE", "NORP")
PLACES = ("NORP", "GPE")
SUBJECTS = ("nsubj", "nsubjpass")


def pronoun_gender(word: str) -> str | None:
    word = word.lower()
    return "f" if word in WORDS.female_pronouns else "m" if word in WORDS.male_pronouns else None


def place_stem(word: str) -> str:
    """Crude shared stem so that 'Chinese' and 'China' agree, 'Russian' and 'Russia' too."""
    return word.lower()[:4]


def is_subject(token: Token) -> bool:
    """A subject, or the name in apposition to one ("One victim, Margaret Hill, wrote"), or
    the name ending a subject's long title ("Principal Secretary for Trade Alfred Kamau said")."""
    if token.dep_ in SUBJECTS or (token.dep_ == "appos" and token.head.dep_ in SUBJECTS):
        return True
    head = token.head.head if token.dep_ == "pobj" else None
    return head is not None and head.dep_ in SUBJECTS and head.right_edge.i == token.i


@dataclass
class Profile:
    """One source pooled over every mention of it."""

    name: str
    first: int  # character offset of the first mention
    kind: str = "person"  # or "organisation"
    titles: set[str] = field(default_factory=set)  # head nouns of titles: "president"
    modifiers: set[str] = field(default_factory=set)  # other title words: "police", "vice"
    places: set[str] = field(default_factory=set)
    roles: set[Role] = field(default_factory=set)
    best: Role | None = None
    gender_words: dict[str, int] = field(default_factory=lambda: {"f": 0, "m": 0})
    gender_pronouns: dict[str, int] = field(default_factory=lambda: {"f": 0, "m": 0})
    # The article's own evidence of how it presents the person, by (gender, "title" | "role
    # word" | "pronoun"): "Ms. Chen", "the spokeswoman", "she said" resolved to them.
    gender_evidence: Counter[tuple[str, str]] = field(default_factory=Counter)
    pronoun_tokens: dict[int, str] = field(default_factory=dict)  # the pronouns counted there -> "f" | "m"
    mentions: int = 0

    def add_role(self, role: Role) -> None:
        if role.end > role.start and role not in self.roles:
            self.roles.add(role)
            if self.best is None or role.rank() > self.best.rank():
                self.best = role


@dataclass(frozen=True)
class Named:
    """A person named outside reported words: a pronoun's candidate antecedent."""

    start: int
    name: str
    is_subject: bool


@dataclass(frozen=True)
class NameMention:
    """Any naming of a person, organisation or place, quoted or not: what keeps an entity
    salient for the pronouns and descriptions after it (``tracker``)."""

    start: int
    token: int  # the name's root
    name: str
    kind: str  # person | organisation | place
    is_subject: bool


@dataclass(frozen=True)
class Introduction:
    """The first naming of a person; ``speaks`` when they are the subject of a speech verb."""

    start: int
    name: str
    speaks: bool


class Cast:
    """Everyone the article names, indexed by position and by word."""

    def __init__(
        self,
        doc: Doc,
        text: str,
        honorifics: frozenset[str],
        lists: NameLists,
        contents: IntervalSet,
        speech_verbs: frozenset[str] = frozenset(),
        title_words: frozenset[str] = frozenset(),
        scan: Scan | None = None,
        sentence_starts: list[int] | None = None,
    ):
        self.doc = doc
        self.scan = scan or Scan(doc)
        self.sentence_starts = sentence_starts if sentence_starts is not None else self.scan.sentence_starts()
        self.text = text
        self.lists = lists
        self.titles = honorifics | lists.courtesy_titles
        self.title_words = title_words | honorifics
        self.contents = contents
        self.speech_verbs = speech_verbs
        self.ents = [e for e in doc.ents if sound_entity(e)]  # Span.ents walks every entity: ask once
        self.acronyms = defined_acronyms(doc, text, self.titles, self.scan.where(lower=["("]))
        self.profiles: dict[str, Profile] = {}
        self.by_title: dict[str, set[str]] = {}  # title head -> names of people holding it
        self._parts: dict[str, tuple[Timeline[str], Timeline[str]]] = {}  # part -> (all, subjects)
        self.named: Timeline[Named] = Timeline()
        self.mentions: list[NameMention] = []  # every naming, in text order
        self.mute = IntervalSet(  # credits, datelines, bylines and labels: names that do not speak
            [m.span() for m in _CREDIT.finditer(text)] + [m.span() for m in _DATELINE.finditer(text)]
            + load_furniture().ranges(text).spans() + load_furniture().datelines(text).spans()
        )
        self.introductions: Timeline[Introduction] = Timeline()
        self.organisations: Timeline[tuple[str, str]] = Timeline()  # (name, label)
        self.companies: Timeline[str] = Timeline()  # ORG names only
        self.org_words: dict[str, Timeline[str]] = {}  # "agency" -> names holding it
        self.org_short: dict[str, str] = {}  # "Corvant" -> "Corvant Pharmaceuticals"
        self.documents: dict[str, Timeline[Span]] = {}  # head -> full descriptions
        self._find_everyone()
        self._index_documents()
        self._count_pronouns()

    # -- finding names ----------------------------------------------------------------------

    def _find_everyone(self) -> None:
        missed = self._missed_names()
        persons = [
            self.person_span(e) for e in self.ents
            if e.label_ == PERSON and e[-1].lower_ not in self.lists.thing_heads  # not "Al Wakrah Stadium"
        ] + missed
        for span in persons:
            self._index_parts(span)
        alone = self._surnames_alone(persons)
        persons += alone
        ends = {span.end for span in missed + alone}  # "Trade Alfred Kamau" is Alfred Kamau
        groups = [e for e in self.ents if e.label_ in GROUPS and e.end not in ends]
        groups += self._missed_organisations()
        people = {(span.start, span.end) for span in persons}
        for span in sorted(persons + groups, key=lambda s: s.start):
            if (span.start, span.end) in people:
                self._add_person(span)
            else:
                self._add_group(span)
        covered = {t.i for e in self.ents for t in e} | {t.i for span in persons + groups for t in span}
        for span in other_names(self.doc, self.scan, covered):
            self._add_other(span)

    def _mention(self, span: Span, name: str, kind: str) -> None:
        if span.start_char not in self.mute:
            self.mentions.append(NameMention(span.start_char, span.root.i, name, kind, is_subject(span.root)))

    def _add_other(self, span: Span) -> None:
        """A proper name no entity holds: a person when it is part of a person's name or starts
        with a first name, else of a kind unknown. Only the tracker reads it."""
        name = self.name_of(span)
        if not name or not name[:1].isupper():
            return
        words = name.split()
        if any(w.lower().rstrip(".") in self.title_words or self.lists.not_a_person(w) for w in words):
            return  # "Deputy Minister", "the Territories Ministry": titles and bodies, not names
        if self.knows_part(words[-1]) or len(words) > 1 and self.lists.name_gender(words[0]):
            name, kind = self.full_name(name, span.start_char + 1), "person"
        else:
            kind = "unknown"
        self._mention(span, name, kind)

    def _missed_names(self) -> list[Span]:
        return missed_names(self.doc, self.scan, self.lists)

    def _surnames_alone(self, persons: list[Span]) -> list[Span]:
        return surnames_alone(self.doc, self.scan, persons, set(self._parts))

    def _missed_organisations(self) -> list[Span]:
        return missed_organisations(self.doc, self.scan, self.lists)

    def first_name_suffix(self, span: Span) -> Span | None:
        return first_name_suffix(span, self.lists)

    def person_span(self, ent: Span) -> Span:
        return person_span(ent, self.lists)

    # -- names and their parts --------------------------------------------------------------

    def name_of(self, tokens: list[Token] | Span) -> str:
        return clean_name(self.text, list(tokens), self.titles)

    def _index_parts(self, span: Span) -> None:
        name = self.name_of(span)
        parts = name.split()
        if len(parts) > 1:
            # Surname last ("Patel") or first ("Xi Jinping"): either part alone may name them.
            for part in {parts[0].lower(), parts[-1].lower()}:
                every, subjects = self._parts.setdefault(part, (Timeline(), Timeline()))
                every.add(span.start_char, name)
                if is_subject(span.root):
                    subjects.add(span.start_char, name)

    def full_name(self, name: str, before: int, fits: Callable[[str], bool] | None = None) -> str:
        """The full name a part stands for: the latest named before as a subject, else the
        latest named before, else the first ("He is not related to Joseph Kamau" does not make
        the next "Kamau" Joseph). With ``fits``, a full name that fits comes first ("Keller,
        who …, said she believes …" is Sarah Keller, not her brother Tom named just before)."""
        if " " in name or name.lower() not in self._parts:
            return name
        every, subjects = self._parts[name.lower()]
        if fits is not None:
            fitting = subjects.latest_before(before, fits) or every.latest_before(before, fits)
            if fitting:
                return fitting
        return subjects.latest_before(before) or every.latest_before(before) or every.first() or name

    def knows_part(self, word: str) -> bool:
        return word.lower() in self._parts

    # -- people -----------------------------------------------------------------------------

    def profile(self, name: str, start: int) -> Profile:
        profile = self.profiles.get(name)
        if profile is None:
            profile = self.profiles[name] = Profile(name, start)
        return profile

    def _add_person(self, span: Span) -> None:
        name = self.name_of(span)
        if not name:
            return
        full = self.full_name(name, span.start_char + 1)
        outside = span.start_char not in self.contents
        if full not in self.profiles:
            root = span.root
            speaks = root.dep_ in SUBJECTS and root.head.lemma_.lower() in self.speech_verbs
            self.introductions.add(span.start_char, Introduction(span.start_char, full, speaks and outside))
        profile = self.profile(full, span.start_char)
        profile.mentions += 1
        self._mention(span, full, "person")
        if outside:  # a title inside reported words is the speaker's, not the article's
            self.attach_titles(profile, span)
        if outside:
            self.named.add(span.start_char, Named(span.start_char, full, is_subject(span.root)))

    def attach_titles(self, profile: Profile, name: Span) -> None:
        """Titles, places, roles and gendered words found around one mention of a name."""
        doc = self.doc
        kept = name_tokens(list(name), self.titles)
        inside = [t for t in name if kept and t.i < kept[0].i]  # "President" inside the entity
        particles = self.lists.name_particles
        chain = title_chain(doc, name.start, name.end, particles) + inside or conjunct_title(doc, name.root)
        long_title = capitalised_title(doc, name.start, self.title_words, self.lists.name_gender, particles)
        if len(long_title) > len(chain):
            chain = long_title
        self._learn(profile, chain)
        role = title_role(doc, chain, self.lists.courtesy_titles)
        if role is not None:
            profile.add_role(role)
        for child in name.root.children:
            if (
                child.dep_ == "appos"
                and child.pos_ in ("NOUN", "PROPN", "NUM")
                # "one of Ukraine's largest traders"; "a Republican" (a NORP used as a noun)
                and (not child.ent_type_ or child.lower_ == "one"
                     or child.ent_type_ == "NORP" and any(c.dep_ == "det" for c in child.children))
                and not name.start <= child.i < name.end
            ):
                span = appositive_span(child)
                if span is not None:
                    role = make_role(doc, span.start, misattached_tail(doc, span.end, name.root), APPOSITION)
                    # The role's own words: not "…, and her younger brother Tom Keller" after it.
                    self._learn(profile, list(doc[role.start : role.end]))
                    profile.add_role(role)
        described = described_by_head(doc, name, chain)
        if described is not None:
            self._learn(profile, list(described))
            profile.add_role(make_role(doc, described.start, described.end, APPOSITION))

    def add_title(self, name: str, start: int, end: int) -> None:
        """A long title the parser split from the name it precedes."""
        profile = self.profiles.get(name)
        if profile is not None and end > start:
            self._learn(profile, list(self.doc[start:end]))
            profile.add_role(make_role(self.doc, start, end, TITLE))

    def add_description(self, name: str, mention: Span) -> None:
        """A description the article ties to this person ("the Chinese leader") is a role too."""
        profile = self.profiles.get(name)
        if profile is not None:
            profile.add_role(make_role(self.doc, mention.start, mention.end, DESCRIPTION))

    def _learn(self, profile: Profile, tokens: list[Token]) -> None:
        """What title words say: gender ("spokeswoman"), place ("Russian"), title heads
        ("president", not after "vice") and other modifiers ("police")."""
        doc = self.doc
        for token in tokens:
            gender = self.lists.word_gender(token.lower_)
            if gender:
                profile.gender_words[gender] += 1
                kind = "title" if token.lower_.rstrip(".") in self.lists.courtesy_titles else "role word"
                profile.gender_evidence[(gender, kind)] += 1
            if token.ent_type_ in PLACES:
                profile.places.add(place_stem(token.text))
            elif token.lower_.rstrip(".") in self.lists.courtesy_titles:
                continue
            elif token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound", "poss", "amod") or (
                token.pos_ == "PROPN" and token.lower_.rstrip(".") in self.titles
            ):
                title = self.lists.title(token.lemma_.lower())  # "Gov." is a governor
                if token.i > 0 and (doc[token.i - 1].lower_, title) == ("prime", "minister"):
                    title = "prime minister"
                if any(doc[j].lower_ in self.lists.role_modifiers for j in range(max(0, token.i - 2), token.i)):
                    profile.modifiers.add(doc[token.i - 1].lower_)
                    continue  # "vice president" is not a president
                profile.titles.add(title)
                self.by_title.setdefault(title, set()).add(profile.name)
            elif token.pos_ in ("NOUN", "PROPN", "ADJ"):
                profile.modifiers.add(token.lemma_.lower())

    def _count_pronouns(self) -> None:
        """The article's own pronouns for a person: a he/she/his/her outside reported words,
        in a sentence that names only that person (after the name) or in the sentences after
        it until someone else is named. The speaker of a speech verb is not counted: that
        is what the resolver is asked."""
        from bisect import bisect_right

        starts = self.sentence_starts
        by_sentence: dict[int, list[Named]] = {}
        for start, named in self.named.items():
            by_sentence.setdefault(bisect_right(starts, start) - 1, []).append(named)
        naming = sorted(by_sentence)
        pronouns = self.scan.where(pos=["PRON"], lower=WORDS.female_pronouns | WORDS.male_pronouns)
        for i in pronouns:
            token = self.doc[i]
            if token.idx in self.contents or token.dep_ in SUBJECTS and token.head.lemma_.lower() in self.speech_verbs:
                continue
            sentence = bisect_right(starts, token.idx) - 1
            position = bisect_right(naming, sentence) - 1
            if position < 0:
                continue
            names = by_sentence[naming[position]]
            if len({n.name for n in names}) != 1:
                continue  # two people named: the pronoun could be either's
            if naming[position] == sentence and token.idx < names[0].start:
                continue
            gender = pronoun_gender(token.lower_)
            assert gender is not None  # only female and male pronouns were scanned for
            self.profiles[names[0].name].gender_pronouns[gender] += 1
            self.profiles[names[0].name].gender_evidence[(gender, "pronoun")] += 1
            self.profiles[names[0].name].pronoun_tokens[i] = gender

    # -- organisations ----------------------------------------------------------------------

    def group_name(self, ent: Span) -> str:
        """An organisation's canonical name: its long form for a defined acronym or a short
        form ("Corvant"), a description tagged as a name as written ("Russia's defence
        ministry")."""
        span = group_span(ent)
        first = next((t for t in span if t.lower_ not in WORDS.determiners), span[0])
        if first.text[:1].islower() or any(t.dep_ == "case" for t in span):
            return normalise_name(span.text)
        name = self.name_of(span)
        if name in self.acronyms:
            return self.acronyms[name][1]
        if " " not in name and ent.label_ == "ORG":
            return self.org_short.get(name, name)
        return name

    def _add_group(self, ent: Span) -> None:
        label = ent.label_ or "ORG"  # an organisation the NER missed
        span = group_span(ent)
        name = self.group_name(ent)
        if not name:
            return
        start = span.start_char
        self.organisations.add(start, (name, label))
        if label != "NORP":  # "Australian" describes; it is not what a pronoun stands for
            self._mention(span, name, "organisation" if label == "ORG" else "place")
        if label == "ORG" or (label == "GPE" and " of " in name):  # "the City of Springfield"
            for word in name.lower().split():
                self.org_words.setdefault(word, Timeline()).add(start, name)
        if label == "ORG":
            if " " in name:
                self.org_short.setdefault(name.split()[0], name)
            self.companies.add(start, name)
            profile = self.profile(name, start)
            profile.kind = "organisation"
            profile.mentions += 1
            self.attach_titles(profile, span)

    def organisation_named(self, word: str, start: int) -> str | None:
        """The organisation whose name holds ``word`` ("agency" -> "Canada Revenue Agency"): the
        latest named before ``start``, else the first named."""
        options = self.org_words.get(word.lower())
        return (options.latest_before(start) or options.first()) if options else None

    def groups_between(self, start: int, end: int) -> list[tuple[int, tuple[str, str]]]:
        return self.organisations.between(start, end)

    # -- documents --------------------------------------------------------------------------

    def _index_documents(self) -> None:
        """Documents the article describes in full ("A provincial audit released in June"), by
        head noun, so that a later "the audit" takes that description."""
        for i in self.scan.where(pos=["NOUN"], lemma=self.lists.document_heads):
            token = self.doc[i]
            if token.idx not in self.contents:
                span = mention_of(token)
                if sum(1 for t in span if t.is_alpha) > 2:
                    self.documents.setdefault(token.lemma_.lower(), Timeline()).add(span.start_char, span)

    def described_document(self, head: str, before: int) -> Span | None:
        options = self.documents.get(head)
        return options.latest_before(before) if options else None

    def ents_in(self, mention: Span) -> list[Span]:
        return entities_within(mention)
