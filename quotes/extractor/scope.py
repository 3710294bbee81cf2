"""Which placed attributions a scope keeps (its policy: ``quotes.scopes``).

The default "quotes" scope is what was said: reported thoughts and intentions (belief),
embedded questions ("asked whether the plan was legal"), refusals to speak ("declined to say
when …") and attributions nested in another's content stay in "attributions" only.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from ..resources.lexicon import Lexicon
from ..resources.words import WORDS
from ..scopes import Scope, get_scope
from ..text.intervals import IntervalSet
from .place import Placed


def is_embedded_question(doc: Doc, item: Placed, lexicon: Lexicon) -> bool:
    """"whether …" after any cue; "if …" or a wh-word after a verb of asking."""
    if item.kind == "direct":
        return False  # a quoted question is a quote of what was said
    words = doc.char_span(item.start, item.end, alignment_mode="expand")
    if words is None or not len(words):
        return False
    first = words[0].lower_
    if first == "whether":
        return True
    cue = item.link.cue
    asking = cue is not None and cue[0].lemma_.lower() in lexicon.question_verbs
    return asking and first in WORDS.question_words


def is_refusal(doc: Doc, item: Placed) -> bool:
    """"declined to say when …", "refused to comment on …": the cue is what a verb of refusing
    says was not done (or is that verb), and "would not say when …" asks a question nobody
    answered. What the same person goes on to say ("refused to comment, saying …") is said."""
    cue = item.link.cue
    if cue is None:
        return False
    verb = cue[0]
    refusals = WORDS.refusal_verbs
    if verb.lemma_.lower() in refusals or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in refusals):
        return True
    if item.kind == "direct" or not any(c.dep_ == "neg" for c in verb.children):
        return False
    words = doc.char_span(item.start, item.end, alignment_mode="expand")
    return words is not None and len(words) > 0 and words[0].lower_ in WORDS.question_words


# Attributions that wrap a whole clause, another attribution included: "…, TASS reported".
# Clausal complements are left alone: a misparse there swallows the next sentence's speaker.
_ASIDES = ("verb-aside", "according-to")


def nested(placed: list[Placed]) -> set[int]:
    """Indices of attributions whose cue lies inside another one's content ("Keating told her
    the plan would pass, she said"): gold/README.md labels only the outer one in this scope."""
    outer = [p for p in placed if p.rule_name in _ASIDES]
    contents = IntervalSet((p.start, p.end) for p in outer)
    found = set()
    for index, item in enumerate(placed):
        cue = item.link.cue
        if cue is None or item.rule_name in ("continuation", "floating") or cue.start_char not in contents:
            continue
        if any(o is not item and o.start <= cue.start_char < o.end for o in outer):
            found.add(index)
    return found


def scope_filter(doc: Doc, placed: list[Placed], lexicon: Lexicon, scope: str | Scope) -> Callable[[Placed], bool]:
    """Which attributions the scope keeps, as a test on each."""
    policy = get_scope(scope)
    if policy.keeps_all:
        return lambda item: True
    inner = {id(placed[i]) for i in nested(placed)}
    return lambda item: (
        item.kind != "belief"
        and id(item) not in inner
        and not is_embedded_question(doc, item, lexicon)
        and (policy.keeps_refusals or not is_refusal(doc, item))
    )
