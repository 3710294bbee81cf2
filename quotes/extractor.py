"""The extractor: a readable sequence of stages over one parsed ``Doc``.

find candidates -> link cue/speaker/content -> place against quote marks (continuations,
floating quotes) -> resolve speakers -> build the results the scope keeps. Speakers are resolved
for every attribution, kept or not, so that "Hale thinks …" still makes Hale the next "he".
"""
from __future__ import annotations

from spacy.tokens import Doc

from .build import Placed, build_quotes, continuations, place
from .candidates import find_candidates
from .floating import floating_quotes
from .lexicon import Lexicon, load_lexicon
from .linking import link
from .resolve import SpeakerResolver
from .scopes import check_scope
from .scoping import scope_filter
from .types import Quote


def _drop_nested_duplicates(placed: list[Placed]) -> list[Placed]:
    """Two cues that claim the same quoted words (a misparse): keep the first."""
    kept: list[Placed] = []
    seen: set[tuple[int, int]] = set()
    for item in placed:
        if item.kind == "direct" and (item.start, item.end) in seen:
            continue
        if item.kind == "direct":
            seen.add((item.start, item.end))
        kept.append(item)
    return kept


def extract_from_doc(doc: Doc, lexicon: Lexicon | None = None, scope: str = "quotes") -> list[Quote]:
    """All quotes in a parsed document, in text order, as the rules propose them (every quote
    carries the name of its rule; confidence is left at 1.0 for a learned model to set)."""
    check_scope(scope)
    lexicon = lexicon or load_lexicon(scope)
    text = doc.text  # built anew on every access: read it once
    if not text.strip():
        return []
    candidates = find_candidates(doc, lexicon, text, scope)
    links = link(doc, candidates, scope)
    placed = _drop_nested_duplicates([place(text, item, candidates.quoted) for item in links])
    placed += continuations(text, placed, candidates.quoted)
    placed += floating_quotes(doc, text, placed, candidates.quoted)
    resolver = SpeakerResolver(doc, lexicon, [(p.start, p.end) for p in placed])
    keep = scope_filter(doc, placed, lexicon, scope)
    return build_quotes(text, placed, resolver, keep, narrow_mentions=scope == "quotes")
