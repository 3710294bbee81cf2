"""Static HTML views: an article with its quotes marked, and gold-versus-predicted comparisons.

The article is printed exactly as written: its text is cut at every mark boundary (character
offsets) and each piece is HTML-escaped as it is, inside nested elements that carry the marks
over it, so the text nodes of the article block join to the original text ("Russia's", line
breaks and blank lines as they were). Each mark element names its quote and part with
``data-quote`` and ``data-part``. Content is a translucent background (overlapping contents
darken), speaker, cue and role are underlines stacked in lanes so that overlapping ones stay
apart. Labels come from CSS ``::before`` on attributes, so they add no text to the DOM.
Inline CSS, no scripts, no fetches.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..component.loading import DEFAULT_MODEL, load
from ..run.corpus import Record
from ..run.pipeline import pipe_records
from ..types import Quote

PARTS = ("content", "role", "speaker", "cue")
PART_COLOURS = {
    "content": "rgba(255, 196, 0, 0.30)",
    "speaker": "#1f77d0",
    "cue": "#d02f8f",
    "role": "#2a9d4a",
}
LANES = 6  # underline lanes; more overlapping underlines than this share the last lane
STATUS_MARK = {
    "match": "✓",
    "boundary": "≈ boundaries differ",
    "miss": "✗ missed",
    "false": "✗ false alarm",
    "speaker": "⚠ wrong speaker",
}

_LANE_CSS = "".join(
    f".text .m.ln{lane} {{ padding-bottom: {1 + 4 * lane}px; }}" for lane in range(LANES)
)
CSS = (
    """
body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; border-bottom: 1px solid #ddd; padding-bottom: .3em; }
.legend span { padding: 2px 8px; margin-right: .5em; font-size: .85em; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16em, 2fr); gap: 2em; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 2em; }
.text { line-height: 2.3; white-space: pre-wrap; overflow-wrap: anywhere; }
.text .m-content { background: """
    + PART_COLOURS["content"]
    + """; }
.text .m-speaker { border-bottom: 3px solid """
    + PART_COLOURS["speaker"]
    + """; }
.text .m-cue { border-bottom: 3px solid """
    + PART_COLOURS["cue"]
    + """; }
.text .m-role { border-bottom: 3px dotted """
    + PART_COLOURS["role"]
    + """; }
