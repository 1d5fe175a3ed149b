"""Light server-rendered bar charts: an SVG of horizontal bars, no JavaScript, no library.

Every label is escaped here (employer and place names come from open data and may contain anything). The
SVG carries role="img", a <title> and a <desc>; the page shows the same figures in a table beside it, so
nothing is only in the picture. Colours and fonts come from positions.css through class names: no style
attribute (the CSP forbids inline styles).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 320
BAR = 16
GAP = 6
LABEL_CHARS = 34


def _short(label: str) -> str:
    label = " ".join(str(label).split())
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bar_chart(title: str, items: Sequence[tuple[str, int]], *, chart_id: str, description: str = "") -> SafeString:
    """Horizontal bars, one per (label, value), each label above its bar and the value at the bar's end."""
    top = max((value for _label, value in items), default=0) or 1
    row = BAR + GAP + 14  # label line + bar + gap
    height = max(row * len(items), row)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" role="img" aria-labelledby="{escape(title_id)} '
        f'{escape(desc_id)}" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(description or title)}</desc>',
    ]
    number_room = 56
    for i, (label, value) in enumerate(items):
        y = i * row
        length = max(1, round((WIDTH - number_room) * value / top)) if value else 0
        parts.append(
            f'<text class="chart-label" x="0" y="{y + 11}">{escape(_short(label))}</text>'
            f'<rect class="chart-bar" x="0" y="{y + 14}" width="{length}" height="{BAR}"></rect>'
            f'<text class="chart-value" x="{length + 4}" y="{y + 14 + BAR - 4}">'
            f"{escape(number_format(value, force_grouping=True))}</text>"
        )
    parts.append("</svg>")
    # Every interpolated piece above is escaped or a number we computed.
    return mark_safe("".join(parts))
