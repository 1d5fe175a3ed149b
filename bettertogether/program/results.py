"""The program's results against its targets — the door other apps and the funder's reports use:
``results(period, reached_in)`` returns plain data.

* **Sub-agreements**: agreements signed for projects (transitional agreements not counted), against
  the target of 4 to 6.
* **Share of migrant workers reached with rights information, per province** = reached ÷ denominator.
  Reached, in the reporting period: unique people at the program's events and information sessions
  held in the province (outreach's ``reach``), plus helpline contacts and cases opened in the province
  (support's ``case_statistics``; counts of 1 to 5 are withheld there and count as 0 here). A person
  reached by more than one channel counts once per channel. The denominator is the approved positions
  of the chosen LMIA period in the province (positions' ``positions_in``), unless a coordinator entered
  another count with its source.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from bettertogether.core.periods import Period, parse_period, quarter_of
from bettertogether.core.provinces import Province
from bettertogether.directory.door import Organization
from bettertogether.outreach.door import Reach, reach
from bettertogether.positions.door import positions_in
from bettertogether.support.door import CaseStatistics, case_statistics

from . import lifecycle
from .models import AgreementKind, Denominator, SubAgreement

PROVINCES = ("NS", "NB", "PE")
TARGET_SHARE = 0.5
AGREEMENTS_TARGET = (4, 6)
PROGRAM_START = "2022Q4"  # the mapping of October 2022
DEFAULT_LMIA = "2021Q3-2022Q2"  # the year before the program, as in the gap analysis


def default_reporting_period(today: dt.date | None = None) -> Period:
    today = today or timezone.localdate()
    return parse_period(f"{PROGRAM_START}-{quarter_of(today)}")


def quarter_label(quarter: tuple[int, int]) -> str:
    return f"{quarter[0]}Q{quarter[1]}"


def definitions() -> dict[str, str]:
    """The definition shown beside each figure, on the page, in the CSV and in the PDF."""
    return {
        "agreements": _(
            "Sub-agreements signed with partner organizations for projects (signed, active or closed; "
            "transitional agreements are not counted)."
        ),
        "reached": _(
            "Migrant workers reached with rights information in the province during the reporting period: "
            "unique people at events and information sessions held there, plus helpline contacts and cases "
            "opened there. Counts of 1 to 5 withheld by the case statistics count as 0. A person reached by "
            "more than one channel counts once per channel."
        ),
        "denominator": _(
            "Migrant workers in the province: the approved positions of the chosen LMIA period, unless a "
            "coordinator entered another count with its source."
        ),
        "share": _("Reached ÷ denominator. Target: half of the migrant workers in each province."),
    }


def _positions(period: Period, province: str) -> int:
    qs = positions_in(quarter_label(period.first), quarter_label(period.last), provinces=[province])
    return int(qs.aggregate(n=Sum("positions"))["n"] or 0)


def _agreements() -> dict[str, Any]:
    counted = SubAgreement.objects.filter(status__in=lifecycle.COUNTED).exclude(kind=AgreementKind.TRANSITIONAL)
    low, high = AGREEMENTS_TARGET
    n = counted.count()
    return {
        "value": n,
        "target": f"{low}–{high}",
        "met": n >= low,
        "organizations": counted.values("organization").distinct().count(),
        "extended": counted.filter(amendments__kind="extension").distinct().count(),
    }


def reached_by_province(
    start: dt.date,
    end: dt.date,
    org: Organization | uuid.UUID | None = None,
    *,
    events: Reach | None = None,
    support: CaseStatistics | None = None,
) -> dict[str, dict[str, Any]]:
    """People reached with rights information per province from `start` to `end` (both included),
    for one organization or all, as defined in definitions()["reached"]."""
    events = events if events is not None else reach(Period(start, end), org)
    support = support if support is not None else case_statistics(Period(start, end), org)
    out = {}
    for code in PROVINCES:
        province = events.by_province.get(code)
        at_events = province.unique_people if province is not None else 0
        helpline, helpline_withheld = support.helpline_contacts.count("province", code)
        cases, cases_withheld = support.cases.count("province", code)
        out[code] = {
            "events_people": at_events,
            "helpline_contacts": helpline,
            "cases": cases,
            "withheld": helpline_withheld or cases_withheld,
            "reached": at_events + helpline + cases,
        }
    return out


def results(period: Period | None = None, reached_in: Period | None = None) -> dict[str, Any]:
    """Indicators for the LMIA `period` (denominators) and the reporting period `reached_in`."""
    period = period or parse_period(DEFAULT_LMIA)
    reached_in = reached_in or default_reporting_period()
    events = reach(reached_in)
    support = case_statistics(reached_in)
    reached_here = reached_by_province(reached_in.start, reached_in.end, events=events, support=support)
    period_from, period_to = quarter_label(period.first), quarter_label(period.last)
    entered = {d.province: d for d in Denominator.objects.filter(period_from=period_from, period_to=period_to)}
    provinces = []
    for code in PROVINCES:
        here = reached_here[code]
        reached = here["reached"]
        positions = _positions(period, code)
        own = entered.get(code)
        denominator = own.value if own else positions
        provinces.append(
            {
                "province": code,
                "name": str(Province(code).label),
                **here,
                "positions": positions,
                "denominator": denominator,
                "denominator_source": own.source
                if own
                else _("LMIA approved positions, %(period)s") % {"period": period.label},
                "denominator_entered": own is not None,
                "share": round(reached / denominator, 4) if denominator else None,
                "share_percent": round(100 * reached / denominator, 1) if denominator else None,
                "target": TARGET_SHARE,
                "met": bool(denominator) and reached / denominator >= TARGET_SHARE,
            }
        )
    return {
        "period": {"from": period_from, "to": period_to, "label": period.label},
        "reached_in": {
            "from": quarter_label(reached_in.first),
            "to": quarter_label(reached_in.last),
            "start": reached_in.start.isoformat(),
            "end": reached_in.end.isoformat(),
            "label": reached_in.label,
        },
        "definitions": definitions(),
        "agreements": _agreements(),
        "any_withheld": any(p["withheld"] for p in provinces),
        "provinces": provinces,
        "totals": {
            "events": events.events,
            "contacts": events.contacts,
            "unique_people": events.unique_people,
            "helpline_contacts": support.helpline_contacts.total,
            "cases": support.cases.total,
        },
        "sources": {
            "positions": _("ESDC positive LMIA employers lists (approved positions), Open Government Licence – Canada"),
            "reached": _("Better Together: event attendance, helpline log and case desk"),
            "agreements": _("Better Together: sub-agreement register"),
        },
        "baseline": 0,
    }


def partner_reach(reached_in: Period) -> list[dict[str, Any]]:
    """Reach per partner organization holding a counted agreement (coordinators only: partner detail)."""
    # The organizations themselves, not `organization__name`: their names in the reader's language.
    counted = SubAgreement.objects.filter(status__in=lifecycle.COUNTED).values("organization_id")
    rows = []
    for org in sorted(Organization.objects.filter(id__in=counted), key=lambda o: o.name.casefold()):
        figures = reach(reached_in, org.id)
        rows.append({"organization": org.name, "events": figures.events, "unique_people": figures.unique_people})
    return rows


def public_summary(data: dict[str, Any]) -> dict[str, Any]:
    """What the public program page shows: the indicators, without partner-level detail or the
    figures behind the per-province share."""
    return {
        "period": data["period"],
        "reached_in": data["reached_in"],
        "definitions": data["definitions"],
        "agreements": {k: data["agreements"][k] for k in ("value", "target")},
        "provinces": [
            {
                k: p[k]
                for k in (
                    "province",
                    "name",
                    "reached",
                    "denominator",
                    "denominator_source",
                    "share",
                    "share_percent",
                    "target",
                )
            }
            for p in data["provinces"]
        ],
    }
