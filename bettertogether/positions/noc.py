"""The NOC broad occupational categories the positions and gap pages filter by."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

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
