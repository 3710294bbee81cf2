"""Roles: the titles and descriptions an article attaches to a name, found around one mention.

- a title before the name: "US State Department spokesman Vedant Patel", "Judge Richard Cole",
  and long titles the parser splits ("Minister of Agriculture, Irrigation and Rural Economic
  Development Laura Kinsella");
- an apposition either way round: "Han Zheng, China's vice president", "the mayor, Jane Doe";
- the title of the first of coordinated names: "Owners Ana Ruiz and Ben Okafor".

A courtesy title ("Mr.", "Dr") is never a role, nor an age ("81-year-old").
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..resources.words import WORDS
from ..syntax import mention_of
from .mentions import name_span

_TITLE_DEPS = ("compound", "amod", "nmod", "poss", "case", "det", "punct")
_TITLE_JOINERS = ("of", "for", "and", "on", ",", "'s", "’s", "&")
TITLE = 0  # before the name
APPOSITION = 1
DESCRIPTION = 2  # a description the article ties to the name elsewhere ("the Chinese leader")


@dataclass(frozen=True)
class Role:
    """A role span (token offsets), ranked by how much it says: content words first, then a
    title before an apposition before a description, then length."""

    start: int
    end: int
    words: int
    kind: int

    def rank(self) -> tuple[int, int, int]:
        return (self.words, -self.kind, self.end - self.start)


def content_words(tokens: list[Token] | Span) -> int:
    return sum(1 for t in tokens if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.is_alpha)


def title_chain(doc: Doc, start: int, end: int, particles: frozenset[str] = frozenset()) -> list[Token]:
    """Words before a name that modify it, nearest first: "US State Department spokesman"."""
    found: list[Token] = []
    i = start - 1
    reach = set(range(start, end))
    while i >= 0 and i >= start - 8:
        token = doc[i]
        if token.dep_ not in _TITLE_DEPS or token.head.i not in reach or token.text in (",", "(", '"', "“", "”"):
            break
        if token.is_sent_start and token.lower_ in WORDS.determiners:
            break
        if token.lower_ in particles:
            return []  # "Van der Berg": the words before the surname are the name's
        found.append(token)
        reach.add(i)
        i -= 1
    while found and (found[-1].is_punct or found[-1].dep_ == "case"):
        found.pop()
    return found


def capitalised_title(
    doc: Doc, start: int, title_words: frozenset[str], is_first_name, particles: frozenset[str] = frozenset()
) -> list[Token]:
    """A long title in capitals right before a name, nearest first, when it holds a title
    word and no name: "Principal Secretary for Trade" (Alfred Kamau)."""
    i = start
    while i > 0 and i > start - 16:
        token = doc[i - 1]
        if token.is_sent_end or token.text in ("(", '"', "“", "”", ":") or token.is_space:
            break
        if not (token.text[:1].isupper() or token.lower_ in _TITLE_JOINERS):
            break
        i -= 1
    while i < start and (
        doc[i].is_punct or doc[i].lower_ in _TITLE_JOINERS or doc[i].lower_ == "the"
        or doc[i].pos_ not in ("PROPN", "NOUN", "ADJ")  # "Separately, Principal Secretary …"
    ):
        i += 1
    tokens = list(doc[i:start])
    if (
        len(tokens) < 3
        or any(t.lower_ in particles for t in tokens)  # "Van der Berg": a name, not a title
        or not any(t.lemma_.lower() in title_words for t in tokens)
        or any(t.ent_type_ == "PERSON" or is_first_name(t.text) for t in tokens)
    ):
        return []
    return tokens[::-1]


def conjunct_title(doc: Doc, root: Token) -> list[Token]:
    """"Owners Ana Ruiz and Ben Okafor": the first name's title is the second's too."""
    if root.dep_ == "conj" and root.head.pos_ == "PROPN":
        first = name_span(root.head)
        return title_chain(doc, first.start, first.end)
    return []


def appositive_span(child: Token) -> Span | None:
    """The description in apposition ("China's vice president"), not a bracketed acronym, with
    the relative clause that says more of it ("a Republican who chairs the governors'
    association")."""
    span = mention_of(child)
    doc = child.doc
    if span.start > 0 and doc[span.start - 1].text == "(":
        return None
    clauses = [c for c in child.rights if c.dep_ == "relcl" and c.i >= span.end]
    if clauses:
        end = clauses[-1].right_edge.i + 1
        while end > span.end and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        span = doc[span.start : end]
    return span if content_words(span) else None


def misattached_tail(doc: Doc, end: int, owner: Token) -> int:
    """An apposition's prepositional phrase the parser hung on the name instead: "Lisa Tremblay,
    co-ordinator [of a network of clinics]"."""
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end].whitespace_:
        end += 2  # "co-ordinator": three tokens
    if end < len(doc) and doc[end].dep_ == "prep" and doc[end].head.i == owner.i:
        return doc[end].right_edge.i + 1
    return end


def described_by_head(doc: Doc, name: Span, chain: list[Token]) -> Span | None:
    """The description a name stands in apposition to, before it: "the mayor, Jane Doe",
    "Her opponent, Senator Robert Hale", "Moscow's state news agency TASS reported" (a
    relative clause by the parser's reading)."""
    root = name.root
    head = root.head
    if root.dep_ == "nsubj" and head.dep_ == "relcl" and head.head.i == name.start - 1 and head.head.pos_ == "NOUN":
        head = head.head
    elif not (root.dep_ == "appos" and not head.ent_type_ and head.pos_ in ("NOUN", "PROPN") and head.i < name.start):
        return None
    start = head.left_edge.i
    end = min([name.start] + [t.left_edge.i for t in chain])
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    span = doc[start:end]
    return span if len(span) and content_words(span) else None


def role_end(doc: Doc, start: int, end: int) -> int:
    """Mend a role's end: over a word split at a hyphen ("co-ordinator"), before a trailing
    date ("the board's chair since 2022") or a following conjunct ("…, and her brother")."""
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        end = max(end + 2, doc[end + 1].right_edge.i + 1)
    for token in doc[start:end]:
        if token.i == start:
            continue
        if token.dep_ == "prep" and any(c.ent_type_ in ("DATE", "TIME") for c in token.children):
            end = token.i
            break
        if token.dep_ == "cc" and doc[token.i - 1].text == ",":
            end = token.i
            break
        if token.dep_ == "appos" and token.pos_ == "NOUN" and start < token.left_edge.i and doc[token.left_edge.i - 1].text == ",":
            end = token.left_edge.i  # "chief executive of Highland Fresh[, a grower in Murang'a]"
            break
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end


def make_role(doc: Doc, start: int, end: int, kind: int) -> Role:
    end = role_end(doc, start, end)
    return Role(start, end, content_words(doc[start:end]), kind)


def title_role(doc: Doc, chain: list[Token], courtesy: frozenset[str]) -> Role | None:
    """The role a title chain gives, without courtesy titles and determiners; ends on a noun."""
    words = sorted(
        (t for t in chain if t.lower_.rstrip(".") not in courtesy and t.lower_ not in WORDS.determiners),
        key=lambda t: t.i,
    )
    if words and content_words(words) and words[-1].pos_ in ("NOUN", "PROPN"):
        return make_role(doc, words[0].i, words[-1].i + 1, TITLE)
    return None
