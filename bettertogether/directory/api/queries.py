"""Querysets behind the HSDS API endpoints, from parsed parameters (plain values in, querysets out)."""

from __future__ import annotations

import datetime as dt
import math
import uuid
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from bettertogether.core.provinces import POSTAL_LETTER_PROVINCES

from .. import search_near
from ..models import Attribute, Language, Service, ServiceArea, ServiceAtLocation
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


def services_by_distance(queryset: QuerySet[Service], lat: float, lon: float, km: float) -> list[uuid.UUID]:
    """Ids of the filtered services within km of the point, nearest first (by their nearest place).

    The directory's one proximity search (search_near.py): a bounding box on the indexed
    coordinates with the filters checked per pair, so the cost follows the neighbourhood.
    """
    best: dict[search_near.Key, float] = {}
    for _pair, service, _location, d in search_near.rows_within(search_near.pairs_of(queryset), lat, lon, km):
        if d < best.get(service, math.inf):
            best[service] = d
    return [search_near.as_uuid(k) for k in sorted(best, key=lambda k: (best[k], search_near.order_key(k)))]


def service_at_locations_by_distance(
    queryset: QuerySet[ServiceAtLocation], lat: float, lon: float, km: float
) -> list[uuid.UUID]:
    """Ids of the filtered service-location pairs within km of the point, nearest first."""
    found = search_near.rows_within(queryset, lat, lon, km)
    found.sort(key=lambda row: (row[3], search_near.order_key(row[0])))
    return [search_near.as_uuid(row[0]) for row in found]
