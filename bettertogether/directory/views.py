"""Public directory pages and the map's GeoJSON. Thin: the search lives in search.py.

These pages never write the session and their forms are GET forms without a CSRF token, so they
set no cookie. The service page reads who is signed in (staff also see verification notes and
sources), so it varies on the cookie.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from bettertogether.core.languages import language_name
from bettertogether.core.provinces import Province

from . import hours, version
from .forms import SearchForm
from .models import Attribute, Location, Service, ServiceArea, ServiceAtLocation
from .permissions import sees_staff_notes
from .sanctuary import sanctuary_service_ids
from .search import MARITIMES_MIDDLE, contact_phones, map_features, resolve_place, search_services

PAGE_SIZE = 30
# Around a place the map gets the nearest markers only, so a phone never downloads the whole country.
MAP_NEAREST = 1500
MAP_HOME = MARITIMES_MIDDLE
MAP_LIMIT_MAX = 5000
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("page", "1")), 10_000))
    except ValueError:
        return 1


@require_GET
def service_list(request: HttpRequest) -> HttpResponse:
    """The public list. Its page is the same for every visitor (no cookie, no user, no token), so it
    is kept in the cache under the directory's version (never stale) and the minute (open badges)."""
    lang = translation.get_language() or "en"
    parts = (lang, sorted(request.GET.lists()), int(time.time() // 60))
    body = version.remember(version.current(), "services-page", parts, lambda: _service_list(request).content)
    return HttpResponse(body)


def _service_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    filters = form.filters() if form.is_bound else _empty_filters()
    near_text = (request.GET.get("near") or "").strip()[:100]
    place = resolve_place(near_text, province=filters["province"]) if near_text else None
    page = _page_number(request)
    results = search_services(near=place, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, **filters)
    last_page = max(1, -(-results.total // PAGE_SIZE))
    query = request.GET.copy()
    query.pop("page", None)
    base_query = query.urlencode()
    map_query = request.GET.copy()
    for key in ("page", "near"):
        map_query.pop(key, None)
    map_query["lang"] = translation.get_language() or "en"
    # The map asks for the markers nearest the place, or nearest the Maritimes without one.
    lat, lon = (place.latitude, place.longitude) if place is not None else MAP_HOME
    map_query["near"] = f"{lat:.5f},{lon:.5f}"
    map_query["limit"] = str(MAP_NEAREST)
    rows = [
        {
            "service": item.service,
            "location": item.location,
            "distance_km": item.distance_km,
            "open": results.open_state.get(item.service.id),
            "phones": contact_phones(item.service)[:2],
            "categories": item.categories,
            "address": next(iter(item.location.addresses.all()), None) if item.location else None,
        }
        for item in results.items
    ]
    context = {
        "form": form if form.is_bound else SearchForm(),
        "rows": rows,
        "total": results.total,
        "place": place,
        "near_text": near_text,
        "place_unknown": bool(near_text) and place is None,
        "page": page,
        "last_page": last_page,
        "prev_url": f"?{base_query}&page={page - 1}" if page > 1 else None,
        "next_url": f"?{base_query}&page={page + 1}" if page < last_page else None,
        "first_number": results.offset + 1,
        "geojson_url": f"{reverse('map_api:services')}?{map_query.urlencode()}",
    }
    return render(request, "directory/list.html", context)


def _empty_filters() -> dict[str, Any]:
    return {
        "q": None,
        "category": None,
        "language": None,
        "province": None,
        "free": None,
        "open_now": False,
        "sanctuary": False,
    }


def _suggest_url(service: Service) -> str | None:
    try:
        return reverse("directory:suggest", args=[service.id])
    except NoReverseMatch:
        return None


@require_GET
def service_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    service = (
        Service.objects.active()
        .select_related("organization")
        .prefetch_related(
            "phones__languages",
            "organization__phones",
            "languages",
            "service_areas",
            "schedules",
            Prefetch("attributes", queryset=Attribute.objects.select_related("taxonomy_term")),
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                    Prefetch(
                        "location",
                        queryset=Location.objects.prefetch_related("addresses", "phones", "accessibility", "schedules"),
                    )
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if service is None:
        raise Http404
    locations = [sal.location for sal in service.service_at_locations.all()]
    schedules = list(service.schedules.all()) or [s for loc in locations for s in loc.schedules.all()]
    today = hours.local_now().date()
    closures = list(service.closures.filter(date__gte=today, date__lte=today + dt.timedelta(days=60)))
    phones = contact_phones(service)
    notes = [s.description for s in schedules if s.description]
    page_url = request.build_absolute_uri()
    context = {
        "service": service,
        "organization": service.organization,
        "categories": [a.taxonomy_term for a in service.attributes.all()],
        "phones": phones,
        "locations": [
            {"location": loc, "addresses": list(loc.addresses.all()), "accessibility": list(loc.accessibility.all())}
            for loc in locations
        ],
        "week": hours.weekly_hours(schedules, [(c.date, c.name) for c in closures]),
        "open": hours.open_state(schedules, [c.date for c in closures]),
        "hours_notes": notes,
        "closures": closures,
        "languages": sorted({language_name(lang.code) for lang in service.languages.all()}),
        # A province is named in the reader's language; other areas as the publisher wrote them.
        "areas": [_area_name(area) for area in service.service_areas.all()],
        "staff_notes": sees_staff_notes(request.user),
        "sources": [line.strip() for line in service.source_urls.splitlines() if line.strip()],
        "page_url": page_url,
        "share_text": f"{service.name} {page_url}",
        "suggest_url": _suggest_url(service),
        "form": SearchForm(),
    }
    return render(request, "directory/detail.html", context)


def _area_name(area: ServiceArea) -> str:
    """A whole province is named in the reader's language; other areas as the publisher wrote them."""
    if not area.province:
        return area.name
    with translation.override("en"):
        english = str(Province(area.province).label)
    return str(Province(area.province).label) if area.name in (area.province, english) else area.name


def _map_limit(request: HttpRequest) -> int | None:
    try:
        return max(1, min(int(request.GET["limit"]), MAP_LIMIT_MAX))
    except (KeyError, ValueError):
        return None


def _geojson_body(request: HttpRequest, lang: str) -> str:
    with translation.override(lang):
        form = SearchForm(request.GET)
        place = resolve_place(request.GET.get("near", "")[:100]) if request.GET.get("near") else None
        features = map_features(**form.filters(), near=place, limit=_map_limit(request))
        members = sanctuary_service_ids()
        detail = reverse("directory:detail", args=[uuid.UUID(int=0)]).replace(str(uuid.UUID(int=0)), "{id}")
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(f["longitude"], 6), round(f["latitude"], 6)]},
                "properties": {
                    "id": f["id"],
                    "name": f["name"],
                    "organization": f["organization"],
                    "url": detail.replace("{id}", f["id"]),
                    "categories": f["categories"],
                    "sanctuary": uuid.UUID(f["id"]) in members,
                },
            }
            for f in features
        ],
    }
    # < > & escaped as \u003c…: valid JSON, and never markup even if misread as HTML.
    return json.dumps(collection, ensure_ascii=False).translate(_JSON_ESCAPES)


@require_GET
def services_geojson(request: HttpRequest) -> HttpResponse:
    """Located services as a GeoJSON FeatureCollection, with the list page's filters."""
    lang = request.GET.get("lang")
    if lang not in {code for code, _name in settings.LANGUAGES}:
        lang = translation.get_language() or "en"
    # The same map query is asked by every visitor of the same list page: keep the answer in the
    # shared cache under the directory's version (and the minute when it depends on the clock).
    parts = (
        lang,
        sorted(request.GET.lists()),
        int(time.time() // 60) if request.GET.get("open_now") else 0,
    )
    body = version.remember(version.current(), "map", parts, lambda: _geojson_body(request, lang))
    response = HttpResponse(body, content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=300"
    patch_vary_headers(response, ["Accept-Language"])  # names follow it when ?lang= is absent
    return response
