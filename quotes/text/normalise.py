"""Clean a speaker name for display and matching: ``"Vedant\\tPatel"`` and
``"Vedant Pa\\u200btel"`` are both "Vedant Patel".

Only the name string is cleaned; offsets of the mention stay on the original text, where the tab
or zero-width space still is.
"""
from __future__ import annotations

import re
import unicodedata

# str.split() with no argument already splits on every Unicode space (tab, newline, NBSP, U+2009…).
_SPACE = re.compile(r"\s+")


def normalise_name(text: str) -> str:
    """``text`` with invisible format characters (Unicode category Cf: zero-width spaces and
    joiners, soft hyphen, BOM, bidi marks) dropped and every run of whitespace made one space."""
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return _SPACE.sub(" ", visible).strip()
