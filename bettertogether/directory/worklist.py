"""What a person's staff home shows of the directory: listings to keep current and corrections waiting.

A door for the staff workspace: counts and short rows as dataclasses, scoped by permissions.py to
the listings this person may edit (their organization's, or every listing for coordinators).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils import timezone

from bettertogether.core.users import User, signed_in

from . import permissions
from .models import Suggestion

# A listing not verified for this long needs checking again.
STALE_AFTER = dt.timedelta(days=365)
LISTINGS_SHOWN = 10


@dataclass(frozen=True)
class Listing:
    service_id: uuid.UUID
    name: str
    organization: str
    last_verified: dt.date | None
    needs_checking: bool


@dataclass(frozen=True)
class DirectoryWork:
    listings: int
    not_verified_recently: int  # never verified, or not in the last 12 months
    flagged: int  # marked "needs verification"
    open_suggestions: int
    shown: tuple[Listing, ...]  # the first LISTINGS_SHOWN, those needing checking first


def stale_before(today: dt.date | None = None) -> dt.date:
    return (today or timezone.localdate()) - STALE_AFTER


def directory_work(user: User, *, today: dt.date | None = None) -> DirectoryWork:
    """The listings `user` may edit and what in them needs checking (nothing for others)."""
    services = permissions.editable_services(user)
    cutoff = stale_before(today)
    stale = Q(assured_date__isnull=True) | Q(assured_date__lt=cutoff)
    # Never verified first, then the longest unverified.
    oldest_first = F("assured_date").asc(nulls_first=True)
    rows = services.select_related("organization").order_by(oldest_first, "name")[:LISTINGS_SHOWN]
    shown = tuple(
        Listing(
            service_id=s.pk,
            name=s.name,
            organization=s.organization.name,
            last_verified=s.assured_date,
            needs_checking=s.needs_verification or s.assured_date is None or s.assured_date < cutoff,
        )
        for s in rows
    )
    return DirectoryWork(
        listings=services.count(),
        not_verified_recently=services.filter(stale).count(),
        flagged=services.filter(needs_verification=True).count(),
        open_suggestions=permissions.reviewable_suggestions(user).filter(status=Suggestion.Status.PENDING).count(),
        shown=shown,
    )


def member_organization_name(user: User) -> str:
    """The name of the partner organization `user` works for, or "" (program staff, the public)."""
    if permissions.organization_id_of(user) is None or not signed_in(user):
        return ""
    return str(user.membership.organization.name)
