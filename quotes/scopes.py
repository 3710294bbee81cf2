"""The two scopes the extractor knows, and what each one counts as an attribution.

"quotes" (the default, gold/README.md): what was said, with a clausal or quoted content.
Reported thoughts and intentions (belief) and embedded questions ("asked whether …") are out.
"attributions" (PARC/PolNeAR): also beliefs, questions, verbs of evidence ("a poll shows") and
verbs whose content is an object ("criticized the plan", "called for a ban").
"""
from __future__ import annotations

from .errors import ScopeError

SCOPES = ("quotes", "attributions")


def check_scope(scope: str) -> str:
    if scope not in SCOPES:
        raise ScopeError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    return scope
