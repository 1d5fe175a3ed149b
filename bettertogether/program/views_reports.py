"""Partner reports: coordinators put them on an agreement's schedule and review them; the partner's
staff fill in the figures (pre-filled from the platform, changed only with a reason) and the narrative."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bettertogether.core.users import signed_in_account

from . import figures, lifecycle, services
from .forms import ReportForm, ReviewForm, ScheduleReportForm
from .models import PartnerReport, ReportStatus
from .permissions import agreements_for, can_manage_program, can_view_agreements, can_write_report, reports_for
from .views import only_for


@require_http_methods(["GET", "POST"])
@only_for(can_manage_program)
def report_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(agreements_for(request.user), pk=pk)
    form = ScheduleReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = services.schedule_report(agreement.pk, by=signed_in_account(request.user), **form.cleaned_data)
        messages.success(request, _("Report scheduled; its figures are pre-filled from the platform."))
        return redirect("program:report", pk=report.pk)
    return render(
        request,
        "program/report_schedule.html",
        {"form": form, "agreement": agreement},
        status=400 if form.errors else 200,
    )


def _rows(report: PartnerReport, form: ReportForm | None) -> list[dict[str, Any]]:
    return [
        {
            "figure": f,
            "label": figures.label(f.key),
            "value_field": form[f"value_{f.key}"] if form is not None else None,
            "reason_field": form[f"reason_{f.key}"] if form is not None else None,
        }
        for f in report.figures.all()
    ]


def _report_form(report: PartnerReport, data: Any = None) -> ReportForm:
    initial: dict[str, Any] = {
        "successes": report.successes,
        "challenges": report.challenges,
        "lessons": report.lessons,
    }
    for f in report.figures.all():
        initial[f"value_{f.key}"] = f.reported_value
        initial[f"reason_{f.key}"] = f.reason
    return ReportForm(data, keys=figures.KEYS, initial=initial)


@require_GET
@only_for(can_view_agreements)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(reports_for(request.user), pk=pk)
    writable = can_write_report(request.user, report) and report.status in lifecycle.REPORT_EDITABLE
    form = _report_form(report) if writable else None
    return _render(request, report, form, writable)


def _render(
    request: HttpRequest, report: PartnerReport, form: ReportForm | None, writable: bool, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "program/report.html",
        {
            "report": report,
            "rows": _rows(report, form),
            "form": form,
            "writable": writable,
            "reviewable": can_manage_program(request.user) and report.status == ReportStatus.SUBMITTED,
            "review_form": ReviewForm(),
        },
        status=status,
    )


def _writable_report(request: HttpRequest, pk: int) -> PartnerReport:
    report = get_object_or_404(reports_for(request.user), pk=pk)
    if not can_write_report(request.user, report):
        raise Http404
    return report


@require_POST
@only_for(can_view_agreements)
def report_save(request: HttpRequest, pk: int) -> HttpResponse:
    report = _writable_report(request, pk)
    form = _report_form(report, request.POST)
    if report.status not in lifecycle.REPORT_EDITABLE:
        messages.error(request, _("This report is no longer open for changes."))
        return redirect("program:report", pk=report.pk)
    if form.is_valid():
        c = form.cleaned_data
        try:
            services.save_report(
                report.pk,
                services.ReportInput(
                    values={k: c[f"value_{k}"] for k in figures.KEYS},
                    reasons={k: c[f"reason_{k}"] for k in figures.KEYS},
                    successes=c["successes"],
                    challenges=c["challenges"],
                    lessons=c["lessons"],
                ),
                by=signed_in_account(request.user),
            )
        except services.ReportRefused as refused:
            for key in refused.problems:
                form.add_error(f"reason_{key}", _("Say why your figure differs from the platform's."))
        else:
            messages.success(request, _("Report saved."))
            return redirect("program:report", pk=report.pk)
    return _render(request, report, form, True, status=400)


@require_POST
@only_for(can_view_agreements)
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _writable_report(request, pk)
    try:
        services.submit_report(report.pk, by=signed_in_account(request.user))
    except lifecycle.TransitionRefused:
        messages.error(request, _("This report cannot be submitted now."))
    except ValueError:
        messages.error(request, _("Write the narrative (successes, challenges or lessons) before submitting."))
    else:
        messages.success(request, _("Report submitted to the program coordinator."))
    return redirect("program:report", pk=report.pk)


@require_POST
@only_for(can_manage_program)
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(reports_for(request.user), pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The decision could not be read; nothing was changed."))
        return redirect("program:report", pk=report.pk)
    try:
        services.review_report(
            report.pk,
            accept=form.cleaned_data["decision"] == "accept",
            note=form.cleaned_data["note"],
            by=signed_in_account(request.user),
        )
    except lifecycle.TransitionRefused:
        messages.error(request, _("Only a submitted report can be reviewed."))
    except ValueError:
        messages.error(request, _("Say what the partner should change."))
    else:
        messages.success(request, _("Review recorded."))
    return redirect("program:report", pk=report.pk)
