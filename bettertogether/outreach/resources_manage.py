"""Partner staff and coordinators manage resources and their language versions (the manage pages).

Who may touch which resource is permissions.py's; this module saves what the forms validated.
A partner's resource always belongs to the partner's own organization, whatever was posted.
A file that no version uses any more (replaced, switched to a link, version removed) is deleted
from storage once the change is committed, so nothing unreachable lingers under MEDIA_ROOT.
"""

from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Prefetch, QuerySet

from bettertogether.core.users import User
from bettertogether.directory.door import Organization

from .forms import ResourceForm
from .models import Resource, ResourceVersion
from .permissions import resources_managed_by, user_organization_id


def managed_resources(user: User) -> QuerySet[Resource]:
    """The user's manageable resources with their versions, most recently changed first."""
    return (
        resources_managed_by(user)
        .select_related("organization")
        .prefetch_related(Prefetch("versions", queryset=ResourceVersion.objects.order_by("language")))
        .order_by("-updated_at")
    )


def fixed_organization(user: User) -> Organization | None:
    """The organization a partner's resources belong to; None for coordinators (they choose)."""
    if getattr(user, "is_coordinator", False):
        return None
    return Organization.objects.filter(pk=user_organization_id(user)).first()


def _stored_files(resource_id: Any) -> set[str]:
    return set(ResourceVersion.objects.filter(resource_id=resource_id).exclude(file="").values_list("file", flat=True))


def save_resource(form: ResourceForm, versions: Any, user: User) -> Resource:
    """Save a validated resource form and its validated version formset together."""
    with transaction.atomic():
        resource: Resource = form.save(commit=False)
        if not getattr(user, "is_coordinator", False):
            resource.organization_id = user_organization_id(user)
        resource.set_provinces(list(form.cleaned_data.get("provinces") or []))
        files_before = set() if resource._state.adding else _stored_files(resource.pk)
        resource.save()
        form.save_m2m()
        versions.instance = resource
        versions.save()
        unused = files_before - _stored_files(resource.pk)
        transaction.on_commit(lambda: _delete_files(unused))
    return resource


def _delete_files(names: set[str]) -> None:
    for name in names:
        default_storage.delete(name)
