"""Split a long text into paragraph-aligned chunks (``quotes.pipeline`` parses one at a time).

A chunk is bounded by characters and, optionally, by double quote marks: the extractor's work
grows faster than linearly with the quotes of one parse, so a text dense with quotes (a
transcript, a page of sound bites) is parsed in smaller pieces.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from ..errors import OptionError

_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


def _cut(text: str, start: int, limit: int) -> int:
    """The best place to end a chunk that starts at ``start``: the last paragraph break before
    the limit, else the last line break, sentence end or space, else the limit itself."""
    window_end = start + limit
    for pattern in _BREAKS:
        cuts = [m.end() for m in pattern.finditer(text, start, window_end) if m.end() < window_end]
        if cuts and cuts[-1] > start:
            return cuts[-1]
    return window_end


_DOUBLE_MARKS = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb]")


def chunks(text: str, limit: int, max_marks: int | None = None) -> Iterator[tuple[int, str]]:
    """(offset, piece) pairs that cover ``text`` exactly, each piece at most ``limit`` chars
    and, with ``max_marks``, holding at most that many double quote marks where a break allows."""
    if limit <= 0 or (max_marks is not None and max_marks <= 0):
        raise OptionError("chunk limits must be positive")
    marks = [m.start() for m in _DOUBLE_MARKS.finditer(text)] if max_marks is not None else []
    start = 0
    while True:
        window = limit
        if max_marks is not None:
            first = bisect_left(marks, start)
            if first + max_marks < len(marks):  # the mark after the last one allowed
                window = min(window, max(marks[first + max_marks] - start, 1))
        if len(text) - start <= window:
            break
        end = _cut(text, start, window)
        yield start, text[start:end]
        start = end
    if start < len(text) or not text:
        yield start, text[start:]
