"""HTML input: notice it, read the text a browser would show, and map offsets back.

An HTML page fed to the extractor as it is gives no quotes (the marks are ``&ldquo;`` and the
paragraphs are tags), so the pipeline strips the markup first and maps every quote's offsets back
onto the original text, where ``original[start:end] == text`` still holds (the slice then holds
any tags between the words).

The map from plain to original offsets is a list of segments (plain start, original start and
end, verbatim or not), one per run of text copied as it was and one per tag, entity or collapsed
whitespace that changed it: memory grows with the number of tags, not with the characters.
"""
from __future__ import annotations

import html
import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

# Tags whose content is not text a reader sees.
_HIDDEN = "script|style|head|noscript|template|svg|math|iframe|object"
# Tags that start a new block: each becomes a paragraph break in the plain text.
BLOCK_TAGS = frozenset(
    {
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "ul", "ol",
        "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "caption", "section", "article", "aside",
        "header", "footer", "nav", "main", "figure", "figcaption", "hr", "pre", "address", "form",
        "fieldset", "title", "body", "html",
    }
)
# Table cells: a space between cells, so that their words do not run together.
_CELL_TAGS = frozenset({"td", "th"})

_ATTRIBUTES = r"""(?:[^<>"']|"[^"]*"|'[^']*')*"""
_TOKEN = re.compile(
    rf"""
    (?P<hidden><(?P<hname>{_HIDDEN})\b{_ATTRIBUTES}>.*?</(?P=hname)\s*>)
    |(?P<skip><!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?][^<>]*>)
    |(?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9:-]*)\b{_ATTRIBUTES}>)
    |(?P<entity>&(?:\#[0-9]{{1,7}}|\#[xX][0-9a-fA-F]{{1,6}}|[A-Za-z][A-Za-z0-9]{{1,31}});?)
    |(?P<space>[^\S ]\s*|\ \s+)
    """,
    re.X | re.S | re.I,
)

# A web page: a doctype, or the html or body element.
_DOCUMENT_HINT = re.compile(r"<!DOCTYPE\s+html|<html[\s>]|<body[\s>]", re.I)
# The block structure of a page or of an HTML fragment: paragraphs, divisions, breaks, lists...
_BLOCK_HINT = re.compile(
    r"</?(?:p|div|br|h[1-6]|li|ul|ol|table|tr|td|th|blockquote|section|article|header|footer|figure"
    rf"|figcaption|main|aside|nav)(?:\s{_ATTRIBUTES})?/?>",
    re.I,
)
_ENTITY_HINT = re.compile(r"&(?:[lr]dquo|[lr]squo|quot|amp|nbsp|mdash|#8220|#8221|#x201[cCdD]);")


def looks_like_markup(text: str) -> bool:
    """True for text that looks like an HTML document: a doctype, an html or body element, or
    block structure (two or more paragraph, division, break, list or table tags, or one along
    with HTML entities). Text that merely holds inline tags ("<b>...</b>") or angle brackets
    ("x < 5", "<fine>") stays plain: it is read as it is, words in brackets and all."""
    if _DOCUMENT_HINT.search(text):
        return True
    tags = 0
    for _ in _BLOCK_HINT.finditer(text):
        tags += 1
        if tags >= 2:
            return True
    return tags == 1 and _ENTITY_HINT.search(text) is not None


@dataclass
class Stripped:
    """The plain text of a marked-up text, and the way back to the original's offsets."""

    text: str
    _plain: array = field(repr=False)  # plain start of each segment, ascending
    _orig_start: array = field(repr=False)
    _orig_end: array = field(repr=False)
    _verbatim: bytearray = field(repr=False)  # 1: copied as it was, so offsets map one to one

    def _segment(self, offset: int) -> int:
        return max(bisect_right(self._plain, offset) - 1, 0)

    def to_original(self, offset: int) -> int:
        """Where the plain character at ``offset`` starts in the original (for a span's start;
        ``len(text)`` maps to the end of the last text in the original)."""
        if not self._plain:
            return 0
        offset = min(max(offset, 0), len(self.text))
        if offset == len(self.text):
            return self._orig_end[-1]
        i = self._segment(offset)
        if self._verbatim[i]:
            return self._orig_start[i] + offset - self._plain[i]
        return self._orig_start[i] if offset == self._plain[i] else self._orig_end[i]

    def to_original_end(self, offset: int) -> int:
        """Where the plain character before ``offset`` ends in the original (for a span's end:
        tags after the span's last word are left out)."""
        if not self._plain:
            return 0
        offset = min(max(offset, 0), len(self.text))
        if offset == 0:
            return self._orig_start[0]
        i = self._segment(offset - 1)
        if self._verbatim[i]:
            return self._orig_start[i] + offset - self._plain[i]
        return self._orig_end[i]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            at = self.to_original(start)
            return at, at
        return self.to_original(start), self.to_original_end(end)