.text .m[data-label]::before { content: attr(data-label); font-size: .62em; font-weight: bold;
  vertical-align: super; line-height: 1; padding: 0 2px; margin-right: 1px; border-radius: 3px;
  background: #fff4c2; color: #5a4500; }
.text .m-speaker[data-label]::before { background: #dcebfb; color: #0d4a8a; }
"""
    + _LANE_CSS
    + """
ol.quotes { padding-left: 1.2em; font-size: .9em; } ol.quotes li { margin-bottom: .8em; }
.kind, .type { font-size: .75em; text-transform: uppercase; background: #eee; padding: 1px 5px; border-radius: 3px; }
.type { background: #e3f0e6; }
.name { font-weight: bold; } .cue { font-style: italic; color: #a03070; } .role { color: #2a7d40; }
.status-miss, .status-false { background: #fde2e2; } .status-speaker, .status-boundary { background: #fff3cd; }
.status-match { background: #e6f4ea; } li[class^=status] { padding: 3px 5px; border-radius: 3px; }
table { border-collapse: collapse; margin: 1em 0; font-size: .9em; }
td, th { border: 1px solid #ccc; padding: 3px 8px; text-align: right; } td:first-child { text-align: left; }
nav.index li { margin: .2em 0; }
"""
)


@dataclass(frozen=True)
class Item:
    """One attribution to draw: gold or predicted, numbered on the page. Ranges are character
    offsets into the article; bad ones (reversed, empty, out of the text) are listed, not drawn."""

    number: int
    kind: str
    content: tuple[int, int] | None
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    speaker_name: str | None = None
    status: str | None = None  # a key of STATUS_MARK, on comparison pages
    role: tuple[int, int] | None = None
    source_type: str | None = None

    def part(self, name: str) -> tuple[int, int] | None:
        return getattr(self, name)


def _range(span) -> tuple[int, int] | None:
    return (span.start, span.end) if span is not None else None


def items_from_quotes(quotes: Iterable[Quote], statuses: Iterable[str | None] | None = None) -> list[Item]:
    statuses = list(statuses) if statuses is not None else None
    return [
        Item(
            number=i + 1,
            kind=q.kind,
            content=(q.start, q.end),
            speaker=_range(q.speaker),
            cue=_range(q.cue),
            speaker_name=q.speaker_name,
            status=statuses[i] if statuses else None,
            role=_range(q.speaker_role),
            source_type=q.source_type,
        )
        for i, q in enumerate(quotes)
    ]


@dataclass(frozen=True)
class Mark:
    """One drawn part of one item, on ``[start, end)`` of the text."""

    start: int
    end: int
    number: int
    part: str
    lane: int = 0


_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(text: str) -> str:
    """HTML text that parses back to ``text``: CR kept as a reference (parsers fold CR LF into LF),
    lone surrogates (which cannot be written as UTF-8) shown as U+FFFD."""
    return _SURROGATE.sub("\ufffd", html.escape(text, quote=False)).replace("\r", "&#13;")


def _clean(part: tuple[int, int] | None, length: int) -> tuple[int, int] | None:
    """A drawable range: clipped to the text; None if empty or reversed (bad input)."""
    if part is None:
        return None
    try:
        start, end = max(0, int(part[0])), min(length, int(part[1]))
    except (TypeError, ValueError, IndexError):
        return None
    return (start, end) if start < end else None


def _marks(text: str, items: list[Item]) -> list[Mark]:
    raw = []
    for item in items:
        for part in PARTS:
            span = _clean(item.part(part), len(text))
            if span is not None:
                raw.append(Mark(span[0], span[1], item.number, part))
    # Underlines that overlap go in different lanes (greedy interval colouring).
    marks, lane_ends = [], [-1] * LANES
    for mark in sorted(raw, key=lambda m: (m.start, -m.end, PARTS.index(m.part), m.number)):
        lane = 0
        if mark.part != "content":
            lane = next((i for i, end in enumerate(lane_ends) if end <= mark.start), LANES - 1)
            lane_ends[lane] = max(lane_ends[lane], mark.end)
        marks.append(Mark(mark.start, mark.end, mark.number, mark.part, lane))
    return marks


def _open_tag(mark: Mark, prefix: str, labelled: bool) -> str:
    name = f"{prefix}{mark.number}"
    data_label = f' data-label="{html.escape(name)}"' if labelled else ""
    return (
        f'<span class="m m-{mark.part} ln{mark.lane}" data-quote="{mark.number}" '
        f'data-part="{mark.part}"{data_label} title="{html.escape(name)} {mark.part}">'
    )


def highlight(text: str, items: list[Item], prefix: str = "#") -> str:
    """``text`` as HTML, exactly as written, with each item's content, speaker, cue and role
    marked. Pieces between mark boundaries are wrapped in one element per mark covering them,
    outermost first; an item's number labels the start of its content and of its speaker."""
    marks = _marks(text, items)  # sorted outermost first: by start, then longest
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    order = {id(m): i for i, m in enumerate(marks)}
    waiting = list(reversed(marks))
    covering: list[Mark] = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [m for m in covering if m.end > start]
        while waiting and waiting[-1].start <= start:
            covering.append(waiting.pop())
        covering.sort(key=lambda m: order[id(m)])
        labelled: set[int] = set()  # content and speaker starting together get one label
        for mark in covering:
            label = mark.start == start and mark.part in ("content", "speaker") and mark.number not in labelled
            if label:
                labelled.add(mark.number)
            out.append(_open_tag(mark, prefix, label))
        out.append(_escape(text[start:end]))
        out.append("</span>" * len(covering))
    return "".join(out)


def _slice(text: str, part: tuple[int, int] | None) -> str | None:
    span = _clean(part, len(text))
    return text[span[0] : span[1]] if span is not None else None


def quote_list(text: str, items: list[Item]) -> str:
    """The side list: kind, source name (and the mention as written), type and role, cue, content."""
    rows = []
    for item in items:
        mention = _slice(text, item.speaker)
        name = item.speaker_name or mention or "no source"
        said_as = f' <span class="mention">(“{_escape(mention)}”)</span>' if mention and mention != name else ""
        kind = f'<span class="kind">{_escape(item.kind)}</span>'
        source_type = f' <span class="type">{_escape(item.source_type)}</span>' if item.source_type else ""
        role_text = _slice(text, item.role)
        role = f' <span class="role">{_escape(role_text)}</span>' if role_text else ""
        cue_text = _slice(text, item.cue)
        cue = f' <span class="cue">{_escape(cue_text)}</span>' if cue_text else ""
        content = _slice(text, item.content) or ""
        status = f' <span class="status">{STATUS_MARK.get(item.status, _escape(item.status))}</span>' if item.status else ""
        css = f' class="status-{html.escape(item.status)}"' if item.status else ""
        rows.append(
            f'<li data-quote="{item.number}" data-kind="{html.escape(item.kind)}"{css}>'
            f'{kind} <span class="name">{_escape(name)}</span>{said_as}{source_type}{role}{cue}: '
            f'<q class="content">{_escape(content)}</q>{status}</li>'
        )
    return f'<ol class="quotes">{"".join(rows)}</ol>'


def legend() -> str:
    samples = {
        "content": f"background:{PART_COLOURS['content']}",
        "speaker": f"border-bottom:3px solid {PART_COLOURS['speaker']}",
        "cue": f"border-bottom:3px solid {PART_COLOURS['cue']}",
        "role": f"border-bottom:3px dotted {PART_COLOURS['role']}",
    }
    return '<p class="legend">' + "".join(f'<span style="{style}">{part}</span>' for part, style in samples.items()) + "</p>"


def page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{CSS}</style></head><body><h1>{html.escape(title)}</h1>{legend()}{body}</body></html>"
    )


def article_section(anchor: str, title: str, text: str, items: list[Item]) -> str:
    return (
        f'<section id="{html.escape(anchor)}" class="article"><h2>{html.escape(title)}</h2>'
        f'<div class="layout"><div class="text">{highlight(text, items)}</div>'
        f"<aside>{quote_list(text, items)}</aside></div></section>"
    )


def index(entries: list[tuple[str, str, str]]) -> str:
    links = "".join(
        f'<li><a href="#{html.escape(a)}">{html.escape(t)}</a> — {html.escape(n)}</li>' for a, t, n in entries
    )
    return f'<nav class="index"><h2>Articles</h2><ol>{links}</ol></nav>'


def render_records(records: Iterable[Record], model: str = DEFAULT_MODEL, scope: str = "quotes") -> str:
    """One page: an index when there are several articles, then each article highlighted.
    Records that could not be read or processed are listed at the end with the reason."""
    nlp = load(model, scope)
    sections, entries, failures = [], [], []
    waiting: dict[int, tuple[Record, str]] = {}  # number -> record being processed, and its text

    def failed(record: Record, reason: str) -> None:
        failures.append(f"<li>{_escape(record.id)}: {_escape(reason)}</li>")

    def readable() -> Iterator[tuple[int, str]]:
        for number, record in enumerate(records, 1):
            if record.error is not None or record.text is None:
                failed(record, record.error or "no text")
                continue
            waiting[number] = record, record.text
            yield number, record.text

    for number, found, error in pipe_records(nlp, readable()):
        record, text = waiting.pop(number)
        if error is not None:
            failed(record, error)
            continue
        quotes = [Quote.from_dict(q) for q in found]
        anchor = f"article-{number}"
        entries.append((anchor, record.id, f"{len(quotes)} quotes"))
        sections.append(article_section(anchor, record.id, text, items_from_quotes(quotes)))
    body = (index(entries) if len(entries) > 1 else "") + "".join(sections)
    if failures:
        body += f'<section class="failures"><h2>Not rendered</h2><ul>{"".join(failures)}</ul></section>'
    return page("quotes", body)


def comparison_section(anchor: str, title: str, text: str, gold: list[Item], predicted: list[Item]) -> str:
    """Gold and predicted side by side, each list marked with what went wrong."""
    return (
        f'<section id="{html.escape(anchor)}" class="article"><h2>{html.escape(title)}</h2><div class="columns">'
        f'<div class="gold"><h3>Gold</h3><div class="text">{highlight(text, gold, "G")}</div>{quote_list(text, gold)}</div>'
        f'<div class="predicted"><h3>Predicted</h3><div class="text">{highlight(text, predicted, "P")}</div>'
        f"{quote_list(text, predicted)}</div></div></section>"
    )
