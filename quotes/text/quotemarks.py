"""Find quoted stretches of text from the quote marks alone.

Works on raw characters, before any parsing, so that straight, curly, German („…“, ‚…‘),
guillemet («…», »…«) and single marks, apostrophes ("nations' ties", "it's", "'90s"), quotes
nested with the same straight mark and quotes running over paragraphs are all settled in one place.

Marks are paired with a stack, one paragraph at a time: a closing mark closes the innermost open
quote whose opener it can close (“ closes „ but opens on its own; » closes « but opens »…«), and
only the outermost quotes are reported, nested ones being part of their words.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

DOUBLE_OPEN = "“„«»"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
TWO_APOSTROPHES = "''"  # a double mark in some archives (NYT: ''It is,'' he said.)
# The same typed with curly singles: ‘‘It is,’’ he said. “It is,’’ he said.
TWO_LEFT_SINGLES = "‘‘"
TWO_RIGHT_SINGLES = "’’"
ALL_MARKS = "“”„«»‘’‚‹›" + STRAIGHT_DOUBLE + STRAIGHT_SINGLE
DOUBLE_MARKS = (*DOUBLE_OPEN, STRAIGHT_DOUBLE, TWO_APOSTROPHES, TWO_LEFT_SINGLES)

# What closes each opening mark. Straight closers after curly openers are sloppy but common.
CLOSERS: dict[str, tuple[str, ...]] = {
    "“": ("”", '"', "“", TWO_RIGHT_SINGLES),  # English “…”, and “…“ or “…’’ typed sloppily
    "„": ("“", "”", '"'),  # German „…“, Polish and Hungarian „…”
    "«": ("»",),  # French, Swiss «…»
    "»": ("«",),  # German, Danish »…«
    '"': ('"', "”", TWO_RIGHT_SINGLES),
    TWO_APOSTROPHES: (TWO_APOSTROPHES, "”", TWO_RIGHT_SINGLES),
    TWO_LEFT_SINGLES: (TWO_RIGHT_SINGLES, "”", TWO_APOSTROPHES),
    "‘": ("’", "'"),
    "‚": ("‘", "’"),  # German ‚…‘
    "'": ("'", "’"),
    "‹": ("›",),
    "›": ("‹",),
}
# Marks that open only where a quote can start (after a space, bracket, dash or another mark,
# and before a non-space): straight marks, apostrophe look-alikes and marks that also close.
_OPEN_IN_CONTEXT = {*"\"'‘‚»›", TWO_APOSTROPHES, TWO_LEFT_SINGLES}
# Marks that open a quote inside an open one only after a space and before a letter.
_STRAIGHT_DOUBLE = {STRAIGHT_DOUBLE, TWO_APOSTROPHES}
# Marks that close only at the end of a word (not "it’s"): the apostrophe look-alikes, and “,
# which closes „ or a sloppy “…“ but opens a nested quote before a word.
_CLOSE_AT_WORD_END = {*"'’‘“", TWO_RIGHT_SINGLES}
_SINGLE_MARKS = set("'’‘‚‹›")
# Characters after which a mark can open a quote.
_OPENING_CONTEXT = set(" \t\n\u00a0([{—–-/:") | set(DOUBLE_OPEN)

_PARAGRAPH_BREAK = re.compile(r"\n\s*")
_MARK = re.compile("''|‘‘|’’|[" + re.escape(ALL_MARKS) + "]")


@dataclass(frozen=True)
class QuotedSpan:
    """A quoted stretch: ``start``/``end`` cover the marks, ``inner_*`` the words between them.

    ``continued`` is set when the quote has no closing mark because it goes on in the next
    paragraph (news style: the next paragraph reopens with a fresh opening mark).
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    continued: bool = False


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line-delimited paragraph."""
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.start() > position:
            yield position, match.start()
        position = match.end()
    if position < len(text):
        yield position, len(text)


@dataclass(frozen=True)
class _Mark:
    """One quote mark found in a paragraph: ``text[start:end]`` (two characters for '')."""

    start: int
    end: int
    mark: str
    before: str  # the character before it, a space at the paragraph's start
    after: str  # the character after it, a space at the paragraph's end


def _marks(text: str, para_start: int, para_end: int) -> Iterator[_Mark]:
    for match in _MARK.finditer(text, para_start, para_end):
        i, j = match.span()
        # Invisible format characters (a byte-order mark, zero-width spaces) are looked through.
        k = i - 1
        while k >= para_start and unicodedata.category(text[k]) == "Cf":
            k -= 1
        before = text[k] if k >= para_start else " "
        after = text[j] if j < para_end else " "
        yield _Mark(i, j, match.group(), before, after)


def _can_open(m: _Mark) -> bool:
    if m.mark in "'‘" and m.after.isdigit():
        return False  # '90s, ‘08
    return (m.before in _OPENING_CONTEXT or m.before in ALL_MARKS) and not m.after.isspace()


def _can_close(m: _Mark) -> bool:
    return not m.before.isspace() and not m.after.isalnum()


def _opens_nested(m: _Mark) -> bool:
    """A straight " after a space and before a letter opens a quote inside the open one."""
    return m.before in _OPENING_CONTEXT and m.after.isalnum()


