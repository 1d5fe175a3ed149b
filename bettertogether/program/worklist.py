"""Counts for the staff home (door: ``program_work(user)``), scoped to what the person may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from .models import AgreementStatus, Milestone, MilestoneStatus
from .permissions import agreements_for, overdue_actions

ENDING_WITHIN_DAYS = 90


@dataclass(frozen=True)
class ProgramWork:
    agreements: int
    active_agreements: int
    drafts: int
    ending_soon: int  # active agreements ending within ENDING_WITHIN_DAYS
    open_milestones: int  # planned or in progress (coordinators only; 0 for partners)
    overdue_actions: int  # open follow-up actions past their due date


def program_work(user: Any, *, today: dt.date | None = None) -> ProgramWork:
    today = today or timezone.localdate()
    mine = agreements_for(user)
    active = mine.filter(status=AgreementStatus.ACTIVE)
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
    )
