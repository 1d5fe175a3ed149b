"""Who may see what of the program office.

Coordinators and administrators see everything. Partner staff and case workers see only their own
organization's sub-agreements; anyone else signed in gets 404, as in the other confidential areas.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeGuard

from django.db.models import Q, QuerySet

from bettertogether.core.roles import ORGANIZATION_ROLES, Role
from bettertogether.core.users import Account, User, signed_in

from . import lifecycle
from .calls_models import Application, ApplicationStatus, Call, Review
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


def documents_for(user: User) -> QuerySet[AgreementDocument]:
    """Documents of the agreements `user` may open: coordinators all, partners their organization's."""
    return AgreementDocument.objects.select_related("agreement__organization").filter(
        agreement__in=agreements_for(user)
    )


def can_keep_records(user: User) -> bool:
    """Upload agreement documents; keep evaluations and the advocacy log (coordinators)."""
    return can_manage_program(user)


# Calls for proposals. The public sees open, closed and decided calls. Partner staff of a directory
# organization apply for it; its partner staff and case workers read its applications. Coordinators
# screen and decide every submitted application. A reviewer sees only the calls they are assigned
# to, and there only the applications screened eligible; one who declared a conflict of interest on
# an application sees no score of it, not even the others'.


def public_calls() -> QuerySet[Call]:
    return Call.objects.filter(status__in=lifecycle.CALL_PUBLIC)


def can_apply(user: User) -> bool:
    return signed_in(user) and user.role == Role.PARTNER_STAFF and user_organization_id(user) is not None


def can_view_calls_office(user: User) -> bool:
    """Coordinators, and reviewers assigned to at least one call."""
    if not signed_in(user):
        return False
    return bool(user.is_coordinator) or Call.objects.filter(reviewers=user).exists()


def can_view_applications(user: User) -> bool:
    return can_view_calls_office(user) or (
        signed_in(user) and user.role in ORGANIZATION_ROLES and user_organization_id(user) is not None
    )


def calls_for(user: User) -> QuerySet[Call]:
    """The calls whose applications `user` may list: all for coordinators, their own for reviewers."""
    if not signed_in(user):
        return Call.objects.none()
    if user.is_coordinator:
        return Call.objects.all()
    return Call.objects.filter(reviewers=user)


REVIEWED_STATUSES = (
    ApplicationStatus.ELIGIBLE,
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.FUNDED,
    ApplicationStatus.DECLINED,
)


def applications_for(user: User) -> QuerySet[Application]:
    """The applications `user` may open: their organization's (drafts included); every submitted
    one for coordinators; the eligible ones of their calls for reviewers."""
    qs = Application.objects.select_related("call", "organization")
    if not signed_in(user):
        return qs.none()
    visible = Q(call__reviewers=user, status__in=REVIEWED_STATUSES)
    if user.is_coordinator:
        visible |= ~Q(status=ApplicationStatus.DRAFT)
    if user.role in ORGANIZATION_ROLES and user_organization_id(user) is not None:
        visible |= Q(organization_id=user_organization_id(user))
    return qs.filter(visible).distinct()


def can_edit_application(user: User, application: Application) -> bool:
    return can_apply(user) and user_organization_id(user) == application.organization_id


def is_reviewer(user: User, call: Call) -> bool:
    return signed_in(user) and call.reviewers.filter(pk=user.pk).exists()


def can_review(user: User, application: Application) -> bool:
    return is_reviewer(user, application.call) and application.status in lifecycle.APPLICATION_REVIEWABLE


def declared_conflict(user: User, application: Application) -> bool:
    return signed_in(user) and Review.objects.filter(application=application, reviewer=user, conflict=True).exists()


def visible_reviews(user: User, application: Application) -> QuerySet[Review]:
    """The reviews whose scores `user` may read on `application`: none after a declared conflict;
    all for coordinators; a reviewer's own otherwise."""
    reviews = application.reviews.select_related("reviewer").prefetch_related("scores__criterion")
    if not signed_in(user) or declared_conflict(user, application):
        return reviews.none()
    if user.is_coordinator:
        return reviews
    return reviews.filter(reviewer=user)
