"""Who may see what of the program office.

Coordinators and administrators see everything. Partner staff and case workers see only their own
organization's sub-agreements; anyone else signed in gets 404, as in the other confidential areas.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeGuard

from django.db.models import QuerySet

from bettertogether.core.roles import ORGANIZATION_ROLES
from bettertogether.core.users import Account, User, signed_in

from .models import ActionStatus, AgreementDocument, FollowUpAction, PartnerReport, SubAgreement, Visit


def user_organization_id(user: User) -> Any:
    membership = getattr(user, "membership", None) if signed_in(user) else None
    return membership.organization_id if membership is not None else None


def can_view_results(user: User) -> bool:
    return signed_in(user) and bool(user.is_coordinator)


def can_manage_program(user: User) -> bool:
    """Enter denominators, agreements, amendments and milestone changes."""
    return signed_in(user) and bool(user.is_coordinator)


def can_view_agreements(user: User) -> TypeGuard[Account]:
    if not signed_in(user):
        return False
    if user.is_coordinator:
        return True
    return user.role in ORGANIZATION_ROLES and user_organization_id(user) is not None


def agreements_for(user: User) -> QuerySet[SubAgreement]:
    """The agreements `user` may open: all for coordinators, their organization's for partners."""
    qs = SubAgreement.objects.select_related("organization")
    if not can_view_agreements(user):
        return qs.none()
    if user.is_coordinator:
        return qs
    return qs.filter(organization_id=user_organization_id(user))


def visits_for(user: User) -> QuerySet[Visit]:
    """Visits of the agreements `user` may open."""
    return Visit.objects.select_related("agreement__organization").filter(agreement__in=agreements_for(user))


def actions_for(user: User) -> QuerySet[FollowUpAction]:
    return FollowUpAction.objects.select_related("visit__agreement__organization").filter(visit__in=visits_for(user))


def overdue_actions(user: User, today: dt.date) -> QuerySet[FollowUpAction]:
    """Open actions past their due date, on the agreements `user` may open."""
    return actions_for(user).filter(status=ActionStatus.OPEN, due_on__lt=today)


def reports_for(user: User) -> QuerySet[PartnerReport]:
    return PartnerReport.objects.select_related("agreement__organization").filter(agreement__in=agreements_for(user))


def can_write_report(user: User, report: PartnerReport) -> bool:
    """Partner staff and case workers of the agreement's organization write its reports."""
    return (
        signed_in(user)
        and user.role in ORGANIZATION_ROLES
        and user_organization_id(user) == report.agreement.organization_id
    )


def documents_for(user: Any) -> QuerySet[AgreementDocument]:
    """Documents of the agreements `user` may open: coordinators all, partners their organization's."""
    return AgreementDocument.objects.select_related("agreement__organization").filter(
        agreement__in=agreements_for(user)
    )


def can_keep_records(user: Any) -> bool:
    """Upload agreement documents; keep evaluations and the advocacy log (coordinators)."""
    return can_manage_program(user)
