"""The program's records: agreement documents (coordinators and the agreement's own organization;
downloads only through here, logged), evaluations and knowledge sharing, the advocacy log
(coordinators). Anyone else gets 404."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bettertogether.core.users import signed_in_account
from bettertogether.outreach.door import ALLOWED_EXTENSIONS, clean_filename, knowledge_sharing_choices

from . import records, services_records
from .forms_records import AdvocacyFilterForm, AdvocacyForm, DocumentForm, EvaluationForm
from .models import AdvocacyEntry, Evaluation
from .permissions import agreements_for, can_keep_records, can_view_agreements, documents_for
from .views import only_for


@require_POST
@only_for(can_keep_records)
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(agreements_for(request.user), pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services_records.upload_document(
                agreement.pk,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                fileobj=upload,
                filename=upload.name or "",
                size=upload.size or 0,
                by=signed_in_account(request.user),
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Document kept with the agreement."))
    else:
        for field_errors in form.errors.values():
            for problem in field_errors:
                messages.error(request, str(problem))
    return redirect("program:agreement", pk=agreement.pk)


@require_GET
@only_for(can_view_agreements)
def document_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The file with a fixed type, never sniffed, sandboxed, never cached; the opening is logged."""
    document = get_object_or_404(documents_for(request.user), pk=pk)
    file_type = next((t for t in ALLOWED_EXTENSIONS.values() if t.content_type == document.content_type), None)
    if file_type is None:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    services_records.record_download(document, by=signed_in_account(request.user))
    name = clean_filename(document.original_name, fallback="document")
    if not name.lower().endswith(file_type.extension):
        name += file_type.extension
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=file_type.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; object-src 'none'"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@only_for(can_keep_records)
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(documents_for(request.user), pk=pk)
    services_records.delete_document(document.pk, by=signed_in_account(request.user))
    messages.success(request, _("Document removed."))
    return redirect("program:agreement", pk=document.agreement_id)


@require_GET
@only_for(can_keep_records)
def knowledge(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "program/knowledge.html",
        {"events": records.knowledge_events(), "evaluations": records.evaluations()},
    )


def _evaluation_form(request: HttpRequest, evaluation: Evaluation | None) -> EvaluationForm:
    initial = {}
    if evaluation is not None:
        initial = {
            "held_on": evaluation.held_on,
            "title": evaluation.title,
            "evaluator": evaluation.evaluator,
            "findings": evaluation.findings,
            "lessons": evaluation.lessons,
            "organizations": [str(pk) for pk in evaluation.organizations.values_list("pk", flat=True)],
            "event": str(evaluation.event_id or ""),
        }
    return EvaluationForm(
        request.POST or None,
        initial=initial,
        organizations=records.partner_choices(),
        events=knowledge_sharing_choices(),
    )


@require_http_methods(["GET", "POST"])
@only_for(can_keep_records)
def evaluation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    evaluation = get_object_or_404(Evaluation, pk=pk) if pk is not None else None
    form = _evaluation_form(request, evaluation)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        saved = services_records.save_evaluation(
            services_records.EvaluationInput(
                held_on=c["held_on"],
                title=c["title"],
                evaluator=c["evaluator"],
                findings=c["findings"],
                lessons=c["lessons"],
                organization_ids=tuple(c["organizations"]),
                event_id=uuid.UUID(c["event"]) if c["event"] else None,
            ),
            by=signed_in_account(request.user),
            evaluation_id=evaluation.pk if evaluation else None,
        )
        messages.success(request, _("Evaluation saved."))
        return redirect("program:evaluation", pk=saved.pk)
    return render(
        request,
        "program/evaluation_form.html",
        {"form": form, "evaluation": evaluation},
        status=400 if form.errors else 200,
    )


@require_GET
@only_for(can_keep_records)
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_object_or_404(records.evaluations().select_related("event"), pk=pk)
    return render(request, "program/evaluation.html", {"evaluation": evaluation})


@require_GET
@only_for(can_keep_records)
def advocacy_list(request: HttpRequest) -> HttpResponse:
    form = AdvocacyFilterForm(request.GET or None, organizations=records.partner_choices())
    form.is_valid()  # a bad value is dropped; the valid ones still filter
    filters = records.AdvocacyFilters.from_cleaned(getattr(form, "cleaned_data", {}))
    return render(
        request,
        "program/advocacy.html",
        {"form": form, "entries": records.advocacy_log(filters), "filtered": filters != records.AdvocacyFilters()},
    )


@require_http_methods(["GET", "POST"])
@only_for(can_keep_records)
def advocacy_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    entry = get_object_or_404(AdvocacyEntry, pk=pk) if pk is not None else None
    initial = {}
    if entry is not None:
        initial = {
            "held_on": entry.held_on,
            "kind": entry.kind,
            "body": entry.body,
            "subject": entry.subject,
            "outcome": entry.outcome,
            "organizations": [str(pk) for pk in entry.organizations.values_list("pk", flat=True)],
        }
    form = AdvocacyForm(request.POST or None, initial=initial, organizations=records.partner_choices())
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        services_records.save_advocacy(
            services_records.AdvocacyInput(
                held_on=c["held_on"],
                kind=c["kind"],
                body=c["body"],
                subject=c["subject"],
                outcome=c["outcome"],
                organization_ids=tuple(c["organizations"]),
            ),
            by=signed_in_account(request.user),
            entry_id=entry.pk if entry else None,
        )
        messages.success(request, _("Advocacy entry saved."))
        return redirect("program:advocacy")
    return render(
        request, "program/advocacy_form.html", {"form": form, "entry": entry}, status=400 if form.errors else 200
    )
