"""What a speaker mention stands for, before any look-up in the rest of the article.

- ``narrow``: the source inside a nominal ("a statement by X" -> X, "an e-mail from X's office"
  -> X) and the name before a bracket ("Canada Revenue Agency (CRA" -> "Canada Revenue Agency").
  "X's lawyer" stays the lawyer: a possessor is not the source.
- ``coordinated``: every name in "owners Ana Ruiz and Ben Okafor".
- ``head_word``: the head noun, two words for "prime minister" or "white house".
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..resources.lists import NameLists
from ..syntax import mention_of

_BY = ("by", "from")
_NAME_ENTS = ("PERSON", "ORG", "GPE", "NORP")
_PLURAL_TAGS = ("NNS", "NNPS")


def _before_bracket(mention: Span) -> Span:
    for token in mention[1:]:
        if token.text in ("(", "["):
            end = token.i
            while end > mention.start + 1 and (mention.doc[end - 1].is_punct or mention.doc[end - 1].is_space):
                end -= 1
            return mention.doc[mention.start : end]
    return mention


def lemma(token: Token) -> str:
    """The token's lemma, rejoining words the tokenizer split at a hyphen ("e-mail")."""
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and not doc[token.i + 1].whitespace_ and not token.whitespace_:
        return f"{token.lower_}-{doc[token.i + 2].lemma_.lower()}"
    return token.lemma_.lower()


def _sender(root: Token, lists: NameLists) -> Token | None:
    """The "X" of "a statement by X" / "an e-mail from X's office" / "X's office"."""
    if lemma(root) in lists.office_heads:
        owner = next((c for c in root.children if c.dep_ == "poss"), None)
        if owner is not None and (owner.pos_ == "PROPN" or owner.ent_type_ in _NAME_ENTS):
            return owner
        return None
    if lemma(root) not in lists.message_heads:
        return None
    parts = [root]
    if "-" in lemma(root):  # "e-mail": the tokenizer's three tokens share the children
        parts += [root.doc[root.i + 1], root.doc[root.i + 2]]
    for child in [c for part in parts for c in part.children]:
        if child.dep_ == "acl":  # "a statement e-mailed by X"
            for grand in child.children:
                if grand.dep_ in ("agent", "prep") and grand.lower_ in _BY:
                    child = grand
                    break
        if child.dep_ in ("prep", "agent") and child.lower_ in _BY:
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
            if target is None or target.pos_ not in ("PROPN", "NOUN"):
                return None
            return _sender(target, lists) or target
    return None


def narrow(mention: Span, lists: NameLists) -> Span:
    """The part of ``mention`` that names the source."""
    mention = _before_bracket(mention)
    root = mention.root
    sender = _sender(root, lists)
    if sender is not None:
        phrase = mention_of(sender)
        return _before_bracket(_strip_case(phrase))
    mention = _without_asides(mention)
    names = coordinated(mention)
    if names and names[-1].end < mention.end:  # "Parents A and B, who have children …"
        return mention.doc[mention.start : names[-1].end]
    return mention


def _without_asides(mention: Span) -> Span:
    """A name without what follows it: "Yiannis Kostas, the mayor of …" -> "Yiannis Kostas",
    "Dr Hannah Lindqvist of the Karolinska Institute" -> "Dr Hannah Lindqvist"."""
    root = mention.root
    if not _is_name(root):  # "Her Polish counterpart, Tomasz Zielinski": the name speaks
        named = [
            c for c in root.rights
            if c.dep_ == "appos" and _is_name(c) and mention.start < c.left_edge.i < mention.end
            and mention.doc[c.left_edge.i - 1].text == ","
        ]
        if len(named) == 1:
            conjuncts = [c for c in named[0].subtree if c.dep_ == "conj" and _is_name(c)]
            end = max([named[0].i] + [c.i for c in conjuncts]) + 1  # "teachers Gail Porter and Ron Sweeney"
            return mention.doc[name_span(named[0]).start : end]
    if not _is_name(root):
        return mention
    doc = mention.doc
    cut = [
        c.left_edge.i
        for c in root.rights
        if c.dep_ == "appos" and doc[c.left_edge.i - 1].text == "," or (c.dep_ == "prep" and root.ent_type_ == "PERSON")
    ]
    end = min([mention.end] + [i for i in cut if i > root.i])
    while end > root.i + 1 and (mention.doc[end - 1].is_punct or mention.doc[end - 1].is_space):
        end -= 1
    return mention.doc[mention.start : end]


