"""Case and helpline statistics for reports: counts only, with small counts suppressed.

`case_statistics(period, org)` is the one door other apps use; it never returns rows. A count
from 1 to SUPPRESS_MAX is replaced by None (shown as "1–5"), so that no one worker can be singled
out of a small group; zero stays zero (absence reveals no one).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from .models import Case, EmergencyRequest, HelplineContact, Referral

SUPPRESS_MAX = 5


@dataclass(frozen=True)
class Period:
    """Dates from `start` to `end`, both included."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))


def suppress(count: int) -> int | None:
    return None if 1 <= count <= SUPPRESS_MAX else count


def _table(counter: Counter[str]) -> list[dict[str, Any]]:
    return [{"key": key, "count": suppress(n)} for key, n in sorted(counter.items())]


def _breakdown(rows: Iterable[dict[str, Any]], list_field: str) -> dict[str, Any]:
    rows = list(rows)
    by: dict[str, Counter[str]] = {k: Counter() for k in ("province", "language", "organization", "topic")}
    for row in rows:
        by["province"][row["province"]] += 1
        by["language"][row["language"]] += 1
        by["organization"][str(row["organization_id"])] += 1
        for topic in row[list_field] or []:
            by["topic"][topic] += 1
    return {"total": suppress(len(rows)), **{k: _table(v) for k, v in by.items()}}


def case_statistics(period: Period, org: Any = None) -> dict[str, Any]:
    """Counts of cases opened and helpline contacts in `period` (for one organization, or all),
    by province, language, organization and topic, and of referrals sent and emergency requests
    approved in the period; counts 1–5 are None."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    cases = Case.objects.filter(opened_at__gte=start, opened_at__lt=end)
    contacts = HelplineContact.objects.filter(contacted_on__gte=period.start, contacted_on__lte=period.end)
    referrals = Referral.objects.filter(created_at__gte=start, created_at__lt=end)
    emergencies = EmergencyRequest.objects.filter(state="approved", decided_at__gte=start, decided_at__lt=end)
    if org is not None:
        org_id = getattr(org, "pk", org)
        cases = cases.filter(organization_id=org_id)
        contacts = contacts.filter(organization_id=org_id)
        referrals = referrals.filter(from_organization_id=org_id)
        emergencies = emergencies.filter(organization_id=org_id)
    fields = ("province", "language", "organization_id")
    return {
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "suppressed_up_to": SUPPRESS_MAX,
        "cases": _breakdown(cases.values(*fields, "issue_types"), "issue_types"),
        "cases_closed": suppress(cases.filter(status="closed").count()),
        "helpline_contacts": _breakdown(contacts.values(*fields, "topics"), "topics"),
        "referrals_sent": suppress(referrals.count()),
        "emergencies_approved": suppress(emergencies.count()),
    }
