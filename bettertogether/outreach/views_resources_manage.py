"""Resource manage pages: partner staff keep their own organization's resources, coordinators all.

The same people and answers as the event organizer pages (views_manage.organizer_required): sign-in
for anonymous visitors, 403 without the role, 404 for another organization's resource.
"""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import resources_manage, uploads
from .forms import ResourceForm, ResourceVersionFormSet
from .models import Resource
from .permissions import organization_choices
from .views_manage import organizer_required


@never_cache  # drafts and staff pages: never kept by a browser or a shared cache
@organizer_required
@require_GET
def resource_manage_list(request: HttpRequest) -> HttpResponse:
    resources = resources_manage.managed_resources(request.user)[:200]
    return render(request, "outreach/resource_manage_list.html", {"resources": resources})


@never_cache
@organizer_required
@require_http_methods(["GET", "POST"])
def resource_manage_edit(request: HttpRequest, pk: Any = None) -> HttpResponse:
    resource: Resource | None = None
    if pk is not None:
        resource = resources_manage.managed_resources(request.user).filter(pk=pk).first()
        if resource is None:
            raise Http404
    data = request.POST if request.method == "POST" else None
    form = ResourceForm(
        data,
        instance=resource,
        organizations=organization_choices(request.user),
        fixed_organization=resources_manage.fixed_organization(request.user),
    )
    versions = ResourceVersionFormSet(
        data, request.FILES if data is not None else None, instance=form.instance, prefix="versions"
    )
    if data is not None and all([form.is_valid(), versions.is_valid()]):
        saved = resources_manage.save_resource(form, versions, request.user)
        messages.success(request, _("“%(title)s” was saved.") % {"title": saved.title})
        return redirect("outreach:resource_manage")
    return render(
        request,
        "outreach/resource_manage_edit.html",
        {"form": form, "versions": versions, "resource": resource, "max_upload": uploads.max_bytes()},
    )
