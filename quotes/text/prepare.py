"""What the parser reads: a text made plain and safe for spaCy, with the way back to the
original's offsets.

The runners (``quotes.run.pipeline``) parse ``prepare(text)``'s text and map every quote back
with ``map_quote``, layer by layer, so ``original[start:end] == text`` holds on the text as given.
Each layer is a ``Stripped`` (``quotes.text.markup``): the changed text and a compact map of
segments back to the text before it.

1. HTML documents lose their markup (``strip_markup``).
2. Plain text is cleaned of what misleads the parser and shows no words: control characters
   (NUL) and invisible format characters (zero-width joiners, soft hyphens, byte order marks,
   bidi marks) go; a zero-width space goes too, or becomes a space where it parts two words
   ("Jane\\u200bDoe"); emoji go, leaving one space where they stood between words ("Jane 👩‍🚀
   Doe" is read as "Jane Doe"); a lone carriage return (old Mac line endings) and the Unicode
   line and paragraph separators become line breaks; Windows-1252 quote marks and dashes read
   as C1 controls become the marks they were; HTML entities in text that is not HTML
   (``&amp;``, ``&ldquo;``) are decoded.
3. Long runs are bounded. spaCy's tokenizer takes time quadratic in the length of a run of
   quote marks, brackets or other symbols without spaces (16,000 ``"`` take half a minute, a
   100,000-character run a quarter of an hour), and in the length of a very long word (a URL
   pattern); and the parser and entity recogniser take time by the token, so that even cut
   into tokens, 100,000 quote marks take a minute. So a stretch of more than ``MAX_SYMBOLS``
   characters made of symbols alone (spaces and tabs between them allowed) is read as its
   first and last ``SYMBOL_KEEP`` characters with a space between: no quote starts or ends
   inside such a stretch, and offsets still map onto the whole of it. A run without spaces
   longer than ``MAX_WORD`` gets a space every ``MAX_WORD`` characters.
"""
from __future__ import annotations

import html
import re

from .markup import SegmentWriter, Stripped, looks_like_markup, strip_markup

# Stretches of symbols longer than this are read as their two ends, SYMBOL_KEEP characters
# each; news writes no more than a few symbols in a row.
MAX_SYMBOLS = 40
SYMBOL_KEEP = 12
# Runs without a space longer than this (URLs, base64, a word repeated without spaces) are cut
# every MAX_WORD characters.
MAX_WORD = 1000

# Invisible format characters (Unicode Cf) a text may carry, but for the zero-width space.
_FORMAT = "\u00ad\u061c\u180e\u200c-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0001\U000e0020-\U000e007f"
# Emoji and pictographs, with their variation selectors, keycap and skin-tone modifiers (the
# dingbat quotation marks and ornamental brackets U+275B-U+2760, U+2768-U+2775 stay).
_EMOJI = "\U0001f000-\U0001faff\u2600-\u275a\u2761-\u2767\u2776-\u27bf\u2b00-\u2bff\ufe0e\ufe0f\u20e3"
_CONTROL = "\x00-\x08\x0e-\x1f\x7f"
# Windows-1252 punctuation decoded as Latin-1 lands on C1 controls: give back what it was.
_C1 = {"\x85": "…", "\x91": "‘", "\x92": "’", "\x93": "“", "\x94": "”", "\x96": "–", "\x97": "—"}

_EDIT = re.compile(
    rf"""
    (?P<drop>\ ?[{_FORMAT}{_EMOJI}{_CONTROL}]+\ ?)
    |(?P<zwsp>\u200b+)
    |(?P<line>\r(?!\n)|[\u2028\u2029])
    |(?P<c1>[\x80-\x9f])
    |(?P<entity>&(?:\#[0-9]{{1,7}}|\#[xX][0-9a-fA-F]{{1,6}}|[A-Za-z][A-Za-z0-9]{{1,31}});)
    """,
    re.X,
)
_ONLY_FORMAT = re.compile(f"[{_FORMAT}]+")
# At least 21 symbols, with spaces or tabs between them: the length is checked after.
_SYMBOLS = re.compile(r"[^\w\s](?:[ \t]*[^\w\s]){20,}")
_WORD = re.compile(rf"\S{{{MAX_WORD + 1},}}")

