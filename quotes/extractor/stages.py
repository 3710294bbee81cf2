"""The extractor: a readable sequence of stages over one parsed ``Doc``.

find candidates -> link cue/speaker/content -> place against quote marks (continuations,
floating quotes) -> resolve speakers -> build the results the scope keeps. Speakers are resolved
for every attribution, kept or not, so that "Hale thinks …" still makes Hale the next "he".
"""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from ..resources.lexicon import Lexicon, load_lexicon
from ..scopes import Scope, get_scope
from ..speakers.resolver import Source, SpeakerResolver
from ..types import Quote
from .build import build_quotes, merge_pieces
from .candidates import find_candidates
from .floating import floating_quotes
from .link import link
from .naming import resolve_speakers
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


def propose(doc: Doc, lexicon: Lexicon, policy: Scope, text: str) -> list[Placed]:
    """Stages 1-2: every attribution the rules find, placed against the quote marks."""
    candidates = find_candidates(doc, lexicon, text, policy)
    links = link(doc, candidates, policy, lexicon.control_verbs)
    placed = _drop_nested_duplicates([place(text, item, candidates.quoted) for item in links])
    placed += continuations(text, placed, candidates.quoted)
    placed += floating_quotes(doc, text, placed, candidates.quoted)
    return placed


def extract_from_doc(
    doc: Doc, lexicon: Lexicon | None = None, scope: str | Scope = "quotes", name_gender: bool = True
) -> list[Quote]:
    """All quotes in a parsed document, in text order, as the rules propose them (every quote
    carries the name of its rule; confidence is left at 1.0 for a learned model to set).
    Without ``name_gender`` a person's gender comes from the article's own evidence only."""
    policy = get_scope(scope)
    lexicon = lexicon or load_lexicon(policy.name)
    text = doc.text  # built anew on every access: read it once
    if not text.strip():
        return []
    placed = propose(doc, lexicon, policy, text)
    resolver = SpeakerResolver(doc, lexicon, [(p.start, p.end) for p in placed], name_gender=name_gender)
    sources = resolve_speakers(text, placed, resolver)
    keep = scope_filter(doc, placed, lexicon, policy)
    found = build_quotes(text, placed, sources, keep, narrow_mentions=policy.narrow_mentions)
    return merge_pieces(text, found) if policy.merges_pieces else found


def name_mentions(
    doc: Doc, mentions: Sequence[Span], lexicon: Lexicon | None = None, scope: str | Scope = "quotes"
) -> list[Source]:
    """The source the resolver gives each of ``mentions`` when they are resolved among the
    article's speakers as if they spoke: what a corpus of coreference measures the resolver on."""
    policy = get_scope(scope)
    lexicon = lexicon or load_lexicon(policy.name)
    text = doc.text
    placed = propose(doc, lexicon, policy, text) if text.strip() else []
    resolver = SpeakerResolver(doc, lexicon, [(p.start, p.end) for p in placed])
    sources = resolve_speakers(text, placed, resolver, mentions)
    return [sources[(m.start, m.end)] for m in mentions]
