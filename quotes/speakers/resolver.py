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

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..learned.ranking import AntecedentModel, shipped_model
from ..resources.lexicon import Lexicon
from ..resources.lists import load_lists
from ..resources.words import WORDS
from ..syntax import mention_of
from ..text.intervals import IntervalSet
from .agreement import fits_pronoun, gender
from .antecedents import Antecedents, Seen
from .canonical import is_acronym, normalise_name
from .cast import GROUPS, PERSON, Cast, pronoun_gender
from .choice import latest_subject
from .descriptions import Describer
from .gender import presented_gender
from .mentions import coordinated, head_word, is_plural, name_span, narrow, with_following_name
from .scan import Scan
from .tracker import CHAIN_CONFIDENCE, PRONOUN, PRONOUNS, Anaphor, Decision, Tracker

_LOOKBACK = 50  # people named before the window that a pronoun may still reach


@dataclass(frozen=True)
class Source:
    """Who a speaker mention is. ``mention`` is narrowed to the source ("a statement by X" ->
    X); ``name`` is canonical and normalised; ``role`` the fullest title or description the
    article attaches to the source anywhere, or None; ``confidence`` how sure the name is (the
    learned model's probability for a pronoun it resolved; 1.0 for what the article spells out)."""

    mention: Span | None
    name: str | None
    source_type: str  # person | organisation | anonymous | document | none
    role: Span | None
    confidence: float = 1.0
    gender: str | None = None  # female | male | unknown, for a person; None otherwise
    gender_evidence: str | None = None  # pronoun | title | role word | first name


NO_SOURCE = Source(None, None, "none", None)


class Shipped:
    """The model shipped with the package (the default of ``SpeakerResolver``'s ``model``)."""


SHIPPED = Shipped()


@dataclass(frozen=True)
class _Found:
    name: str
    source_type: str
    profile: str | None = None  # whose role to report
    plural: bool = False
    role: Span | None = None  # a role found in the mention itself
    confidence: float = 1.0