# (the text of a layer, the text it maps back to)
Layer = tuple[Stripped, str]


class _Builder(SegmentWriter):
    """Segments of a changed text: verbatim runs of the source and changed pieces."""

    def copy(self, start: int, end: int) -> None:
        if start < end:
            self.emit(self.original[start:end], start, end, True)

    def change(self, start: int, end: int, new: str) -> None:
        """Source ``[start, end)`` read as ``new``: removed when "", inserted when empty."""
        if new:
            self.emit(new, start, end, False)


def _between_words(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and not text[start - 1].isspace() and not text[end].isspace()


def _replacement(match: re.Match[str], entities: bool) -> str | None:
    """What the parser reads for one edit, or None to keep the source as it is."""
    text, start, end = match.string, match.start(), match.end()
    kind = match.lastgroup
    if kind == "drop":
        if _ONLY_FORMAT.fullmatch(match.group()):
            return ""  # a soft hyphen or joiner inside a word: "Pa\u00adtel" is "Patel"
        return " " if _between_words(text, start, end) else ""
    if kind == "zwsp":
        parts_words = start > 0 and end < len(text) and text[start - 1].islower() and text[end].isupper()
        return " " if parts_words else ""
    if kind == "line":
        return "\n"
    if kind == "c1":
        return _C1.get(match.group(), "")
    if not entities:
        return None
    decoded = html.unescape(match.group())
    return None if decoded == match.group() else decoded


def clean(text: str, entities: bool = True) -> Stripped | None:
    """Step 2 of the module docstring; None when nothing changes. ``entities``: decode HTML
    entities (not in text that comes from HTML, already decoded once)."""
    builder = _Builder(text)
    position = 0
    changed = False
    for match in _EDIT.finditer(text):
        new = _replacement(match, entities)
        if new is None:
            continue
        builder.copy(position, match.start())
        builder.change(match.start(), match.end(), new)
        position = match.end()
        changed = True
    if not changed:
        return None
    builder.copy(position, len(text))
    return builder.build()


def bound_runs(text: str) -> Stripped | None:
    """Step 3 of the module docstring; None when nothing is long enough to bound."""
    edits: list[tuple[int, int, str]] = []  # (start, end, read as), in text order
    for stretch in _SYMBOLS.finditer(text):
        start, end = stretch.span()
        if end - start > MAX_SYMBOLS:
            edits.append((start + SYMBOL_KEEP, end - SYMBOL_KEEP, " "))
    dropped = iter(edits)
    gap = next(dropped, None)
    for word in _WORD.finditer(text):
        for cut in range(word.start() + MAX_WORD, word.end(), MAX_WORD):
            while gap is not None and gap[1] <= cut:
                gap = next(dropped, None)
            if gap is None or cut < gap[0]:
                edits.append((cut, cut, " "))
    if not edits:
        return None
    edits.sort()
    builder = _Builder(text)
    position = 0
    for start, end, new in edits:
        builder.copy(position, start)
        builder.change(start, end, new)
        position = end
    builder.copy(position, len(text))
    return builder.build()


def prepare(text: str) -> list[Layer]:
    """The layers from ``text`` to what the parser reads (the last layer's text); none when
    the text is parsed as it is."""
    layers: list[Layer] = []
    current = text
    is_html = looks_like_markup(text)
    steps = ((strip_markup if is_html else None), lambda t: clean(t, entities=not is_html), bound_runs)
    for step in steps:
        if step is None:
            continue
        layer = step(current)
        if layer is not None:
            layers.append((layer, current))
            current = layer.text
    return layers
