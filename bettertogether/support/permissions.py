"""Who may do what on the case desk (design.md §2). Named functions, tested as a matrix.

- Partner staff: their organization's helpline log, nothing of cases.
- Case workers (second factor required, see guard.case_desk): their organization's helpline log,
  cases, notes, follow-ups, services, consents, referrals sent, emergency requests; the referrals
  sent to their organization, reduced to what the consent shared.
- Supervisors (case workers with CaseDeskMember.is_supervisor): also a case's access history.
- Coordinators and administrators: statistics only, never case contents.
- Funder approvers: de-identified emergency requests only.
Another organization's object is not found (404), so its existence does not leak.
"""

from __future__ import annotations

from typing import TypeVar, cast

from django.db.models import Model, QuerySet

from bettertogether.core.roles import Role
from bettertogether.core.users import User, signed_in

from .access import is_case_worker as is_case_worker
from .access import is_supervisor as is_supervisor
from .access import organization_id_of as organization_id_of
from .access import second_factor_passed as second_factor_passed
from .models import EmergencyRequest, OrgQuerySet, Referral

# Roles that read cases or change other people's data and accounts: a password alone opens none of it.
SECOND_FACTOR_ROLES = frozenset({Role.CASE_WORKER, Role.COORDINATOR, Role.ADMINISTRATOR})


def needs_second_factor(user: User) -> bool:
    """Case workers (cases), coordinators and administrators (everyone's listings, accounts and
    authenticators) and anyone who may enter Django's /admin/ pass a second factor before any
    staff page."""
    return signed_in(user) and (user.role in SECOND_FACTOR_ROLES or bool(user.is_staff or user.is_superuser))


def can_use_helpline(user: User) -> bool:
    return organization_id_of(user) is not None


def can_use_cases(user: User) -> bool:
    return is_case_worker(user)


def can_see_statistics(user: User) -> bool:
    return signed_in(user) and user.role in (Role.COORDINATOR, Role.ADMINISTRATOR)


def can_review_emergencies(user: User) -> bool:
    return signed_in(user) and user.role == Role.FUNDER_APPROVER


def can_use_support(user: User) -> bool:
    return can_use_helpline(user) or can_see_statistics(user) or can_review_emergencies(user)


def can_see_access_history(user: User, case: Model) -> bool:
    return is_supervisor(user) and getattr(case, "organization_id", None) == organization_id_of(user)


def can_receive_referral(user: User, referral: Model) -> bool:
    return is_case_worker(user) and getattr(referral, "to_organization_id", None) == organization_id_of(user)


_M = TypeVar("_M", bound=Model)


def visible(queryset: QuerySet[_M], user: User) -> QuerySet[_M]:
    """The rows of a case-desk queryset this person may read (the querysets' own `visible_to`)."""
    return cast("OrgQuerySet[_M]", queryset).visible_to(user)


def received_referrals(user: User) -> QuerySet[Referral]:
    """Referrals sent to this person's organization: read only through their `shared` values."""
    if not is_case_worker(user):
        return Referral.objects.none()
    return Referral.objects.filter(to_organization_id=organization_id_of(user)).exclude(state="withdrawn")


def emergencies_for_review(user: User) -> QuerySet[EmergencyRequest]:
    """Emergency requests a funder approver reviews (shown de-identified by statistics/summary)."""
    if not can_review_emergencies(user):
        return EmergencyRequest.objects.none()
    return EmergencyRequest.objects.all()
