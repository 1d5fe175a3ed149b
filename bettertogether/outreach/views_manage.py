"""Organizer pages: partner staff manage their own organization's events and take attendance.

Another organization's event answers 404 (not 403) so its existence does not leak.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.forms import formset_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from bettertogether.core.users import signed_in_account

from . import services
from .forms import EventForm, WalkInForm
from .models import Event, Registration
from .permissions import can_manage_events, events_managed_by, organization_choices

WalkInFormSet = formset_factory(WalkInForm, extra=3, max_num=50)


def organizer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in partner staff with an organization, or coordinators; others get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_manage_events(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _managed_event(request: HttpRequest, pk: Any) -> Event:
    event = events_managed_by(request.user).select_related("organization").filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


@organizer_required
def manage_list(request: HttpRequest) -> HttpResponse:
    events = events_managed_by(request.user).select_related("organization").order_by("-starts_at")[:200]
    return render(request, "outreach/manage_list.html", {"events": events})


@organizer_required
@require_http_methods(["GET", "POST"])
def manage_edit(request: HttpRequest, pk: Any = None) -> HttpResponse:
    event = _managed_event(request, pk) if pk is not None else None
    form = EventForm(request.POST or None, instance=event, organizations=organization_choices(request.user))
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if event is None:
            saved.created_by = signed_in_account(request.user)
        services.save_event(saved)
        return redirect("outreach:manage")
    return render(request, "outreach/manage_edit.html", {"form": form, "event": event})


@organizer_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: Any) -> HttpResponse:
    event = _managed_event(request, pk)
    registrations = event.registrations.exclude(status=Registration.Status.CANCELLED).select_related("attendance")
    walk_ins = WalkInFormSet(request.POST or None, prefix="walkin")
    result = None
    if request.method == "POST" and walk_ins.is_valid():
        present = [int(v) for v in request.POST.getlist("present") if v.isdigit()]
        anonymous = request.POST.get("anonymous", "").strip()
        result = services.record_attendance(
            event.pk,
            present_registration_ids=present,
            walk_ins=[f.cleaned_data for f in walk_ins if f.cleaned_data],
            anonymous_count=int(anonymous) if anonymous.isdigit() else None,
            recorded_by=signed_in_account(request.user),
        )
        event.refresh_from_db()
        walk_ins = WalkInFormSet(prefix="walkin")
    present_ids = set(event.attendances.filter(registration__isnull=False).values_list("registration_id", flat=True))
    return render(
        request,
        "outreach/attendance.html",
        {
            "event": event,
            "registrations": registrations,
            "present_ids": present_ids,
            "walk_ins": walk_ins,
            "result": result,
        },
    )
