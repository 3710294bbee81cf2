"""Clean a speaker name for display and matching: ``"Vedant\\tPatel"``, ``"Vedant Pa\\u200btel"``,
``"Jane\\x00 Doe"`` and ``"Jane 👩‍🚀 Doe"`` are "Vedant Patel" and "Jane Doe".

Only the name string is cleaned; offsets of the mention stay on the original text, where the tab
or zero-width space still is.
"""
from __future__ import annotations

import re
import unicodedata

# str.split() with no argument already splits on every Unicode space (tab, newline, NBSP, U+2009…).
_SPACE = re.compile(r"\s+")
# A zero-width space between a lower-case and an upper-case letter parts two words ("Jane\u200bDoe").
_WORD_BREAK = re.compile(r"(?<=[^\W\d_])\u200b+(?=[^\W\d_])")
# Emoji and pictographs with their modifiers, as quotes.text.prepare drops them.
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u275a\u2761-\u2767\u2776-\u27bf\u2b00-\u2bff\ufe0e\ufe0f\u20e3]")


def _parts_words(match: re.Match[str]) -> str:
    before, after = match.string[match.start() - 1], match.string[match.end()]
    return " " if before.islower() and after.isupper() else ""


def _visible(ch: str) -> str:
    if ch.isspace():
        return ch
    category = unicodedata.category(ch)
    return "" if category == "Cf" else " " if category == "Cc" else ch


def normalise_name(text: str) -> str:
    """``text`` with invisible format characters (Unicode category Cf: zero-width spaces and
    joiners, soft hyphen, BOM, bidi marks) dropped, control characters (NUL) and emoji made
    spaces, a zero-width space that parts two words ("JaneDoe" written with one) made a space,
    and every run of whitespace made one space."""
    text = _WORD_BREAK.sub(_parts_words, text)
    text = _EMOJI.sub(" ", text)
    visible = "".join(_visible(ch) for ch in text)
    return _SPACE.sub(" ", visible).strip()
