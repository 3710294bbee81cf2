"""Names the NER missed or cut short, found from the parse and the name lists.

- ``missed_names``: "Owners Ana Ruiz and Ben Okafor" (no PERSON entity for Ana Ruiz), "Principal
  Secretary for Trade Alfred Kamau" (tagged ORG): a proper-noun run ending in a known first
  name and a surname;
- ``surnames_alone``: a part of a full name the NER tagged as nothing or an organisation
  ("Reyes, a cardiologist at Boston University");
- ``missed_organisations``: "Acme Corporation", "Harlow Foods";
- ``other_names``: proper nouns the NER left out ("Byron", "Gloria"), of a kind not known;
- ``person_span`` / ``group_span``: entities cut short ("Anjali" of "Anjali Rao",
  "Thompson-" of "Thompson-Nicola Regional District", the possessor of "Russia's defence
  ministry").
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ..resources.lists import NameLists
from .mentions import name_span
from .scan import Scan

PERSON = "PERSON"
GROUPS = ("ORG", "GPE", "NORP")
PLACE_OR_BODY = ("GPE", "LOC", "NORP", "ORG", "FAC")
COMPANY_SUFFIXES = frozenset(
    ["inc", "ltd", "corp", "co", "llc", "plc", "gmbh", "ag", "sa", "group", "holdings", "airlines", "foods", "pharmaceuticals"]
)


def first_name_suffix(span: Span, lists: NameLists) -> Span | None:
    """The end of a proper-noun run that is a first name and a surname, or None."""
    for k in range(max(0, len(span) - 3), len(span) - 1):
        tail = span[k:]
        if (
            lists.name_gender(tail[0].text)
            and tail[0].pos_ == "PROPN"  # "British Architects": an adjective is no first name
            and tail[0].ent_type_ not in ("GPE", "NORP", "LOC", "FAC")
            and all(t.text[:1].isupper() and t.is_alpha and not lists.not_a_person(t.text) for t in tail)
        ):
            return tail
    return None


def missed_names(doc: Doc, scan: Scan, lists: NameLists) -> list[Span]:
    # A word the article uses for a nation or place is no first name there ("British", "Georgia").
    places = {t.lower_ for ent in doc.ents if ent.label_ in ("GPE", "NORP", "LOC") for t in ent}
    found = []
    for i in scan.where(pos=["PROPN"], not_dep=["compound"], not_ent=[PERSON]):
        span = first_name_suffix(name_span(doc[i]), lists)
        if span is None or span[0].lower_ in places:
            continue
        before = doc[span.start - 1] if span.start else None
        if before is not None and before.lower_ == "of" and before.ent_type_:
            continue  # "the Royal Institute of British Architects": the end of a body's name
        found.append(span)
    return found


def sound_entity(ent: Span) -> bool:
    """Not an entity that runs across a verb ("Byron composed Thyrza" tagged as one ORG)."""
    return not any(t.pos_ in ("VERB", "AUX") and t.text[:1].islower() for t in ent)


def other_names(doc: Doc, scan: Scan, covered: set[int]) -> list[Span]:
    """Proper nouns heading a noun phrase that no entity holds: names of something, of a kind
    the NER does not say. Not a word the article also writes in lower case ("Teachers" opening
    a sentence, "teachers" later): that is a noun the tagger took for a name."""
    lower = {t.lower_ for t in doc if t.is_lower} | {t.lemma_.lower() for t in doc if t.is_lower}
    found = []
    for i in scan.where(pos=["PROPN"], not_dep=["compound", "flat"]):
        token = doc[i]
        if i in covered or not token.text[:1].isupper() or not token.is_alpha or len(token.text) < 2:
            continue
        span = name_span(token)
        if len(span) == 1 and (token.lower_ in lower or token.lower_.rstrip("s") in lower):
            continue
        found.append(span)
    return found


def surnames_alone(doc: Doc, scan: Scan, persons: list[Span], parts: set[str]) -> list[Span]:
    """Single tokens that are a known part of a full name, outside the people found so far,
    untagged or tagged as a one-word entity of another kind."""
    if not parts:
        return []
    covered = {t.i for span in persons for t in span}
    found = []
    for i in scan.where(lower=parts, pos=["PROPN", "ADJ", "NOUN"]):
        token = doc[i]
        alone = not token.ent_type_ or (
            token.ent_iob_ == "B" and (i + 1 == len(doc) or doc[i + 1].ent_iob_ != "I")
        )
        if i not in covered and token.text[:1].isupper() and alone:
            found.append(doc[i : i + 1])
    return found


def missed_organisations(doc: Doc, scan: Scan, lists: NameLists) -> list[Span]:
    words = lists.organisation_heads | COMPANY_SUFFIXES | {w + "." for w in COMPANY_SUFFIXES}
    found = []
    for i in scan.where(pos=["PROPN"], not_dep=["compound"], not_ent=[PERSON, *GROUPS], lower=words):
        if doc[i].text[:1].isupper():
            span = name_span(doc[i])
            if len(span) > 1:
                found.append(span)
    return found


def person_span(ent: Span, lists: NameLists) -> Span:
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start else None
    if (
        before is not None and before.pos_ == "PROPN" and lists.name_gender(before.text)
        and before.ent_type_ not in PLACE_OR_BODY  # "Governor of Washington Chris Gregoire"
    ):
        return doc[ent.start - 1 : ent.end]
    return ent


def group_span(ent: Span) -> Span:
    doc = ent.doc
    start = ent.start
    while start > 0:
        before = doc[start - 1]
        if (
            before.text == "-" and start > 1 and not before.whitespace_
            and not doc[start - 2].whitespace_ and doc[start - 2].text[:1].isupper()
        ):
            start -= 2
        elif (
            before.pos_ == "PROPN" and before.dep_ == "compound" and before.text[:1].isupper()
            and before.head.i >= start and before.ent_type_ != PERSON
        ):
            start -= 1
        else:
            break
    if ent[0].text[:1].islower():  # a description tagged as a name: keep its possessor
        owner = next((c for c in ent.root.children if c.dep_ == "poss" and c.i < ent.start), None)
        if owner is not None:
            start = min(start, owner.left_edge.i)
    return doc[start : ent.end] if start < ent.start else ent
