"""The confidence charts of the HTML report as inline SVG: no scripts, no fetches, and every
point carries its values as data attributes, so a test (or a reader of the source) can check
them."""
from __future__ import annotations

from html import escape

from .reliability import Bin

WIDTH, HEIGHT = 360, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 28, 44
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


def x_of(value: float) -> float:
    """Horizontal pixel position of a value in [0, 1]."""
    return round(LEFT + value * PLOT_W, 2)


def y_of(value: float) -> float:
    """Vertical pixel position of a value in [0, 1] (up is more)."""
    return round(TOP + (1 - value) * PLOT_H, 2)


def _frame(title: str, x_label: str, y_label: str) -> list[str]:
    parts = [
        f'<text x="{WIDTH / 2}" y="16" text-anchor="middle" font-size="13">{escape(title)}</text>',
        f'<rect x="{LEFT}" y="{TOP}" width="{PLOT_W}" height="{PLOT_H}" fill="none" stroke="#999"/>',
    ]
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(
            f'<text x="{x_of(tick)}" y="{TOP + PLOT_H + 14}" text-anchor="middle" font-size="10">{tick:g}</text>'
        )
        parts.append(f'<text x="{LEFT - 6}" y="{y_of(tick) + 3}" text-anchor="end" font-size="10">{tick:g}</text>')
    parts.append(
        f'<text x="{LEFT + PLOT_W / 2}" y="{HEIGHT - 8}" text-anchor="middle" font-size="11">{escape(x_label)}</text>'
    )
    parts.append(
        f'<text x="12" y="{TOP + PLOT_H / 2}" text-anchor="middle" font-size="11" '
        f'transform="rotate(-90 12 {TOP + PLOT_H / 2})">{escape(y_label)}</text>'
    )
    return parts


def _svg(css_class: str, parts: list[str]) -> str:
    return (
        f'<svg class="{css_class}" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img">{"".join(parts)}</svg>'
    )


def pr_curve_svg(points: list[tuple[float, float, float]], title: str = "Precision-recall") -> str:
    """A line through (recall, precision) points, one dot per threshold: the points given by
    ``confidence.curve`` as (threshold, recall, precision)."""
    parts = _frame(title, "recall", "precision")
    ordered = sorted(points, key=lambda p: (p[1], -p[2]))
    if len(ordered) > 1:
        path = " ".join(f"{x_of(r)},{y_of(p)}" for _, r, p in ordered)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#2b6cb0" stroke-width="2"/>')
    radius = 3.5 if len(ordered) <= 40 else 1.5  # many thresholds: the line carries the shape
    for threshold, recall, precision in ordered:
        parts.append(
            f'<circle class="point" cx="{x_of(recall)}" cy="{y_of(precision)}" r="{radius}" fill="#2b6cb0" '
            f'data-threshold="{threshold:.4g}" data-recall="{recall:.4f}" data-precision="{precision:.4f}">'
            f"<title>confidence ≥ {threshold:.4g}: P {100 * precision:.1f}, R {100 * recall:.1f}</title></circle>"
        )
    if not ordered:
        parts.append(f'<text x="{x_of(0.5)}" y="{y_of(0.5)}" text-anchor="middle" font-size="11">no predictions</text>')
    return _svg("chart pr-curve", parts)


def reliability_svg(bins: list[Bin], title: str = "Reliability") -> str:
    """One bar per non-empty bin, as high as the share right in it, drawn over the bin's width,
    with the diagonal a calibrated scorer would follow and a dot at each bin's mean confidence."""
    parts = _frame(title, "confidence", "share right end to end")
    for b in bins:
        if not b.count:
            continue
        top = y_of(b.accuracy)
        parts.append(
            f'<rect class="bin" x="{x_of(b.lower)}" y="{top}" width="{round(x_of(b.upper) - x_of(b.lower), 2)}" '
            f'height="{round(y_of(0) - top, 2)}" fill="#9fd3ff" stroke="#2b6cb0" '
            f'data-lower="{b.lower:.4g}" data-upper="{b.upper:.4g}" data-count="{b.count}" '
            f'data-accuracy="{b.accuracy:.4f}" data-confidence="{b.mean_confidence:.4f}">'
            f"<title>{b.lower:.1f}-{b.upper:.1f}: {b.count} predictions, {100 * b.accuracy:.1f}% right, "
            f"mean confidence {b.mean_confidence:.2f}</title></rect>"
        )
        parts.append(
            f'<circle class="mean" cx="{x_of(b.mean_confidence)}" cy="{y_of(b.mean_confidence)}" r="2.5" fill="#a03070"/>'
        )
    parts.append(  # drawn over the bars, so that the gap to perfect calibration shows
        f'<line class="diagonal" x1="{x_of(0)}" y1="{y_of(0)}" x2="{x_of(1)}" y2="{y_of(1)}" '
        'stroke="#555" stroke-dasharray="4 3"/>'
    )
    return _svg("chart reliability", parts)
