"""Public search over the directory: the door other parts call is `search_services()`.

The database answers every search, so no process builds anything of its own and none is ever stale:
filters are SQL on the service (words and provinces match the row kept per service, search_text.py);
near a place, the nearest places of a growing circle, then their pairs until they hold the page
(search_near.py, the same search as the HSDS API's proximity), or every place of a few matches;
without one, by name. Counts and orders are kept in the shared cache under the directory's version
(version.py); open now depends on the minute and is worked out from the hours each time. Then only
the services of the page are loaded, with their relations prefetched. Results are the same on
SQLite and PostgreSQL, and tests hold them to the in-memory index that answered before
(tests/reference.py).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from django.db.models import Exists, F, OuterRef, Q
from django.utils import translation
from django.utils.translation import get_language

from bettertogether.core.batches import batches
from bettertogether.core.geocode import geocode
from bettertogether.core.languages import content_language
from bettertogether.core.provinces import MARITIMES, PROVINCE_ALIASES, Province
from bettertogether.core.text import fold

from . import hours, search_near, search_text, version
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
from .search_near import as_uuid

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
    categories: tuple[str, ...] = ()  # its categories' names in the current language (else English), sorted


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


# --- the search ---


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
    filters = _filters(category, language, free, search_text.words_of(q), province, sanctuary)
    among = _open_among(filters, at) if open_now else None
    if point is not None:
        total, ranked = _ranked_near(
            point, getattr(place, "province", None), filters, offset=offset, limit=limit, among=among
        )
    else:
        total, ranked = _ranked_by_name(filters, offset=offset, limit=limit, among=among)
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


@dataclass(frozen=True)
class _Filters:
    """The filters the database engine answers: SQL on a service, checked service by service
    (`condition`) or written to read the whole directory (`scan`, see search_text.condition), and
    what the answer depends on besides the place (a cache key)."""

    condition: Q
    scan: Q
    parts: tuple[Any, ...]
    lang: str


def _filters(
    category: str | None,
    language: str | None,
    free: bool | None,
    words: list[str],
    province: str | None = None,
    sanctuary: bool = False,
) -> _Filters:
    terms = sorted(term_ids_for(category)) if category else None
    lang = _lang()
    condition, scan = (
        search_near.service_conditions(
            category_terms=terms,
            language=language,
            free=free,
            words=words,
            lang=lang,
            province=province,
            sanctuary=sanctuary,
            scan=scan,
        )
        for scan in (False, True)
    )
    return _Filters(condition, scan, (terms, language, free, tuple(words), lang, province, sanctuary), lang)


FEW_MATCHES = 1000  # services: read all their places rather than widen a circle (search_near.rows_of)


def _matching(filters: _Filters, token: str) -> tuple[int, list[uuid.UUID] | None]:
    """How many services match the filters, and which when they are few (else None): kept under the
    directory's version."""
    count = version.remember(token, "matching", filters.parts, lambda: search_near.matching_count(filters.scan))
    if count > FEW_MATCHES:
        return count, None
    if count == 0:
        return 0, []

    def read() -> list[uuid.UUID]:
        return list(Service.objects.filter(filters.scan).order_by().values_list("id", flat=True))

    return count, version.remember(token, "few", (*filters.parts, FEW_MATCHES), read)


def _open_among(filters: _Filters, at: dt.datetime | None) -> list[uuid.UUID]:
    """The services matching the filters that are open at `at` (else now): those open by their hours
    (open_states), then of those the ones the filters keep. Only services whose hours are known can
    be open, so they are few, and ranked as few matches are (search_near.rows_of)."""
    states = open_states(None, at, narrow=True)
    open_ids = sorted(sid for sid, is_open in states.items() if is_open)
    found: list[uuid.UUID] = []
    for chunk in batches(open_ids):
        found += Service.objects.filter(filters.condition, id__in=chunk).values_list("id", flat=True)
    return sorted(found)


def _ranked_near(
    point: tuple[float, float],
    place_province: str | None,
    filters: _Filters,
    *,
    offset: int,
    limit: int,
    among: list[uuid.UUID] | None = None,
) -> tuple[int, Ranked]:
    """The database engine: nearest located services, then the unlocated ones serving the place
    (`among`: only these services, all of which match the filters)."""
    condition, parts, lang = filters.condition, filters.parts, filters.lang
    token = version.current()
    # Per version, kept in the shared cache: the active services without a point (few, and the same
    # for every filter and place), then per filter how many services match and which of those few.
    matching, few = _matching(filters, token) if among is None else (len(among), among)
    without_point = version.remember(token, "unlocated-ids", (), search_near.unlocated_ids)
    unlocated = version.remember(
        token, "unlocated", parts, lambda: _by_name_with_provinces(condition, without_point, lang)
    )
    if among is not None:
        kept = set(among)
        unlocated = [row for row in unlocated if row[0] in kept]
    located = matching - len(unlocated)
    tail = [sid for sid, served in unlocated if not place_province or not served or place_province in served]
    rows = search_near.rows_of(few, point[0], point[1]) if few is not None and located else None
    nearest = (
        search_near.nearest_services(search_near.service_pairs(condition), point[0], point[1], offset + limit, rows)
        if located
        else []
    )
    ranked: Ranked = [(p.service, p.location, p.km) for p in nearest[offset : offset + limit]]
    if len(ranked) < limit:
        start = max(0, offset - located)
        ranked += [(sid, None, None) for sid in tail[start : start + limit - len(ranked)]]
    return located + len(tail), ranked


