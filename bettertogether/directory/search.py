"""Public search over the directory: the door other parts call is `search_services()`.

Two engines, one answer (tests compare them on every kind of directory):
- near a place, with category, language or free filters: the database (search_near.py, a bounding
  box on the indexed coordinates widened until it holds the page), the same search as the HSDS
  API's proximity; its counts are kept in the cache under the directory's version (version.py);
- with text, open-now or a province filter (and the map): the in-memory index (search_index.py),
  whose folded texts and per-language names the database cannot match accent-blind on SQLite.
Then only the services of the page are loaded, with their relations prefetched. Results are the
same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

import numpy as np
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.utils import translation
from django.utils.translation import get_language

from bettertogether.core.geo import haversine_km_many
from bettertogether.core.geocode import geocode
from bettertogether.core.languages import MANY_LANGUAGES, content_language
from bettertogether.core.provinces import MARITIMES, PROVINCE_ALIASES, Province

from . import hours, search_near, version
from .models import (
    Attribute,
    HolidayClosure,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from .sanctuary import sanctuary_service_ids
from .search_index import DirectoryIndex, get_index
from .search_index import fold as fold  # the one folding rule, named here for callers of the search

MARITIMES_MIDDLE = (45.6, -63.5)  # where the map opens without a place


class PlaceLike(Protocol):
    latitude: float
    longitude: float


@dataclass(frozen=True)
class PointPlace:
    """A bare point given as coordinates (e.g. from the browser's 'near me')."""

    latitude: float
    longitude: float
    label: str = ""
    province: str | None = None
    precision: str = "point"


class SearchItem(NamedTuple):
    service: Service
    location: Location | None
    distance_km: float | None


@dataclass
class SearchResults:
    total: int
    items: list[SearchItem]
    place: Any = None  # the GeoPoint (or PointPlace) distances are measured from
    # Open state of each listed service: True/False, or None when its hours are unknown.
    open_state: dict[uuid.UUID, bool | None] = field(default_factory=dict)
    offset: int = 0
    limit: int = 30


# --- filters ---


def _lang() -> str:
    return content_language(get_language())


def term_ids_for(code: str) -> set[uuid.UUID]:
    """Ids of the terms with this code and all their descendants."""
    rows = list(TaxonomyTerm.objects.values_list("id", "parent_id", "code"))
    children: dict[uuid.UUID | None, list[uuid.UUID]] = defaultdict(list)
    for term_id, parent_id, _code in rows:
        children[parent_id].append(term_id)
    found: set[uuid.UUID] = set()
    stack = [term_id for term_id, _parent, term_code in rows if term_code == code]
    while stack:
        term_id = stack.pop()
        if term_id not in found:
            found.add(term_id)
            stack.extend(children.get(term_id, []))
    return found


def province_spellings(code: str) -> list[str]:
    spellings = {alias for alias, c in PROVINCE_ALIASES.items() if c == code} | {code}
    return sorted(spellings | {s.upper() for s in spellings} | {s.title() for s in spellings})


# --- open now ---


@dataclass(frozen=True)
class _Line:
    byday: str
    opens_at: dt.time | None
    closes_at: dt.time | None
    valid_from: dt.date | None
    valid_to: dt.date | None


_LINE_FIELDS = ("byday", "opens_at", "closes_at", "valid_from", "valid_to")


def schedules_by_service(
    service_ids: Any = None, days: Iterable[dt.date] | None = None
) -> dict[uuid.UUID, list[_Line]]:
    """Schedule lines of each service (all services when service_ids is None): its own, else its locations'.

    `days` narrows to lines that can apply on those dates (weekday and validity) so an open-now
    search reads only today's and yesterday's lines.
    """
    narrow = Q()
    if days is not None:
        for day in days:
            code = hours.DAY_CODES[day.weekday()]
            narrow |= (
                (Q(byday="") | Q(byday__contains=code))
                & (Q(valid_from__isnull=True) | Q(valid_from__lte=day))
                & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            )
    own_rows = Schedule.objects.filter(narrow, service__isnull=False)
    rows = Schedule.objects.filter(narrow, service__isnull=True, location__service_at_locations__isnull=False)
    if service_ids is not None:
        own_rows = own_rows.filter(service_id__in=service_ids)
        rows = rows.filter(location__service_at_locations__service_id__in=service_ids)
    own: dict[uuid.UUID, list[_Line]] = defaultdict(list)
    for row in own_rows.values_list("service_id", *_LINE_FIELDS):
        own[row[0]].append(_Line(*row[1:]))
    by_location: dict[uuid.UUID, list[_Line]] = defaultdict(list)
    for row in rows.values_list("location__service_at_locations__service_id", *_LINE_FIELDS):
        by_location[row[0]].append(_Line(*row[1:]))
    return {sid: own.get(sid) or by_location[sid] for sid in set(own) | set(by_location)}


def open_states(service_ids: Any = None, at: dt.datetime | None = None, narrow: bool = False) -> dict[uuid.UUID, bool]:
    """Open (True) or closed (False) for services whose hours are known; unknown ones are absent.

    `narrow` reads only the lines that can apply today or yesterday (enough for the open state).
    """
    moment = hours.to_local(at)
    today = moment.date()
    days = [today, today - dt.timedelta(days=1)] if narrow else None
    lines = schedules_by_service(service_ids, days)
    closed: dict[uuid.UUID, set[dt.date]] = defaultdict(set)
    closures = HolidayClosure.objects.filter(date__in=[today, today - dt.timedelta(days=1)])
    for sid, day in closures.values_list("service_id", "date"):
        if sid in lines:
            closed[sid].add(day)
    states = {}
    for sid, service_lines in lines.items():
        state = hours.is_open(service_lines, closed[sid], moment)
        if state is not None:
            states[sid] = state
    return states


# --- distances ---


def _mask(
    index: DirectoryIndex,
    *,
    q: str | None,
    category: str | None,
    language: str | None,
    province: str | None,
    free: bool | None,
    open_now: bool,
    at: dt.datetime | None,
    sanctuary: bool = False,
) -> np.ndarray:
    """Which services of the index match every filter (a bool per service)."""
    mask = np.ones(index.size, dtype=bool)

    def only(positions: Iterable[np.ndarray | None]) -> None:
        keep = np.zeros(index.size, dtype=bool)
        for found in positions:
            if found is not None:
                keep[found] = True
        mask[~keep] = False

    if category:
        only(index.terms.get(term_id) for term_id in term_ids_for(category))
    if language:
        only([index.languages.get(language.lower()), index.languages.get(MANY_LANGUAGES)])
    if province:
        only([index.provinces.get(province.upper())])
    if free is True:
        mask &= index.free
    elif free is False:
        mask &= ~index.free
    if open_now and mask.any():
        states = open_states(None, at, narrow=True)
        only([np.array([index.position[sid] for sid, o in states.items() if o and sid in index.position], dtype=int)])
    if sanctuary:
        members = sanctuary_service_ids()
        only([np.array([index.position[sid] for sid in members if sid in index.position], dtype=int)])
    words = [w for w in (fold(q) or "").split() if w][:8]
    if words and mask.any():
        texts = index.texts(_lang())
        candidates = np.flatnonzero(mask)
        hits = [i for i in candidates.tolist() if all(w in texts[i] for w in words)]
        mask[:] = False
        mask[hits] = True
    return mask


def search_services(
    *,
    q: str | None = None,
    near: Any = None,
    category: str | None = None,
    language: str | None = None,
    province: str | None = None,
    free: bool | None = None,
    open_now: bool = False,
    at: dt.datetime | None = None,
    limit: int = 30,
    offset: int = 0,
    sanctuary: bool = False,
) -> SearchResults:
    """Active services matching the filters, nearest first when `near` is given, else by name.

    `near` is a GeoPoint (core.geocode) or a (lat, lon) pair. Each service is placed at its nearest
    location. With a place, services without a point (virtual, province-wide) come after the
    located ones, and only if they serve the place's province or name no province. Text matches
    names, descriptions and the organization's name in the current language and English, ignoring
    case and accents; every word must match.
    """
    limit = max(1, min(int(limit), 200))
    offset = max(0, int(offset))
    place = PointPlace(float(near[0]), float(near[1])) if isinstance(near, tuple | list) else near
    point = _point_of(place)
    by_database = not (q or "").strip() and not open_now and not province and not sanctuary
    if by_database and point is not None:
        total, ranked = _ranked_near(
            point, getattr(place, "province", None), category=category, language=language, free=free,
            offset=offset, limit=limit,
        )  # fmt: skip
    elif by_database:
        total, ranked = _ranked_by_name(category=category, language=language, free=free, offset=offset, limit=limit)
    else:
        total, ranked = _ranked_by_index(
            point, place, q=q, category=category, language=language, province=province, free=free,
            open_now=open_now, at=at, offset=offset, limit=limit, sanctuary=sanctuary,
        )  # fmt: skip
    items = _load_page(ranked)
    page_states = open_states([item.service.id for item in items], at)
    return SearchResults(
        total=total,
        items=items,
        place=place,
        open_state={item.service.id: page_states.get(item.service.id) for item in items},
        offset=offset,
        limit=limit,
    )


Ranked = list[tuple[Any, Any, float | None]]  # (service id, location id or None, km or None), in order


def _ranked_near(
    point: tuple[float, float],
    place_province: str | None,
    *,
    category: str | None,
    language: str | None,
    free: bool | None,
    offset: int,
    limit: int,
) -> tuple[int, Ranked]:
    """The database engine: nearest located services, then the unlocated ones serving the place."""
    terms = sorted(term_ids_for(category)) if category else None
    condition = search_near.service_conditions(category_terms=terms, language=language, free=free)
    lang = _lang()
    token = version.current()
    parts = (terms, language, free)
    # Per version, kept in the shared cache: the active services without a point (few, and the same
    # for every filter and place), then per filter how many services match and which of those few.
    without_point = version.remember(token, "unlocated-ids", (), search_near.unlocated_ids)
    matching = version.remember(token, "matching", parts, lambda: search_near.matching_count(condition))
    unlocated = version.remember(
        token, "unlocated", (*parts, lang), lambda: _by_name_with_provinces(condition, without_point, lang)
    )
    located = matching - len(unlocated)
    tail = [sid for sid, served in unlocated if not place_province or not served or place_province in served]
    nearest = search_near.nearest_services(search_near.located_pairs(condition), point[0], point[1], offset + limit)
    ranked: Ranked = [(p.service, p.location, p.km) for p in nearest[offset : offset + limit]]
    if len(ranked) < limit:
        start = max(0, offset - located)
        ranked += [(sid, None, None) for sid in tail[start : start + limit - len(ranked)]]
    return located + len(tail), ranked


def _ranked_by_name(
    *, category: str | None, language: str | None, free: bool | None, offset: int, limit: int
) -> tuple[int, Ranked]:
    """The database engine without a place: every match by name, the order kept in the shared cache
    under the directory's version."""
    terms = sorted(term_ids_for(category)) if category else None
    condition = search_near.service_conditions(category_terms=terms, language=language, free=free)
    lang = _lang()
    fields = ("id", f"name_{lang}", "name_en") if lang != "en" else ("id", "name_en", "name_en")

    def in_order() -> list[uuid.UUID]:
        rows = Service.objects.filter(condition).order_by().values_list(*fields)
        return [r[0] for r in sorted(rows, key=_name_order)]

    parts = (terms, language, free, lang)
    total, ids = version.remember_slice(version.current(), "by-name", parts, in_order, offset, offset + limit)
    return total, [(sid, None, None) for sid in ids]


def _name_order(row: tuple[Any, ...]) -> tuple[str, str]:
    """The index's name order for (id, name in the language, English name): folded name, then id."""
    return (fold(row[1] or row[2] or "") or "", str(row[0]))


def _by_name_with_provinces(
    condition: Q, candidates: list[uuid.UUID], lang: str
) -> list[tuple[uuid.UUID, frozenset[str]]]:
    """(id, provinces its service areas name) of the candidates meeting `condition`, in the index's
    name order: the name in lang (else English), folded, then the id."""
    fields = ("id", f"name_{lang}", "name_en") if lang != "en" else ("id", "name_en", "name_en")
    rows: list[tuple[Any, ...]] = []
    served: dict[uuid.UUID, set[str]] = defaultdict(set)
    for start in range(0, len(candidates), search_near.IDS_PER_QUERY):
        ids = candidates[start : start + search_near.IDS_PER_QUERY]
        rows += Service.objects.filter(condition, id__in=ids).order_by().values_list(*fields)
        areas = ServiceArea.objects.filter(service_id__in=ids).exclude(province="")
        for sid, province in areas.values_list("service_id", "province"):
            served[sid].add(province)
    return [(r[0], frozenset(served.get(r[0], ()))) for r in sorted(rows, key=_name_order)]


def _ranked_by_index(
    point: tuple[float, float] | None,
    place: Any,
    *,
    q: str | None,
    category: str | None,
    language: str | None,
    province: str | None,
    free: bool | None,
    open_now: bool,
    at: dt.datetime | None,
    offset: int,
    limit: int,
    sanctuary: bool = False,
) -> tuple[int, Ranked]:
    """The in-memory engine: any filter, text included."""
    index = get_index()
    mask = _mask(
        index,
        q=q,
        category=category,
        language=language,
        province=province,
        free=free,
        open_now=open_now,
        at=at,
        sanctuary=sanctuary,
    )
    by_name = index.name_order(_lang())
    ranked: Ranked = []
    if point is None:
        matched = by_name[mask[by_name]]
        total = len(matched)
        ranked = [(index.ids[i], None, None) for i in matched[offset : offset + limit].tolist()]
    else:
        chosen = np.flatnonzero(mask[index.pt_service])
        distances = haversine_km_many(point[0], point[1], index.pt_lat[chosen], index.pt_lon[chosen])
        order = np.argsort(distances, kind="stable")
        # The first time a service appears in distance order is its nearest location.
        _, first = np.unique(index.pt_service[chosen][order], return_index=True)
        nearest = order[np.sort(first)]
        unlocated = mask & ~index.located
        place_province = getattr(place, "province", None)
        if place_province:
            serves = ~index.has_area_province
            found = index.area_provinces.get(place_province)
            if found is not None:
                serves[found] = True
            unlocated &= serves
        tail = by_name[unlocated[by_name]]
        total = len(nearest) + len(tail)
        for k in nearest[offset : offset + limit].tolist():
            pair = chosen[k]
            ranked.append((index.ids[index.pt_service[pair]], index.pt_location[pair], float(distances[k])))
        if len(ranked) < limit:
            start = max(0, offset - len(nearest))
            ranked += [(index.ids[i], None, None) for i in tail[start : start + limit - len(ranked)].tolist()]
    return total, ranked


# Below this many active services the index is built before a server forks and shared by its
# workers (20,000: 1.8 s, once); above it, its build (31 s and 300 MB at 200,000) would hold every
# start for the text searches alone, so it is built by the first of them instead.
WARM_INDEX_UP_TO = 50_000


def warm(languages: Iterable[str]) -> None:
    """What the first searches of every worker share, built once before a server forks: the counts
    of a search near a place without filters in each content language, and (for a directory of up
    to WARM_INDEX_UP_TO services) the index with its names in each and its texts in the first."""
    index = get_index() if Service.objects.active().count() <= WARM_INDEX_UP_TO else None
    for n, lang in enumerate(languages):
        if index is not None:
            index.name_order(lang)
            index.org_names(lang)
            if n == 0:
                index.texts(lang)
        with translation.override(lang):
            search_services(near=MARITIMES_MIDDLE, limit=1)


def map_features(
    *,
    q: str | None = None,
    category: str | None = None,
    language: str | None = None,
    province: str | None = None,
    free: bool | None = None,
    open_now: bool = False,
    at: dt.datetime | None = None,
    near: Any = None,
    limit: int | None = None,
    sanctuary: bool = False,
) -> list[dict[str, Any]]:
    """One GeoJSON-ready dict per located (service, location) pair matching the filters.

    With `near` and `limit`, only the `limit` pairs nearest the place (a bounded payload for phones
    at national scale): answered by the database when the filters allow (category, language,
    free), as the list beside it is, else by the index.
    """
    point = _point_of(near)
    if point is not None and limit is not None and not ((q or "").strip() or open_now or province or sanctuary):
        return _map_features_near(point, max(0, limit), category=category, language=language, free=free)
    return _map_features_by_index(
        point, limit, q=q, category=category, language=language, province=province, free=free,
        open_now=open_now, at=at, sanctuary=sanctuary,
    )  # fmt: skip


def _map_features_by_index(
    point: tuple[float, float] | None,
    limit: int | None,
    *,
    q: str | None,
    category: str | None,
    language: str | None,
    province: str | None,
    free: bool | None,
    open_now: bool,
    at: dt.datetime | None,
    sanctuary: bool,
) -> list[dict[str, Any]]:
    """map_features() by the in-memory index (any filter, text included)."""
    index = get_index()
    mask = _mask(
        index,
        q=q,
        category=category,
        language=language,
        province=province,
        free=free,
        open_now=open_now,
        at=at,
        sanctuary=sanctuary,
    )
    chosen = np.flatnonzero(mask[index.pt_service])
    if point is not None and limit is not None and len(chosen) > limit:
        distances = haversine_km_many(point[0], point[1], index.pt_lat[chosen], index.pt_lon[chosen])
        chosen = chosen[np.argsort(distances, kind="stable")[: max(0, limit)]]
    if not len(chosen):
        return []
    lang = _lang()
    names, orgs = index.names(lang), index.org_names(lang)
    term_names = {row[0]: row[1] or row[2] for row in TaxonomyTerm.objects.values_list("id", f"name_{lang}", "name_en")}
    categories: dict[int, list[str]] = defaultdict(list)
    for term_id, positions in index.terms.items():
        name = term_names.get(term_id)
        if name:
            for i in positions[mask[positions]].tolist():
                categories[i].append(name)
    features = []
    for pair in chosen.tolist():
        i = int(index.pt_service[pair])
        features.append(
            {
                "id": str(index.ids[i]),
                "latitude": float(index.pt_lat[pair]),
                "longitude": float(index.pt_lon[pair]),
                "name": names[i],
                "organization": orgs[i],
                "categories": sorted(categories.get(i, [])),
            }
        )
    return features


def _map_features_near(
    point: tuple[float, float], limit: int, *, category: str | None, language: str | None, free: bool | None
) -> list[dict[str, Any]]:
    """map_features() by the database: the `limit` nearest pairs, then their services' names."""
    terms = sorted(term_ids_for(category)) if category else None
    condition = search_near.service_conditions(category_terms=terms, language=language, free=free)
    nearest = search_near.nearest_pairs(search_near.located_pairs(condition), point[0], point[1], limit)
    if not nearest:
        return []
    lang = _lang()
    service_ids = {p.service for p in nearest}
    fields = dict.fromkeys(["id", f"name_{lang}", "name_en", f"organization__name_{lang}", "organization__name_en"])
    rows = {r["id"]: r for r in Service.objects.filter(id__in=service_ids).values(*fields)}
    points = {
        r[0]: r[1:]
        for r in Location.objects.filter(id__in={p.location for p in nearest}).values_list(
            "id", "latitude", "longitude"
        )
    }
    categories: dict[uuid.UUID, set[str]] = defaultdict(set)
    attributes = Attribute.objects.filter(service_id__in=service_ids).values_list(
        "service_id", f"taxonomy_term__name_{lang}", "taxonomy_term__name_en"
    )
    for sid, name, name_en in attributes:
        if name or name_en:
            categories[sid].add(name or name_en)
    features = []
    for pair in nearest:
        row = rows[pair.service]
        lat, lon = points[pair.location]  # located pairs: never None
        features.append(
            {
                "id": str(pair.service),
                "latitude": float(lat or 0.0),
                "longitude": float(lon or 0.0),
                "name": row[f"name_{lang}"] or row["name_en"] or "",
                "organization": row[f"organization__name_{lang}"] or row["organization__name_en"] or "",
                "categories": sorted(categories.get(pair.service, ())),
            }
        )
    return features


def _point_of(near: Any) -> tuple[float, float] | None:
    if near is None:
        return None
    if isinstance(near, tuple | list):
        return float(near[0]), float(near[1])
    return float(near.latitude), float(near.longitude)


def _load_page(ranked: list[tuple[Any, Any, float | None]]) -> list[SearchItem]:
    if not ranked:
        return []
    service_ids = [r[0] for r in ranked]
    services = {
        s.id: s
        for s in Service.objects.filter(id__in=service_ids)
        .select_related("organization")
        .prefetch_related(Prefetch("attributes", queryset=Attribute.objects.select_related("taxonomy_term")))
    }
    attach_contact_phones(list(services.values()))
    # Services without a chosen location show their first one (a located one if any).
    missing = [r[0] for r in ranked if r[1] is None]
    first_location: dict[Any, Any] = {}
    if missing:
        for sid, lid, lat in ServiceAtLocation.objects.filter(service_id__in=missing).values_list(
            "service_id", "location_id", "location__latitude"
        ):
            if sid not in first_location or (lat is not None and first_location[sid][1] is None):
                first_location[sid] = (lid, lat)
    location_ids = {r[1] for r in ranked if r[1] is not None} | {v[0] for v in first_location.values()}
    locations = {loc.id: loc for loc in Location.objects.filter(id__in=location_ids).prefetch_related("addresses")}
    items = []
    for sid, lid, km in ranked:
        service = services.get(sid)
        if service is None:
            continue
        if lid is None and sid in first_location:
            lid = first_location[sid][0]
        items.append(SearchItem(service, locations.get(lid) if lid else None, km))
    return items


_COORDS = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


def resolve_place(text: str | None, province: str | None = None) -> Any:
    """A place for `near`: 'lat,lon' from the browser, else a postal code or town via core.geocode.

    None when the text is empty or unknown (the page then explains what it accepts).
    """
    if not text or not text.strip():
        return None
    match = _COORDS.match(text)
    if match:
        lat, lon = float(match.group(1)), float(match.group(2))
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return PointPlace(lat, lon)
        return None
    return geocode(text.strip()[:100], province=province)


def contact_phones(service: Service) -> list[Any]:
    """The numbers to call for a service: its own, else its locations', else its organization's.

    Uses what attach_contact_phones() (or a prefetch of PHONE_PREFETCH) loaded, when available.
    """
    attached = getattr(service, "_contact_phones", None)
    if attached is not None:
        return list(attached)
    phones = list(service.phones.all())
    if not phones:
        phones = [p for sal in service.service_at_locations.all() for p in sal.location.phones.all()]
    return phones or list(service.organization.phones.all())


PHONE_PREFETCH = ("phones", "organization__phones", "service_at_locations__location__phones")


def attach_contact_phones(services: list[Service]) -> None:
    """Load contact_phones() for many services in at most three queries, reading fallbacks only
    for the services that need them."""
    found: dict[Any, list[Phone]] = defaultdict(list)
    for phone in Phone.objects.filter(service_id__in=[s.id for s in services]):
        found[phone.service_id].append(phone)
    missing = [s.id for s in services if not found[s.id]]
    if missing:
        rows = Phone.objects.filter(location__service_at_locations__service_id__in=missing).annotate(
            for_service=F("location__service_at_locations__service_id")
        )
        for phone in rows:
            found[phone.for_service].append(phone)
    orgs = {s.organization_id for s in services if not found[s.id]}
    by_org: dict[Any, list[Phone]] = defaultdict(list)
    if orgs:
        for phone in Phone.objects.filter(organization_id__in=orgs, service__isnull=True, location__isnull=True):
            by_org[phone.organization_id].append(phone)
    for service in services:
        service._contact_phones = found[service.id] or by_org[service.organization_id]  # type: ignore[attr-defined]


@dataclass
class HelplineGroup:
    province: str  # '' for lines serving all of Canada or all the Maritimes
    lines: list[tuple[Service, list[Any]]]  # (service, its phones)


def helplines(category: str = "helpline") -> list[HelplineGroup]:
    """Active services in the helpline category: Canada-wide (or all-Maritimes) lines first, then
    one group per province they serve (NS, NB, PE, then the rest)."""
    services = (
        Service.objects.active()
        .filter(Exists(Attribute.objects.filter(service=OuterRef("pk"), taxonomy_term_id__in=term_ids_for(category))))
        .select_related("organization")
        .prefetch_related(*PHONE_PREFETCH, "service_areas")
    )
    groups: dict[str, list[tuple[Service, list[Any]]]] = defaultdict(list)
    for service in sorted(services, key=lambda s: (fold(s.name) or "", str(s.id))):
        provinces = {area.province for area in service.service_areas.all() if area.province}
        if set(MARITIMES) <= provinces:
            provinces = set()  # a line for the whole region is shown once, first
        for code in sorted(provinces) or [""]:
            groups[code].append((service, contact_phones(service)))
    order = ["", *MARITIMES, *(p.value for p in Province if p not in MARITIMES)]
    return [HelplineGroup(code, groups[code]) for code in order if code in groups]
