"""Active services at their located points, for the gap analysis (through the directory's door).

One point per service location with coordinates; categories reduced to their top-level taxonomy
slug; languages of the service and of the location; provinces named by the service's service areas.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import translation

from bettertogether.core.languages import CONTENT_LANGUAGES

from .models import Attribute, Language, Service, ServiceArea, ServiceAtLocation, TaxonomyTerm
from .taxonomy import TOP_LEVEL_SLUGS


@dataclass(frozen=True)
class LocatedService:
    """One active service at one location with a point. `provinces` empty: it serves every province."""

    id: str
    name: str
    organization: str
    latitude: float
    longitude: float
    categories: frozenset[str]
    languages: frozenset[str]
    provinces: frozenset[str]


@dataclass(frozen=True)
class LocatedServices:
    points: list[LocatedService]
    unlocated: int  # active services with no point (phone lines, online services)


def _top_level_slugs() -> dict[uuid.UUID, str]:
    """Taxonomy term id → the code of its top-level ancestor."""
    parent = dict(TaxonomyTerm.objects.values_list("id", "parent_id"))
    code = dict(TaxonomyTerm.objects.values_list("id", "code"))

    def root(term: uuid.UUID) -> str:
        seen = set()
        while parent.get(term) is not None and term not in seen:
            seen.add(term)
            term = parent[term]
        return str(code.get(term, ""))

    return {term: root(term) for term in code}


def located_services() -> LocatedServices:
    """Active services' located points (names in the active content language), and how many active
    services have no point: they cannot be measured by distance."""
    lang = (translation.get_language() or "en").split("-")[0]
    roots = _top_level_slugs()
    active = Service.objects.filter(status=Service.Status.ACTIVE)
    categories: dict[uuid.UUID, set[str]] = defaultdict(set)
    for service_id, term in Attribute.objects.filter(service__in=active).values_list("service_id", "taxonomy_term_id"):
        slug = roots.get(term, "")
        if slug in TOP_LEVEL_SLUGS:
            categories[service_id].add(slug)
    languages: dict[uuid.UUID, set[str]] = defaultdict(set)
    location_languages: dict[uuid.UUID, set[str]] = defaultdict(set)
    for service_id, location_id, lang_code in Language.objects.filter(
        Q(service__in=active) | Q(location__isnull=False)
    ).values_list("service_id", "location_id", "code"):
        if service_id is not None:
            languages[service_id].add(lang_code)
        elif location_id is not None:
            location_languages[location_id].add(lang_code)
    provinces: dict[uuid.UUID, set[str]] = defaultdict(set)
    for service_id, province in (
        ServiceArea.objects.filter(service__in=active).exclude(province="").values_list("service_id", "province")
    ):
        provinces[service_id].add(province)
    name_field = f"name_{lang}" if lang in CONTENT_LANGUAGES else "name_en"
    rows = ServiceAtLocation.objects.filter(
        service__in=active, location__latitude__isnull=False, location__longitude__isnull=False
    ).values_list(
        "service_id",
        f"service__{name_field}",
        "service__name_en",
        f"service__organization__{name_field}",
        "service__organization__name_en",
        "location_id",
        "location__latitude",
        "location__longitude",
    )
    points = []
    located = set()
    for sid, name, name_en, org, org_en, loc, lat, lon in rows.order_by(
        "service__name_en", "service_id", "location_id"
    ):
        located.add(sid)
        points.append(
            LocatedService(
                id=str(sid),
                name=name or name_en or "",
                organization=org or org_en or "",
                latitude=lat,
                longitude=lon,
                categories=frozenset(categories.get(sid, ())),
                languages=frozenset(languages.get(sid, set()) | location_languages.get(loc, set())),
                provinces=frozenset(provinces.get(sid, ())),
            )
        )
    return LocatedServices(points, active.exclude(id__in=located).count())