class SegmentWriter:
    """A changed text written piece by piece, with the segments that map it back: a verbatim
    piece right after another extends its segment (offsets map one to one), any other piece
    is a segment of its own. Shared by the markup stripper and ``quotes.text.prepare``."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.pieces: list[str] = []
        self.length = 0
        self.plain = array("q")
        self.orig_start = array("q")
        self.orig_end = array("q")
        self.verbatim = bytearray()

    def emit(self, plain: str, start: int, end: int, verbatim: bool) -> None:
        """``plain`` read for original ``[start, end)``."""
        if verbatim and self.verbatim and self.verbatim[-1] and self.orig_end[-1] == start:
            self.orig_end[-1] = end  # extends the verbatim run before it
        else:
            self.plain.append(self.length)
            self.orig_start.append(start)
            self.orig_end.append(end)
            self.verbatim.append(1 if verbatim else 0)
        self.pieces.append(plain)
        self.length += len(plain)

    def build(self) -> Stripped:
        return Stripped("".join(self.pieces), self.plain, self.orig_start, self.orig_end, self.verbatim)


class _Builder(SegmentWriter):
    """Plain text from markup, collapsing whitespace and writing paragraph breaks."""

    def __init__(self, original: str) -> None:
        super().__init__(original)
        self.pending_space: tuple[int, int] | None = None
        self.at_break = True  # nothing written yet, or a paragraph break last

    def _flush_space(self) -> None:
        if self.pending_space is not None and not self.at_break:
            start, end = self.pending_space
            self.emit(" ", start, end, self.original[start:end] == " ")
        self.pending_space = None

    def space(self, start: int, end: int) -> None:
        if self.pending_space is None:
            self.pending_space = (start, end)
        else:
            self.pending_space = (self.pending_space[0], end)

    def text(self, start: int, end: int, decoded: str | None = None) -> None:
        """Original ``[start, end)``: verbatim when ``decoded`` is None, else an entity."""
        if decoded is not None:
            if decoded.isspace():
                self.space(start, end)
                return
            self._flush_space()
            self.emit(decoded, start, end, False)
            self.at_break = False
            return
        chunk = self.original[start:end]
        core_start = start + len(chunk) - len(chunk.lstrip())
        core_end = end - (len(chunk) - len(chunk.rstrip()))
        if core_start >= core_end:
            self.space(start, end)
            return
        if core_start > start:
            self.space(start, core_start)
        self._flush_space()
        self.emit(self.original[core_start:core_end], core_start, core_end, True)
        self.at_break = False
        if core_end < end:
            self.space(core_end, end)

    def paragraph_break(self, start: int, end: int) -> None:
        self.pending_space = None
        if not self.at_break:
            self.emit("\n\n", start, end, False)
            self.at_break = True

    def build(self) -> Stripped:
        if self.verbatim and not self.verbatim[-1] and self.pieces[-1] == "\n\n":
            for column in (self.plain, self.orig_start, self.orig_end):
                column.pop()
            self.verbatim.pop()
            self.pieces.pop()  # a break after the last words separates nothing
        return super().build()


def strip_markup(text: str) -> Stripped:
    """The text a reader of the page sees: block elements become paragraph breaks, inline tags
    vanish, script/style/head content is dropped, entities are decoded and runs of whitespace
    (HTML's line wrapping) become one space."""
    builder = _Builder(text)
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            builder.text(position, match.start())
        kind = match.lastgroup
        if kind == "tag":
            name = match.group("name").lower()
            if name in BLOCK_TAGS:
                builder.paragraph_break(match.start(), match.end())
            elif name in _CELL_TAGS:
                builder.space(match.start(), match.end())
        elif kind == "entity":
            decoded = html.unescape(match.group())
            if decoded == match.group():
                builder.text(match.start(), match.end())  # not an entity: "AT&T;"
            else:
                builder.text(match.start(), match.end(), decoded)
        elif kind == "space":
            builder.space(match.start(), match.end())
        elif kind == "hidden":
            builder.paragraph_break(match.start(), match.end())
        position = match.end()
    if position < len(text):
        builder.text(position, len(text))
    return builder.build()


_PARTS = ("speaker", "cue", "speaker_role")


def map_quote(quote: dict[str, Any], stripped: Stripped, original: str) -> dict[str, Any]:
    """A quote dict found in ``stripped.text`` with its content, speaker, cue and role moved onto
    ``original``: offsets mapped back and each text sliced again from the original."""
    mapped = dict(quote)
    start, end = stripped.span_to_original(int(quote["start"]), int(quote["end"]))
    mapped.update(start=start, end=end, text=original[start:end])
    for key in _PARTS:
        part = quote.get(key)
        if part:
            s, e = stripped.span_to_original(int(part["start"]), int(part["end"]))
            mapped[key] = {**part, "start": s, "end": e, "text": original[s:e]}
    if quote.get("pieces"):
        mapped["pieces"] = []
        for piece in quote["pieces"]:
            s, e = stripped.span_to_original(int(piece["start"]), int(piece["end"]))
            mapped["pieces"].append({**piece, "start": s, "end": e, "text": original[s:e]})
    return mapped
