"""The public TFW positions map, its table, and its CSV and GeoJSON downloads. Thin: figures come from
aggregate.py. Public and aggregated open data only; no session, GET forms only, so no cookie is set."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from bettertogether.core.cache import cached, keep

from .aggregate import (
    FilterError,
    PositionFilters,
    csv_rows,
    data_version,
    filtered_rows,
    geojson,
    summarize,
)
from .charts import bar_chart
from .choices import filter_choices

PLACES_SHOWN = 50
# The whole of Canada for a year is ~16,000 places, ~4 MB of GeoJSON: worth keeping for a few minutes.
GEOJSON_CACHE_SECONDS = 600
GEOJSON_CACHE_MAX_CHARS = 8_000_000
UNPLACED_SHOWN = 50
TABLE_PAGE = 100


def _escape_json(text: str) -> str:
    # Three C-level replaces: str.translate with a dict is several times slower on a 4 MB body.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _filters_or_error(request: HttpRequest) -> tuple[PositionFilters, list[str]]:
    try:
        return PositionFilters.from_query(request.GET), []
    except FilterError as exc:
        return PositionFilters.default(), exc.messages


def _links(filters: PositionFilters) -> dict[str, str]:
    query = urlencode(filters.as_query())
    return {
        "map_url": f"{reverse('positions:map')}?{query}",
        "table_url": f"{reverse('positions:table')}?{query}",
        "csv_url": f"{reverse('positions:csv')}?{query}",
        "geojson_url": f"{reverse('positions_api:positions')}?{query}",
        "geojson_download_url": f"{reverse('positions_api:positions')}?{query}&download=1",
        "services_url": _services_url(filters),
    }


def _services_url(filters: PositionFilters) -> str:
    """The directory's service map data for the overlay. Its `province` filter takes one province: with several
    selected, every service comes (the map only shows those in view)."""
    query = [("lang", translation.get_language() or "en")]
    provinces = [p for p in filters.provinces if p != "XX"]
    if len(provinces) == 1:
        query.append(("province", provinces[0]))
    return f"{reverse('map_api:services')}?{urlencode(query)}"


@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    filters, errors = _filters_or_error(request)
    summary = summarize(filters, places_limit=PLACES_SHOWN)
    charts = [
        ("quarter", _("Positions by quarter"), summary.by_quarter),
        ("stream", _("Positions by stream"), summary.by_stream),
        ("occupations", _("Top occupations"), summary.top_occupations),
        ("communities", _("Top communities"), summary.top_communities),
    ]
    context = {
        **filter_choices(filters),
        "filters": filters,
        **_links(filters),
        "errors": errors,
        "summary": summary,
        "places": summary.places,
        "more_places": max(0, summary.place_count - len(summary.places)),
        "unplaced": summary.unplaced[:UNPLACED_SHOWN],
        "more_unplaced": max(0, len(summary.unplaced) - UNPLACED_SHOWN),
        "charts": [
            {
                "id": f"chart-{key}",
                "title": title,
                "items": items,
                "svg": bar_chart(title, items, chart_id=f"chart-{key}"),
            }
            for key, title, items in charts
            if items
        ],
        "tile_url": settings.BT_TILE_URL,
    }
    return render(request, "positions/map.html", context, status=400 if errors else 200)


@require_GET
def table_page(request: HttpRequest) -> HttpResponse:
    filters, errors = _filters_or_error(request)
    paginator = Paginator(filtered_rows(filters), TABLE_PAGE)
    try:
        number = max(1, min(int(request.GET.get("page", "1")), paginator.num_pages))
    except ValueError:
        number = 1
    page = paginator.page(number)
    query = urlencode(filters.as_query())
    context = {
        **filter_choices(filters),
        "filters": filters,
        **_links(filters),
        "errors": errors,
        "page": page,
        "total_rows": paginator.count,
        "prev_url": f"?{query}&page={number - 1}" if page.has_previous() else None,
        "next_url": f"?{query}&page={number + 1}" if page.has_next() else None,
    }
    return render(request, "positions/table.html", context, status=400 if errors else 200)


def _csv_chunks(filters: PositionFilters, rows_per_chunk: int = 1000) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for count, row in enumerate(csv_rows(filters), start=1):
        writer.writerow(row)
        if count % rows_per_chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


@require_GET
def download_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    try:
        filters = PositionFilters.from_query(request.GET)
    except FilterError as exc:
        return HttpResponse("\n".join(exc.messages) + "\n", status=400, content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(_csv_chunks(filters), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="tfw-positions-{filters.period_from}-{filters.period_to}.csv"'
    )
    return response


@require_GET
def positions_geojson(request: HttpRequest) -> HttpResponse:
    """Positions per place, with the page's filters. Bad filters → 400 {"errors": [...]}."""
    lang = request.GET.get("lang")
    if lang not in {code for code, _name in settings.LANGUAGES}:
        lang = translation.get_language() or "en"
    with translation.override(lang):
        try:
            filters = PositionFilters.from_query(request.GET)
        except FilterError as exc:
            return JsonResponse({"errors": exc.messages}, status=400)
        key = (
            "positions:geojson:"
            + hashlib.sha256(f"{lang}|{data_version()}|{urlencode(filters.as_query())}".encode()).hexdigest()
        )
        body = cached(key)
        if body is None:
            data = geojson(summarize(filters, unplaced_limit=0))
            # < > & escaped as \u003c…: valid JSON, and never markup even if misread as HTML.
            body = _escape_json(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
            if len(body) <= GEOJSON_CACHE_MAX_CHARS:
                keep(key, body, GEOJSON_CACHE_SECONDS)
    response = HttpResponse(body, content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=300"
    if request.GET.get("download"):
        response["Content-Disposition"] = (
            f'attachment; filename="tfw-positions-{filters.period_from}-{filters.period_to}.geojson"'
        )
    return response
