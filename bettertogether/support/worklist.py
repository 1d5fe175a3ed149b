"""What a person's staff home shows of the case desk: counts only, never a case's contents.

A door for the staff workspace. Every count goes through the querysets' `visible_to(user)` and
the named permissions (permissions.py), so another organization's rows are never counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from bettertogether.core.periods import Period
from bettertogether.core.users import User, signed_in

from . import permissions
from .models import Case, EmergencyRequest, FollowUp, HelplineContact
from .statistics import case_statistics

RECENT = dt.timedelta(days=30)
DECIDED_LOOKBACK = dt.timedelta(days=90)


@dataclass(frozen=True)
class HelplineWork:
    contacts_last_30_days: int


@dataclass(frozen=True)
class CaseWork:
    my_open_cases: int  # open cases assigned to this person
    open_cases: int  # open cases of their organization
    overdue_follow_ups: int
    referrals_awaiting_answer: int  # received by their organization, not yet accepted or declined
    emergencies_awaiting: int  # their organization's requests awaiting the funder
    emergencies_decided: int  # decided in the last 90 days


@dataclass(frozen=True)
class ReviewWork:
    awaiting_decision: int
    decided_last_90_days: int


@dataclass(frozen=True)
class StatisticsSummary:
    year: int
    cases_opened: int | None  # None: from 1 to SUPPRESS_MAX, not shown
    helpline_contacts: int | None


def helpline_work(user: User, *, today: dt.date | None = None) -> HelplineWork:
    today = today or timezone.localdate()
    contacts = HelplineContact.objects.visible_to(user).filter(contacted_on__gt=today - RECENT)
    return HelplineWork(contacts_last_30_days=contacts.count())


def case_work(user: User, *, now: dt.datetime | None = None) -> CaseWork:
    """The case desk's queues for a case worker (all zero for anyone else)."""
    now = now or timezone.now()
    cases = Case.objects.visible_to(user).filter(status="open", anonymized_at__isnull=True)
    emergencies = EmergencyRequest.objects.visible_to(user)
    return CaseWork(
        my_open_cases=cases.filter(assigned_to=user).count()
        if signed_in(user) and permissions.can_use_cases(user)
        else 0,
        open_cases=cases.count(),
        overdue_follow_ups=FollowUp.objects.visible_to(user)
        .filter(done_at__isnull=True, due_on__lt=timezone.localdate(now))
        .count(),
        referrals_awaiting_answer=permissions.received_referrals(user).filter(state="sent").count(),
        emergencies_awaiting=emergencies.filter(state="requested").count(),
        emergencies_decided=emergencies.filter(
            state__in=["approved", "declined"], decided_at__gte=now - DECIDED_LOOKBACK
        ).count(),
    )


def review_work(user: User, *, now: dt.datetime | None = None) -> ReviewWork:
    """The funder approver's queue (all zero for anyone else)."""
    now = now or timezone.now()
    requests = permissions.emergencies_for_review(user)
    return ReviewWork(
        awaiting_decision=requests.filter(state="requested").count(),
        decided_last_90_days=requests.filter(
            state__in=["approved", "declined"], decided_at__gte=now - DECIDED_LOOKBACK
        ).count(),
    )


def statistics_summary(user: User, *, year: int | None = None) -> StatisticsSummary | None:
    """This year's totals, small counts suppressed, for those who may see the statistics; else None."""
    if not permissions.can_see_statistics(user):
        return None
    year = year or timezone.localdate().year
    stats = case_statistics(Period.year(year))
    return StatisticsSummary(year=year, cases_opened=stats.cases.total, helpline_contacts=stats.helpline_contacts.total)
