"""spaCy helpers every stage shares: the noun phrase a head word stands for, and the entities
inside a span. They sit below the stages so that none has to import another for them."""
from __future__ import annotations

from spacy.tokens import Span, Token

# A clause child that is not part of the noun phrase it hangs on: "Mark Okafor, who voted …".
_CLAUSE_CHILDREN = ("relcl", "acl", "advcl")
# Clause children left of a head: a misparse hanging a quote on the speaker's name.
_LEFT_CLAUSES = ("ccomp", "advcl", "acl", "relcl", "parataxis", "csubj")


def mention_of(head: Token) -> Span:
    """The noun phrase headed by ``head``, without relative clauses or trailing punctuation."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for child in head.lefts:
        if child.dep_ in _LEFT_CLAUSES:  # a misparse hanging a quote on the speaker's name
            start = max(start, child.right_edge.i + 1)
    for child in head.rights:
        # "Mark Okafor, who voted against the plan," / "the report, released last month,": an
        # aside is not part of the name; "a study published in the journal" is.
        if child.dep_ == "relcl" or (
            child.dep_ in _CLAUSE_CHILDREN and doc[child.left_edge.i - 1].text == ","
        ):
            end = min(end, child.left_edge.i)
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    if end <= head.i:  # a clause child left of the head: fall back to the head alone
        start, end = head.i, head.i + 1
    return doc[start:end]


def entities_within(span: Span) -> list[Span]:
    """The entities inside ``span``, read off its tokens: ``Span.ents`` scans every entity of
    the document, which made long documents quadratic."""
    doc = span.doc
    found = []
    i = span.start
    while i < span.end:
        if doc[i].ent_iob_ != "B":
            i += 1
            continue
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end <= span.end:
            found.append(Span(doc, i, end, label=doc[i].ent_type_))
        i = end
    return found


def named_object(verb: Token) -> tuple[Token, Token] | None:
    """(the object, the name it is given) of a verb of naming with an object predicate: "calls it
    a costly detour". ("dismissed the visit as a stunt" characterises; it names nothing.)"""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None:
        return None
    name = next((c for c in verb.children if c.dep_ == "oprd" and c.i > obj.i), None)
    return None if name is None else (obj, name)


def nominal_content(noun: Token) -> Token | None:
    """What a noun of saying attributes: its that-clause ("the claim that the vote was rigged")
    or the object of its "of" ("allegations of fraud")."""
    for child in noun.rights:
        if child.dep_ in ("acl", "ccomp", "relcl") and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return objects[0]
    return None


def is_said_to(verb: Token) -> bool:
    """"He is said to have left": a passive of saying with an infinitive and no agent."""
    children = list(verb.children)
    return (
        any(c.dep_ == "auxpass" for c in children)
        and any(c.dep_ == "nsubjpass" for c in children)
        and any(c.dep_ == "xcomp" for c in children)
        and not any(c.dep_ == "agent" for c in children)
    )

