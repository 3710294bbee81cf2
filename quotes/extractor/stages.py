"""The extractor: a readable sequence of stages over one parsed ``Doc``.

find candidates -> link cue/speaker/content -> place against quote marks (continuations,
floating quotes) -> resolve speakers -> build the results the scope keeps. Speakers are resolved
for every attribution, kept or not, so that "Hale thinks …" still makes Hale the next "he".
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..resources.lexicon import Lexicon, load_lexicon
from ..scopes import Scope, get_scope
from ..speakers.resolver import SpeakerResolver
from ..types import Quote
from .build import build_quotes
from .candidates import find_candidates
from .floating import floating_quotes
from .link import link
from .place import Placed, continuations, place
from .scope import scope_filter

# A cue that only stands next to a quote is a weaker claim on it than one whose clause the
# parse says the quote is: in '"…," Johnson said, referring to the debate' the quote is said's.
_ADJACENCY_RULES = frozenset({"verb-quote"})


def _drop_nested_duplicates(placed: list[Placed]) -> list[Placed]:
    """Two cues that claim the same quoted words: keep the parse-linked one, else the first."""
    claim: dict[tuple[int, int], int] = {}
    for index, item in enumerate(placed):
        if item.kind != "direct":
            continue
        key = (item.start, item.end)
        held = claim.get(key)
        if held is None or (
            placed[held].rule_name in _ADJACENCY_RULES and item.rule_name not in _ADJACENCY_RULES
        ):
            claim[key] = index
    return [
        item for index, item in enumerate(placed)
        if item.kind != "direct" or claim[(item.start, item.end)] == index
    ]


def extract_from_doc(doc: Doc, lexicon: Lexicon | None = None, scope: str | Scope = "quotes") -> list[Quote]:
    """All quotes in a parsed document, in text order, as the rules propose them (every quote
    carries the name of its rule; confidence is left at 1.0 for a learned model to set)."""
    policy = get_scope(scope)
    lexicon = lexicon or load_lexicon(policy.name)
    text = doc.text  # built anew on every access: read it once
    if not text.strip():
        return []
    candidates = find_candidates(doc, lexicon, text, policy)
    links = link(doc, candidates, policy, lexicon.control_verbs)
    placed = _drop_nested_duplicates([place(text, item, candidates.quoted) for item in links])
    placed += continuations(text, placed, candidates.quoted)
    placed += floating_quotes(doc, text, placed, candidates.quoted)
    resolver = SpeakerResolver(doc, lexicon, [(p.start, p.end) for p in placed])
    keep = scope_filter(doc, placed, lexicon, policy)
    return build_quotes(text, placed, resolver, keep, narrow_mentions=policy.narrow_mentions)
