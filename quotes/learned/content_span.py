"""Content spans as PolNeAR writes them, for reported speech (the ``attributions`` scope).

The rules take a content as the parse gives it: the clause or object below the cue verb.
PolNeAR's annotators draw it by convention. They take in most complements of the cue verb after
its object ("described Trump *as a Romney caricature*", "urged supporters *to monitor polling
places*") but not a date ("criticized the plan *on Monday*"), and they leave a parenthetical
aside out of the clause it interrupts.

Those choices are learned from PolNeAR train by ``scripts/train_content_span.py`` into
``quotes/data/content_span.json``. The keys are: where the child hangs (below the content's
head, or below the cue verb), its dependency label, its side (a right-hand child set off by a
comma is its own side), and its word or part of speech. Only edges are changed: children at the
ends of the content are dropped while the table says so, and the cue verb's right-hand
complements are added while it says so. The clause's subject never moves, and a stretch holding
a quote mark is neither cut off nor taken in.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..resources.data import data_path, has, read_json
from ..types import Quote
from .take_table import takes_of

DATA_NAME = "content_span.json"
TAKES = ("take", "no")
# What happens to a child whose key the table does not list: the content keeps what the rules
# gave it and adds nothing.
DEFAULT = {"head": "take", "cue": "no"}
# Closed-class relations are keyed by the word itself; other children by part of speech.
WORD_KEYED = frozenset({"mark", "cc", "prep", "advmod", "npadvmod", "agent", "dative", "prt"})
RESHAPED_KINDS = frozenset({"indirect", "belief", "mixed"})
_QUOTE_MARKS = frozenset("\"“”‘’«»„")
_TIME = frozenset({"DATE", "TIME"})  # "on Monday", "last week": a key of its own
GLUE = frozenset({"punct", "cc"})  # passed over on the way to the next child
# The subject of the reported clause is its core, not an edge: it never moves.
_CORE = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def side_of(child: Token, head: Token) -> str:
    """"L", "R", or "R," for a right-hand child whose subtree follows a comma or a dash."""
    if child.i < head.i:
        return "L"
    before = child.left_edge.i - 1
    if before > head.i and child.doc[before].text in (",", "—", "–", "--", ";"):
        return "R,"
    return "R"


def child_keys(where: str, child: Token, head: Token, rule: str) -> tuple[str, ...]:
    """Most specific first: "cue|prep|R|as|verb-object", "cue|prep|R|as", "cue|prep|R|ADP",
    "cue|prep|R"; a child holding a date or time ("on Monday") first tries "cue|prep|R|on|time"."""
    side = side_of(child, head)
    base = f"{where}|{child.dep_}|{side}"
    word = f"{base}|{child.lower_}" if child.dep_ in WORD_KEYED else f"{base}|{child.pos_}"
    keys = [f"{word}|{rule}", word, f"{base}|{child.pos_}", base]
    if child.ent_type_ in _TIME or any(c.dep_ == "pobj" and c.ent_type_ in _TIME for c in child.children):
        keys.insert(0, f"{word}|time")
    return tuple(dict.fromkeys(keys))


@dataclass(frozen=True)
class ContentSpanTable:
    """Whether a child goes into the content, by key (see ``child_keys``)."""

    take: Mapping[str, str]

    @classmethod
    def load(cls, path: Path | None = None) -> ContentSpanTable | None:
        """The shipped table (or the one at ``path``); None when the file is not there."""
        data = shipped_data() if path is None else json.loads(Path(path).read_text(encoding="utf-8"))
        return None if data is None else cls.from_data(data)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ContentSpanTable:
        return cls(takes_of(data))

    def decision(self, where: str, child: Token, head: Token, rule: str) -> str:
        for key in child_keys(where, child, head, rule):
            if key in self.take:
                return self.take[key]
        return DEFAULT[where]


@dataclass(frozen=True)
class Edges:
    """What can move at the edges of one content: its head, the cue verb, and their children."""

    span: Span
    head: Token
    verb: Token | None
    # Children of the head at the content's ends, outermost first.
    trailing: tuple[Token, ...]
    leading: tuple[Token, ...]
    # Complements of the cue verb after the content, nearest first.
    following: tuple[Token, ...]


def edges(doc: Doc, quote: Quote) -> Edges | None:
    """The movable parts of ``quote``'s content, or None when its content is not one clean
    phrase below its cue verb (direct quotes, turns, phrases such as "according to")."""
    if quote.kind not in RESHAPED_KINDS or quote.cue is None:
        return None
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    cue = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    if span is None or cue is None or len(span) == 0:
        return None
    head = span.root
    verb = cue.root if len(cue) == 1 and cue.root.pos_ in ("VERB", "AUX") else None
    inside = range(span.start, span.end)
    trailing = tuple(sorted(
        (c for c in head.rights if c.left_edge.i in inside and c.right_edge.i in inside and c.dep_ not in _CORE),
        key=lambda c: -c.i))
    leading = tuple(c for c in head.lefts if c.left_edge.i in inside and c.right_edge.i in inside)
    following: tuple[Token, ...] = ()
    if verb is not None and verb.i < span.start:
        following = tuple(c for c in verb.rights if c.left_edge.i >= span.end)
    return Edges(span, head, verb, trailing, leading, following)


def _quoted(tokens: Iterable[Token]) -> bool:
    return any(ch in _QUOTE_MARKS for t in tokens for ch in t.text)


def reshape(doc: Doc, quote: Quote, table: ContentSpanTable) -> Quote:
    """``quote`` with its content edges moved as ``table`` says; unchanged when nothing applies."""
    found = edges(doc, quote)
    if found is None:
        return quote
    span, head, rule = found.span, found.head, quote.rule
    start, end = span.start, span.end
    # Trailing children of the head, from the end inwards, while the table leaves them out.
    for child in found.trailing:
        if child.dep_ in GLUE:
            continue
        if not _only_glue(doc, child.right_edge.i + 1, end):
            break
        if table.decision("head", child, head, rule) != "no" or _quoted(doc[child.left_edge.i:end]):
            break
        end = child.left_edge.i
    for child in found.leading:
        if child.dep_ in _CORE:
            break
        if child.dep_ in GLUE:
            continue
        if not _only_glue(doc, start, child.left_edge.i):
            break
        if table.decision("head", child, head, rule) != "no" or _quoted(doc[start:child.right_edge.i + 1]):
            break
        start = child.right_edge.i + 1
    # Complements of the cue verb after the content, nearest first, while the table takes them.
    if found.verb is not None and end == span.end:
        for child in found.following:
            if child.dep_ in GLUE:
                continue
            if table.decision("cue", child, found.verb, rule) != "take" or _quoted(doc[end:child.right_edge.i + 1]):
                break  # a quote is never cut, so one is never half taken in either
            end = child.right_edge.i + 1
    if end != span.end:
        while end > start and _loose(doc[end - 1]):
            end -= 1
    if start != span.start:
        while start < end and _loose(doc[start]):
            start += 1
    if (start, end) == (span.start, span.end) or start >= end:
        return quote
    new = doc[start:end]
    return replace(quote, text=new.text, start=new.start_char, end=new.end_char)


def _loose(token: Token) -> bool:
    """A comma, conjunction or space left at a new edge; never a quote mark, which a kept quote
    needs."""
    return (token.dep_ in GLUE or token.is_space) and not _quoted((token,))


def _only_glue(doc: Doc, start: int, end: int) -> bool:
    return all(doc[i].dep_ in GLUE or doc[i].is_space for i in range(start, end))


@cache
def shipped_data() -> Mapping[str, Any] | None:
    """The table shipped in ``quotes/data`` as stored, or None (read once per process)."""
    return read_json(DATA_NAME) if has(DATA_NAME) else None


DATA_FILE = data_path(DATA_NAME)  # where the training script writes it
