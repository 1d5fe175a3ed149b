"""Calls for proposals, the public side and the applicant's: the list of calls and each call's page
(public, every language), and an organization's application (draft, edit, attach, submit, read the
outcome). The applicant's organization, the coordinators and the call's reviewers open an
application; anyone else signed in gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from bettertogether.core.users import signed_in_account

from . import calls_services, lifecycle
from .calls_forms import ApplicationForm, AttachmentForm, StartApplicationForm
from .calls_models import Application, Attachment, CallStatus
from .permissions import (
    applications_for,
    can_apply,
    can_edit_application,
    can_manage_program,
    can_review,
    can_view_applications,
    public_calls,
    user_organization_id,
)
from .views import only_for

REFUSALS = {
    "not_accepting": gettext_lazy("This call is not taking applications now."),
    "incomplete": gettext_lazy("Give the title, the summary and the amount requested before submitting."),
    "too_many_files": gettext_lazy("An application takes at most ten files."),
    "reason": gettext_lazy("Give the reason."),
    "call_not_closed": gettext_lazy("Decisions are recorded once the call is closed."),
    "undecided": gettext_lazy("Every submitted application needs its outcome before the call is marked decided."),
    "conflict": gettext_lazy("You declared a conflict of interest on this application."),
    "scores": gettext_lazy("Score every criterion from 0 to 5."),
    "not_fundable": gettext_lazy("Only a funded application without an agreement can become one."),
}


def refusal(code: str) -> str:
    return str(REFUSALS.get(code, _("This cannot be done in the application's present state.")))


@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    calls = list(public_calls())
    return render(
        request,
        "program/calls/list.html",
        {
            "open_calls": [c for c in calls if calls_services.accepting(c)],
            "past_calls": [c for c in calls if not calls_services.accepting(c)],
        },
    )


@require_GET
def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The public page of a call; a signed-in applicant also sees how to start or open theirs."""
    call = get_object_or_404(public_calls().prefetch_related("criteria"), slug=slug)
    mine = None
    if can_apply(request.user):
        mine = Application.objects.filter(call=call, organization_id=user_organization_id(request.user)).first()
    return render(
        request,
        "program/calls/call.html",
        {
            "call": call,
            "accepting": calls_services.accepting(call),
            "closed": call.status in (CallStatus.CLOSED, CallStatus.DECIDED) or not calls_services.accepting(call),
            "can_apply": can_apply(request.user),
            "mine": mine,
            "start_form": StartApplicationForm(),
        },
    )


@require_POST
@only_for(can_apply)
def call_apply(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(public_calls(), slug=slug)
    form = StartApplicationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give your project a title to start the application."))
        return redirect("program:call", slug=call.slug)
    try:
        application = calls_services.start_application(
            call.pk,
            user_organization_id(request.user),
            title=form.cleaned_data["title"],
            by=signed_in_account(request.user),
        )
    except calls_services.CallRefused as refused:
        messages.error(request, refusal(refused.code))
        return redirect("program:call", slug=call.slug)
    return redirect("program:application", pk=application.pk)


def _page(request: HttpRequest, application: Application, form: ApplicationForm | None = None) -> dict[str, object]:
    editable = (
        can_edit_application(request.user, application)
        and application.status in lifecycle.APPLICATION_EDITABLE
        and calls_services.accepting(application.call)
    )
    initial = {
        "title": application.title,
        "summary": application.summary,
        "activities": application.activities,
        "amount_requested": application.amount_requested,
    }
    return {
        "application": application,
        "call": application.call,
        "attachments": application.attachments.all(),
        "editable": editable,
        "form": form or (ApplicationForm(initial=initial) if editable else None),
        "attachment_form": AttachmentForm() if editable else None,
        "is_applicant": user_organization_id(request.user) == application.organization_id,
        "can_manage": can_manage_program(request.user),
        "can_review": can_review(request.user, application),
        "history": application.changes.select_related("changed_by"),
    }


@require_GET
@only_for(can_view_applications)
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(applications_for(request.user), pk=pk)
    return render(request, "program/calls/application.html", _page(request, application))


def _own(request: HttpRequest, pk: int) -> Application:
    application = get_object_or_404(applications_for(request.user), pk=pk)
    if not can_edit_application(request.user, application):
        raise Http404
    return application


@require_POST
@only_for(can_apply)
def application_save(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own(request, pk)
    if application.status not in lifecycle.APPLICATION_EDITABLE:
        messages.error(request, _("A submitted application can no longer be changed."))
        return redirect("program:application", pk=application.pk)
    form = ApplicationForm(request.POST)
    if form.is_valid():
        try:
            calls_services.save_application(
                application.pk, calls_services.ApplicationInput(**form.cleaned_data), by=signed_in_account(request.user)
            )
        except calls_services.CallRefused as refused:
            messages.error(request, refusal(refused.code))
        except lifecycle.TransitionRefused:
            messages.error(request, _("A submitted application can no longer be changed."))
        else:
            messages.success(request, _("Application saved."))
        return redirect("program:application", pk=application.pk)
    return render(request, "program/calls/application.html", _page(request, application, form), status=400)


@require_POST
@only_for(can_apply)
def application_attach(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
        return redirect("program:application", pk=application.pk)
    upload = form.cleaned_data["file"]
    try:
        calls_services.attach(
            application.pk, upload, upload.name or "", upload.size or 0, by=signed_in_account(request.user)
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except calls_services.CallRefused as refused:
        messages.error(request, refusal(refused.code))
    except lifecycle.TransitionRefused:
        messages.error(request, _("A submitted application can no longer be changed."))
    else:
        messages.success(request, _("File attached."))
    return redirect("program:application", pk=application.pk)


@require_POST
@only_for(can_apply)
def attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment, pk=pk, application__in=applications_for(request.user))
    application = _own(request, attachment.application_id)
    try:
        calls_services.remove_attachment(attachment.pk, by=signed_in_account(request.user))
    except (calls_services.CallRefused, lifecycle.TransitionRefused):
        messages.error(request, _("A submitted application can no longer be changed."))
    else:
        messages.success(request, _("File removed."))
    return redirect("program:application", pk=application.pk)


@require_POST
@only_for(can_apply)
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own(request, pk)
    try:
        calls_services.submit_application(application.pk, by=signed_in_account(request.user))
    except calls_services.CallRefused as refused:
        messages.error(request, refusal(refused.code))
    except lifecycle.TransitionRefused:
        messages.error(request, _("This application has already been submitted."))
    else:
        messages.success(request, _("Application submitted. The program coordinator will screen it."))
    return redirect("program:application", pk=application.pk)


@require_GET
@only_for(can_view_applications)
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(Attachment, pk=pk, application__in=applications_for(request.user))
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
