"""Case-desk pages. Thin: forms validate, services write, permissions choose the rows, audit records.

Objects are looked up through `visible_to(request.user)` only, so another organization's object
is simply not found (404).
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bettertogether.core.periods import Period
from bettertogether.core.roles import Role
from bettertogether.directory.door import Organization

from . import audit, labels, permissions, services, workflows
from .forms import (
    AssignForm,
    CloseForm,
    ConsentForm,
    DecisionForm,
    EmergencyForm,
    FollowUpForm,
    HelplineForm,
    IntakeForm,
    NoteForm,
    ReferralForm,
    ServiceForm,
)
from .guard import case_desk, require_reauth
from .models import (
    SHAREABLE_FIELDS,
    AccessLog,
    Case,
    CaseNote,
    Consent,
    EmergencyRequest,
    FollowUp,
    HelplineContact,
    Referral,
    ServiceProvided,
)
from .statistics import case_statistics

GET_POST = require_http_methods(["GET", "POST"])


def _form_page(request: HttpRequest, form: Any, title: str, submit: str, **extra: Any) -> HttpResponse:
    return render(request, "support/form.html", {"form": form, "title": title, "submit": submit, **extra})


def _case(request: HttpRequest, pk: Any) -> Case:
    return get_object_or_404(Case.objects.visible_to(request.user), pk=pk)


def _refused(request: HttpRequest, error: Exception) -> None:
    messages.error(request, str(error))


def _listed(request: HttpRequest, what: str) -> None:
    """Audit a list page that shows case data (names): no object, the list's name as detail."""
    audit.record(
        audit.actor_from(request),
        AccessLog.Action.VIEW,
        detail=what,
        organization_id=permissions.organization_id_of(request.user),
    )


@case_desk(permissions.can_use_support)
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "support/home.html",
        {
            "helpline": permissions.can_use_helpline(user),
            "cases": permissions.can_use_cases(user),
            "statistics": permissions.can_see_statistics(user),
            "review": permissions.can_review_emergencies(user),
        },
    )


# Helpline log -------------------------------------------------------------------------------


@case_desk(permissions.can_use_helpline)
def helpline_list(request: HttpRequest) -> HttpResponse:
    contacts = HelplineContact.objects.visible_to(request.user).select_related("referred_to")[:200]
    return render(request, "support/helpline_list.html", {"contacts": contacts})


