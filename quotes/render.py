"""Static HTML views built on displaCy's span style: an article with its quotes highlighted,
and gold-versus-predicted comparisons for evaluation. Inline CSS, no scripts, no fetches."""
from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import spacy
from spacy import displacy

from .corpus import Record
from .pipeline import DEFAULT_MODEL, load
from .types import Quote

ROLE_COLOURS = {"CONTENT": "#ffe08a", "SPEAKER": "#9fd3ff", "CUE": "#f7a8d8"}
STATUS_MARK = {"match": "✓", "miss": "✗ missed", "false": "✗ false alarm", "speaker": "⚠ wrong speaker"}

# displaCy's own templates with a class on each token, so pages can be styled and tested.
TEMPLATES = {
    "span": '<span class="qt" style="font-weight: bold; display: inline-block; position: relative; '
    'height: {total_height}px;">{text}{span_slices}{span_starts}</span> ',
    "slice": '<span class="qs" style="background: {bg}; top: {top_offset}px; height: 4px; left: -1px; '
    'width: calc(100% + 2px); position: absolute;"></span>',
    "start": '<span class="qs" style="background: {bg}; top: {top_offset}px; height: 4px; '
    "border-top-left-radius: 3px; border-bottom-left-radius: 3px; left: -1px; width: calc(100% + 2px); "
    'position: absolute;"><span class="ql" style="background: {bg}; z-index: 10; color: #000; top: -0.5em; '
    "padding: 2px 3px; position: absolute; font-size: 0.6em; font-weight: bold; line-height: 1; "
    'border-radius: 3px">{label}{kb_link}</span></span>',
}

CSS = """
body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; border-bottom: 1px solid #ddd; padding-bottom: .3em; }
.legend span { padding: 2px 8px; border-radius: 3px; margin-right: .5em; font-size: .85em; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16em, 2fr); gap: 2em; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 2em; }
.text { line-height: 2.5; white-space: pre-line; }
ol.quotes { padding-left: 1.2em; font-size: .9em; } ol.quotes li { margin-bottom: .8em; }
.kind { font-size: .75em; text-transform: uppercase; background: #eee; padding: 1px 5px; border-radius: 3px; }
.name { font-weight: bold; } .cue { font-style: italic; color: #a03070; }
.status-miss, .status-false { background: #fde2e2; } .status-speaker { background: #fff3cd; }
.status-match { background: #e6f4ea; } li[class^=status] { padding: 3px 5px; border-radius: 3px; }
table { border-collapse: collapse; margin: 1em 0; font-size: .9em; }
td, th { border: 1px solid #ccc; padding: 3px 8px; text-align: right; } td:first-child { text-align: left; }
nav.index li { margin: .2em 0; }
"""


@dataclass(frozen=True)
class Item:
    """One attribution to draw: gold or predicted, numbered on the page."""

    number: int
    kind: str
    content: tuple[int, int]
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    speaker_name: str | None = None
    status: str | None = None  # match | miss | false | speaker, on comparison pages


def items_from_quotes(quotes: Iterable[Quote], statuses: Iterable[str | None] | None = None) -> list[Item]:
    statuses = list(statuses) if statuses is not None else None
    return [
        Item(
            number=i + 1,
            kind=q.kind,
            content=(q.start, q.end),
            speaker=(q.speaker.start, q.speaker.end) if q.speaker else None,
            cue=(q.cue.start, q.cue.end) if q.cue else None,
            speaker_name=q.speaker_name,
            status=statuses[i] if statuses else None,
        )
        for i, q in enumerate(quotes)
    ]


@lru_cache(maxsize=1)
def _tokenizer():
    return spacy.blank("en")


