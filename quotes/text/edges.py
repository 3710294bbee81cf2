"""The edges of a stretch of text: white space and punctuation that belong to no part."""
from __future__ import annotations

# What a content or a quote does not start or end with: "said: “", "…, Patel said."
EDGE = " \t\n\r,;:.—–-"


def trim(text: str, start: int, end: int, chars: str = EDGE) -> tuple[int, int]:
    """Shrink [start, end) past edge whitespace and punctuation."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end
