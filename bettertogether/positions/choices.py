"""The choices of the positions filters (quarters, provinces, streams, NOC broad groups), one builder for
every page whose form filters positions: the positions map and table, and the gap analysis."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from .aggregate import PROVINCE_CODES, STREAM_NAMES, PositionFilters, available_quarters, province_name

# NOC broad occupational categories (the first digit; the same ten in NOC 2011 and NOC 2021).
NOC_BROAD = {
    "0": gettext_lazy("Management"),
    "1": gettext_lazy("Business, finance and administration"),
    "2": gettext_lazy("Natural and applied sciences"),
    "3": gettext_lazy("Health"),
    "4": gettext_lazy("Education, law, social, community and government services"),
    "5": gettext_lazy("Art, culture, recreation and sport"),
    "6": gettext_lazy("Sales and service"),
    "7": gettext_lazy("Trades, transport and equipment operators"),
    "8": gettext_lazy("Natural resources, agriculture and related production"),
    "9": gettext_lazy("Manufacturing and utilities"),
}


def filter_choices(filters: PositionFilters) -> dict[str, Any]:
    """The template context of a positions filter form: the imported quarters (plus the chosen ones, so
    the selects always show the selection), provinces, streams and NOC broad groups."""
    return {
        "quarters": sorted(
            set(available_quarters()) | {filters.period_from, filters.period_to}, key=lambda q: (q[:4], q[-1])
        ),
        "province_choices": [(code, province_name(code)) for code in PROVINCE_CODES],
        "stream_choices": STREAM_NAMES,
        "noc_choices": list(NOC_BROAD.items()),
    }
