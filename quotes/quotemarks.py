"""Find quoted stretches of text from the quote marks alone.

Works on raw characters, before any parsing, so that straight, curly and single marks, apostrophes
("nations' ties") and quotes running over paragraphs are all settled in one place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

DOUBLE_OPEN = "“«„"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE
# Characters after which a straight or single mark can open a quote.
_OPENING_CONTEXT = set(" \t\n([{—–-/:") | set(DOUBLE_OPEN)

_PARAGRAPH_BREAK = re.compile(r"\n\s*")


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


def _is_letter(char: str) -> bool:
    return char.isalnum()


def _can_open(text: str, i: int, para_start: int, para_end: int) -> bool:
    before = text[i - 1] if i > para_start else " "
    after = text[i + 1] if i + 1 < para_end else " "
    return (before in _OPENING_CONTEXT or before in ALL_MARKS) and not after.isspace()


def _can_close(text: str, i: int, para_start: int, para_end: int) -> bool:
    before = text[i - 1] if i > para_start else " "
    after = text[i + 1] if i + 1 < para_end else " "
    return not before.isspace() and not _is_letter(after)


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[QuotedSpan], int | None]:
    """Quotes closed inside one paragraph, and the offset of a double quote left open."""
    spans: list[QuotedSpan] = []
    double_open: int | None = None
    single_open: int | None = None
    for i in range(start, end):
        char = text[i]
        if char not in ALL_MARKS:
            continue
        if char in DOUBLE_OPEN or (char == STRAIGHT_DOUBLE and double_open is None):
            if char == STRAIGHT_DOUBLE and not _can_open(text, i, start, end):
                continue
            double_open, single_open = i, None
        elif char in DOUBLE_CLOSE or char == STRAIGHT_DOUBLE:
            if double_open is not None:
                spans.append(_closed(double_open, i))
                double_open = None
        elif double_open is not None:
            continue  # single marks inside a double quote are part of its words
        elif single_open is None:
            if char in (SINGLE_OPEN, STRAIGHT_SINGLE) and _can_open(text, i, start, end):
                if not text[i + 1 : i + 2].isdigit():  # '90s, ’08
                    single_open = i
        elif char in (SINGLE_CLOSE, STRAIGHT_SINGLE) and _can_close(text, i, start, end):
            spans.append(_closed(single_open, i))
            single_open = None
    return spans, double_open


def _closed(open_at: int, close_at: int) -> QuotedSpan:
    return QuotedSpan(open_at, close_at + 1, open_at + 1, close_at)


def _opens_with_quote(text: str, start: int) -> bool:
    return text[start : start + 1] in (DOUBLE_OPEN + STRAIGHT_DOUBLE)


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted stretch of ``text``, in order, never overlapping.

    A mark that cannot be paired is ignored rather than allowed to swallow the rest of the
    document: quotes never cross a paragraph break except by the reopening convention.
    """
    result: list[QuotedSpan] = []
    paras = list(paragraphs(text))
    for index, (start, end) in enumerate(paras):
        spans, left_open = _scan_paragraph(text, start, end)
        result.extend(spans)
        if left_open is None:
            continue
        next_start = paras[index + 1][0] if index + 1 < len(paras) else None
        if next_start is not None and _opens_with_quote(text, next_start):
            inner_end = end
            while inner_end > left_open + 1 and text[inner_end - 1].isspace():
                inner_end -= 1
            if inner_end > left_open + 1:
                result.append(QuotedSpan(left_open, inner_end, left_open + 1, inner_end, True))
    return result
