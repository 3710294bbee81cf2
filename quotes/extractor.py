"""The extractor: a readable sequence of stages over one parsed ``Doc``.

find candidates -> link cue/speaker/content -> place against quote marks -> resolve speakers.
"""
from __future__ import annotations

from spacy.tokens import Doc

from .build import Placed, build_quotes, continuations, place
from .candidates import find_candidates
from .lexicon import Lexicon, load_lexicon
from .linking import link
from .resolve import SpeakerResolver
from .types import Quote


def _drop_nested_duplicates(placed: list[Placed]) -> list[Placed]:
    """Two cues that claim the same quoted words (a misparse): keep the first."""
    kept: list[Placed] = []
    for item in placed:
        if item.kind == "direct" and any(
            k.kind == "direct" and k.start == item.start and k.end == item.end for k in kept
        ):
            continue
        kept.append(item)
    return kept


def extract_from_doc(doc: Doc, lexicon: Lexicon | None = None, scope: str = "quotes") -> list[Quote]:
    """All quotes in a parsed document, in text order. ``scope`` is "quotes" (speech and
    thought with clausal or quoted content) or "attributions" (also "X criticized the plan")."""
    lexicon = lexicon or load_lexicon()
    text = doc.text
    if not text.strip():
        return []
    candidates = find_candidates(doc, lexicon, text, scope)
    links = link(doc, candidates, scope)
    placed = _drop_nested_duplicates([place(text, item, candidates.quotes) for item in links])
    placed += continuations(text, placed, candidates.quotes)
    resolver = SpeakerResolver(doc, lexicon, [(p.start, p.end) for p in placed])
    return build_quotes(text, placed, resolver)