def _acceptor(stack: list[_Mark], mark: str) -> int | None:
    """Depth of the innermost open quote that ``mark`` can close. A single mark never closes
    across an open double quote (in "‘bout the “news of residents’ day”" the ’ is an apostrophe)."""
    for depth in range(len(stack) - 1, -1, -1):
        if mark in CLOSERS[stack[depth].mark]:
            return depth
        if mark in _SINGLE_MARKS and stack[depth].mark in DOUBLE_MARKS:
            return None
    return None


def _closes(m: _Mark) -> bool:
    if m.mark in _STRAIGHT_DOUBLE:
        return not _opens_nested(m)
    if m.mark in _CLOSE_AT_WORD_END:
        return _can_close(m)
    return True


def _opens(m: _Mark) -> bool:
    if m.mark not in CLOSERS:
        return False
    return m.mark not in _OPEN_IN_CONTEXT or _can_open(m)


def _closed(opener: _Mark, closer: _Mark) -> QuotedSpan:
    return QuotedSpan(opener.start, closer.end, opener.end, closer.start)


def _outermost(spans: list[QuotedSpan]) -> list[QuotedSpan]:
    """Spans not inside another one (pairs from a stack nest or are disjoint)."""
    result: list[QuotedSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not result or span.start >= result[-1].end:
            result.append(span)
    return result


def _as_singles_when_unpaired(marks: Iterator[_Mark], stack: list[_Mark]) -> Iterator[_Mark]:
    """’’ closes a double quote ("“It is,’’ he said"); where none is open, or a single quote
    is open inside it, it is two single marks ("‘He said ‘no’’", "“… ‘madness’’ …”")."""
    for mark in marks:
        if mark.mark == TWO_RIGHT_SINGLES and (
            _acceptor(stack, mark.mark) is None or _acceptor(stack, "’") is not None
        ):
            yield _Mark(mark.start, mark.start + 1, "’", mark.before, "’")
            yield _Mark(mark.start + 1, mark.end, "’", "’", mark.after)
        else:
            yield mark


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[QuotedSpan], list[_Mark]]:
    """Every pair closed inside one paragraph (nested ones too), and the openers left open."""
    closed: list[QuotedSpan] = []
    stack: list[_Mark] = []
    for mark in _as_singles_when_unpaired(_marks(text, start, end), stack):
        depth = _acceptor(stack, mark.mark)
        if depth is not None and _closes(mark):
            closed.append(_closed(stack[depth], mark))
            del stack[depth:]  # openers inside it that never closed were not quotes
        elif _opens(mark):
            stack.append(mark)
    return closed, stack


def _opens_with_quote(text: str, start: int) -> bool:
    return text[start : start + 1] in DOUBLE_MARKS or text.startswith((TWO_APOSTROPHES, TWO_LEFT_SINGLES), start)


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every outermost quoted stretch of ``text``, in order, never overlapping.

    A mark that cannot be paired is ignored rather than allowed to swallow the rest of the
    document: quotes never cross a paragraph break except by the reopening convention, where a
    paragraph that leaves a double quote open is followed by one that opens with a double mark.
    """
    result: list[QuotedSpan] = []
    paras = list(paragraphs(text))
    for index, (start, end) in enumerate(paras):
        closed, left_open = _scan_paragraph(text, start, end)
        next_start = paras[index + 1][0] if index + 1 < len(paras) else None
        running = next(
            (m for m in left_open if m.mark in DOUBLE_MARKS), None
        ) if next_start is not None and _opens_with_quote(text, next_start) else None
        if running is None:
            result.extend(_outermost(closed))
            continue
        result.extend(_outermost([s for s in closed if s.end <= running.start]))
        inner_end = end
        while inner_end > running.end and text[inner_end - 1].isspace():
            inner_end -= 1
        if inner_end > running.end:
            result.append(QuotedSpan(running.start, inner_end, running.end, inner_end, True))
    return result
