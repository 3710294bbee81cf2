"""Pick one antecedent, or none: the rules that decide between candidates that all fit."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    start: int
    name: str
    is_subject: bool


def latest_subject(candidates: Sequence[Candidate], fits: Callable[[str], bool]) -> str | None:
    """A pronoun's referent: the latest fitting subject (or speaker), else the latest fitting
    candidate. ``candidates`` in any order."""
    fitting = [c for c in candidates if fits(c.name)]
    subjects = [c for c in fitting if c.is_subject]
    pool = subjects or fitting
    return max(pool, key=lambda c: c.start).name if pool else None


def unique_best(scored: Sequence[tuple[int, int, str]]) -> str | None:
    """(score, salience, name) triples -> the name with the highest score, if only one has it;
    a tie goes to the clearly most-named person (two mentions more), else to nobody."""
    if not scored:
        return None
    ranked = sorted(scored, reverse=True)
    top = [s for s in ranked if s[0] == ranked[0][0]]
    if len({s[2] for s in top}) == 1:
        return top[0][2]
    if top[0][1] >= top[1][1] + 2:
        return top[0][2]
    return None
