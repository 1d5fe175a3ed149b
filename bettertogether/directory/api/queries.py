"""Querysets behind the HSDS API endpoints, from parsed parameters (plain values in, querysets out)."""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from bettertogether.core.geo import haversine_km_many
from bettertogether.core.provinces import POSTAL_LETTER_PROVINCES

from ..models import Attribute, Language, Location, Service, ServiceArea, ServiceAtLocation
from ..search import term_ids_for

# Public lists leave defunct services out unless `status` asks for them (HSDS exposes status).
LISTED_STATUSES = (Service.Status.ACTIVE, Service.Status.INACTIVE, Service.Status.TEMPORARILY_CLOSED)


@dataclass(frozen=True)
class ServiceFilters:
    search: str = ""
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    modified_after: dt.datetime | None = None
    language: str = ""
    category: str = ""
    status: str = ""
    lang: str = "en"


def _text_q(prefix: str, fields: tuple[str, ...], text: str, lang: str) -> Q:
    query = Q()
    for field in fields:
        for code in {"en", lang}:
            query |= Q(**{f"{prefix}{field}_{code}__icontains": text})
    return query


def category_term_ids(code: str) -> list[uuid.UUID]:
    """The term with this code and its descendants (the same rule as the public directory)."""
    return list(term_ids_for(code))


def filter_services(queryset: QuerySet[Service], f: ServiceFilters) -> QuerySet[Service]:
    """Filters on services. Related-table filters are `id IN (subquery)`: no join, no DISTINCT."""
    statuses = (f.status,) if f.status else LISTED_STATUSES
    queryset = queryset.filter(status__in=statuses)
    if f.search:
        queryset = queryset.filter(
            _text_q("", ("name", "description"), f.search, f.lang) | Q(alternate_name__icontains=f.search)
        )
    attributes = Attribute.objects.values("service_id")
    if f.taxonomy_term_id:
        queryset = queryset.filter(id__in=attributes.filter(taxonomy_term_id=f.taxonomy_term_id))
    if f.taxonomy_id:
        queryset = queryset.filter(id__in=attributes.filter(taxonomy_term__taxonomy_id=f.taxonomy_id))
    if f.category:
        queryset = queryset.filter(id__in=attributes.filter(taxonomy_term_id__in=category_term_ids(f.category)))
    if f.organization_id:
        queryset = queryset.filter(organization_id=f.organization_id)
    if f.modified_after:
        queryset = queryset.filter(updated_at__gte=f.modified_after)
    if f.language:
        queryset = queryset.filter(id__in=Language.objects.filter(code=f.language).values("service_id"))
    return queryset


def postcode_provinces(postcode: str) -> tuple[str, ...]:
    return POSTAL_LETTER_PROVINCES.get(postcode[:1].upper(), ())


def covering(queryset: QuerySet[Service], provinces: tuple[str, ...]) -> QuerySet[Service]:
    """HSDS: when a service has service areas, keep it only if the postcode lies within one of them."""
    if not provinces:
        return queryset
    areas = ServiceArea.objects.values("service_id")
    return queryset.filter(Q(id__in=areas.filter(province__in=provinces)) | ~Q(id__in=areas))


def _bbox(lat: float, lon: float, km: float) -> dict[str, tuple[float, float]]:
    dlat = km / 111.0
    dlon = km / max(1e-6, 111.320 * math.cos(math.radians(lat)))
    return {"lat": (lat - dlat, lat + dlat), "lon": (lon - dlon, lon + dlon)}


CHUNK = 5000


def _chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def locations_within(lat: float, lon: float, km: float) -> dict[uuid.UUID, float]:
    """Location id -> km for the located places within km (bounding box on the indexed columns first)."""
    box = _bbox(lat, lon, km)
    rows: list[tuple[uuid.UUID, float, float]] = list(
        Location.objects.filter(latitude__range=box["lat"], longitude__range=box["lon"]).values_list(  # type: ignore[arg-type]
            "id", "latitude", "longitude"
        )
    )
    if not rows:
        return {}
    distances = haversine_km_many(lat, lon, [r[1] for r in rows], [r[2] for r in rows]).tolist()
    return {r[0]: d for r, d in zip(rows, distances, strict=True) if d <= km}


def _allowed(queryset: QuerySet[Any], ids: list[Any]) -> set[Any]:
    allowed: set[Any] = set()
    for chunk in _chunks(ids):
        allowed.update(queryset.order_by().filter(pk__in=chunk).values_list("pk", flat=True))
    return allowed


def services_by_distance(queryset: QuerySet[Service], lat: float, lon: float, km: float) -> list[uuid.UUID]:
    """Ids of the filtered services within km of the point, nearest first (by their nearest place).

    Driven from the places near the point, so the cost follows the neighbourhood, not the directory.
    """
    places = locations_within(lat, lon, km)
    best: dict[uuid.UUID, float] = {}
    for chunk in _chunks(list(places)):
        for service_id, location_id in ServiceAtLocation.objects.filter(location_id__in=chunk).values_list(
            "service_id", "location_id"
        ):
            distance = places[location_id]
            if distance < best.get(service_id, float("inf")):
                best[service_id] = distance
    allowed = _allowed(queryset, list(best))
    return sorted(allowed, key=lambda k: (best[k], str(k)))


def service_at_locations_by_distance(
    queryset: QuerySet[ServiceAtLocation], lat: float, lon: float, km: float
) -> list[uuid.UUID]:
    places = locations_within(lat, lon, km)
    distance: dict[uuid.UUID, float] = {}
    for chunk in _chunks(list(places)):
        for sal_id, location_id in ServiceAtLocation.objects.filter(location_id__in=chunk).values_list(
            "id", "location_id"
        ):
            distance[sal_id] = places[location_id]
    allowed = _allowed(queryset, list(distance))
    return sorted(allowed, key=lambda k: (distance[k], str(k)))