def _strip_case(span: Span) -> Span:
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].dep_ == "case":
        end -= 1
    return span.doc[span.start : end]


def name_span(token: Token) -> Span:
    """A proper name headed by ``token``: its run of capitalised compound words ("Ana Ruiz" in
    "owners Ana Ruiz")."""
    start = token.i
    doc = token.doc
    while start > 0:
        before = doc[start - 1]
        if before.head.i in range(start, token.i + 1) and before.dep_ == "compound" and (
            before.pos_ == "PROPN" or before.ent_type_ == "PERSON"
        ):
            start -= 1
        elif before.text == "-" and start > 1 and not before.whitespace_ and not doc[start - 2].whitespace_ and doc[start - 2].text[:1].isupper():
            start -= 2  # "Thompson-Nicola Regional District"
        else:
            break
    return doc[start : token.i + 1]


def _is_name(token: Token) -> bool:
    return token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and token.text[:1].isupper())


def coordinated(mention: Span) -> list[Span]:
    """Each name of a coordination of names ("Ana Ruiz and Ben Okafor", "retired teachers Gail
    Porter and Ron Sweeney"), else []."""
    root = mention.root
    if not _is_name(root):
        after = [c for c in root.rights if c.dep_ == "appos" and c.left_edge.i == root.i + 1 and _is_name(c)]
        if not after:
            return []
        root = after[0]
    doc = root.doc
    for c in root.children:
        if c.dep_ == "conj" and c.i > root.i and all(doc[j].ent_iob_ == "I" for j in range(root.i + 1, c.i + 1)):
            return []  # "The Globe and Mail" is one name
    names = [name_span(root)]
    stack = [c for c in root.children if c.dep_ == "conj"]
    while stack:
        token = stack.pop(0)
        if not _is_name(token) or not mention.start <= token.i < mention.end:
            return []
        names.append(name_span(token))
        stack.extend(c for c in token.children if c.dep_ == "conj")
    return names if len(names) > 1 else []


def head_word(mention: Span) -> str:
    """The lemma of the head noun, joined with the word before for two-word heads."""
    root = mention.root
    word = lemma(root)
    if root.i > mention.start:
        before = root.doc[root.i - 1].lower_
        if (before, word) in (("prime", "minister"), ("white", "house"), ("press", "secretary")):
            return f"{before} {word}"
    return word


def is_plural(mention: Span) -> bool:
    root = mention.root
    return root.tag_ in _PLURAL_TAGS or any(c.dep_ == "conj" for c in root.children)


def is_definite(mention: Span) -> bool:
    """"the mayor", "its spokesman", "Walsh's lawyer": a description that points at someone known."""
    first = mention[0]
    return first.lower_ in ("the", "this", "that", "its", "their", "his", "her") or any(
        c.dep_ == "poss" for c in mention.root.children
    )


def is_indefinite(mention: Span) -> bool:
    return mention[0].lower_ in ("a", "an", "one", "another")


def with_following_name(mention: Span) -> Span:
    """A title whose name the parse left outside the mention: "Ukraine's Deputy Minister for
    … Development [Oksana Hrytsenko] said", "China's state news agency [Xinhua] reported"."""
    doc = mention.doc
    last = mention[-1]
    if not (last.text[:1].isupper() or last.pos_ == "NOUN") or last.is_punct:
        return mention
    end = mention.end
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
        end += 1
    if end == mention.end:
        return mention
    after = doc[end] if end < len(doc) else None
    if doc[end - 1].dep_ in ("nsubj", "nsubjpass", "appos") or (after is not None and after.pos_ == "VERB"):
        return doc[mention.start : end]
    return mention
