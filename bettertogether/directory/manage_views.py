"""The directory management area (/<lang>/manage/): thin views over permissions.py and services.py.

Partner staff see their own organization's records; coordinators see all. Another organization's
record answers 404 (it is simply not in the queryset), a signed-in person with no editing role 403.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bettertogether.core.users import User, signed_in_account

from . import permissions, services
from .manage_forms import (
    AddressForm,
    HoursFormSet,
    LocationForm,
    PhoneFormSet,
    ReviewForm,
    ServiceForm,
    hours_initial,
    phone_initial,
)
from .models import ChangeLog, Location, Service, Suggestion

PAGE_SIZE = 50


def _require_manager(request: HttpRequest) -> None:
    if not permissions.can_use_manage(request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    user = request.user
    q = (request.GET.get("q") or "").strip()[:100]
    qs = permissions.editable_services(user).select_related("organization").order_by("organization__name_en", "name_en")
    if q:
        qs = qs.filter(Q(name_en__icontains=q) | Q(name__icontains=q) | Q(organization__name_en__icontains=q))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    pending = permissions.reviewable_suggestions(user).filter(status=Suggestion.Status.PENDING).count()
    return render(
        request,
        "directory/manage/index.html",
        {"page": page, "q": q, "pending": pending, "edits_everything": permissions.edits_everything(user)},
    )


def _service_context(service: Service, user: User) -> dict[str, Any]:
    locations = permissions.editable_locations(user).filter(service_at_locations__service=service).distinct()
    return {
        "service": service,
        "locations": locations.prefetch_related("addresses"),
        "suggestions": service.suggestions.filter(status=Suggestion.Status.PENDING),
        "history": ChangeLog.objects.filter(object_type="service", object_id=str(service.pk)).select_related("user")[
            :10
        ],
    }


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    _require_manager(request)
    service = get_object_or_404(permissions.editable_services(request.user).select_related("organization"), pk=pk)
    if request.method == "POST":
        form = ServiceForm(request.POST, instance=service)
        phones = PhoneFormSet(request.POST, prefix="phones")
        hours = HoursFormSet(request.POST, prefix="hours")
        if form.is_valid() and phones.is_valid() and hours.is_valid():
            edit = services.ServiceEdit(
                fields=form.model_fields(),
                category_ids=form.category_ids(),
                language_codes=form.cleaned_data["languages"],
                phones=[f.as_input() for f in phones.forms if f.cleaned_data],
                hours=[f.as_input() for f in hours.forms if f.cleaned_data],
            )
            try:
                services.update_service(service.pk, edit, by=signed_in_account(request.user))
            except services.InvalidChange as err:
                form.add_error(None, str(err))
            else:
                messages.success(request, _("Saved. The service is marked as verified today."))
                return redirect("directory_manage:service", pk=service.pk)
        service.refresh_from_db()
    else:
        form = ServiceForm(instance=service)
        phones = PhoneFormSet(prefix="phones", initial=phone_initial(service))
        hours = HoursFormSet(prefix="hours", initial=hours_initial(service))
    context = {**_service_context(service, request.user), "form": form, "phones": phones, "hours": hours}
    return render(
        request, "directory/manage/service_form.html", context, status=400 if request.method == "POST" else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def location_edit(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    _require_manager(request)
    location: Location = get_object_or_404(
        permissions.editable_locations(request.user).select_related("organization"), pk=pk
    )
    address = location.addresses.order_by("address_type").first()
    if request.method == "POST":
        form = LocationForm(request.POST, instance=location)
        address_form = AddressForm(request.POST, instance=address, prefix="address")
        if form.is_valid() and address_form.is_valid():
            edit = services.LocationEdit(
                fields=form.model_fields(),
                address=address_form.address_fields(),
                regeocode=bool(address_form.cleaned_data.get("regeocode")),
            )
            try:
                result = services.update_location(location.pk, edit, by=signed_in_account(request.user))
            except services.InvalidChange as err:
                form.add_error(None, str(err))
            else:
                if result.geocoded:
                    messages.success(request, _("Saved. It is on the map."))
                else:
                    messages.warning(request, _("Saved, but the postal code or town was not found: not on the map."))
                return redirect("directory_manage:location", pk=location.pk)
        location.refresh_from_db()
    else:
        form = LocationForm(instance=location)
        address_form = AddressForm(instance=address, prefix="address")
    services_here = permissions.editable_services(request.user).filter(service_at_locations__location=location)
    return render(
        request,
        "directory/manage/location_form.html",
        {"location": location, "form": form, "address_form": address_form, "services_here": services_here},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET"])
def suggestion_list(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    qs = permissions.reviewable_suggestions(request.user).select_related("service", "service__organization")
    return render(
        request,
        "directory/manage/suggestions.html",
        {
            "pending": qs.filter(status=Suggestion.Status.PENDING).order_by("created_at"),
            "reviewed": qs.exclude(status=Suggestion.Status.PENDING).select_related("reviewed_by")[:20],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def suggestion_review(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    _require_manager(request)
    suggestion = get_object_or_404(
        permissions.reviewable_suggestions(request.user).select_related("service", "service__organization"), pk=pk
    )
    service = suggestion.service
    initial = {"value": suggestion.proposed_value if suggestion.field == "phone" else ""}
    if suggestion.field == "closed":
        initial["status"] = Service.Status.TEMPORARILY_CLOSED
    form = ReviewForm(request.POST or None, service=service, initial=initial)
    if request.method == "POST" and suggestion.status == Suggestion.Status.PENDING and form.is_valid():
        try:
            if "reject" in request.POST:
                services.reject_suggestion(suggestion.pk, by=signed_in_account(request.user))
                messages.success(request, _("Suggestion rejected."))
            else:
                services.approve_suggestion(
                    suggestion.pk,
                    by=signed_in_account(request.user),
                    value=form.cleaned_data.get("value") or None,
                    phone_id=form.phone_uuid(),
                    status=form.cleaned_data.get("status") or None,
                )
                messages.success(request, _("Suggestion approved. The service is marked as verified today."))
            return redirect("directory_manage:suggestions")
        except services.InvalidChange as err:
            form.add_error(None, str(err))
    return render(
        request,
        "directory/manage/suggestion_review.html",
        {"suggestion": suggestion, "service": service, "form": form, "phones": service.phones.all()},
        status=400 if request.method == "POST" else 200,
    )
