"""Split a long text into paragraph-aligned chunks (``quotes.pipeline`` parses one at a time)."""
from __future__ import annotations

import re
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


def chunks(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) pairs that cover ``text`` exactly, each piece at most ``limit`` chars."""
    if limit <= 0:
        raise OptionError("chunk limit must be positive")
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, limit)
        yield start, text[start:end]
        start = end
    if start < len(text) or not text:
        yield start, text[start:]
