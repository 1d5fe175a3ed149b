"""Who may manage events, record attendance and manage resources (design.md §2).

Partner staff and case workers manage their own organization's events and resources; coordinators
and administrators manage all (resources without an organization too). Everything else about
events and resources is public.
"""

from typing import Any, TypeGuard

from django.db.models import QuerySet

from bettertogether.core.roles import ORGANIZATION_ROLES
from bettertogether.core.users import Account, User, signed_in
from bettertogether.directory.door import Organization

from .models import Event, Resource


def user_organization_id(user: User) -> Any:
    # A missing membership raises RelatedObjectDoesNotExist, an AttributeError: getattr's default.
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership.organization_id if membership is not None else None


def can_manage_events(user: User) -> TypeGuard[Account]:
    """May open the organizer pages at all."""
    if not signed_in(user):
        return False
    if user.is_coordinator:
        return True
    return user.role in ORGANIZATION_ROLES and user_organization_id(user) is not None


def can_manage_event(user: User, event: Event) -> bool:
    if not can_manage_events(user):
        return False
    return bool(user.is_coordinator or event.organization_id == user_organization_id(user))


def _managed_by(user: User, model: type[Event] | type[Resource]) -> QuerySet[Any]:
    if not can_manage_events(user):
        return model.objects.none()
    if user.is_coordinator:
        return model.objects.all()
    return model.objects.filter(organization_id=user_organization_id(user))


def events_managed_by(user: User) -> QuerySet[Event]:
    """The events a user may edit and take attendance for (none for the public)."""
    return _managed_by(user, Event)


def can_manage_resource(user: User, resource: Resource) -> bool:
    """The same people as for events; a resource without an organization is the coordinators'."""
    if not can_manage_events(user):
        return False
    if user.is_coordinator:
        return True
    return resource.organization_id is not None and resource.organization_id == user_organization_id(user)


def resources_managed_by(user: User) -> QuerySet[Resource]:
    """The resources a user may edit, published or not (none for the public; a resource without an
    organization is the coordinators')."""
    return _managed_by(user, Resource)


def organization_choices(user: User) -> QuerySet[Organization]:
    """The organizations a user may file events and resources under: their own, or any for coordinators."""
    if getattr(user, "is_coordinator", False):
        return Organization.objects.order_by("-is_program_partner", "name")
    return Organization.objects.filter(pk=user_organization_id(user))
