"""Horizontal bar charts as small SVG documents, drawn on the server.

Why hand-written SVG: one chart is a few rectangles and labels, lighter than
a PNG and sharp at any zoom; no chart library and no third-party CDN, and
the console's CSP (no inline scripts or styles) is respected, since only
presentation attributes are used. Every label is XML-escaped here; the result
is ``markupsafe.Markup`` so a Mako template inserts it as markup.

Accessibility: the chart is ``role="img"`` named by its ``<title>`` and
described by a ``<desc>`` listing every bar in words; the page's table next
to it carries the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Sequence

from markupsafe import Markup

WIDTH = 760
LABEL_WIDTH = 350
VALUE_WIDTH = 90
BAR_HEIGHT = 22
GAP = 8
TOP = 8
MAX_LABEL_CHARS = 46
BAR_COLOUR = "#0b4f8a"  # the console's brand colour: 8.4:1 on white
TEXT_COLOUR = "#1a1a1a"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    value_text: str  # how the value is written beside the bar (e.g. "12 (40,0 %)")


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], empty_text: str) -> Markup:
    """An SVG bar chart; ``chart_id`` must be unique on the page (it names the title)."""
    rows = list(bars) or [Bar(empty_text, 0, "")]
    height = TOP * 2 + len(rows) * (BAR_HEIGHT + GAP)
    top_value = max((bar.value for bar in rows), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    description = "; ".join(f"{bar.label}: {bar.value_text}" for bar in bars) or empty_text
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(chart_id)}" '
        f'role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{escape(chart_id)}-title" aria-describedby="{escape(chart_id)}-desc" '
        f'font-family="{escape(FONT)}" font-size="14">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>',
    ]
    for index, bar in enumerate(rows):
        y = TOP + index * (BAR_HEIGHT + GAP)
        middle = y + BAR_HEIGHT / 2
        length = max(0.0, bar.value) / top_value * span
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" '
            f'dominant-baseline="middle" fill="{TEXT_COLOUR}">{escape(_short(bar.label))}</text>'
        )
        if length > 0:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" '
                f'fill="{BAR_COLOUR}"/>'
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{middle}" dominant-baseline="middle" '
            f'fill="{TEXT_COLOUR}">{escape(bar.value_text)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every piece of text is escaped above
