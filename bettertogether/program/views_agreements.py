"""Sub-agreements and the program's milestones. Partners see their own organization's agreements;
coordinators see and change everything; anyone else gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bettertogether.core.users import signed_in_account
from bettertogether.directory.door import Organization

from . import lifecycle, services
from .forms import AgreementForm, AmendmentForm, StatusForm
from .forms_records import DocumentForm
from .models import AgreementStatus, Milestone, MilestoneStatus
from .permissions import agreements_for, can_keep_records, can_manage_program, can_view_agreements
from .views import only_for


def _organizations() -> list[tuple[str, str]]:
    return [(str(pk), name) for pk, name in Organization.objects.order_by("name").values_list("pk", "name")]


@require_GET
@only_for(can_view_agreements)
def agreement_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "program/agreements.html",
        {"agreements": agreements_for(request.user), "can_manage": can_manage_program(request.user)},
    )


@require_http_methods(["GET", "POST"])
@only_for(can_manage_program)
def agreement_new(request: HttpRequest) -> HttpResponse:
    form = AgreementForm(request.POST or None, organizations=_organizations())
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        agreement = services.create_agreement(
            services.AgreementInput(
                organization_id=c["organization"],
                kind=c["kind"],
                title=c["title"],
                starts_on=c["starts_on"],
                ends_on=c["ends_on"],
                amount=c["amount"],
                payment_schedule=c["payment_schedule"],
                deliverables=c["deliverables"],
                reporting_schedule=c["reporting_schedule"],
            ),
            by=signed_in_account(request.user),
        )
        messages.success(request, _("Sub-agreement recorded as a draft."))
        return redirect("program:agreement", pk=agreement.pk)
    return render(request, "program/agreement_form.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
@only_for(can_view_agreements)
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(agreements_for(request.user), pk=pk)
    manage = can_manage_program(request.user)
    return render(
        request,
        "program/agreement.html",
        {
            "agreement": agreement,
            "amendments": agreement.amendments.all(),
            "history": agreement.status_changes.select_related("changed_by"),
            "moves": [
                (s, AgreementStatus(s).label)
                for s in lifecycle.next_statuses(lifecycle.AGREEMENT_TRANSITIONS, agreement.status)
            ]
            if manage
            else [],
            "amendable": manage and agreement.status in lifecycle.AMENDABLE,
            "amendment_form": AmendmentForm(),
            "visits": agreement.visits.all(),
            "reports": agreement.reports.all(),
            "can_manage": manage,
            "documents": agreement.documents.all(),
            "can_keep_records": can_keep_records(request.user),
            "document_form": DocumentForm(),
        },
    )


def _managed(request: HttpRequest, pk: int) -> int:
    agreement = get_object_or_404(agreements_for(request.user), pk=pk)
    return agreement.pk


@require_POST
@only_for(can_manage_program)
def agreement_status(request: HttpRequest, pk: int) -> HttpResponse:
    agreement_id = _managed(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The change could not be read; nothing was changed."))
        return redirect("program:agreement", pk=agreement_id)
    try:
        services.move_agreement(
            agreement_id,
            form.cleaned_data["status"],
            by=signed_in_account(request.user),
            reason=form.cleaned_data["reason"],
        )
    except lifecycle.TransitionRefused:
        messages.error(request, _("This agreement cannot move to that status from its current one."))
        return redirect("program:agreement", pk=agreement_id)
    messages.success(request, _("Status changed."))
    return redirect("program:agreement", pk=agreement_id)


@require_POST
@only_for(can_manage_program)
def agreement_amend(request: HttpRequest, pk: int) -> HttpResponse:
    agreement_id = _managed(request, pk)
    form = AmendmentForm(request.POST)
    if form.is_valid():
        c = form.cleaned_data
        try:
            services.amend_agreement(
                agreement_id,
                signed_on=c["signed_on"],
                reason=c["reason"],
                by=signed_in_account(request.user),
                ends_on=c["ends_on"],
                amount=c["amount"],
            )
        except lifecycle.TransitionRefused:
            messages.error(request, _("Only a signed or active agreement can be amended."))
        except ValueError:
            messages.error(request, _("The amendment must change the end date or the amount, and end after the start."))
        else:
            messages.success(request, _("Amendment recorded; the earlier terms are kept in its history."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("program:agreement", pk=agreement_id)


@require_GET
@only_for(can_manage_program)
def milestone_list(request: HttpRequest) -> HttpResponse:
    rows = [
        (
            m,
            [(s, MilestoneStatus(s).label) for s in lifecycle.next_statuses(lifecycle.MILESTONE_TRANSITIONS, m.status)],
        )
        for m in Milestone.objects.all()
    ]
    return render(request, "program/milestones.html", {"rows": rows})


@require_POST
@only_for(can_manage_program)
def milestone_status(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone, pk=pk)
    form = StatusForm(request.POST)
    try:
        if not form.is_valid():
            raise lifecycle.TransitionRefused("unreadable")
        services.move_milestone(milestone.pk, form.cleaned_data["status"], by=signed_in_account(request.user))
    except lifecycle.TransitionRefused:
        messages.error(request, _("This milestone cannot move to that status from its current one."))
    else:
        messages.success(request, _("Status changed."))
    return redirect(reverse("program:milestones"))
