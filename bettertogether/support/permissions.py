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

import uuid
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, Q, QuerySet

from bettertogether.core.roles import Role

if TYPE_CHECKING:
    from .models import EmergencyRequest, Referral


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def organization_id_of(user: Any) -> uuid.UUID | None:
    if not _active(user) or user.role not in (Role.PARTNER_STAFF, Role.CASE_WORKER):
        return None
    membership = getattr(user, "membership", None)
    return membership.organization_id if membership is not None else None


def is_case_worker(user: Any) -> bool:
    return _active(user) and user.role == Role.CASE_WORKER and organization_id_of(user) is not None


# Roles that read cases or change other people's data and accounts: a password alone opens none of it.
SECOND_FACTOR_ROLES = frozenset({Role.CASE_WORKER, Role.COORDINATOR, Role.ADMINISTRATOR})


def needs_second_factor(user: Any) -> bool:
    """Case workers (cases), coordinators and administrators (everyone's listings, accounts and
    authenticators) and anyone who may enter Django's /admin/ pass a second factor before any
    staff page."""
    return _active(user) and (user.role in SECOND_FACTOR_ROLES or bool(user.is_staff or user.is_superuser))


def can_use_helpline(user: Any) -> bool:
    return organization_id_of(user) is not None


def can_use_cases(user: Any) -> bool:
    return is_case_worker(user)


def can_see_statistics(user: Any) -> bool:
    return _active(user) and user.role in (Role.COORDINATOR, Role.ADMINISTRATOR)


def can_review_emergencies(user: Any) -> bool:
    return _active(user) and user.role == Role.FUNDER_APPROVER


def can_use_support(user: Any) -> bool:
    return can_use_helpline(user) or can_see_statistics(user) or can_review_emergencies(user)


def is_supervisor(user: Any) -> bool:
    desk = getattr(user, "case_desk", None) if is_case_worker(user) else None
    return bool(desk is not None and desk.is_supervisor)


def can_see_access_history(user: Any, case: Model) -> bool:
    return is_supervisor(user) and getattr(case, "organization_id", None) == organization_id_of(user)


def can_receive_referral(user: Any, referral: Model) -> bool:
    return is_case_worker(user) and getattr(referral, "to_organization_id", None) == organization_id_of(user)


_M = TypeVar("_M", bound=Model)


def visible(queryset: QuerySet[_M], user: Any) -> QuerySet[_M]:
    """The rows of a case-desk queryset this person may read (querysets' `visible_to`)."""
    from .models import AccessLog, Case, EmergencyRequest, HelplineContact, Referral  # noqa: PLC0415  (cycle, being untied)

    model = queryset.model
    org_id = organization_id_of(user)
    if model is HelplineContact:
        return queryset.filter(organization_id=org_id) if org_id else queryset.none()
    if not is_case_worker(user):
        return queryset.none()
    if model is Case:
        return queryset.filter(organization_id=org_id)
    if model is AccessLog:
        if not is_supervisor(user) or org_id is None:
            return queryset.none()
        # The organization's own actions, and what anyone (e.g. a referral's receiver) did to its cases.
        own_cases = Case.objects.filter(organization_id=org_id).values("pk")
        return queryset.filter(Q(organization_id=org_id) | Q(case_id__in=own_cases))
    if model is Referral:
        # The sender's referrals only; the receiver reads through received_referrals().
        return queryset.filter(from_organization_id=org_id)
    if model is EmergencyRequest:
        return queryset.filter(organization_id=org_id)
    return queryset.filter(case__organization_id=org_id)  # notes, follow-ups, services, consents


def received_referrals(user: Any) -> QuerySet[Referral]:
    """Referrals sent to this person's organization: read only through their `shared` values."""
    from .models import Referral  # noqa: PLC0415  (the models <-> permissions cycle, being untied)

    if not is_case_worker(user):
        return Referral.objects.none()
    return Referral.objects.filter(to_organization_id=organization_id_of(user)).exclude(state="withdrawn")


def emergencies_for_review(user: Any) -> QuerySet[EmergencyRequest]:
    """Emergency requests a funder approver reviews (shown de-identified by statistics/summary)."""
    from .models import EmergencyRequest  # noqa: PLC0415  (the models <-> permissions cycle, being untied)

    if not can_review_emergencies(user):
        return EmergencyRequest.objects.none()
    return EmergencyRequest.objects.all()
