"""The offline basemap's GeoJSON (core/basemap.py), served from this host so that no map needs a third
party to draw land, borders and place names."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from .basemap import REGIONS, basemap_json

BASEMAP_CACHE_SECONDS = 86_400  # the outlines change only with the package


@require_GET
def basemap_geojson(request: HttpRequest, region: str) -> HttpResponse:
    if region not in REGIONS:
        raise Http404
    # < > & escaped as \u003c…: valid JSON, and never markup even if misread as HTML.
    body = basemap_json(region).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    response = HttpResponse(body, content_type="application/geo+json")
    response["Cache-Control"] = f"public, max-age={BASEMAP_CACHE_SECONDS}"
    return response