class SpeakerResolver:
    """Built once per document; ``resolve`` speaker mentions in text order.

    Pronouns and definite descriptions of people and organisations are decided once, for the
    whole document, by the learned antecedent model (``tracker``; ``model=None`` leaves them
    to the hand rules, which the model reads as one of its features). ``heads``: further head
    nouns of people and organisations for the tracker (the training script's)."""

    def __init__(
        self,
        doc: Doc,
        lexicon: Lexicon,
        contents: Sequence[tuple[int, int]] = (),
        model: AntecedentModel | None | Shipped = SHIPPED,
        heads: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
        name_gender: bool = True,
    ):
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
        self.model = shipped_model() if isinstance(model, Shipped) else model
        person_heads, organisation_heads = heads
        if self.model is not None:
            person_heads |= self.model.person_heads
            organisation_heads |= self.model.organisation_heads
        self.tracker = Tracker(
            doc, self.text, self.cast, self.lists, self.contents,
            person_heads=role_heads | self.lists.anonymous_heads | self.lists.female_words | self.lists.male_words
            | person_heads,
            organisation_heads=self.organisation_heads | organisation_heads,
            sentence_starts=sentence_starts,
            rule_pick=self._rule_pick,
        )
        self.decisions = self.tracker.run(self.model) if self.model is not None else {}
        self.name_gender = name_gender
        # he/she the model resolved surely, by the name they went to: the article's own pronouns.
        self.resolved_pronouns: dict[str, Counter[tuple[str, str]]] = {}
        for token, decision in self.decisions.items():
            gender = pronoun_gender(doc[token].lower_) if doc[token].pos_ == "PRON" else None
            if gender and decision.kind == "person" and decision.name and decision.probability >= CHAIN_CONFIDENCE:
                self.resolved_pronouns.setdefault(decision.name, Counter())[(gender, "pronoun")] += 1

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
        gender, evidence = (None, None)
        if found.source_type == "person" and not found.plural:
            gender, evidence = self.presented_gender(name)
        return Source(mention, name, found.source_type, role, round(found.confidence, 4), gender, evidence)

    def presented_gender(self, name: str) -> tuple[str, str | None]:
        """How the article presents the person ``name`` (``quotes.speakers.gender``)."""
        profile = self.cast.profiles.get(name)
        evidence = Counter(profile.gender_evidence) if profile is not None else Counter()
        # A he/she the cast gave this person by proximity but the learned model to someone else
        # ("Her son-in-law, Jason Reid, stood beside her") is not the article's word for them.
        for token, said in profile.pronoun_tokens.items() if profile is not None else ():
            decision = self.decisions.get(token)
            if decision is not None and decision.name and decision.name != name:
                evidence[(said, "pronoun")] -= 1
        evidence = +evidence
        evidence.update(self.resolved_pronouns.get(name, Counter()))
        return presented_gender(evidence, name, self.lists, self.name_gender)

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
        decided = self.decisions.get(root.i) if len(mention) == 1 and root.pos_ == "PRON" else None
        if decided is not None:
            return self._decided_pronoun(mention, decided)
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
            owner = self._owner(mention)
            if owner is not None:  # "her statement", "the company's annual report", "a white paper by X"
                return _Found(owner.name, "document", plural=plural)
            fuller = self.describer.document(mention)
            return _Found((fuller or mention).text, "document", plural=plural)
        # A description is the one source the article gives that title or role (the rules); the
        # learned model, which names few descriptions right on GUM, only tracks them.
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
                whole = name_span(ent.root)  # "Oleksandr Kovalenko" with only "Kovalenko" tagged
                if ent.label_ == "ORG" and (self._looks_personal(ent) or self._looks_personal(whole)):
                    # "Marcus Bell" read as an organisation
                    named = ent if len(whole) <= len(ent) else whole
                    name = self.cast.full_name(self.cast.name_of(named), mention.start_char)
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

    def _owner(self, mention: Span) -> _Found | None:
        """Whose a document is, when the article says: its possessor ("her statement", "Acme's
        report") or its author ("a white paper by the Fraser Institute"), if that is a person or
        an organisation."""
        root = mention.root
        owners = [c for c in root.children if c.dep_ == "poss"]
        owners += [g for c in root.rights if c.dep_ == "prep" and c.lower_ in ("by", "from") for g in c.children
                   if g.dep_ == "pobj"]
        for owner in owners:
            found = self._resolve(self.doc[owner.i : owner.i + 1] if owner.pos_ == "PRON" else _without_case(mention_of(owner)))
            if found.source_type in ("person", "organisation") and found.name:
                return found
        return None

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
        """A person when tagged so, or when the name has a surname and no organisation word
        and starts with a known first name or ends in a surname's ending ("Ana Ruiz",
        "Oleksandr Kovalenko"; not "Kenya National Bureau")."""
        if any(t.ent_type_ == PERSON for t in span):
            return True
        words = self.cast.name_of(span).split()
        return (
            1 < len(words) <= 4
            and (self.lists.name_gender(words[0]) is not None or self.lists.looks_like_surname(words[-1]))
            and not any(w.lower() in self.organisation_heads for w in words)
        )

    def _acronym(self, mention: Span) -> str | None:
        words = [t for t in mention if t.lower_ != "the"]
        if len(words) == 1 and is_acronym(words[0].text):
            found = self.cast.acronyms.get(words[0].text)
            return found[1] if found else None
        return None

    # -- the hand rules' pick, a feature of the learned choice ------------------------------

    def _rule_pick(self, anaphor: Anaphor, token: Token) -> str | None:
        if anaphor.form == PRONOUN:
            mention = self.doc[token.i : token.i + 1]
            if anaphor.word in ("he", "she"):
                return self._person_pronoun(mention)
            found = self._group_pronoun(mention)
            return found.name if found.source_type != "anonymous" else None
        mention = mention_of(token)
        if anaphor.wants == "person":
            return self.describer.person(mention)
        return self.describer.group(mention, head_word(mention), self.lexicon.organisation_nouns)

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

    def _decided_pronoun(self, mention: Span, decision: Decision) -> _Found:
        """A pronoun as the learned model decided it: a person, an organisation (a place is
        one too), or, with no antecedent, its own words."""
        plural = PRONOUNS.get(mention.root.lower_) == "they"
        if decision.name is None or decision.kind is None:
            return _Found(mention.text, "anonymous", plural=plural, confidence=decision.probability)
        kind = "person" if decision.kind == "person" else "organisation"
        return _Found(decision.name, kind, decision.name, plural, confidence=decision.probability)

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


def _without_case(span: Span) -> Span:
    """"Acme Corp's" -> "Acme Corp"."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].dep_ == "case":
        end -= 1
    return span.doc[span.start : end]


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
