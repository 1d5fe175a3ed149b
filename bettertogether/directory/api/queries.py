"""Querysets behind the HSDS API endpoints, from parsed parameters (plain values in, querysets out)."""

from __future__ import annotations

import datetime as dt
import math
import uuid
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from bettertogether.core.provinces import POSTAL_LETTER_PROVINCES

from ..models import Service, ServiceAtLocation
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


def filter_services(queryset: QuerySet[Service], f: ServiceFilters, prefix: str = "") -> QuerySet[Service]:
    """Filters on services; prefix is 'service__' when filtering service_at_location rows."""
    p = prefix
    if f.status:
        queryset = queryset.filter(**{f"{p}status": f.status})
    else:
        queryset = queryset.filter(**{f"{p}status__in": LISTED_STATUSES})
    if f.search:
        queryset = queryset.filter(
            _text_q(p, ("name", "description"), f.search, f.lang) | Q(**{f"{p}alternate_name__icontains": f.search})
        )
    if f.taxonomy_term_id:
        queryset = queryset.filter(**{f"{p}attributes__taxonomy_term_id": f.taxonomy_term_id})
    if f.taxonomy_id:
        queryset = queryset.filter(**{f"{p}attributes__taxonomy_term__taxonomy_id": f.taxonomy_id})
    if f.organization_id:
        queryset = queryset.filter(**{f"{p}organization_id": f.organization_id})
    if f.modified_after:
        queryset = queryset.filter(**{f"{p}updated_at__gte": f.modified_after})
    if f.language:
        queryset = queryset.filter(**{f"{p}languages__code": f.language})
    if f.category:
        queryset = queryset.filter(**{f"{p}attributes__taxonomy_term_id__in": category_term_ids(f.category)})
    if f.taxonomy_term_id or f.taxonomy_id or f.language or f.category:
        queryset = queryset.distinct()
    return queryset


def postcode_provinces(postcode: str) -> tuple[str, ...]:
    return POSTAL_LETTER_PROVINCES.get(postcode[:1].upper(), ())


def covering(queryset: QuerySet[Service], provinces: tuple[str, ...], prefix: str = "") -> QuerySet[Service]:
    """HSDS: when a service has service areas, keep it only if the postcode lies within one of them."""
    if not provinces:
        return queryset
    p = prefix
    return queryset.filter(
        Q(**{f"{p}service_areas__isnull": True}) | Q(**{f"{p}service_areas__province__in": provinces})
    ).distinct()


def _bbox(lat: float, lon: float, km: float) -> dict[str, tuple[float, float]]:
    dlat = km / 111.0
    dlon = km / max(1e-6, 111.320 * math.cos(math.radians(lat)))
    return {"lat": (lat - dlat, lat + dlat), "lon": (lon - dlon, lon + dlon)}


def nearest_ids(rows: list[tuple[object, float, float]], lat: float, lon: float, km: float | None) -> list[object]:
    """Keys ordered by distance (nearest location of each key), keeping those within km when given."""
    from bettertogether.core.geo import haversine_km_many  # noqa: PLC0415 - numpy import only when used

    if not rows:
        return []
    keys = [r[0] for r in rows]
    distances = haversine_km_many(lat, lon, [r[1] for r in rows], [r[2] for r in rows])
    best: dict[object, float] = {}
    for key, distance in zip(keys, distances.tolist(), strict=True):
        if km is not None and distance > km:
            continue
        if key not in best or distance < best[key]:
            best[key] = distance
    return sorted(best, key=lambda k: (best[k], str(k)))


def services_by_distance(
    queryset: QuerySet[Service], lat: float, lon: float, km: float | None
) -> list[uuid.UUID]:
    located = queryset.filter(
        service_at_locations__location__latitude__isnull=False,
        service_at_locations__location__longitude__isnull=False,
    )
    if km is not None:
        box = _bbox(lat, lon, km)
        located = located.filter(
            service_at_locations__location__latitude__range=box["lat"],
            service_at_locations__location__longitude__range=box["lon"],
        )
    rows = list(
        located.order_by().values_list(
            "id", "service_at_locations__location__latitude", "service_at_locations__location__longitude"
        )
    )
    ordered = nearest_ids(rows, lat, lon, km)  # type: ignore[arg-type]
    if km is None:  # without a radius, services with no located place follow the others
        seen = set(ordered)
        ordered += [i for i in queryset.order_by("name", "id").values_list("id", flat=True) if i not in seen]
    return ordered  # type: ignore[return-value]


def service_at_locations_by_distance(
    queryset: QuerySet[ServiceAtLocation], lat: float, lon: float, km: float | None
) -> list[uuid.UUID]:
    located = queryset.filter(location__latitude__isnull=False, location__longitude__isnull=False)
    if km is not None:
        box = _bbox(lat, lon, km)
        located = located.filter(location__latitude__range=box["lat"], location__longitude__range=box["lon"])
    rows = list(located.order_by().values_list("id", "location__latitude", "location__longitude"))
    ordered = nearest_ids(rows, lat, lon, km)  # type: ignore[arg-type]
    if km is None:
        seen = set(ordered)
        ordered += [i for i in queryset.order_by("id").values_list("id", flat=True) if i not in seen]
    return ordered  # type: ignore[return-value]
