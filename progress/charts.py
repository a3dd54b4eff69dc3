"""Small server-rendered SVG charts: bars for what was reached, a dashed line for the plan.

No JavaScript (the CSP forbids inline scripts and none is needed): each chart is an
``<svg role="img">`` with a title and a text alternative, values printed on the
bars and on the target points so the chart reads without hovering.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from emulation.money import format_number

BAR = "#2e7d4f"
BAR_PARTIAL = "#8fc1a3"
TARGET = "#c2410c"
GRID = "#dee2e6"
TEXT = "#212529"


@dataclass
class Series:
    labels: Sequence[str]
    bars: Sequence[float | None]
    target: Sequence[float | None]
    partial: Sequence[bool] = ()


def _nice_max(value: float, integer: bool = False) -> float:
    """The smallest 4 × step above ``value`` with a round step (1, 1.5, 2, 2.5, … × 10^k)."""
    if value <= 0:
        return 4.0
    raw = value / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8, 10):
        step = factor * magnitude
        if integer and step != int(step):
            continue
        if step >= raw:
            return 4 * step
    return 4 * 10 * magnitude


def bar_target_chart(
    *,
    title: str,
    series: Series,
    bar_label: str,
    target_label: str,
    target_short: str = "KH",
    decimals: int = 0,
    y_min: float = 0.0,
    width: int = 420,
    height: int = 250,
) -> SafeString:
    """Bars (actual) per label with a dashed target line through the target points."""
    left, right, top, bottom = 34, 10, 16, 56
    plot_w = width - left - right
    plot_h = height - top - bottom
    values = [v for v in list(series.bars) + list(series.target) if v is not None]
    y_max = _nice_max(max(values) if values else 1, integer=decimals == 0)
    if y_max <= y_min:
        y_max = y_min + 1
    n = max(len(series.labels), 1)
    slot = plot_w / n

    def y(v: float) -> float:
        return top + plot_h - (max(v, y_min) - y_min) / (y_max - y_min) * plot_h

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
    ]
    for i in range(5):
        v = y_min + (y_max - y_min) * i / 4
        yy = y(v)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{yy:.1f}" y2="{yy:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 4}" y="{yy + 4:.1f}" text-anchor="end" fill="#6c757d">'
            f"{escape(format_number(v, 0 if float(v).is_integer() else 1))}</text>"
        )
    bar_w = slot * 0.56
    for i, (label, value) in enumerate(zip(series.labels, series.bars, strict=False)):
        cx = left + slot * (i + 0.5)
        parts.append(
            f'<text x="{cx:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'fill="{TEXT}">{escape(label)}</text>'
        )
        if value is None:
            continue
        partial = bool(series.partial and series.partial[i])
        yy = y(value)
        parts.append(
            f'<rect x="{cx - bar_w / 2:.1f}" y="{yy:.1f}" width="{bar_w:.1f}" '
            f'height="{top + plot_h - yy:.1f}" fill="{BAR_PARTIAL if partial else BAR}">'
            f"<title>{escape(label)}: {escape(format_number(value, decimals))}</title></rect>"
            f'<text x="{cx:.1f}" y="{(yy + top + plot_h) / 2 + 4:.1f}" text-anchor="middle" '
            f'fill="#fff" '
            f'font-weight="600">{escape(format_number(value, decimals))}</text>'
            if top + plot_h - yy > 30
            else f'<rect x="{cx - bar_w / 2:.1f}" y="{yy:.1f}" width="{bar_w:.1f}" '
            f'height="{top + plot_h - yy:.1f}" fill="{BAR_PARTIAL if partial else BAR}"/>'
            f'<text x="{cx:.1f}" y="{yy - 3:.1f}" text-anchor="middle" fill="{TEXT}" '
            f'font-weight="600">{escape(format_number(value, decimals))}</text>'
        )
    points = [
        (left + slot * (i + 0.5), y(v), v) for i, v in enumerate(series.target) if v is not None
    ]
    if points:
        path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy, _ in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{TARGET}" stroke-width="2.5" '
            f'stroke-dasharray="6 4"/>'
        )
        for x, yy, v in points:
            # the target's figure sits under the year, so it never covers a bar's figure
            parts.append(
                f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="4" fill="#fff" stroke="{TARGET}" '
                f'stroke-width="2.5"/>'
                f'<text x="{x:.1f}" y="{height - bottom + 30}" text-anchor="middle" '
                f'fill="{TARGET}" font-weight="600">{escape(target_short)} '
                f"{escape(format_number(v, decimals))}</text>"
            )
    # legend
    ly = height - 10
    parts.append(
        f'<rect x="{left}" y="{ly - 9}" width="12" height="10" fill="{BAR}"/>'
        f'<text x="{left + 16}" y="{ly}" fill="{TEXT}">{escape(bar_label)}</text>'
        f'<line x1="{left + 170}" x2="{left + 196}" y1="{ly - 4}" y2="{ly - 4}" '
        f'stroke="{TARGET}" stroke-width="2.5" stroke-dasharray="6 4"/>'
        f'<text x="{left + 200}" y="{ly}" fill="{TEXT}">{escape(target_label)}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
