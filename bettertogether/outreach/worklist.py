"""What a person's staff home shows of events and resources: counts over what they may manage.

A door for the staff workspace, scoped by permissions.py (their organization's, or all for
coordinators). Counts only; no registrant's name or contact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone

from bettertogether.core.users import User

from . import permissions


@dataclass(frozen=True)
class OutreachWork:
    upcoming_events: int
    upcoming_registrations: int  # registered people for the upcoming events
    upcoming_waiting: int  # on their waiting lists
    past_events_without_attendance: int  # ended in the last 90 days, nobody recorded present
    resources: int
    unpublished_resources: int


ATTENDANCE_LOOKBACK = dt.timedelta(days=90)


def outreach_work(user: User, *, now: dt.datetime | None = None) -> OutreachWork:
    """Counts over the events and resources `user` may manage (all zero for others)."""
    now = now or timezone.now()
    events = permissions.events_managed_by(user).filter(is_cancelled=False)
    upcoming = events.filter(ends_at__gte=now)
    totals = upcoming.aggregate(registered=Sum("registered_count"), waiting=Sum("waitlisted_count"))
    resources = permissions.resources_managed_by(user)
    return OutreachWork(
        upcoming_events=upcoming.count(),
        upcoming_registrations=totals["registered"] or 0,
        upcoming_waiting=totals["waiting"] or 0,
        past_events_without_attendance=events.filter(
            ends_at__lt=now, ends_at__gte=now - ATTENDANCE_LOOKBACK, attended_count=0, anonymous_attendees=0
        ).count(),
        resources=resources.count(),
        unpublished_resources=resources.filter(is_published=False).count(),
    )
