"""How the article presents a person's gender, and what says so: the audits that count whose
voices a publication quotes ask for it.

The article's own evidence comes first: the pronouns it uses for the person ("she said",
resolved to them), titles ("Ms.", "Sir") and role words ("spokeswoman", "his wife"). Only when
the article says nothing does the first-name table speak, and only for a name that one gender
holds at least ``NAME_SHARE`` of. Evidence that disagrees gives "unknown". This reports how the
text and common name usage present someone, not how they identify.
"""
from __future__ import annotations

from collections import Counter

from ..resources.lists import NameLists

GENDERS = {"f": "female", "m": "male"}
UNKNOWN = "unknown"
# Which kind of evidence is reported when several agree.
EVIDENCE = ("pronoun", "title", "role word")
NAME_SHARE = 0.95
# One gender's evidence must outweigh the other's this many times over, or the evidence conflicts
# (a pronoun the resolver gave the wrong person should not flip a gender).
MARGIN = 3


def presented_gender(
    evidence: Counter[tuple[str, str]], name: str, lists: NameLists, use_names: bool = True
) -> tuple[str, str | None]:
    """("female" | "male" | "unknown", the evidence that decided or None)."""
    counts = {g: sum(n for (gender, _), n in evidence.items() if gender == g) for g in GENDERS}
    if any(counts.values()):
        winner = max(counts, key=lambda g: counts[g])
        loser = "m" if winner == "f" else "f"
        if counts[loser] and counts[winner] < MARGIN * counts[loser]:
            return UNKNOWN, None
        return GENDERS[winner], next(kind for kind in EVIDENCE if evidence[(winner, kind)])
    words = name.split()
    if use_names and len(words) > 1:
        gender = lists.name_gender(words[0])
        if gender and lists.name_share(words[0]) >= NAME_SHARE:
            return GENDERS[gender], "first name"
    return UNKNOWN, None
