"""Who each pronoun and description stands for, decided once per document, in text order.

The rules propose: every person, organisation and place the cast has named before a mention that
agrees with it (kind, number, gender) is a candidate (the most recently mentioned, and the most
mentioned), with what the article says of it: how lately and how often it was mentioned and as
what, its gender evidence, its titles, and which of them the hand rules would pick. The learned
model (``quotes.learned.ranking``) decides between them and "none of them". A pronoun that
speaks ("he said") is always someone who fits, when anyone does. A sure decision makes its
entity the latest mentioned, so that "Byron … he … his … he" stays with Byron; a doubtful one
does not, so that one mistake does not carry every pronoun after it along.
"""
from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from ..learned.ranking import AntecedentModel
from ..resources.lists import NameLists
from ..resources.words import WORDS
from ..syntax import mention_of
from ..text.intervals import IntervalSet
from ..text.quotemarks import paragraphs
from .agreement import Description, description_score
from .agreement import gender as profile_gender
from .cast import Cast, is_subject

# Third-person pronouns, by the pronoun they are a form of.
PRONOUNS = {
    **dict.fromkeys(("he", "him", "his", "himself"), "he"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "she"),
    **dict.fromkeys(("it", "its", "itself"), "it"),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves"), "they"),
}
PRONOUN, DESCRIPTION = "pronoun", "description"
RECENT = 8  # the most recently mentioned entities that are candidates
SALIENT = 3  # and the most mentioned, however long ago
# How likely a decision must be to make its entity the latest mentioned.
CHAIN_CONFIDENCE = 0.7
_POSSESSIVE_DEPS = ("poss",)
_NOT_REFERRING = ("compound", "amod", "attr", "appos", "npadvmod", "nmod", "acomp", "oprd")


@dataclass(eq=False)  # one object per entity: identity is equality
class EntityState:
    """One candidate as the article has presented it up to the current position."""

    name: str
    kind: str  # person | organisation | place
    first: int  # character offset of its first mention
    last: int = -1  # of its latest mention
    last_sentence: int = 0
    last_paragraph: int = 0
    last_token: int = -1
    last_subject: bool = False
    last_role: str = "other"  # what its latest mention was: subject, object, possessor, …
    mentions: int = 0
    named: int = 0  # mentions by name
    last_named_sentence: int = 0
    kinds: Counter[str] = field(default_factory=Counter)  # what its namings say it is

    def add_kind(self, kind: str) -> None:
        """The NER may call one name a place, then a person: most namings decide, the first
        on a tie; "unknown" only while nothing else is known."""
        if kind != "unknown":
            self.kinds[kind] += 1  # a Counter keeps the order kinds were first seen in
            self.kind = max(self.kinds, key=lambda k: self.kinds[k])


@dataclass(frozen=True)
class Anaphor:
    """A pronoun or a definite description of a person or organisation."""

    token: int  # its head
    start: int
    form: str  # pronoun | description
    word: str  # the pronoun ("he" for "his") or the head's lemma
    wants: str  # person | organisation | group
    gender: str | None
    plural: bool
    subject: bool
    possessive: bool
    in_quote: bool
    sentence: int
    paragraph: int
    determiner: str = ""  # a description's: "the", "this", "poss" ("his daughter", "Acme's board")

    @property
    def group(self) -> str:
        """The kind of mention, as the model tells them apart: "he", "she", "it", "they" or
        "description"."""
        return self.word if self.form == PRONOUN else DESCRIPTION


@dataclass(frozen=True)
class Decision:
    name: str | None
    kind: str | None
    probability: float


@dataclass
class _Positions:
    """Sentence and paragraph numbers of character offsets."""

    sentence_starts: list[int]
    paragraph_starts: list[int]

    def sentence(self, char: int) -> int:
        return max(0, bisect_right(self.sentence_starts, char) - 1)

    def paragraph(self, char: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, char) - 1)


def _role(token: Token) -> str:
    """What a mention does in its clause, coarsely."""
    if is_subject(token):
        return "subject"
    if token.dep_ in ("dobj", "dative", "nsubjpass"):
        return "object"
    if token.dep_ == "poss" or token.tag_ == "PRP$":
        return "possessor"
    if token.dep_ == "pobj":
        return "oblique"
    return "other"


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return str(edge)
    return f">{edges[-1]}"