def highlight(text: str, items: list[Item], prefix: str = "#") -> str:
    """displaCy span markup of ``text`` with each item's content, speaker and cue labelled."""
    doc = _tokenizer().make_doc(text)
    spans, colours = [], {}
    for item in items:
        for role, part in (("CONTENT", item.content), ("SPEAKER", item.speaker), ("CUE", item.cue)):
            if part is None:
                continue
            span = doc.char_span(part[0], part[1], alignment_mode="expand")
            if span is None or not len(span):
                continue
            label = f"{prefix}{item.number} {role}"
            colours[label] = ROLE_COLOURS[role]
            spans.append({"start_token": span.start, "end_token": span.end, "label": label})
    data = {"text": text, "tokens": [t.text for t in doc], "spans": spans}
    options = {"colors": colours, "template": TEMPLATES}
    return displacy.render(data, style="span", manual=True, options=options, jupyter=False)


def quote_list(text: str, items: list[Item]) -> str:
    rows = []
    for item in items:
        cue = f' <span class="cue">{html.escape(text[item.cue[0]:item.cue[1]])}</span>' if item.cue else ""
        mention = text[item.speaker[0] : item.speaker[1]] if item.speaker else None
        name = item.speaker_name or (mention or "no source")
        said_as = f' <span class="mention">(“{html.escape(mention)}”)</span>' if mention and mention != name else ""
        status = f' <span class="status">{STATUS_MARK[item.status]}</span>' if item.status else ""
        css = f' class="status-{item.status}"' if item.status else ""
        rows.append(
            f'<li data-quote="{item.number}" data-kind="{item.kind}"{css}>'
            f'<span class="kind">{item.kind}</span> <span class="name">{html.escape(name)}</span>{said_as}{cue}: '
            f'<q class="content">{html.escape(text[item.content[0]:item.content[1]])}</q>{status}</li>'
        )
    return f'<ol class="quotes">{"".join(rows)}</ol>'


def legend() -> str:
    return '<p class="legend">' + "".join(
        f'<span style="background:{colour}">{role.lower()}</span>' for role, colour in ROLE_COLOURS.items()
    ) + "</p>"


def page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{CSS}</style></head><body><h1>{html.escape(title)}</h1>{legend()}{body}</body></html>"
    )


def article_section(anchor: str, title: str, text: str, items: list[Item]) -> str:
    return (
        f'<section id="{anchor}" class="article"><h2>{html.escape(title)}</h2>'
        f'<div class="layout"><div class="text">{highlight(text, items)}</div>'
        f"<aside>{quote_list(text, items)}</aside></div></section>"
    )


def index(entries: list[tuple[str, str, str]]) -> str:
    links = "".join(f'<li><a href="#{a}">{html.escape(t)}</a> — {html.escape(n)}</li>' for a, t, n in entries)
    return f'<nav class="index"><h2>Articles</h2><ol>{links}</ol></nav>'


def render_records(records: Iterable[Record], model: str = DEFAULT_MODEL, scope: str = "quotes") -> str:
    """One page: an index when there are several articles, then each article highlighted."""
    nlp = load(model, scope)
    sections, entries, failures = [], [], []
    for number, record in enumerate(records, 1):
        if record.error is not None:
            failures.append(f"<li>{html.escape(record.id)}: {html.escape(record.error)}</li>")
            continue
        doc = nlp(record.text)
        quotes = doc._.quotes
        anchor = f"article-{number}"
        entries.append((anchor, record.id, f"{len(quotes)} quotes"))
        sections.append(article_section(anchor, record.id, record.text, items_from_quotes(quotes)))
    body = (index(entries) if len(entries) > 1 else "") + "".join(sections)
    if failures:
        body += f'<section class="failures"><h2>Not rendered</h2><ul>{"".join(failures)}</ul></section>'
    return page("quotes", body)


def comparison_section(anchor: str, title: str, text: str, gold: list[Item], predicted: list[Item]) -> str:
    """Gold and predicted side by side, each list marked with what went wrong."""
    return (
        f'<section id="{anchor}" class="article"><h2>{html.escape(title)}</h2><div class="columns">'
        f'<div><h3>Gold</h3><div class="text">{highlight(text, gold, "G")}</div>{quote_list(text, gold)}</div>'
        f'<div><h3>Predicted</h3><div class="text">{highlight(text, predicted, "P")}</div>'
        f"{quote_list(text, predicted)}</div></div></section>"
    )
