"""Pages of the program office: the public program page, the coordinators' results with their CSV and
PDF, and the coordinators' own denominators. Thin: every figure comes from results.results()."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from bettertogether.core.periods import Period, parse_period
from bettertogether.core.users import signed_in_account
from bettertogether.positions.door import FilterError, PositionFilters, available_quarters

from . import report
from .forms import DenominatorForm
from .models import Milestone
from .permissions import can_manage_program, can_view_results
from .results import DEFAULT_LMIA, default_reporting_period, partner_reach, public_summary, results
from .services import set_denominator
from .texts import EXPECTED_RESULTS, OBJECTIVES, partners
from .trends import trend

FORMATS = {"csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


def only_for(
    permission: Callable[[Any], bool],
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Anonymous visitors go to sign in; signed-in people without `permission` get 404."""

    def decorate(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not permission(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return never_cache(wrapped)

    return decorate


def periods(query: Any) -> tuple[Period, Period, list[str]]:
    """The LMIA period (the positions map's own `from`/`to`) and the reporting period
    (`reached_from`/`reached_to`, quarters too); bad values give the defaults and a message."""
    errors: list[str] = []
    try:
        lmia = PositionFilters.from_query({"from": query.get("from", ""), "to": query.get("to", "")}).period
    except FilterError as exc:
        errors += exc.messages
        lmia = parse_period(DEFAULT_LMIA)
    default = default_reporting_period()
    first = query.get("reached_from", "").strip() or f"{default.first[0]}Q{default.first[1]}"
    last = query.get("reached_to", "").strip() or f"{default.last[0]}Q{default.last[1]}"
    try:
        reached_in = parse_period(f"{first}-{last}")
    except ValueError:
        errors.append(_("The reporting period must run from one quarter to a later one, e.g. 2023Q2 to 2024Q1."))
        reached_in = default
    return lmia, reached_in, errors


def _query(data: dict[str, Any]) -> str:
    return urlencode(
        {
            "from": data["period"]["from"],
            "to": data["period"]["to"],
            "reached_from": data["reached_in"]["from"],
            "reached_to": data["reached_in"]["to"],
        }
    )


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """The public program page: objectives, expected results with the current figures (no partner
    detail), the timeline and the partners."""
    data = results()
    return render(
        request,
        "program/overview.html",
        {
            "objectives": OBJECTIVES,
            "expected": EXPECTED_RESULTS,
            "summary": public_summary(data),
            "milestones": Milestone.objects.all(),
            "partners": partners(),
        },
    )


@require_GET
@only_for(can_view_results)
def results_page(request: HttpRequest) -> HttpResponse:
    lmia, reached_in, errors = periods(request.GET)
    data = results(lmia, reached_in)
    query = _query(data)
    over_time = trend(data, reached_in)
    return render(
        request,
        "program/results.html",
        {
            "data": data,
            "trend": over_time,
            "partners": partner_reach(reached_in),
            "errors": errors,
            "quarters": available_quarters(),
            "downloads": [
                (fmt.upper(), f"{reverse('program:results-download', args=[fmt])}?{query}") for fmt in FORMATS
            ],
            "query": query,
            "can_manage": can_manage_program(request.user),
            "denominator_form": DenominatorForm(
                initial={"period_from": data["period"]["from"], "period_to": data["period"]["to"]}
            ),
        },
        status=400 if errors else 200,
    )


@require_GET
@only_for(can_view_results)
def results_download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    lmia, reached_in, errors = periods(request.GET)
    if errors:
        return HttpResponse("\n".join(errors) + "\n", status=400, content_type="text/plain; charset=utf-8")
    data = results(lmia, reached_in)
    body: bytes | str
    if fmt == "pdf":
        ok, reason = report.pdf_available()
        if not ok:
            return HttpResponse(reason + "\n", status=503, content_type="text/plain; charset=utf-8")
        body = report.pdf_bytes(data, trend(data, reached_in))
    else:
        buffer = io.StringIO()
        csv.writer(buffer).writerows(report.csv_rows(data))
        body = buffer.getvalue()
    response = HttpResponse(body, content_type=FORMATS[fmt])
    name = f"program-results-{data['period']['from']}-{data['period']['to']}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@only_for(can_manage_program)
def denominator(request: HttpRequest) -> HttpResponse:
    form = DenominatorForm(request.POST)
    if not form.is_valid():
        for field_errors in form.errors.values():
            for error in field_errors:
                messages.error(request, str(error))
        return redirect(reverse("program:results"))
    c = form.cleaned_data
    set_denominator(
        c["province"],
        c["period_from"],
        c["period_to"],
        value=c["value"],
        source=c["source"],
        by=signed_in_account(request.user),
    )
    if c["value"] is None:
        messages.success(request, _("The denominator from the LMIA positions applies again."))
    else:
        messages.success(request, _("Denominator saved."))
    query = urlencode({"from": c["period_from"], "to": c["period_to"]})
    return redirect(f"{reverse('program:results')}?{query}")