@GET_POST
@case_desk(permissions.can_use_helpline)
def helpline_new(request: HttpRequest) -> HttpResponse:
    org_id = permissions.organization_id_of(request.user)
    form = HelplineForm(request.POST or None, organization_id=org_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.log_helpline_contact(
            audit.actor_from(request),
            services.HelplineEntry(
                channel=data["channel"],
                language=data["language"],
                province=data["province"],
                topics=data["topics"],
                duration_minutes=data["duration_minutes"],
                outcome=data["outcome"],
                contacted_on=data["contacted_on"],
                referred_to_id=data["referred_to"].pk if data["referred_to"] else None,
            ),
        )
        messages.success(request, _("Contact logged."))
        return redirect("support:helpline-list")
    return _form_page(request, form, _("Log a helpline contact"), _("Save"))


# Cases ---------------------------------------------------------------------------------------


@case_desk(permissions.can_use_cases)
def case_list(request: HttpRequest) -> HttpResponse:
    status = "closed" if request.GET.get("status") == "closed" else "open"
    cases = Case.objects.visible_to(request.user).filter(status=status, anonymized_at__isnull=True)
    received = permissions.received_referrals(request.user).filter(state__in=["sent", "accepted"])
    _listed(request, f"case list ({status})")
    return render(
        request,
        "support/case_list.html",
        {"cases": cases.select_related("assigned_to")[:200], "status": status, "received": received.count()},
    )


@GET_POST
@case_desk(permissions.can_use_cases)
def case_new(request: HttpRequest) -> HttpResponse:
    form = IntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = services.open_case(audit.actor_from(request), services.Intake(**form.cleaned_data))
        messages.success(request, _("Case opened."))
        return redirect("support:case-detail", pk=case.pk)
    return _form_page(request, form, _("New case"), _("Open the case"))


@case_desk(permissions.can_use_cases)
def overdue(request: HttpRequest) -> HttpResponse:
    follow_ups = (
        FollowUp.objects.visible_to(request.user)
        .filter(done_at__isnull=True, due_on__lt=timezone.localdate())
        .select_related("case", "assigned_to")
    )
    _listed(request, "overdue follow-ups")
    return render(request, "support/overdue.html", {"follow_ups": follow_ups})


@case_desk(permissions.can_use_cases)
def case_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    case = _case(request, pk)
    audit.viewed(audit.actor_from(request), case)
    return render(
        request,
        "support/case_detail.html",
        {
            "case": case,
            "notes": CaseNote.objects.filter(case=case).select_related("author"),
            "follow_ups": FollowUp.objects.filter(case=case),
            "services_provided": ServiceProvided.objects.filter(case=case),
            "consents": Consent.objects.filter(case=case),
            "referrals": Referral.objects.filter(case=case),
            "emergencies": EmergencyRequest.objects.filter(case=case),
            "actions": workflows.CASE.actions(case.status, "owner"),
            "supervisor": permissions.can_see_access_history(request.user, case),
            "today": timezone.localdate(),
        },
    )


@GET_POST
@case_desk(permissions.can_use_cases)
def case_assign(request: HttpRequest, pk: Any) -> HttpResponse:
    case = _case(request, pk)
    assignees = get_user_model().objects.filter(
        role=Role.CASE_WORKER, is_active=True, membership__organization_id=case.organization_id
    )
    form = AssignForm(request.POST or None, assignees=assignees)
    if request.method == "POST" and form.is_valid():
        services.assign_case(audit.actor_from(request), case, form.cleaned_data["assignee"])
        return redirect("support:case-detail", pk=case.pk)
    return _form_page(request, form, _("Assign the case"), _("Assign"), back=case)


@GET_POST
@case_desk(permissions.can_use_cases)
def case_close(request: HttpRequest, pk: Any) -> HttpResponse:
    case = _case(request, pk)
    actor = audit.actor_from(request)
    if case.status == "closed":
        if request.method == "POST":
            try:
                services.reopen_case(actor, case)
            except (services.SupportError, workflows.TransitionRefused) as error:
                _refused(request, error)
            return redirect("support:case-detail", pk=case.pk)
        return _form_page(request, None, _("Reopen the case"), _("Reopen"), back=case)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.close_case(actor, case, form.cleaned_data["outcome"])
        messages.success(request, _("Case closed."))
        return redirect("support:case-detail", pk=case.pk)
    return _form_page(request, form, _("Close the case"), _("Close"), back=case)


def _case_form(
    request: HttpRequest, pk: Any, form_class: Any, title: str, write: Any, **form_kwargs: Any
) -> HttpResponse:
    case = _case(request, pk)
    form = form_class(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            write(audit.actor_from(request), case, form.cleaned_data)
        except services.SupportError as error:
            form.add_error(None, str(error))
        else:
            return redirect("support:case-detail", pk=case.pk)
    return _form_page(request, form, title, _("Save"), back=case)


@GET_POST
@case_desk(permissions.can_use_cases)
def note_new(request: HttpRequest, pk: Any) -> HttpResponse:
    return _case_form(request, pk, NoteForm, _("Add a note"), lambda a, c, d: services.add_note(a, c, d["text"]))


@GET_POST
@case_desk(permissions.can_use_cases)
def followup_new(request: HttpRequest, pk: Any) -> HttpResponse:
    return _case_form(
        request,
        pk,
        FollowUpForm,
        _("Add a follow-up"),
        lambda a, c, d: services.add_follow_up(a, c, d["description"], d["due_on"]),
    )


@GET_POST
@case_desk(permissions.can_use_cases)
def followup_done(request: HttpRequest, pk: Any) -> HttpResponse:
    follow_up = get_object_or_404(FollowUp.objects.visible_to(request.user).select_related("case"), pk=pk)
    if request.method == "POST":
        services.complete_follow_up(audit.actor_from(request), follow_up)
        return redirect("support:case-detail", pk=follow_up.case_id)
    return _form_page(request, None, _("Mark this follow-up done"), _("Done"), back=follow_up.case)


@GET_POST
@case_desk(permissions.can_use_cases)
def service_new(request: HttpRequest, pk: Any) -> HttpResponse:
    return _case_form(
        request,
        pk,
        ServiceForm,
        _("Record a service provided"),
        lambda a, c, d: services.record_service(a, c, d["topic"], d["details"], d["provided_on"]),
    )


@GET_POST
@case_desk(permissions.can_use_cases)
def consent_new(request: HttpRequest, pk: Any) -> HttpResponse:
    return _case_form(
        request,
        pk,
        ConsentForm,
        _("Record consent to share"),
        lambda a, c, d: services.record_consent(a, c, d["organization"].pk, d["shared_fields"]),
        organization_id=permissions.organization_id_of(request.user),
    )


@GET_POST
@case_desk(permissions.can_use_cases)
def referral_new(request: HttpRequest, pk: Any) -> HttpResponse:
    return _case_form(
        request,
        pk,
        ReferralForm,
        _("Refer to another organization"),
        lambda a, c, d: services.send_referral(a, c, d["organization"].pk, d["message"]),
        organization_id=permissions.organization_id_of(request.user),
    )


@GET_POST
@case_desk(permissions.can_use_cases)
def emergency_new(request: HttpRequest, pk: Any) -> HttpResponse:
    return _case_form(
        request,
        pk,
        EmergencyForm,
        _("Request emergency support"),
        lambda a, c, d: services.request_emergency(a, c, d["need"], d["amount"], d["justification"]),
    )


@case_desk(permissions.can_use_cases)
def case_history(request: HttpRequest, pk: Any) -> HttpResponse:
    case = _case(request, pk)
    if not permissions.can_see_access_history(request.user, case):
        raise PermissionDenied
    entries = AccessLog.objects.visible_to(request.user).filter(case_id=case.pk)[:500]
    return render(request, "support/case_history.html", {"case": case, "entries": entries})


@case_desk(permissions.can_use_cases)
def case_export(request: HttpRequest, pk: Any) -> HttpResponse:
    case = _case(request, pk)
    again = require_reauth(request)
    if again is not None:
        return again
    data = services.export_case(audit.actor_from(request), case)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="case-{case.pk}.json"'
    return response


# Referrals -----------------------------------------------------------------------------------


@case_desk(permissions.can_use_cases)
def referral_list(request: HttpRequest) -> HttpResponse:
    _listed(request, "referral list")
    return render(
        request,
        "support/referral_list.html",
        {
            "sent": Referral.objects.visible_to(request.user).select_related("to_organization")[:200],
            "received": permissions.received_referrals(request.user).select_related("from_organization")[:200],
        },
    )


def _referral(request: HttpRequest, pk: Any) -> tuple[Referral, str]:
    """The referral and this reader's side: 'owner' (sender) or 'receiver'."""
    sent = Referral.objects.visible_to(request.user).filter(pk=pk).first()
    if sent is not None:
        return sent, "owner"
    received = permissions.received_referrals(request.user).filter(pk=pk).first()
    if received is not None:
        return received, "receiver"
    raise Http404


@case_desk(permissions.can_use_cases)
def referral_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    referral, side = _referral(request, pk)
    audit.record(
        audit.actor_from(request),
        AccessLog.Action.VIEW,
        referral,
        detail=side,
        organization_id=permissions.organization_id_of(request.user),
    )
    shared = services.shared_with_receiver(referral)
    return render(
        request,
        "support/referral_detail.html",
        {
            "referral": referral,
            "side": side,
            "shared": [
                (label, labels.shared_value(key, shared[key]))
                for key, label in SHAREABLE_FIELDS.items()
                if key in shared
            ],
            "actions": workflows.REFERRAL.actions(referral.state, side),
        },
    )


@GET_POST
@case_desk(permissions.can_use_cases)
def referral_action(request: HttpRequest, pk: Any, action: str) -> HttpResponse:
    referral, side = _referral(request, pk)
    allowed = {t.action: t for t in workflows.REFERRAL.actions(referral.state, side)}
    if action not in allowed:
        raise Http404
    if request.method == "POST":
        services.advance_referral(audit.actor_from(request), referral, action)
        return redirect("support:referral-detail", pk=referral.pk)
    return _form_page(request, None, str(allowed[action].label), str(allowed[action].label))


@case_desk(permissions.can_use_cases)
def emergency_list(request: HttpRequest) -> HttpResponse:
    """The organization's emergency requests and the funder's decisions (no worker's name shown)."""
    requests = EmergencyRequest.objects.visible_to(request.user).select_related("decided_by")
    _listed(request, "emergency requests sent")
    return render(request, "support/emergency_list.html", {"requests": requests[:200]})


# Funder approver -----------------------------------------------------------------------------


@case_desk(permissions.can_review_emergencies)
def emergency_queue(request: HttpRequest) -> HttpResponse:
    requests = permissions.emergencies_for_review(request.user).select_related("case", "organization")
    _listed(request, "emergency requests")
    return render(request, "support/emergency_queue.html", {"requests": requests[:200]})


@GET_POST
@case_desk(permissions.can_review_emergencies)
def emergency_review(request: HttpRequest, pk: Any) -> HttpResponse:
    """The de-identified summary: need, amount, justification, province, language, issue types and
    the requesting organization; never the worker's name, contact, employer or work site."""
    emergency = get_object_or_404(
        permissions.emergencies_for_review(request.user).select_related("case", "organization"), pk=pk
    )
    actor = audit.actor_from(request)
    audit.viewed(actor, emergency, detail="summary")
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_emergency(
                actor, emergency, form.cleaned_data["decision"] == "approve", form.cleaned_data["reason"]
            )
        except (services.SupportError, workflows.TransitionRefused) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("support:emergency-queue")
    case = emergency.case
    summary = {
        "province": case.get_province_display(),
        "language": case.language,
        "issue_types": case.issue_types,
        "permit": case.get_employer_specific_permit_display(),
    }
    return render(
        request,
        "support/emergency_review.html",
        {"emergency": emergency, "summary": summary, "form": form if emergency.state == "requested" else None},
    )


# Coordinators --------------------------------------------------------------------------------


@case_desk(permissions.can_see_statistics)
def statistics(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("year", timezone.localdate().year))
        period = Period.year(year)
    except ValueError:
        period = Period.year(timezone.localdate().year)
    return render(
        request,
        "support/statistics.html",
        {
            "stats": case_statistics(period),
            "year": period.start.year,
            "org_names": {str(pk): name for pk, name in Organization.objects.values_list("pk", "name")},
        },
    )
