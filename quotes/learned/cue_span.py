"""Cue spans as PolNeAR writes them: the cue verb with the auxiliaries, negation, adverbs,
particles and prepositions its annotators include ("has denied", "also said", "called on",
"did not say", "talked about").

Which children of a cue verb go into the span, by dependency label, side and word (or part of
speech), is learned from PolNeAR train by ``scripts/train_cue_span.py`` into
``quotes/data/cue_span.json``; a child either stays out, comes in alone ("token") or with
everything below it ("subtree"). Only the run of included words touching the verb is taken,
because a ``Quote`` has one cue span.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..resources.data import data_path, has, read_json
from ..types import Quote, TextSpan
from .take_table import takes_of

DATA_NAME = "cue_span.json"
# Closed-class relations, keyed by the word itself; any other child by its part of speech.
WORD_KEYED = frozenset({"aux", "auxpass", "neg", "advmod", "prt", "prep", "agent"})
TAKES = ("no", "token", "subtree")


def child_keys(child: Token, verb: Token) -> tuple[str, ...]:
    """Most specific first: "prep|R|to|talk", "prep|R|to", "prep|R|ADP"."""
    side = "L" if child.i < verb.i else "R"
    general = f"{child.dep_}|{side}|{child.pos_}"
    word = f"{child.dep_}|{side}|{child.lower_}" if child.dep_ in WORD_KEYED else general
    keys = [f"{word}|{verb.lemma_.lower()}", word, general]
    return tuple(dict.fromkeys(keys))


@dataclass(frozen=True)
class CueSpanTable:
    """What to do with a child of a cue verb, by key (see ``child_keys``); unknown keys: "no"."""

    take: Mapping[str, str]

    @classmethod
    def load(cls, path: Path | None = None) -> CueSpanTable | None:
        """The shipped table (or the one at ``path``); None when the file is not there."""
        data = shipped_data() if path is None else json.loads(Path(path).read_text(encoding="utf-8"))
        return None if data is None else cls.from_data(data)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> CueSpanTable:
        return cls(takes_of(data))

    def decision(self, child: Token, verb: Token) -> str:
        for key in child_keys(child, verb):
            if key in self.take:
                return self.take[key]
        return "no"


def cue_span(verb: Token, table: CueSpanTable) -> Span:
    """The cue span around ``verb``: the verb and the included words next to it."""
    included = {verb.i}
    for child in verb.children:
        take = table.decision(child, verb)
        if take == "token":
            included.add(child.i)
        elif take == "subtree":
            included.update(t.i for t in child.subtree)
    start, end = verb.i, verb.i + 1
    while start - 1 in included:
        start -= 1
    while end in included:
        end += 1
    doc = verb.doc
    while end - 1 > verb.i and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1  # never end a cue on a comma
    return doc[start:end]


def widen_cue(doc: Doc, quote: Quote, table: CueSpanTable) -> Quote:
    """``quote`` with its cue widened by ``cue_span`` when the cue is a single verb; otherwise
    (phrases such as "according to", turns, no cue) unchanged."""
    if quote.cue is None:
        return quote
    span = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    if span is None or len(span) != 1 or span.root.pos_ not in ("VERB", "AUX"):
        return quote
    wide = cue_span(span.root, table)
    return replace(quote, cue=TextSpan(wide.text, wide.start_char, wide.end_char))


@cache
def shipped_data() -> Mapping[str, Any] | None:
    """The table shipped in ``quotes/data`` as stored, or None (read once per process)."""
    return read_json(DATA_NAME) if has(DATA_NAME) else None


DATA_FILE = data_path(DATA_NAME)  # where the training script writes it
