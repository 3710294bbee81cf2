"""Inline SVG charts for static pages: horizontal bars and 100%-stacked bars, no scripts.

Every number drawn as a bar is also written as text beside it, so the chart reads without
hovering and a test (or a screen reader) finds the figures in the markup.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

ROW = 24  # px per bar
TOP = 26  # px above the first bar, for the title
CHAR = 7  # px per character of 12px sans-serif, roughly: enough to size the label column
FONT = 'font-family="Helvetica, Arial, sans-serif" font-size="12"'


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the figure written after the bar
    colour: str = "#4c78a8"


@dataclass(frozen=True)
class Segment:
    label: str
    share: float  # 0..1 of the row
    colour: str


def _fit(label: str, width: int) -> str:
    room = max(4, width // CHAR)
    return label if len(label) <= room else label[: room - 1] + "…"


def _label_width(labels: Sequence[str]) -> int:
    return min(220, max(60, CHAR * max((len(label) for label in labels), default=0) + 10))


def _open(chart_id: str, title: str, width: int, height: int) -> list[str]:
    return [
        f'<svg class="chart" id="{escape(chart_id)}" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{escape(chart_id)}-title" {FONT}>',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<text class="chart-title" x="0" y="15" font-weight="bold">{escape(title)}</text>',
    ]


def bar_chart(bars: Sequence[Bar], title: str, chart_id: str, width: int = 560) -> str:
    """One bar per item, scaled to the largest value, its figure written after it."""
    label_w = _label_width([bar.label for bar in bars])
    plot_w = width - label_w - 150
    top = max((bar.value for bar in bars), default=0)
    height = TOP + ROW * max(1, len(bars)) + 4
    parts = _open(chart_id, title, width, height)
    if not bars:
        parts.append(f'<text class="empty" x="0" y="{TOP + 16}">no data</text>')
    for i, bar in enumerate(bars):
        y = TOP + i * ROW
        w = plot_w * bar.value / top if top > 0 else 0.0
        label = escape(bar.label)
        parts += [
            f'<text class="label" x="{label_w - 6}" y="{y + 16}" text-anchor="end">'
            f"<title>{label}</title>{escape(_fit(bar.label, label_w - 6))}</text>",
            f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{ROW - 8}" fill="{bar.colour}" '
            f'data-label="{label}" data-value="{bar.value:g}"><title>{label}: {escape(bar.text)}</title></rect>',
            f'<text class="value" x="{label_w + w + 6:.1f}" y="{y + 16}">{escape(bar.text)}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts)


def stacked_chart(
    rows: Sequence[tuple[str, Sequence[Segment]]], legend: Sequence[tuple[str, str]], title: str,
    chart_id: str, width: int = 640,
) -> str:
    """One full-width bar per row split into shares; shares wide enough carry their percentage."""
    label_w = _label_width([label for label, _ in rows])
    plot_w = width - label_w - 10
    legend_h = 22
    height = TOP + legend_h + ROW * max(1, len(rows)) + 4
    parts = _open(chart_id, title, width, height)
    x = 0
    for name, colour in legend:
        parts += [
            f'<rect class="legend-key" x="{x}" y="{TOP}" width="12" height="12" fill="{colour}"/>',
            f'<text class="legend" x="{x + 16}" y="{TOP + 11}">{escape(name)}</text>',
        ]
        x += 16 + CHAR * len(name) + 14
    if not rows:
        parts.append(f'<text class="empty" x="0" y="{TOP + legend_h + 16}">no data</text>')
    for i, (label, segments) in enumerate(rows):
        y = TOP + legend_h + i * ROW
        parts.append(
            f'<text class="label" x="{label_w - 6}" y="{y + 16}" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(_fit(label, label_w - 6))}</text>"
        )
        x0 = float(label_w)
        for segment in segments:
            if segment.share <= 0:
                continue
            w = plot_w * segment.share
            percent = f"{100 * segment.share:.1f}%"
            parts.append(
                f'<rect class="segment" x="{x0:.1f}" y="{y + 3}" width="{w:.1f}" height="{ROW - 6}" '
                f'fill="{segment.colour}" data-group="{escape(label)}" data-label="{escape(segment.label)}" '
                f'data-value="{segment.share:.4f}"><title>{escape(label)}, {escape(segment.label)}: {percent}</title></rect>'
            )
            if w >= CHAR * len(percent) + 6:
                parts.append(
                    f'<text class="share" x="{x0 + w / 2:.1f}" y="{y + 16}" text-anchor="middle" fill="#fff">{percent}</text>'
                )
            x0 += w
    parts.append("</svg>")
    return "\n".join(parts)
