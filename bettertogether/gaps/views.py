"""The coordinators' gap analysis page, its JSON for the map, and the JSON/CSV/PDF downloads.

Thin: every number comes from inputs.analyse() through report.as_json(), as for `gap_report`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from bettertogether.positions.door import (
    FilterError,
    PositionFilters,
    filter_choices,
)

from . import report
from .coverage import ANY
from .inputs import CATEGORIES, GapFilters, analyse, category_label, language_choices
from .permissions import can_view_gaps

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
FORMATS = {"json": "application/json", "csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


def coordinators_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_view_gaps(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _filters(request: HttpRequest) -> tuple[GapFilters, list[str]]:
    try:
        return GapFilters.from_query(request.GET), []
    except FilterError as exc:
        return GapFilters(positions=PositionFilters.default()), exc.messages


def _json_body(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


@require_GET
@coordinators_only
def page(request: HttpRequest) -> HttpResponse:
    filters, errors = _filters(request)
    result = analyse(filters)
    data = report.as_json(result)
    query = urlencode(filters.as_query())
    context = {
        **report.report_context(result, data),
        **filter_choices(filters.positions),
        "filters": filters,
        "errors": errors,
        "category_choices": [(c, category_label(c)) for c in (*CATEGORIES, ANY)],
        "language_choices": language_choices(),
        "data_url": f"{reverse('gaps:data')}?{query}",
        "downloads": [(fmt.upper(), f"{reverse('gaps:download', args=[fmt])}?{query}") for fmt in FORMATS],
        "bands": _bands(filters.radius_km),
    }
    return render(request, "gaps/page.html", context, status=400 if errors else 200)


def _bands(radius: float) -> list[tuple[str, str]]:
    limits = report.DISTANCE_BANDS
    return [
        (report.BAND_COLOURS[0], f"≤ {radius:g} km"),
        (report.BAND_COLOURS[1], f"≤ {radius * limits[1]:g} km"),
        (report.BAND_COLOURS[2], f"≤ {radius * limits[2]:g} km"),
        (report.BAND_COLOURS[3], f"> {radius * limits[2]:g} km"),
    ]


@require_GET
@coordinators_only
def data_json(request: HttpRequest) -> HttpResponse:
    try:
        filters = GapFilters.from_query(request.GET)
    except FilterError as exc:
        return JsonResponse({"errors": exc.messages}, status=400)
    response = HttpResponse(_json_body(report.as_json(analyse(filters))), content_type="application/json")
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@coordinators_only
def download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    try:
        filters = GapFilters.from_query(request.GET)
    except FilterError as exc:
        return HttpResponse("\n".join(exc.messages) + "\n", status=400, content_type="text/plain; charset=utf-8")
    result = analyse(filters)
    body: bytes | str
    if fmt == "pdf":
        ok, reason = report.pdf_available()
        if not ok:
            return HttpResponse(reason + "\n", status=503, content_type="text/plain; charset=utf-8")
        body = report.pdf_bytes(result)
    elif fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(report.csv_rows(report.as_json(result)))
        body = buffer.getvalue()
    else:
        body = json.dumps(report.as_json(result), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    name = f"gap-report-{filters.positions.period_from}-{filters.positions.period_to}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