Scored = list[tuple[EntityState, dict[str, float]]]
Chooser = Callable[[Anaphor, Scored, dict[str, float]], tuple[EntityState | None, float]]
RulePick = Callable[[Anaphor, Token], "str | None"]


@dataclass
class Tracker:
    doc: Doc
    text: str
    cast: Cast
    lists: NameLists
    contents: IntervalSet
    person_heads: frozenset[str]
    organisation_heads: frozenset[str]
    sentence_starts: list[int]
    rule_pick: RulePick | None = None
    decisions: dict[int, Decision] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.positions = _Positions(self.sentence_starts, [start for start, _ in paragraphs(self.text)] or [0])
        # How often the whole article names each entity: who the article is about.
        self.named_in_all = Counter(m.name for m in self.cast.mentions)
        self.most_named_in_all = max(self.named_in_all.values(), default=0)

    # -- what is tracked --------------------------------------------------------------------

    def anaphors(self) -> list[Anaphor]:
        found = []
        for token in self.doc:
            anaphor = self._anaphor(token)
            if anaphor is not None:
                found.append(anaphor)
        return found

    def _anaphor(self, token: Token) -> Anaphor | None:
        lower = token.lower_
        if token.pos_ == "PRON" and lower in PRONOUNS:
            word = PRONOUNS[lower]
            wants = "person" if word in ("he", "she") else "organisation" if word == "it" else "group"
            gender = "m" if word == "he" else "f" if word == "she" else None
            possessive = token.tag_ == "PRP$" or token.dep_ in _POSSESSIVE_DEPS
            return self._make(token, PRONOUN, word, wants, gender, word == "they", possessive)
        if token.pos_ != "NOUN" or token.dep_ in _NOT_REFERRING or token.ent_type_:
            return None
        lemma = token.lemma_.lower()
        if lemma in self.person_heads:
            wants = "person"
        elif lemma in self.organisation_heads:
            wants = "organisation"
        else:
            return None
        if any(c.dep_ == "appos" for c in token.children):
            return None  # "the mayor, Jo Ames": the apposition rule names it
        mention = mention_of(token)
        before = [t for t in mention if t.i < token.i]
        if any(t.pos_ == "PROPN" for t in before):
            return None  # "the Canada Revenue Agency" is a name
        first = mention[0].lower_
        owned = any(c.dep_ == "poss" for c in token.children)
        if first not in WORDS.definite_determiners and not owned:
            return None  # "a man" is someone new
        plural = token.tag_ in ("NNS", "NNPS")
        anaphor = self._make(token, DESCRIPTION, lemma, wants, self.lists.word_gender(lemma), plural, token.dep_ == "poss")
        return replace(anaphor, determiner="poss" if owned else first)

    def _make(
        self, token: Token, form: str, word: str, wants: str, gender: str | None, plural: bool, possessive: bool
    ) -> Anaphor:
        start = token.idx
        return Anaphor(
            token.i, start, form, word, wants, gender, plural, is_subject(token), possessive,
            start in self.contents, self.positions.sentence(start), self.positions.paragraph(start),
        )

    # -- the walk ---------------------------------------------------------------------------

    def walk(self, choose: Chooser) -> Iterator[Anaphor]:
        """Every anaphor in text order; ``choose`` is given its candidates with their features
        and the features of "none of them", says which it is and how likely, and the walk goes
        on from there."""
        entities: dict[str, EntityState] = {}
        names = sorted(self.cast.mentions, key=lambda m: m.start)
        anaphors = self.anaphors()
        position = 0
        for anaphor in anaphors:
            while position < len(names) and names[position].start < anaphor.start:
                mention = names[position]
                state = entities.get(mention.name)
                if state is None:
                    state = entities[mention.name] = EntityState(mention.name, mention.kind, mention.start)
                state.add_kind(mention.kind)
                self._update(state, mention.start, mention.token, mention.is_subject, named=True)
                position += 1
            scored = self._candidates(anaphor, entities)
            chosen, probability = choose(anaphor, scored, self._none_features(anaphor, scored))
            yield anaphor
            if chosen is not None:
                self.decisions[anaphor.token] = Decision(chosen.name, chosen.kind, probability)
                if probability >= CHAIN_CONFIDENCE:
                    self._update(chosen, anaphor.start, anaphor.token, anaphor.subject, named=False)
            else:
                self.decisions[anaphor.token] = Decision(None, None, probability)

    def run(self, model: AntecedentModel) -> dict[int, Decision]:
        """Decide every anaphor with ``model``."""

        def choose(anaphor: Anaphor, scored: Scored, none: dict[str, float]) -> tuple[EntityState | None, float]:
            index, probability = model.choose([f for _, f in scored], none)
            if index is None and scored and anaphor.form == PRONOUN and self.speaks(anaphor):
                # A pronoun that speaks ("he said") is someone: the likeliest who fits.
                index, probability = model.choose([f for _, f in scored], None)
            return (None if index is None else scored[index][0]), probability

        for _ in self.walk(choose):
            pass
        return self.decisions

    def speaks(self, anaphor: Anaphor) -> bool:
        """The subject of a speech verb ("he said", "the company told reporters")."""
        token = self.doc[anaphor.token]
        return anaphor.subject and token.head.lemma_.lower() in self.cast.speech_verbs

    def _update(self, state: EntityState, start: int, token: int, subject: bool, named: bool) -> None:
        state.last = start
        state.last_token = token
        state.last_sentence = self.positions.sentence(start)
        state.last_paragraph = self.positions.paragraph(start)
        state.last_subject = subject
        state.last_role = _role(self.doc[token])
        state.mentions += 1
        if named:
            state.named += 1
            state.last_named_sentence = state.last_sentence

    # -- candidates and their features ------------------------------------------------------

    def _none_features(self, anaphor: Anaphor, scored: Scored) -> dict[str, float]:
        """What says a mention has no named antecedent: its form and place, and how many
        candidates fit it."""
        g = f"none|{anaphor.group}"
        f = {g: 1.0, f"{g}:candidates=" + _bucket(len(scored), (0, 1, 2)): 1.0}
        if anaphor.form == DESCRIPTION:
            f[f"{g}:wants={anaphor.wants}"] = 1.0
            f[f"{g}:determiner={anaphor.determiner}"] = 1.0
        for flag, on in (("quoted", anaphor.in_quote), ("subject", anaphor.subject), ("speaks", self.speaks(anaphor)),
                         ("possessive", anaphor.possessive), ("plural", anaphor.plural)):
            if on:
                f[f"{g}:{flag}"] = 1.0
        return f

    def _candidates(
        self, anaphor: Anaphor, entities: dict[str, EntityState]
    ) -> list[tuple[EntityState, dict[str, float]]]:
        known = [s for s in entities.values() if s.last >= 0 and self._fits(anaphor, s)]
        recent = sorted(known, key=lambda s: s.last, reverse=True)[:RECENT]
        salient = sorted(known, key=lambda s: (-s.mentions, s.first))[:SALIENT]
        chosen = list(dict.fromkeys(recent + salient))
        if not chosen:
            return []
        token = self.doc[anaphor.token]
        rule = self.rule_pick(anaphor, token) if self.rule_pick is not None else None
        fitting = [s for s in chosen if self._fits(anaphor, s)]
        fitting_order = {s.name: rank for rank, s in enumerate(sorted(fitting, key=lambda s: s.last, reverse=True))}
        subjects = [s for s in fitting if s.last_subject]
        latest_subject = max(subjects, key=lambda s: s.last).name if subjects else None
        most = max(s.mentions for s in chosen)
        most_named = max(s.named for s in chosen)
        earliest = min(s.first for s in chosen)
        order = {s.name: rank for rank, s in enumerate(sorted(chosen, key=lambda s: s.last, reverse=True))}
        return [
            (s, self._features(anaphor, token, s, order[s.name], fitting_order.get(s.name), rule, latest_subject,
                               most, earliest, most_named))
            for s in chosen
        ]

    def _fits(self, anaphor: Anaphor, state: EntityState) -> bool:
        """Agreement, as the rules see it: the kind a mention wants (a place or a name of unknown
        kind may be an organisation; a name of unknown kind a person too; "they" is a group, not
        one person), and no other gender."""
        if anaphor.wants == "group":
            return state.kind != "person"
        if anaphor.wants not in (state.kind, "person" if state.kind == "unknown" else "") and not (
            anaphor.wants == "organisation" and state.kind in ("place", "unknown")
        ):
            return False
        gender = self._gender(state)
        return not (anaphor.gender and gender and anaphor.gender != gender)

    def _gender(self, state: EntityState) -> str | None:
        profile = self.cast.profiles.get(state.name)
        return profile_gender(profile, self.lists) if profile is not None and state.kind == "person" else None

    def _features(
        self,
        anaphor: Anaphor,
        token: Token,
        state: EntityState,
        rank: int,
        fitting_rank: int | None,
        rule: str | None,
        latest_subject: str | None,
        most: int,
        earliest: int,
        most_named: int,
    ) -> dict[str, float]:
        p = "p" if anaphor.form == PRONOUN else "d"
        f: dict[str, float] = {f"group={anaphor.group}": 1.0}

        def add(name: str, value: float = 1.0) -> None:
            f[f"{p}:{name}"] = value

        add(f"wants={anaphor.word if anaphor.form == PRONOUN else anaphor.wants}>{state.kind}")
        gender = self._gender(state)
        if anaphor.gender:
            add("gender=" + ("unknown" if gender is None else "agree" if gender == anaphor.gender else "clash"))
        if anaphor.plural and state.kind == "person":
            add("plural>person")
        add("sentences=" + _bucket(anaphor.sentence - state.last_sentence, (0, 1, 2, 3, 6, 12)))
        add("paragraphs=" + _bucket(anaphor.paragraph - state.last_paragraph, (0, 1, 2)))
        add("rank=" + _bucket(rank, (0, 1, 2, 4)))
        add("fitting_rank=" + ("none" if fitting_rank is None else _bucket(fitting_rank, (0, 1, 2))))
        add("mentions_log", math.log1p(state.mentions))
        add("named_log", math.log1p(state.named))
        add("named_sentences=" + _bucket(anaphor.sentence - state.last_named_sentence, (0, 1, 2, 3, 6, 12, 25)))
        add("named_share", state.named / state.mentions if state.mentions else 0.0)
        if state.mentions == most:
            add("most_mentioned")
        if state.named == most_named:
            add("most_named")
        add("named_in_all_log", math.log1p(self.named_in_all[state.name]))
        if self.named_in_all[state.name] == self.most_named_in_all:
            add("most_named_in_all")
        add(f"last_role={state.last_role}")
        add(f"roles={_role(token)}>{state.last_role}")
        if state.first == earliest:
            add("first_named")
        if self.positions.paragraph(state.first) == 0:
            add("in_title")
        if state.last_subject:
            add("last_subject")
            if anaphor.subject:
                add("both_subjects")
        if state.name == latest_subject:
            add("latest_fitting_subject")
        if anaphor.subject:
            add("anaphor_subject")
        if anaphor.possessive:
            add("anaphor_possessive")
        if anaphor.in_quote:
            add("anaphor_quoted")
            add(f"quoted_wants={anaphor.word}>{state.kind}")
        if state.last_sentence == anaphor.sentence:
            add("same_sentence")
            if (
                state.last_token >= 0
                and self.doc[state.last_token].head.i == token.head.i
                and token.dep_ in ("dobj", "dative", "pobj")
                and not token.lower_.endswith("self")
            ):
                add("bound_clash")  # "Byron met him": him is not Byron
        if rule is not None and rule == state.name:
            add("rule_pick")
        if anaphor.form == DESCRIPTION:
            self._description_features(anaphor, token, state, add)
        return f

    def _description_features(self, anaphor: Anaphor, token: Token, state: EntityState, add) -> None:
        profile = self.cast.profiles.get(state.name)
        if profile is None:
            add("no_profile")
            return
        word = anaphor.word
        if word in profile.titles:
            add("title_match")
        elif any(self.lists.role_fits(word, title) for title in profile.titles):
            add("title_covered")
        if word in profile.modifiers:
            add("modifier_match")
        if any(word in (role_word.lower() for role_word in _role_words(self.doc, role)) for role in profile.roles):
            add("role_word_match")
        if word in state.name.lower().split():
            add("name_holds_head")  # "the agency" for "Canada Revenue Agency"
        score = description_score(Description.of(mention_of(token), self.lists), profile, self.lists, self._gender(state))
        add("rules_fit" if score is not None else "rules_misfit")


def _role_words(doc: Doc, role) -> list[str]:
    return [t.lemma_ for t in doc[role.start : role.end]]
