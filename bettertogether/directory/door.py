"""The directory's door: the only names other apps import from it.

* Foreign-key targets: `Organization` and `TaxonomyTerm` (other apps' models reference them lazily,
  as "directory.Organization" and "directory.TaxonomyTerm"; `Service` and `ChangeLog` are read by
  the staff workspace). Other apps never import `directory.models` itself.
* The taxonomy: `TERMS`, `TOP_LEVEL_SLUGS`, `BT_NAMESPACE` (for stable ids of seeded rows).
* Public pages: `SearchForm` and `helplines()` (the home page's search box and helpline list).
* The gap analysis: `located_services()`, active services at their located points.
* The staff workspace (its home, menu and onboarding): `directory_work`, `member_organization_name`,
  `can_use_manage`, and the same forms, permissions and typed writes as the directory management
  area.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet

from .forms import SearchForm
from .located import LocatedService, LocatedServices, located_services
from .manage_forms import HoursFormSet, OrganizationForm, PhoneFormSet, ServiceForm
from .models import ChangeLog, Membership, Organization, Service, TaxonomyTerm
from .permissions import (
    can_create_organization,
    can_edit_organization,
    can_use_manage,
    editable_organizations,
    edits_everything,
    organization_id_of,
)
from .search import HelplineGroup, helplines
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
from .taxonomy import BT_NAMESPACE, TERMS, TOP_LEVEL_SLUGS
from .worklist import DirectoryWork, Listing, directory_work, member_organization_name

__all__ = [
    "BT_NAMESPACE",
    "TERMS",
    "TOP_LEVEL_SLUGS",
    "ChangeLog",
    "DirectoryWork",
    "HelplineGroup",
    "HoursFormSet",
    "InvalidChange",
    "Listing",
    "LocatedService",
    "LocatedServices",
    "NotAllowed",
    "Organization",
    "OrganizationForm",
    "PhoneFormSet",
    "SearchForm",
    "Service",
    "ServiceEdit",
    "ServiceForm",
    "TaxonomyTerm",
    "can_create_organization",
    "can_edit_organization",
    "can_use_manage",
    "create_organization",
    "create_service",
    "directory_work",
    "editable_organizations",
    "edits_everything",
    "helplines",
    "located_services",
    "member_organization_name",
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
