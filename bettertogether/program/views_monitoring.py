"""Follow-up meetings and site visits, and the actions they decide. Coordinators record them; partners
read those of their own agreements; anyone else gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bettertogether.core.users import signed_in_account

from . import lifecycle, services
from .forms import ActionForm, StatusForm, VisitForm
from .models import ActionStatus
from .permissions import (
    actions_for,
    agreements_for,
    can_manage_program,
    can_view_agreements,
    overdue_actions,
    visits_for,
)
from .views import only_for


@require_http_methods(["GET", "POST"])
@only_for(can_manage_program)
def visit_new(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(agreements_for(request.user), pk=pk)
    form = VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        visit = services.record_visit(
            agreement.pk, services.VisitInput(**form.cleaned_data), by=signed_in_account(request.user)
        )
        messages.success(request, _("Visit recorded. Add the actions it decided."))
        return redirect("program:visit", pk=visit.pk)
    return render(
        request, "program/visit_form.html", {"form": form, "agreement": agreement}, status=400 if form.errors else 200
    )


@require_GET
@only_for(can_view_agreements)
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(visits_for(request.user), pk=pk)
    manage = can_manage_program(request.user)
    today = timezone.localdate()
    actions = [
        (
            a,
            a.status == ActionStatus.OPEN and a.due_on < today,
            [(s, ActionStatus(s).label) for s in lifecycle.next_statuses(lifecycle.ACTION_TRANSITIONS, a.status)]
            if manage
            else [],
        )
        for a in visit.actions.all()
    ]
    return render(
        request,
        "program/visit.html",
        {"visit": visit, "actions": actions, "can_manage": manage, "action_form": ActionForm()},
    )


@require_POST
@only_for(can_manage_program)
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(visits_for(request.user), pk=pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        services.add_action(visit.pk, by=signed_in_account(request.user), **form.cleaned_data)
        messages.success(request, _("Action added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("program:visit", pk=visit.pk)


@require_POST
@only_for(can_manage_program)
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(actions_for(request.user), pk=pk)
    form = StatusForm(request.POST)
    try:
        if not form.is_valid():
            raise lifecycle.TransitionRefused("unreadable")
        services.move_action(action.pk, form.cleaned_data["status"], by=signed_in_account(request.user))
    except lifecycle.TransitionRefused:
        messages.error(request, _("This action cannot move to that status from its current one."))
    else:
        messages.success(request, _("Status changed."))
    return redirect("program:visit", pk=action.visit_id)


@require_GET
@only_for(can_manage_program)
def overdue(request: HttpRequest) -> HttpResponse:
    return render(request, "program/overdue.html", {"actions": overdue_actions(request.user, timezone.localdate())})
