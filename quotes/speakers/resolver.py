"""Stage 3: say who each speaker mention is: the name the article gives it, its type and role.

The parts live in ``quotes.names`` (mentions, cast, candidates, agreement, choice, descriptions,
canonical, roles); this module applies them in order. ``resolve`` is called on speaker mentions
in text order: each resolved speaker becomes a candidate for the pronouns that follow.

Rules, in the order tried:
- a name: "Patel" -> "Vedant Patel" (a part of a full name); coordinated names keep every name;
  an acronym the article defines takes its long form ("The CRA" -> "Canada Revenue Agency");
- "he"/"she": the latest subject or speaker of the last three sentences whose gender fits
  (titles, gendered nouns, the article's own pronouns for them, the first-name list), else the
  latest person named before who fits;
- "they"/"we": the latest organisation or plural source of those sentences, else unresolved;
- "it": the latest organisation or document source of those sentences; a country only when it
  is the only group named there ("Britain fined Acme … it said" is Acme); else unresolved;
- a description of a person, organisation or document: see ``quotes.names.descriptions``;
- anything else keeps its words, typed by its head noun (document, anonymous, organisation).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..resources.lexicon import Lexicon
from ..resources.lists import load_lists
from ..resources.words import WORDS
from ..syntax import mention_of
from ..text.intervals import IntervalSet
from .agreement import fits_pronoun, gender
from .antecedents import Antecedents, Seen
from .canonical import is_acronym, normalise_name
from .cast import GROUPS, PERSON, Cast
from .choice import latest_subject
from .descriptions import Describer
from .mentions import coordinated, head_word, is_plural, name_span, narrow, with_following_name
from .scan import Scan

_LOOKBACK = 50  # people named before the window that a pronoun may still reach


@dataclass(frozen=True)
class Source:
    """Who a speaker mention is. ``mention`` is narrowed to the source ("a statement by X" ->
    X); ``name`` is canonical and normalised; ``role`` the fullest title or description the
    article attaches to the source anywhere, or None."""

    mention: Span | None
    name: str | None
    source_type: str  # person | organisation | anonymous | document | none
    role: Span | None


NO_SOURCE = Source(None, None, "none", None)


@dataclass(frozen=True)
class _Found:
    name: str
    source_type: str
    profile: str | None = None  # whose role to report
    plural: bool = False
    role: Span | None = None  # a role found in the mention itself


class SpeakerResolver:
    """Built once per document; ``resolve`` speaker mentions in text order."""

    def __init__(self, doc: Doc, lexicon: Lexicon, contents: Sequence[tuple[int, int]] = ()):
        self.doc = doc
        self.text = doc.text  # built anew on every access of doc.text: keep one copy
        self.lexicon = lexicon
        self.lists = load_lists()
        self.contents = IntervalSet(contents)
        role_heads = lexicon.role_nouns | frozenset(self.lists.role_hypernyms)
        title_words = role_heads.union(*self.lists.role_hypernyms.values())
        self.organisation_heads = lexicon.organisation_nouns | self.lists.organisation_heads
        scan = Scan(doc)
        sentence_starts = scan.sentence_starts()
        self.cast = Cast(
            doc, self.text, lexicon.honorifics, self.lists, self.contents,
            lexicon.speech_verbs, title_words, scan, sentence_starts,
        )
        self.antecedents = Antecedents(self.cast, sentence_starts)
        self._genders: dict[str, str | None] = {}
        self.describer = Describer(self.cast, self.lists, self.antecedents, role_heads, self._gender)
        self.describer.tie_all(self.contents)

    # -- entry point ------------------------------------------------------------------------

    def resolve(self, mention: Span | None, pronoun: str | None = None, remember: bool = True) -> Source:
        """``pronoun``: "he" or "she" when what the speaker says opens with it ("Keller said
        she believes …"); it chooses between the full names a bare surname could stand for.
        Without ``remember`` the source is not a candidate for later pronouns (a probe: a
        mention resolved only to measure the resolver)."""
        if mention is None or len(mention) == 0:
            return NO_SOURCE
        mention = narrow(with_following_name(mention), self.lists)
        found = self._resolve(mention, pronoun)
        name = normalise_name(found.name) or normalise_name(mention.text)
        if not name:  # a mention of blanks or invisible characters names nobody
            return Source(mention, None, "none", None)
        if remember and (found.source_type in ("person", "organisation", "document") or found.plural):
            self.antecedents.add_seen(Seen(mention.start_char, name, found.source_type, found.plural))
        role = found.role
        profile = self.cast.profiles.get(found.profile) if found.profile else None
        if role is None and profile is not None and profile.best is not None:
            role = self.doc[profile.best.start : profile.best.end]
        return Source(mention, name, found.source_type, role)

    # -- the rules, in order ----------------------------------------------------------------

    def _resolve(self, mention: Span, pronoun: str | None = None) -> _Found:
        start, root = mention.start_char, mention.root
        fits = None if pronoun is None else (lambda n: fits_pronoun(pronoun, self._gender(n)))
        names = coordinated(mention)
        if names:
            return self._coordinated(mention, names)
        ents = self.cast.ents_in(mention)
        for ent in ents:
            if ent.label_ == PERSON and _names_person(ent, root):
                name = self.cast.full_name(self.cast.name_of(ent), start, fits)
                return _Found(name, self._person_or_group(name), name)
        titled = self._titled_name(mention, ents)
        if titled is not None:
            name = self.cast.full_name(self.cast.name_of(titled), start)
            self.cast.profile(name, titled.start_char)
            self.cast.add_title(name, mention.start, titled.start)
            return _Found(name, "person", name)
        word = root.lower_
        if len(mention) == 1 and word in WORDS.relative_pronouns and root.head.dep_ == "relcl":
            return self._resolve(mention_of(root.head.head), pronoun)
        if len(mention) == 1 and word in self.lexicon.person_pronouns:
            pronoun_name = self._person_pronoun(mention)
            return _Found(pronoun_name, "person", pronoun_name) if pronoun_name else _Found(mention.text, "anonymous")
        if len(mention) == 1 and (word in self.lexicon.group_pronouns or word in WORDS.plural_pronouns):
            return self._group_pronoun(mention)
        acronym = self._acronym(mention)
        if acronym:
            return _Found(acronym, "organisation", acronym)
        # "Patel", or "FALLIN" heading a transcript turn (whatever the tagger made of capitals).
        if root.text[:1].isupper() and self.cast.knows_part(root.text) and (
            root.pos_ in ("PROPN", "ADJ", "NOUN") or (len(mention) == 1 and root.text.isupper())
        ):
            name = self.cast.full_name(root.text, start, fits)
            return _Found(name, "person", name)
        return self._by_head(mention, ents)

    def _by_head(self, mention: Span, ents: list[Span]) -> _Found:
        """Descriptions and names the NER missed, by the head noun and the noun lists."""
        root = mention.root
        head = head_word(mention)
        plural = is_plural(mention)
        if head in self.lists.document_heads:
            fuller = self.describer.document(mention)
            return _Found((fuller or mention).text, "document", plural=plural)
        if self.describer.is_person_head(head, mention) and root.pos_ == "NOUN":
            name = self.describer.person(mention)
            return _Found(name, "person", name) if name else _Found(mention.text, "anonymous", plural=plural)
        run = _name_after_head(mention)
        if run is not None:
            name = self.cast.name_of(run)
            kind = "organisation" if head in self.organisation_heads else "person"
            described = self.doc[mention.start : run.start]  # "China's state news agency"
            return _Found(name, kind, name, role=described if described[0].lower_ != "the" or len(described) > 2 else None)
        for ent in ents:
            if ent.label_ in GROUPS and _names_group(ent, root, mention):
                if ent.label_ == "ORG" and self._looks_personal(ent):  # "Marcus Bell" read as ORG
                    name = self.cast.full_name(self.cast.name_of(ent), mention.start_char)
                    return _Found(name, "person", name)
                name = self.cast.group_name(ent)
                return _Found(name, "organisation", name)
        if head in self.organisation_heads and (root.pos_ == "NOUN" or root.text.islower()):
            name = self.describer.group(mention, head, self.lexicon.organisation_nouns)
            return _Found(name or mention.text, "organisation", name)
        if head in self.lists.anonymous_heads or root.pos_ in ("NOUN", "PRON"):
            return _Found(mention.text, "anonymous", plural=plural)
        words = [t for t in mention if t.is_alpha]
        if words and all(t.text.isupper() for t in words):
            # A transcript speaker ("KATE BOLDUAN: Why not debate?"); "Q:" is nobody named.
            single = len(words) == 1 and len(words[0]) == 1
            return _Found(self.cast.name_of(mention), "anonymous" if single else "person")
        if root.pos_ == "PROPN" and root.text[:1].isupper():
            return self._missed_name(name_span(root))
        return _Found(mention.text, "anonymous", plural=plural)

    # -- names ------------------------------------------------------------------------------

    def _coordinated(self, mention: Span, names: list[Span]) -> _Found:
        """"Owners Ana Ruiz and Ben Okafor": every name; the title before them is the role."""
        people = [self.cast.full_name(self.cast.name_of(span), span.start_char) for span in names]
        kind = "person" if any(self._looks_personal(span) for span in names) else "organisation"
        before = self.doc[mention.start : names[0].start]
        role = before if any(t.is_alpha and t.lower_ != "the" for t in before) else None
        return _Found(" and ".join(dict.fromkeys(people)), kind, None if role else people[0], True, role)

    def _titled_name(self, mention: Span, ents: list[Span]) -> Span | None:
        """A person named at the end of a long title the parser splits ("Minister of
        Agriculture, Irrigation and Rural Economic Development Laura Kinsella")."""
        last = mention[-1]
        if last.pos_ != "PROPN":
            return None
        person = [self.cast.person_span(e) for e in ents if e.label_ == PERSON and e.end == mention.end]
        name = person[0] if person else self.cast.first_name_suffix(name_span(last))
        if name is None or name.start <= mention.start:
            return None
        before = [t for t in mention[: name.start - mention.start] if t.is_alpha]
        if before and all(t.text[:1].isupper() or t.lower_ in ("of", "for", "and", "the", "on") for t in before):
            return name
        return None

    def _missed_name(self, span: Span) -> _Found:
        """A name the NER missed ("Harlow Foods, the country's third-largest chain")."""
        name = self.cast.name_of(span)
        kind = "person" if self._looks_personal(span) else "organisation"
        if kind == "organisation":
            name = self.cast.org_short.get(name, name)
        profile = self.cast.profile(name, span.start_char)
        if not profile.mentions:
            profile.kind, profile.mentions = kind, 1
        self.cast.attach_titles(profile, span)
        return _Found(name, kind, name)

    def _person_or_group(self, name: str) -> str:
        """NER reads some organisations as people ("Pro Asyl, a German refugee charity"): the
        article's own description of them decides."""
        profile = self.cast.profiles.get(name)
        if profile is not None and profile.titles and profile.titles <= self.organisation_heads:
            return "organisation"
        return "person"

    def _looks_personal(self, span: Span) -> bool:
        """A person when tagged so, or when the name starts with a known first name and has a
        surname and no organisation word ("Ana Ruiz", not "Kenya National Bureau")."""
        if any(t.ent_type_ == PERSON for t in span):
            return True
        words = self.cast.name_of(span).split()
        return (
            len(words) > 1
            and self.lists.name_gender(words[0]) is not None
            and not any(w.lower() in self.organisation_heads for w in words)
        )

    def _acronym(self, mention: Span) -> str | None:
        words = [t for t in mention if t.lower_ != "the"]
        if len(words) == 1 and is_acronym(words[0].text):
            found = self.cast.acronyms.get(words[0].text)
            return found[1] if found else None
        return None

    # -- pronouns ---------------------------------------------------------------------------

    def _gender(self, name: str) -> str | None:
        if name not in self._genders:
            profile = self.cast.profiles.get(name)
            if profile is not None:
                self._genders[name] = gender(profile, self.lists)
            else:
                parts = name.split()
                self._genders[name] = self.lists.name_gender(parts[0]) if len(parts) > 1 else None
        return self._genders[name]

    def _person_pronoun(self, mention: Span) -> str | None:
        start, word = mention.start_char, mention.root.lower_

        def fits(name: str) -> bool:
            return fits_pronoun(word, self._gender(name))

        found = latest_subject(self.antecedents.people(start), fits)
        if found:
            return found
        return next((n for n in self.antecedents.earlier_people(start, _LOOKBACK) if fits(n)), None)

    def _group_pronoun(self, mention: Span) -> _Found:
        word = mention.root.lower_
        plural = word != "it"
        options = self.antecedents.groups(mention.start_char, plural)
        if not options:
            return _Found(mention.text, "anonymous", plural=plural)
        _, name, kind = max(options)
        return _Found(name, kind, name if kind == "organisation" else None, plural)


def _names_person(ent: Span, root: Token) -> bool:
    """The mention is this person: the name heads it, or stands in apposition to its head
    ("Greece's minister, Vasilis Kikilias"); not "Walsh's lawyers"."""
    return ent.start <= root.i < ent.end or (ent.root.dep_ == "appos" and ent.root.head.i == root.i)


def _names_group(ent: Span, root: Token, mention: Span) -> bool:
    return (
        ent.start <= root.i < ent.end
        or (ent.root.head.i == root.i and ent.root.dep_ in ("compound", "appos"))
        or (ent.end == mention.end and ent.start == root.i + 1)  # "the agency TASS"
    )


def _name_after_head(mention: Span) -> Span | None:
    """"China's state news agency Xinhua": the proper name after a description's head noun."""
    root = mention.root
    if root.pos_ != "NOUN" or root.i + 1 >= mention.end:
        return None
    run = mention.doc[root.i + 1 : mention.end]
    return run if all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in run) else None
