"""The directory's door for other apps' staff pages (the staff workspace's onboarding): the same
forms, permissions and typed writes as the directory management area, and nothing else.

Other apps import this module, never the directory's models, forms or services directly.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet

from .manage_forms import HoursFormSet, OrganizationForm, PhoneFormSet, ServiceForm
from .models import ChangeLog, Membership, Organization, Service
from .permissions import (
    can_create_organization,
    can_edit_organization,
    editable_organizations,
    edits_everything,
    organization_id_of,
)
from .services import (
    InvalidChange,
    NotAllowed,
    ServiceEdit,
    create_organization,
    create_service,
    record_change,
    set_membership,
    update_organization,
)

__all__ = [
    "ChangeLog",
    "HoursFormSet",
    "InvalidChange",
    "NotAllowed",
    "Organization",
    "OrganizationForm",
    "PhoneFormSet",
    "Service",
    "ServiceEdit",
    "ServiceForm",
    "can_create_organization",
    "can_edit_organization",
    "create_organization",
    "create_service",
    "editable_organizations",
    "edits_everything",
    "members_of",
    "organization_id_of",
    "organization_name",
    "record_change",
    "services_of",
    "set_membership",
    "update_organization",
]


def members_of(organization_id: uuid.UUID) -> QuerySet[Membership]:
    """The memberships of one organization, with their users."""
    return Membership.objects.filter(organization_id=organization_id).select_related("user")


def services_of(organization: Organization) -> QuerySet[Service]:
    return Service.objects.filter(organization=organization).order_by("name_en")


def organization_name(organization_id: Any) -> str:
    """The organization's name in the active language ('' when there is none)."""
    organization = Organization.objects.filter(pk=organization_id).first() if organization_id else None
    return str(organization.name) if organization is not None else ""
