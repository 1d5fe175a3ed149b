"""Searches near a point answered by the database: the one proximity search of the pages and the API.

A bounding box on the indexed latitude/longitude columns (exact for a sphere, so no point of the
circle is missed) gives the candidate service-location pairs; their great-circle distances are
computed here with core.geo, the same function as the in-memory index, so both give the same
kilometres. The services page widens the circle until it holds the page's services; the HSDS API
asks for one radius. Filters are SQL conditions on the service, so no per-process index is needed:
a fresh worker answers its first search at once and never from stale data.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from bettertogether.core.geo import EARTH_RADIUS_KM, haversine_km_many
from bettertogether.core.languages import MANY_LANGUAGES

from .models import Attribute, Language, Location, Service, ServiceArea, ServiceAtLocation

FIRST_RADIUS_KM = 25.0
WHOLE_EARTH_KM = math.pi * EARTH_RADIUS_KM  # every point is within this of any other


@dataclass(frozen=True)
class PairDistance:
    pair: uuid.UUID  # the service-location row
    service: uuid.UUID
    location: uuid.UUID
    km: float


def refresh_statistics() -> None:
    """Let the database's planner see the tables as they are after a bulk import: without statistics
    SQLite drives the search from the services' status index (all 20,000 rows) instead of the
    coordinates' bounding box (a few hundred)."""
    tables = [
        model._meta.db_table for model in (Service, ServiceAtLocation, Location, Attribute, Language, ServiceArea)
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def box(lat: float, lon: float, km: float) -> tuple[tuple[float, float], tuple[float, float] | None]:
    """Latitude and longitude ranges holding every point within km (longitude None: all of them)."""
    angle = min(km / EARTH_RADIUS_KM, math.pi)
    dlat = math.degrees(angle) * 1.001 + 1e-9
    lats = (lat - dlat, lat + dlat)
    if lats[0] <= -90 or lats[1] >= 90:
        return lats, None  # the circle holds a pole: every longitude
    reach = math.sin(angle) / math.cos(math.radians(lat))
    if reach >= 1:
        return lats, None
    dlon = math.degrees(math.asin(reach)) * 1.001 + 1e-9
    if lon - dlon < -180 or lon + dlon > 180:
        return lats, None  # across the antimeridian: keep it simple and exact
    return lats, (lon - dlon, lon + dlon)


def pairs_within(pairs: QuerySet[ServiceAtLocation], lat: float, lon: float, km: float) -> list[PairDistance]:
    """The pairs of `pairs` whose location lies within km of the point, with their distances."""
    lats, lons = box(lat, lon, km)
    near = pairs.prefetch_related(None).filter(location__latitude__range=lats, location__longitude__isnull=False)
    if lons is not None:
        near = near.filter(location__longitude__range=lons)
    rows: list[tuple[Any, ...]] = list(
        near.order_by().values_list("id", "service_id", "location_id", "location__latitude", "location__longitude")
    )
    if not rows:
        return []
    distances: list[float] = haversine_km_many(lat, lon, [r[3] for r in rows], [r[4] for r in rows]).tolist()
    return [PairDistance(r[0], r[1], r[2], d) for r, d in zip(rows, distances, strict=True) if d <= km]


def service_conditions(
    ref: str = "pk",
    prefix: str = "",
    *,
    category_terms: Iterable[uuid.UUID] | None = None,
    language: str | None = None,
    free: bool | None = None,
) -> Q:
    """The public search's filters as SQL on a service (`ref`: its id, `prefix`: the path to it)."""
    condition = Q(**{f"{prefix}status": Service.Status.ACTIVE})
    if category_terms is not None:
        terms = list(category_terms)
        condition &= Q(Exists(Attribute.objects.filter(service_id=OuterRef(ref), taxonomy_term_id__in=terms)))
    if language:
        codes = Q(code__iexact=language) | Q(code__iexact=MANY_LANGUAGES)
        condition &= Q(Exists(Language.objects.filter(codes, service_id=OuterRef(ref)))) | Q(
            Exists(Language.objects.filter(codes, phone__service_id=OuterRef(ref)))
        )
    if free is True:
        condition &= Q(**{f"{prefix}is_free": True})
    elif free is False:
        condition &= ~Q(**{f"{prefix}is_free": True})
    return condition


def nearest_services(pairs: QuerySet[ServiceAtLocation], lat: float, lon: float, count: int) -> list[PairDistance]:
    """The `count` services of `pairs` nearest the point, each at its nearest location, nearest first.

    The circle widens (×4) until it holds `count` services: those inside it are exactly the nearest.
    Ties go to the smaller service id, then the smaller location id.
    """
    km = FIRST_RADIUS_KM
    while True:
        best: dict[uuid.UUID, PairDistance] = {}
        for found in pairs_within(pairs, lat, lon, km):
            held = best.get(found.service)
            if held is None or (found.km, str(found.location)) < (held.km, str(held.location)):
                best[found.service] = found
        if len(best) >= count or km >= WHOLE_EARTH_KM:
            return sorted(best.values(), key=lambda p: (p.km, str(p.service)))[:count]
        km = min(km * 4, WHOLE_EARTH_KM)


def located_pairs(condition: Q) -> QuerySet[ServiceAtLocation]:
    """Service-location pairs with a point whose service meets `condition` (written on `service__`)."""
    return ServiceAtLocation.objects.filter(
        condition, location__latitude__isnull=False, location__longitude__isnull=False
    )


def located_count(condition: Q) -> int:
    """How many services meeting `condition` have a located place."""
    return located_pairs(condition).order_by().values("service_id").distinct().count()


def unlocated_services(condition: Q, province: str | None) -> QuerySet[Service]:
    """Services meeting `condition` (written on the service) without a located place; with a
    province, only those serving it or naming no province."""
    points = ServiceAtLocation.objects.filter(
        service_id=OuterRef("pk"), location__latitude__isnull=False, location__longitude__isnull=False
    )
    services = Service.objects.filter(condition).exclude(Exists(points))
    if province:
        areas = ServiceArea.objects.filter(service_id=OuterRef("pk")).exclude(province="")
        services = services.filter(~Exists(areas) | Exists(areas.filter(province=province)))
    return services