def _ranked_by_name(
    filters: _Filters, *, offset: int, limit: int, among: list[uuid.UUID] | None = None
) -> tuple[int, Ranked]:
    """The database engine without a place: every match by name, the order kept in the shared cache
    under the directory's version (`among`: only these services, ordered here)."""
    lang = filters.lang
    fields = ("id", f"name_{lang}", "name_en") if lang != "en" else ("id", "name_en", "name_en")
    if among is not None:
        rows: list[tuple[Any, ...]] = []
        for chunk in batches(among):
            rows += Service.objects.filter(id__in=chunk).order_by().values_list(*fields)
        ordered = [r[0] for r in sorted(rows, key=_name_order)]
        return len(ordered), [(sid, None, None) for sid in ordered[offset : offset + limit]]

    def in_order() -> list[uuid.UUID]:
        rows = Service.objects.filter(filters.scan).order_by().values_list(*fields)
        return [r[0] for r in sorted(rows, key=_name_order)]

    token = version.current()
    total, ids = version.remember_slice(token, "by-name", filters.parts, in_order, offset, offset + limit)
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
    for ids in batches(candidates):
        rows += Service.objects.filter(condition, id__in=ids).order_by().values_list(*fields)
        areas = ServiceArea.objects.filter(service_id__in=ids).exclude(province="")
        for sid, province in areas.values_list("service_id", "province"):
            served[sid].add(province)
    return [(r[0], frozenset(served.get(r[0], ()))) for r in sorted(rows, key=_name_order)]


def warm(languages: Iterable[str]) -> None:
    """What the first searches of every worker share, computed once before a server forks: the
    counts of a search near a place without filters in each content language (kept in the shared
    cache under the directory's version)."""
    for lang in languages:
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
    at national scale), found as the list beside it finds its services; else every pair.
    """
    point = _point_of(near)
    filters = _filters(category, language, free, search_text.words_of(q), province, sanctuary)
    among = _open_among(filters, at) if open_now else None
    if among is None:
        _count, few = _matching(filters, version.current())
    else:
        few = among
    if point is not None and limit is not None:
        rows = search_near.rows_of(few, point[0], point[1]) if few is not None else None
        pairs = search_near.service_pairs(filters.condition)
        nearest = search_near.nearest_pairs(pairs, point[0], point[1], max(0, limit), rows)
        return _features([(p.service, p.location) for p in nearest], filters.lang)
    if few is not None:
        located = [(as_uuid(r[1]), as_uuid(r[2])) for r in search_near.rows_of(few, 0.0, 0.0)]
    else:
        located = list(search_near.located_pairs(filters.scan).order_by().values_list("service_id", "location_id"))
    return _features(sorted(located, key=lambda pair: (str(pair[0]), str(pair[1]))), filters.lang)


def _features(pairs: list[tuple[uuid.UUID, uuid.UUID]], lang: str) -> list[dict[str, Any]]:
    """The map's dict of each (service, location) pair, in the given order: its point, its service's
    and organization's names and its categories' names in lang (else English)."""
    service_ids = sorted({sid for sid, _lid in pairs})
    names: dict[uuid.UUID, tuple[str, str]] = {}
    points: dict[uuid.UUID, tuple[float, float]] = {}
    categories: dict[uuid.UUID, set[str]] = defaultdict(set)
    fields = dict.fromkeys(["id", f"name_{lang}", "name_en", f"organization__name_{lang}", "organization__name_en"])
    for chunk in batches(service_ids):
        for row in Service.objects.filter(id__in=chunk).values(*fields):
            names[row["id"]] = (
                row[f"name_{lang}"] or row["name_en"] or "",
                row[f"organization__name_{lang}"] or row["organization__name_en"] or "",
            )
        categories.update(_category_names(chunk, lang))
    location_ids = sorted({lid for _sid, lid in pairs})
    for chunk in batches(location_ids):
        for lid, lat, lon in Location.objects.filter(id__in=chunk).values_list("id", "latitude", "longitude"):
            if lat is not None and lon is not None:
                points[lid] = (lat, lon)
    return [
        {
            "id": str(sid),
            "latitude": float(points[lid][0]),
            "longitude": float(points[lid][1]),
            "name": names[sid][0],
            "organization": names[sid][1],
            "categories": sorted(categories.get(sid, ())),
        }
        for sid, lid in pairs
        if sid in names and lid in points
    ]


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
    services = {s.id: s for s in Service.objects.filter(id__in=service_ids).select_related("organization")}
    attach_contact_phones(list(services.values()))
    categories = {
        sid: tuple(sorted(found, key=lambda n: (fold(n) or "", n)))
        for sid, found in _category_names(service_ids, _lang()).items()
    }
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
        items.append(SearchItem(service, locations.get(lid) if lid else None, km, categories.get(sid, ())))
    return items


def _category_names(service_ids: list[Any], lang: str) -> dict[Any, set[str]]:
    """The names of each service's categories in lang (else English), for the page and the map: read
    as values, for term instances cost a third of a page's loading."""
    names: dict[Any, set[str]] = defaultdict(set)
    rows = Attribute.objects.filter(service_id__in=service_ids).values_list(
        "service_id", f"taxonomy_term__name_{lang}", "taxonomy_term__name_en"
    )
    for sid, name, name_en in rows:
        if name or name_en:
            names[sid].add(name or name_en)
    return names


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
