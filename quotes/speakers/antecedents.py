"""Candidate antecedents for a pronoun: who was named, described or heard from in the last few
sentences. Sources already resolved (``Seen``) join the candidates as the resolver goes."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .cast import Cast
from .choice import Candidate
from .timeline import Timeline

PRONOUN_WINDOW = 3  # sentences back in which a pronoun looks for its referent


@dataclass(frozen=True)
class Seen:
    """A source already resolved: a speaker, so a candidate for later pronouns."""

    start: int
    name: str
    source_type: str
    plural: bool


class Antecedents:
    """Who a pronoun at a position may point at. Positions are character offsets."""

    def __init__(self, cast: Cast, sentence_starts: list[int]):
        self.cast = cast
        self.sentence_starts = sentence_starts
        self.seen: list[Seen] = []  # in the order resolved, which is text order
        self.described: Timeline[Candidate] = Timeline()  # descriptions tied to a person
        self.seen_organisations: Timeline[str] = Timeline()

    def add_seen(self, seen: Seen) -> None:
        self.seen.append(seen)
        if seen.source_type == "organisation":
            self.seen_organisations.add(seen.start, seen.name)

    def window_start(self, position: int, sentences: int = PRONOUN_WINDOW) -> int:
        index = bisect_right(self.sentence_starts, position) - 1
        return self.sentence_starts[max(0, index - sentences)] if index >= 0 else 0

    def sentence_after(self, position: int, count: int) -> int:
        """Where the sentence ``count`` sentences after the one at ``position`` ends."""
        index = bisect_right(self.sentence_starts, position) + count
        return self.sentence_starts[index] if index < len(self.sentence_starts) else len(self.cast.text)

    def recent_seen(self, since: int) -> list[Seen]:
        found = []
        for seen in reversed(self.seen):  # recent last: stop at the window's start
            if seen.start < since:
                break
            found.append(seen)
        return found

    def people(self, position: int) -> list[Candidate]:
        """People named, described as subjects or heard from in the window before ``position``."""
        window = self.window_start(position)
        found = [Candidate(n.start, n.name, n.is_subject) for _, n in self.cast.named.between(window, position)]
        found += [c for _, c in self.described.between(window, position)]
        found += [
            Candidate(s.start, s.name, True)
            for s in self.recent_seen(window)
            if s.source_type == "person" and not s.plural and s.start < position
        ]
        return found

    def earlier_people(self, position: int, limit: int) -> list[str]:
        """Names of people named before the window, latest first (at most ``limit``)."""
        return [n.name for n in self.cast.named.last_before(self.window_start(position), limit)]

    def groups(self, position: int, plural: bool) -> list[tuple[int, str, str]]:
        """(start, name, type) for "it" (organisations, documents; a country only when it is
        the only group named in the window) or "they"/"we" (organisations, plural sources)."""
        window = self.window_start(position)
        named = self.cast.groups_between(window, position)
        seen = [s for s in self.recent_seen(window) if s.start < position]
        if plural:
            options = [(s.start, s.name, s.source_type) for s in seen if s.plural or s.source_type == "organisation"]
        else:
            options = [(s.start, s.name, s.source_type) for s in seen if s.source_type in ("organisation", "document") and not s.plural]
        options += [(start, name, "organisation") for start, (name, label) in named if label == "ORG"]
        if not options and not plural:
            places = {name for _, (name, label) in named if label != "ORG"}
            if len(places) == 1:
                options = [(start, name, "organisation") for start, (name, _) in named]
        return options
