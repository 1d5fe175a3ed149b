"""The program's stated objectives and expected results (the funding agreement's words), and its
partner organizations as listed in the directory."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bettertogether.directory.door import Organization

OBJECTIVES: list[Promise] = [
    _(
        "Raise migrant workers' awareness of their rights and responsibilities, through "
        "information sessions and materials."
    ),
    _("Help workers exercise their rights by providing services or helping them reach them."),
    _("Foster inclusion through social, cultural and recreational events."),
    _("Support workers in emergencies, case by case, each case approved by the funder."),
    _("Foster partnerships: coordinate community organizations and build their capacity."),
    _("Map where migrant workers are and analyse the gaps in services."),
]

EXPECTED_RESULTS: list[Promise] = [
    _("Four to six sub-agreements with service provider and grassroots organizations."),
    _(
        "Half of the migrant workers in each of Nova Scotia, New Brunswick and Prince Edward "
        "Island given information on their rights."
    ),
]


def partners() -> QuerySet[Organization]:
    return Organization.objects.filter(is_program_partner=True).order_by("name")
