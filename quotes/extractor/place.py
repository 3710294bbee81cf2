"""Placing links against the quote marks: the kind (direct: the content is one quoted stretch;
mixed: reported speech holding a quoted fragment), direct content snapped to the words between
the marks, and quotes with no cue of their own that continue an attributed one ("“A,” he said.
“B.”"). Runs before speakers are resolved, so that the resolver knows every content.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..text.edges import trim
from ..text.intervals import IntervalSet
from ..text.quotemarks import QuotedSpan
from .link import Link

_DIRECT_TRAILING = " \t\n\r,"
_SENTENCE_END = ".?!…"


@dataclass(frozen=True)
class Placed:
    """A link whose content has been settled against the quote marks."""

    link: Link
    kind: str
    start: int
    end: int
    rule: str = ""  # set when it differs from the link's own rule (a continuation)

    @property
    def rule_name(self) -> str:
        return self.rule or self.link.rule


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


# "(CROSSTALK.)", "[inaudible]": a transcript's stage direction, not anyone's words.
_STAGE_DIRECTION = re.compile(r"\s*[(\[][^()\[\]]*[)\]][.\s]*")


def _spoken(text: str) -> bool:
    return _has_words(text) and _STAGE_DIRECTION.fullmatch(text) is None


def _outside_words(text: str, start: int, end: int, quotes: list[QuotedSpan]) -> bool:
    position = start
    for quote in quotes:
        if _has_words(text[position : quote.start]):
            return True
        position = max(position, quote.end)
    return _has_words(text[position:end])


def place(text: str, link: Link, quotes: list[QuotedSpan]) -> Placed:
    if link.cue_class == "turn":
        return Placed(link, "direct", link.start, link.end)  # a transcript turn is verbatim
    touching = [q for q in quotes if q.start < link.end and link.start < q.end]
    if not touching:
        kind = "belief" if link.cue_class == "belief" else "indirect"
        return Placed(link, kind, link.start, link.end)
    if not _outside_words(text, link.start, link.end, touching):
        start, end = trim(text, touching[0].inner_start, touching[-1].inner_end, _DIRECT_TRAILING)
        return Placed(link, "direct", start, end)
    start = min(link.start, touching[0].start)
    end = max(link.end, touching[-1].end)
    return Placed(link, "mixed", *trim(text, start, end))


def _direct_piece(text: str, quote: QuotedSpan) -> tuple[int, int]:
    return trim(text, quote.inner_start, quote.inner_end, _DIRECT_TRAILING)


def continuations(text: str, placed: list[Placed], quotes: list[QuotedSpan]) -> list[Placed]:
    """Quotes with no cue of their own that carry on an attributed direct quote.

    Three shapes: the attribution sentence ends and the quote goes on ("“A,” he said. “B.”");
    a quote reopens after a paragraph break it ran over (the earlier part has no closing mark);
    and the earlier, unclosed part of such a quote, whose cue comes in the next paragraph.
    """
    covered = IntervalSet((p.start, p.end) for p in placed)
    direct = [p for p in placed if p.kind == "direct"]
    anchors = _Anchors(direct)
    found: dict[int, Placed] = {}
    for index, quote in enumerate(quotes):
        inner = _direct_piece(text, quote)
        if not _spoken(text[inner[0] : inner[1]]) or _claimed(inner, covered):
            continue
        previous = quotes[index - 1] if index else None
        anchor = _anchor_before(text, quote, previous, anchors.last_before(quote.start))
        if anchor is not None:
            found[index] = Placed(anchor.link, "direct", *inner, rule="continuation")
            anchors.add(found[index])
    # Walk back over chains of unclosed paragraphs: each takes its attribution from what follows.
    for index in range(len(quotes) - 2, -1, -1):
        quote, following = quotes[index], quotes[index + 1]
        if not quote.continued or index in found:
            continue
        inner = _direct_piece(text, quote)
        next_inner = _direct_piece(text, following)
        anchor = found.get(index + 1) or next(
            (p for p in direct if p.start <= next_inner[0] < p.end + 1), None
        )
        # '"WALLACE: …' opens an unclosed paragraph that a transcript turn already holds.
        if anchor is not None and _spoken(text[inner[0] : inner[1]]) and not _claimed(inner, covered):
            found[index] = Placed(anchor.link, "direct", *inner, rule="continuation")
    return [found[i] for i in sorted(found)]


def _claimed(inner: tuple[int, int], covered: IntervalSet) -> bool:
    """The quoted words start inside an attribution, or one starts inside them."""
    return covered.overlaps(*inner)


# A quote carries on its attribution across at most one blank line (a new paragraph); past
# that the article has moved on.
MAX_CONTINUATION_BREAKS = 2
# The attribution sentence's own tail before a quote goes on: " reporters after the match. ".
_SENTENCE_TAIL = re.compile(r"^[^.!?“”\"\n]*[.!?]?\s*$")


class _Anchors:
    """Attributed direct quotes by where their attribution's words end, so that the one before
    each quote is found by bisection, not by a scan (a long transcript has thousands)."""

    def __init__(self, placed: list[Placed]):
        self.ends: list[int] = []
        self.items: list[Placed] = []
        for item in placed:
            self.add(item)

    def add(self, item: Placed) -> None:
        end = _last_end(item)
        at = bisect_right(self.ends, end)  # after equal ends: the first added stays first
        self.ends.insert(at, end)
        self.items.insert(at, item)

    def last_before(self, position: int) -> Placed | None:
        """The attribution ending last at or before ``position`` (the first added, on a tie)."""
        at = bisect_right(self.ends, position) - 1
        return self.items[bisect_left(self.ends, self.ends[at])] if at >= 0 else None


def _anchor_before(
    text: str, quote: QuotedSpan, previous: QuotedSpan | None, anchor: Placed | None
) -> Placed | None:
    if anchor is None:
        return None
    if previous is not None and previous.continued and anchor.start <= previous.inner_start < anchor.end + 2:
        return anchor
    gap = text[_last_end(anchor) : quote.start]
    if gap.count("\n") > MAX_CONTINUATION_BREAKS or not _SENTENCE_TAIL.match(gap):
        return None
    if _has_words(gap) and not gap.rstrip().endswith((".", "!", "?")):
        return None
    inner = text[quote.inner_start : quote.inner_end].rstrip(" ,")
    if not inner or inner[-1] not in _SENTENCE_END and not quote.continued:
        return None  # a scare-quoted fragment right after a quote is not its continuation
    return anchor


def _last_end(placed: Placed) -> int:
    """Where the attribution's own words end: content, cue or speaker, whichever is last."""
    ends = [placed.end]
    for span in (placed.link.cue, placed.link.speaker):
        if span is not None:
            ends.append(span.end_char)
    return max(ends)
