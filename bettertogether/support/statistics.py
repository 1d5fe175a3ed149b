"""Case and helpline statistics for reports: counts only, with small counts suppressed.

`case_statistics(period, org)` is the one door other apps use; it never returns rows. A count
from 1 to SUPPRESS_MAX is replaced by None (shown as "1–5"), so that no one worker can be singled
out of a small group; zero stays zero (absence reveals no one).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from bettertogether.core.periods import Period

from .models import Case, EmergencyRequest, HelplineContact, Referral

if TYPE_CHECKING:
    from bettertogether.directory.door import Organization

SUPPRESS_MAX = 5


@dataclass(frozen=True)
class Count:
    """One row of a breakdown: a key (province, language, organization id or topic) and its count."""

    key: str
    count: int | None  # None: from 1 to SUPPRESS_MAX, withheld


@dataclass(frozen=True)
class Breakdown:
    total: int | None
    province: list[Count]
    language: list[Count]
    organization: list[Count]
    topic: list[Count]

    @property
    def tables(self) -> dict[str, list[Count]]:
        return {
            "province": self.province,
            "language": self.language,
            "organization": self.organization,
            "topic": self.topic,
        }

    def count(self, dimension: str, key: str) -> tuple[int, bool]:
        """(count, withheld) of one row; a withheld count (1–5) is 0, a missing row 0 and not withheld."""
        for row in self.tables[dimension]:
            if row.key == key:
                return (0, True) if row.count is None else (row.count, False)
        return 0, False


@dataclass(frozen=True)
class CaseStatistics:
    period: Period
    suppressed_up_to: int
    cases: Breakdown
    cases_closed: int | None
    helpline_contacts: Breakdown
    referrals_sent: int | None
    emergencies_approved: int | None


def suppress(count: int) -> int | None:
    return None if 1 <= count <= SUPPRESS_MAX else count


def _table(counter: Counter[str]) -> list[Count]:
    return [Count(key, suppress(n)) for key, n in sorted(counter.items())]


def _breakdown(rows: Iterable[dict[str, Any]], list_field: str) -> Breakdown:
    rows = list(rows)
    by: dict[str, Counter[str]] = {k: Counter() for k in ("province", "language", "organization", "topic")}
    for row in rows:
        by["province"][row["province"]] += 1
        by["language"][row["language"]] += 1
        by["organization"][str(row["organization_id"])] += 1
        for topic in row[list_field] or []:
            by["topic"][topic] += 1
    return Breakdown(
        total=suppress(len(rows)),
        province=_table(by["province"]),
        language=_table(by["language"]),
        organization=_table(by["organization"]),
        topic=_table(by["topic"]),
    )


def case_statistics(period: Period, org: Organization | uuid.UUID | None = None) -> CaseStatistics:
    """Counts of cases opened and helpline contacts in `period` (for one organization, or all),
    by province, language, organization and topic, and of referrals sent and emergency requests
    approved in the period; counts 1–5 are None."""
    start, end = period.bounds(timezone.get_current_timezone())
    cases = Case.objects.filter(opened_at__gte=start, opened_at__lt=end)
    contacts = HelplineContact.objects.filter(contacted_on__gte=period.start, contacted_on__lte=period.end)
    referrals = Referral.objects.filter(created_at__gte=start, created_at__lt=end)
    emergencies = EmergencyRequest.objects.filter(state="approved", decided_at__gte=start, decided_at__lt=end)
    if org is not None:
        org_id = org if isinstance(org, uuid.UUID) else org.pk
        cases = cases.filter(organization_id=org_id)
        contacts = contacts.filter(organization_id=org_id)
        referrals = referrals.filter(from_organization_id=org_id)
        emergencies = emergencies.filter(organization_id=org_id)
    fields = ("province", "language", "organization_id")
    return CaseStatistics(
        period=period,
        suppressed_up_to=SUPPRESS_MAX,
        cases=_breakdown(cases.values(*fields, "issue_types"), "issue_types"),
        cases_closed=suppress(cases.filter(status="closed").count()),
        helpline_contacts=_breakdown(contacts.values(*fields, "topics"), "topics"),
        referrals_sent=suppress(referrals.count()),
        emergencies_approved=suppress(emergencies.count()),
    )
