"""Does a candidate fit a reference? Gender and number for pronouns; role, place and modifiers
for descriptions ("the Chinese leader" fits "President Xi Jinping", not "Russian President
Vladimir Putin"; "the police spokesman" fits nobody titled "Mayor")."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from ..resources.lists import NameLists
from .cast import PLACES, Profile, place_stem, pronoun_gender
from .mentions import head_word


def gender(profile: Profile, lists: NameLists) -> str | None:
    """'f', 'm' or None. Evidence, strongest first: gendered titles and nouns ("Ms.", "the
    spokeswoman"), two or more of the article's pronouns for them all one way, the first name's
    gender in the name list, then any majority of the article's pronouns."""
    words, pronouns = profile.gender_words, profile.gender_pronouns
    if bool(words["f"]) != bool(words["m"]):
        return "f" if words["f"] else "m"
    if (pronouns["f"] >= 2 and not pronouns["m"]) or (pronouns["m"] >= 2 and not pronouns["f"]):
        return "f" if pronouns["f"] else "m"
    parts = profile.name.split()
    if len(parts) > 1:
        from_list = lists.name_gender(parts[0])
        if from_list:
            return from_list
    if pronouns["f"] != pronouns["m"]:
        return "f" if pronouns["f"] > pronouns["m"] else "m"
    return None


def fits_pronoun(word: str, candidate_gender: str | None) -> bool:
    """he/she agree with a known gender; a person whose gender is unknown fits either."""
    wanted = pronoun_gender(word)
    return wanted is None or candidate_gender is None or candidate_gender == wanted


@dataclass(frozen=True)
class Description:
    """What a description says: head ("leader"), places ("chin"), noun modifiers ("police"),
    a modifier that makes it another office ("vice"), and any gender ("spokeswoman")."""

    head: str
    places: frozenset[str]
    nouns: frozenset[str]
    offices: frozenset[str]
    gender: str | None
    possessors: frozenset[str] = frozenset()  # "Sarah Keller's lawyer": keller

    @classmethod
    def of(cls, mention: Span, lists: NameLists) -> Description:
        head = head_word(mention)
        root = mention.root
        places = frozenset(place_stem(t.text) for t in mention if t.ent_type_ in PLACES)
        nouns = frozenset(
            t.lemma_.lower()
            for t in mention
            if t.i != root.i and t.dep_ == "compound" and t.pos_ == "NOUN" and t.ent_type_ not in PLACES
            and t.lower_ not in head.split()
        )
        offices = frozenset(t.lower_ for t in mention if t.lower_ in lists.role_modifiers)
        possessors = frozenset(c.lemma_.lower() for c in root.children if c.dep_ == "poss" and c.pos_ != "PRON")
        return cls(head, places, nouns, offices, lists.word_gender(root.lower_), possessors)


def description_score(description: Description, profile: Profile, lists: NameLists, person_gender: str | None) -> int | None:
    """How well a person fits; None when they do not (no shared or covered title, another
    nationality, another office, other noun modifiers, other gender)."""
    if description.places and profile.places and not description.places & profile.places:
        return None
    if description.gender and person_gender and description.gender != person_gender:
        return None
    if description.offices - profile.modifiers:
        return None
    if description.possessors - profile.modifiers:
        return None  # "the family's lawyer" is not "Hsu's lawyer, Peter Vance"
    if description.head in profile.titles:
        score = 3
    elif any(lists.role_fits(description.head, title) for title in profile.titles):
        score = 2
    else:
        return None
    if description.nouns and not description.nouns & profile.modifiers and profile.modifiers - lists.role_modifiers:
        return None  # "the police spokesman" is not "State Department spokesman X"
    return score + len(description.nouns & profile.modifiers) + len(description.places & profile.places)
