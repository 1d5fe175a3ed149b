"""Who may edit which directory records. Named functions, unit-tested as a matrix.

- Coordinators and administrators (and superusers) edit every organization, service and location
  and review every suggestion.
- Partner staff and case workers edit their own organization's services and locations and review
  suggestions about its services; nobody else's.
- Funder approvers, anonymous visitors and inactive accounts edit nothing.
- Every signed-in staff member reads the verification notes and sources of a listing; the public
  reads only when it was last checked.
Views answer 404 (not 403) for another organization's record so its existence does not leak.
"""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from bettertogether.core.roles import ORGANIZATION_ROLES
from bettertogether.core.users import User, signed_in

from .models import Location, Organization, Service, Suggestion


def edits_everything(user: User) -> bool:
    return signed_in(user) and bool(user.is_coordinator)


def organization_id_of(user: User) -> uuid.UUID | None:
    """The organization a partner-staff member or case worker edits for, or None."""
    if not signed_in(user) or user.role not in ORGANIZATION_ROLES:
        return None
    membership = getattr(user, "membership", None)
    return membership.organization_id if membership is not None else None


def can_use_manage(user: User) -> bool:
    """May open the directory management area at all."""
    return edits_everything(user) or organization_id_of(user) is not None


def sees_staff_notes(user: User) -> bool:
    """May read a listing's verification notes and sources on its public page (any signed-in staff)."""
    return signed_in(user) and bool(user.role or user.is_superuser)


def can_edit_organization(user: User, organization: Organization) -> bool:
    return edits_everything(user) or (
        organization_id_of(user) is not None and organization_id_of(user) == organization.id
    )


def can_create_organization(user: User) -> bool:
    return edits_everything(user)


def editable_organizations(user: User) -> QuerySet[Organization]:
    if edits_everything(user):
        return Organization.objects.all()
    org_id = organization_id_of(user)
    if org_id is None:
        return Organization.objects.none()
    return Organization.objects.filter(pk=org_id)


def can_edit_service(user: User, service: Service) -> bool:
    if edits_everything(user):
        return True
    org_id = organization_id_of(user)
    return org_id is not None and service.organization_id == org_id


def can_edit_location(user: User, location: Location) -> bool:
    if edits_everything(user):
        return True
    org_id = organization_id_of(user)
    return org_id is not None and location.organization_id == org_id


def can_review_suggestion(user: User, suggestion: Suggestion) -> bool:
    return can_edit_service(user, suggestion.service)


def editable_services(user: User) -> QuerySet[Service]:
    if edits_everything(user):
        return Service.objects.all()
    org_id = organization_id_of(user)
    if org_id is None:
        return Service.objects.none()
    return Service.objects.filter(organization_id=org_id)


def editable_locations(user: User) -> QuerySet[Location]:
    if edits_everything(user):
        return Location.objects.all()
    org_id = organization_id_of(user)
    if org_id is None:
        return Location.objects.none()
    return Location.objects.filter(organization_id=org_id)


def reviewable_suggestions(user: User) -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(service__in=editable_services(user))
