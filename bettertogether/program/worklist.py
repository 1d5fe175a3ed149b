"""Counts for the staff home (door: ``program_work(user)``), scoped to what the person may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from bettertogether.core.users import User, signed_in

from . import lifecycle
from .calls_models import ApplicationStatus, Call, CallStatus, Review
from .models import AgreementDocument, AgreementStatus, Milestone, MilestoneStatus, ReportStatus
from .permissions import (
    agreements_for,
    applications_for,
    can_keep_records,
    can_manage_program,
    overdue_actions,
    reports_for,
)

ENDING_WITHIN_DAYS = 90
REPORT_REMINDER_DAYS = 14  # a report to send is flagged from this many days before it is due


@dataclass(frozen=True)
class ProgramWork:
    agreements: int
    active_agreements: int
    drafts: int
    ending_soon: int  # active agreements ending within ENDING_WITHIN_DAYS
    open_milestones: int  # planned or in progress (coordinators only; 0 for partners)
    overdue_actions: int  # open follow-up actions past their due date
    reports_to_send: int  # draft or returned
    reports_due_soon: int  # to send, due within REPORT_REMINDER_DAYS or late
    reports_to_review: int  # submitted, waiting for the coordinator
    missing_signed_copies: int = 0  # signed or active agreements without their signed copy (coordinators)
    applications_to_screen: int = 0  # submitted applications (coordinators)
    calls_to_decide: int = 0  # closed calls without their decisions yet (coordinators)
    reviews_to_do: int = 0  # eligible applications of the reader's calls they have not reviewed or declined


def program_work(user: User, *, today: dt.date | None = None) -> ProgramWork:
    today = today or timezone.localdate()
    mine = agreements_for(user)
    active = mine.filter(status=AgreementStatus.ACTIVE)
    to_send = reports_for(user).filter(status__in=lifecycle.REPORT_EDITABLE)
    return ProgramWork(
        agreements=mine.count(),
        active_agreements=active.count(),
        drafts=mine.filter(status=AgreementStatus.DRAFT).count(),
        ending_soon=active.filter(ends_on__lte=today + dt.timedelta(days=ENDING_WITHIN_DAYS)).count(),
        open_milestones=(
            Milestone.objects.filter(status__in=(MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS)).count()
            if getattr(user, "is_coordinator", False)
            else 0
        ),
        overdue_actions=overdue_actions(user, today).count(),
        reports_to_send=to_send.count(),
        reports_due_soon=to_send.filter(due_on__lte=today + dt.timedelta(days=REPORT_REMINDER_DAYS)).count(),
        reports_to_review=reports_for(user).filter(status=ReportStatus.SUBMITTED).count(),
        missing_signed_copies=(
            mine.filter(status__in=(AgreementStatus.SIGNED, AgreementStatus.ACTIVE))
            .exclude(documents__kind=AgreementDocument.Kind.SIGNED_AGREEMENT)
            .count()
            if can_keep_records(user)
            else 0
        ),
        **calls_work(user),
    )


def calls_work(user: User) -> dict[str, int]:
    """The calls for proposals' part of the staff home."""
    if not signed_in(user):
        return {"applications_to_screen": 0, "calls_to_decide": 0, "reviews_to_do": 0}
    manage = can_manage_program(user)
    to_review = (
        applications_for(user)
        .filter(call__reviewers=user, status__in=lifecycle.APPLICATION_REVIEWABLE)
        .exclude(
            pk__in=Review.objects.filter(reviewer=user)
            .filter(Q(conflict=True) | Q(completed_at__isnull=False))
            .values("application_id")
        )
    )
    return {
        "applications_to_screen": (
            applications_for(user).filter(status=ApplicationStatus.SUBMITTED).count() if manage else 0
        ),
        "calls_to_decide": Call.objects.filter(status=CallStatus.CLOSED).count() if manage else 0,
        "reviews_to_do": to_review.count(),
    }
