"""The scopes the extractor knows: what each one proposes as an attribution and what it keeps.

"quotes" (the default, gold/README.md) is what was said, with a clausal or quoted content.
Reported thoughts and intentions (belief), embedded questions ("asked whether …"), refusals to
speak ("declined to say when …") and attributions nested in another's content are left out.
"attributions" (PARC/PolNeAR) also keeps those, and proposes more: verbs of evidence with any
subject ("a poll shows"), verbs of expressing with any content ("called the plan a failure"),
verbs whose content is an object ("criticized the plan"), verbs outside the lexicon with a
clause, and title lines that give their words to a person ("Pence: …"). Its cue and content
spans follow PolNeAR's annotators.

Every stage reads the policy, never the scope's name.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import ScopeError


@dataclass(frozen=True)
class Scope:
    """What one scope proposes (stages 1-2) and keeps (the scope filter, build)."""

    name: str
    lexicon_files: tuple[str, ...]  # the packaged cue lexicons, in ``quotes/data``
    evidence_with_any_subject: bool  # "shows", "found" are cues whatever their subject
    expressing_verbs_report: bool  # "called", "praised" are cues without a quoted fragment
    unlisted_verbs: bool  # a verb outside the lexicon with a clause, for the model to judge
    headlines: bool  # "Pence: Flowers Won't Be at Debate", the article's title line
    object_contents: bool  # "criticized the plan": the object is the content
    asides_report_around: bool  # "Though X, he said, Y": the aside reports the whole sentence
    keeps_all: bool  # beliefs, embedded questions and nested attributions are kept
    keeps_refusals: bool  # "declined to say when …", "refused to comment on …": nothing was said
    narrow_mentions: bool  # the speaker mention is the source ("a statement by X" -> X)
    polnear_spans: bool  # cue and content spans as PolNeAR draws them (quotes.learned)
    merges_pieces: bool  # "“A,” he said. “B.”" is one attribution of two pieces
    nominal_cues: bool  # "the claim that …", "allegations of …", "is said to …" are proposed


QUOTES = Scope(
    name="quotes",
    lexicon_files=("cues.yaml",),
    evidence_with_any_subject=False,
    expressing_verbs_report=False,
    unlisted_verbs=False,
    headlines=False,
    object_contents=False,
    asides_report_around=False,
    keeps_all=False,
    keeps_refusals=False,
    narrow_mentions=True,
    polnear_spans=False,
    merges_pieces=False,
    nominal_cues=False,
)
ATTRIBUTIONS = Scope(
    name="attributions",
    lexicon_files=("cues.yaml", "polnear_cues.yaml"),
    evidence_with_any_subject=True,
    expressing_verbs_report=True,
    unlisted_verbs=True,
    headlines=True,
    object_contents=True,
    asides_report_around=True,
    keeps_all=True,
    keeps_refusals=True,
    narrow_mentions=False,
    polnear_spans=True,
    merges_pieces=True,
    nominal_cues=True,
)
SCOPES: dict[str, Scope] = {scope.name: scope for scope in (QUOTES, ATTRIBUTIONS)}
SCOPE_NAMES: tuple[str, ...] = tuple(SCOPES)


def get_scope(scope: str | Scope) -> Scope:
    """The policy of ``scope`` (a name or a policy); ``ScopeError`` for a name not in ``SCOPES``."""
    if isinstance(scope, Scope):
        return scope
    if scope not in SCOPES:
        raise ScopeError(f"scope must be one of {', '.join(SCOPE_NAMES)}, not {scope!r}")
    return SCOPES[scope]


def check_scope(scope: str) -> str:
    """``scope`` itself when it names a scope; ``ScopeError`` otherwise."""
    return get_scope(scope).name
