"""Public search over the directory: the door other parts call is `search_services()`.

Filters run in SQL (the same on SQLite and PostgreSQL); distances are computed in numpy on the
locations inside a bounding box around the place, widened until the requested page is exact, so a
search near Kentville never reads the 20,000 services of the whole country. Only the services of
the page are loaded as objects, with their relations prefetched.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

import numpy as np
from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import Exists, F, Func, OuterRef, Prefetch, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import get_language

from bettertogether.core.geo import haversine_km_many
from bettertogether.core.provinces import PROVINCE_ALIASES

from . import hours
from .models import (
    Address,
    Attribute,
    HolidayClosure,
    Language,
    Location,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)

MANY_LANGUAGES = "mul"
# Bounding-box half-widths tried in turn; None means the whole country.
_RADII_KM: tuple[float | None, ...] = (25, 60, 150, 400, 1200, None)


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


# --- text folding: identical on SQLite (a Python function) and PostgreSQL (LOWER + TRANSLATE) ---
_ACCENTED = "àáâãäåāèéêëēìíîïīòóôõöøōùúûüūçñÿ"
_PLAIN = "aaaaaaaeeeeeiiiiiooooooouuuuucny"
_FOLD_TABLE = str.maketrans(_ACCENTED, _PLAIN)


def fold(text: str | None) -> str | None:
    """Lower-case without the common Latin accents, so 'Église' matches 'eglise'."""
    return None if text is None else text.lower().translate(_FOLD_TABLE)


class Fold(Func):
    function = "LOWER"
    arity = 1

    def as_sqlite(self, compiler: Any, conn: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, conn, function="BT_FOLD", **extra)

    def as_postgresql(self, compiler: Any, conn: Any, **extra: Any) -> Any:
        template = f"TRANSLATE(LOWER(%(expressions)s), '{_ACCENTED}', '{_PLAIN}')"
        return super().as_sql(compiler, conn, template=template, **extra)


def _register_fold(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("BT_FOLD", 1, fold, deterministic=True)


connection_created.connect(_register_fold)


def _ensure_fold() -> None:
    # Connections opened before this module was imported missed the signal.
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        _register_fold(None, connection)


# --- filters ---


def _lang() -> str:
    code = (get_language() or "en").split("-")[0]
    return code if code in {"en", "fr", "es", "tl"} else "en"


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


class _JoinText(Func):
    """a || ' | ' || b || … without Concat's nesting (deep nesting overflows SQLite's parser)."""

    template = "(%(expressions)s)"
    arg_joiner = " || ' | ' || "
    output_field = TextField()


def _text_filter(qs: QuerySet[Service], q: str) -> QuerySet[Service]:
    lang = _lang()
    fields = ["name_en", "description_en", "organization__name_en", "alternate_name"]
    if lang != "en":
        fields += [f"name_{lang}", f"description_{lang}", f"organization__name_{lang}"]
    parts = [Coalesce(F(name), Value(""), output_field=TextField()) for name in fields]
    qs = qs.annotate(search_text=Fold(_JoinText(*parts), output_field=TextField()))
    for word in q.split()[:8]:
        qs = qs.filter(search_text__contains=fold(word))
    return qs


def filtered_services(
    *,
    q: str | None = None,
    category: str | None = None,
    language: str | None = None,
    province: str | None = None,
    free: bool | None = None,
) -> QuerySet[Service]:
    """Active services matching every given filter (no ordering, no open-now)."""
    qs = Service.objects.active()
    if category:
        qs = qs.filter(
            Exists(Attribute.objects.filter(service=OuterRef("pk"), taxonomy_term_id__in=term_ids_for(category)))
        )
    if language:
        codes = [language.lower(), MANY_LANGUAGES]
        qs = qs.filter(
            Exists(Language.objects.filter(service=OuterRef("pk"), code__in=codes))
            | Exists(Language.objects.filter(phone__service=OuterRef("pk"), code__in=codes))
        )
    if province:
        qs = qs.filter(
            Exists(ServiceArea.objects.filter(service=OuterRef("pk"), province=province))
            | Exists(
                Address.objects.filter(
                    location__service_at_locations__service=OuterRef("pk"),
                    state_province__in=province_spellings(province),
                )
            )
        )
    if free is not None:
        qs = qs.filter(is_free=free)
    if q and q.strip():
        _ensure_fold()
        qs = _text_filter(qs, q.strip())
    return qs


# --- open now ---


@dataclass(frozen=True)
class _Line:
    byday: str
    opens_at: dt.time | None
    closes_at: dt.time | None
    valid_from: dt.date | None
    valid_to: dt.date | None


_LINE_FIELDS = ("byday", "opens_at", "closes_at", "valid_from", "valid_to")


def schedules_by_service(service_ids: Any, days: Iterable[dt.date] | None = None) -> dict[uuid.UUID, list[_Line]]:
    """Schedule lines of each service: its own, else those of its locations.

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
    own: dict[uuid.UUID, list[_Line]] = defaultdict(list)
    for row in Schedule.objects.filter(narrow, service_id__in=service_ids).values_list("service_id", *_LINE_FIELDS):
        own[row[0]].append(_Line(*row[1:]))
    by_location: dict[uuid.UUID, list[_Line]] = defaultdict(list)
    rows = Schedule.objects.filter(
        narrow, service__isnull=True, location__service_at_locations__service_id__in=service_ids
    ).values_list("location__service_at_locations__service_id", *_LINE_FIELDS)
    for row in rows:
        by_location[row[0]].append(_Line(*row[1:]))
    return {sid: own.get(sid) or by_location[sid] for sid in set(own) | set(by_location)}


def open_states(service_ids: Any, at: dt.datetime | None = None, narrow: bool = False) -> dict[uuid.UUID, bool]:
    """Open (True) or closed (False) for services whose hours are known; unknown ones are absent."""
    moment = hours.to_local(at)
    today = moment.date()
    days = [today, today - dt.timedelta(days=1)] if narrow else None
    lines = schedules_by_service(service_ids, days)
    closed: dict[uuid.UUID, set[dt.date]] = defaultdict(set)
    closures = HolidayClosure.objects.filter(
        service_id__in=list(lines), date__in=[today, today - dt.timedelta(days=1)]
    ).values_list("service_id", "date")
    for sid, day in closures:
        closed[sid].add(day)
    states = {}
    for sid, service_lines in lines.items():
        state = hours.is_open(service_lines, closed[sid], moment)
        if state is not None:
            states[sid] = state
    return states


# --- distances ---


def haversine_many(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    return haversine_km_many(lat, lon, lats, lons)


def _bbox(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    dlat = radius_km / 111.0
    dlon = radius_km / (111.32 * max(math.cos(math.radians(min(abs(lat) + dlat, 89.0))), 0.01))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def _nearest(
    ids_qs: QuerySet[Service], lat: float, lon: float, radius_km: float | None
) -> list[tuple[Any, Any, float]]:
    """(service id, location id, km) for each service's nearest located location within the radius."""
    sal = ServiceAtLocation.objects.filter(
        service_id__in=ids_qs, location__latitude__isnull=False, location__longitude__isnull=False
    )
    if radius_km is not None:
        lat0, lat1, lon0, lon1 = _bbox(lat, lon, radius_km)
        sal = sal.filter(location__latitude__range=(lat0, lat1), location__longitude__range=(lon0, lon1))
    rows = list(sal.values_list("service_id", "location_id", "location__latitude", "location__longitude"))
    if not rows:
        return []
    dist = haversine_many(lat, lon, np.fromiter((r[2] for r in rows), float), np.fromiter((r[3] for r in rows), float))
    best: dict[Any, tuple[Any, Any, float]] = {}
    for i in np.argsort(dist, kind="stable"):
        d = float(dist[i])
        if radius_km is not None and d > radius_km:
            break  # outside the circle the bounding box is not exhaustive
        sid = rows[i][0]
        if sid not in best:
            best[sid] = (sid, rows[i][1], d)
    return sorted(best.values(), key=lambda t: (t[2], str(t[0])))


def _located(qs: QuerySet[Service]) -> QuerySet[Service]:
    return qs.filter(
        Exists(
            ServiceAtLocation.objects.filter(
                service=OuterRef("pk"), location__latitude__isnull=False, location__longitude__isnull=False
            )
        )
    )


def _name_order(qs: QuerySet[Service]) -> QuerySet[Service]:
    lang = _lang()
    name = Coalesce(NullIf(F(f"name_{lang}"), Value("")), F("name_en"), output_field=TextField())
    return qs.annotate(sort_name=Lower(name)).order_by("sort_name", "id")


def _point_of(near: Any) -> tuple[float, float] | None:
    if near is None:
        return None
    if isinstance(near, tuple | list):
        return float(near[0]), float(near[1])
    return float(near.latitude), float(near.longitude)


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
) -> SearchResults:
    """Active services matching the filters, nearest first when `near` is given, else by name.

    `near` is a GeoPoint (from core.geocode) or a (lat, lon) pair. With a place, services that have
    no point (virtual, province-wide) come after the located ones, and only if they serve the
    place's province (or name no province). Content is matched in the current language and English.
    """
    limit = max(1, min(int(limit), 200))
    offset = max(0, int(offset))
    place = near
    if isinstance(near, tuple | list):
        place = PointPlace(float(near[0]), float(near[1]))
    qs = filtered_services(q=q, category=category, language=language, province=province, free=free)
    if open_now:
        states = open_states(qs.values("id"), at, narrow=True)
        qs = qs.filter(id__in=[sid for sid, is_open in states.items() if is_open])
    ids_qs = qs.values("id")
    point = _point_of(place)

    ranked: list[tuple[Any, Any, float | None]]
    if point is None:
        total = qs.count()
        page_ids = list(_name_order(qs).values_list("id", flat=True)[offset : offset + limit])
        ranked = [(sid, None, None) for sid in page_ids]
    else:
        located_total = _located(qs).count()
        unlocated = qs.exclude(id__in=_located(qs).values("id"))
        place_province = getattr(place, "province", None)
        if place_province:
            unlocated = unlocated.filter(
                ~Exists(ServiceArea.objects.filter(service=OuterRef("pk")).exclude(province=""))
                | Exists(ServiceArea.objects.filter(service=OuterRef("pk"), province=place_province))
            )
        total = located_total + unlocated.count()
        wanted = min(offset + limit, located_total)
        nearest: list[tuple[Any, Any, float]] = []
        for radius in _RADII_KM:
            if wanted == 0:
                break
            nearest = _nearest(ids_qs, point[0], point[1], radius)
            if len(nearest) >= wanted:
                break
        ranked = list(nearest[offset : offset + limit])
        if len(ranked) < limit:
            start = max(0, offset - located_total)
            extra = _name_order(unlocated).values_list("id", flat=True)[start : start + limit - len(ranked)]
            ranked += [(sid, None, None) for sid in extra]

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


def _load_page(ranked: list[tuple[Any, Any, float | None]]) -> list[SearchItem]:
    if not ranked:
        return []
    service_ids = [r[0] for r in ranked]
    services = {
        s.id: s
        for s in Service.objects.filter(id__in=service_ids)
        .select_related("organization")
        .prefetch_related(
            "phones",
            Prefetch("attributes", queryset=Attribute.objects.select_related("taxonomy_term")),
        )
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
        items.append(SearchItem(service, locations.get(lid) if lid else None, km))
    return items


def map_features(
    *,
    q: str | None = None,
    category: str | None = None,
    language: str | None = None,
    province: str | None = None,
    free: bool | None = None,
    open_now: bool = False,
    at: dt.datetime | None = None,
) -> list[dict[str, Any]]:
    """One GeoJSON-ready dict per located (service, location) pair matching the filters."""
    qs = filtered_services(q=q, category=category, language=language, province=province, free=free)
    if open_now:
        states = open_states(qs.values("id"), at, narrow=True)
        qs = qs.filter(id__in=[sid for sid, is_open in states.items() if is_open])
    lang = _lang()

    def tr(row: dict[str, Any], base: str) -> str:
        return row.get(f"{base}_{lang}") or row.get(f"{base}_en") or ""

    name_fields = {"name_en", f"name_{lang}", "organization__name_en", f"organization__name_{lang}"}
    services = {row["id"]: row for row in qs.values("id", *name_fields)}
    if not services:
        return []
    term_fields = {"service_id", "taxonomy_term__name_en", f"taxonomy_term__name_{lang}"}
    categories: dict[Any, list[str]] = defaultdict(list)
    for row in Attribute.objects.filter(service_id__in=qs.values("id")).values(*term_fields):
        categories[row["service_id"]].append(tr(row, "taxonomy_term__name"))
    points = ServiceAtLocation.objects.filter(
        service_id__in=qs.values("id"), location__latitude__isnull=False, location__longitude__isnull=False
    ).values_list("service_id", "location__latitude", "location__longitude")
    features = []
    for sid, lat, lon in points:
        row = services.get(sid)
        if row is None:
            continue
        features.append(
            {
                "id": str(sid),
                "latitude": lat,
                "longitude": lon,
                "name": tr(row, "name"),
                "organization": tr(row, "organization__name"),
                "categories": sorted(categories.get(sid, [])),
            }
        )
    return features


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
    from bettertogether.core.geocode import geocode

    return geocode(text.strip()[:100], province=province)


@dataclass
class HelplineGroup:
    province: str  # '' for Canada-wide lines
    services: list[Service]


def helplines(category: str = "helpline") -> list[HelplineGroup]:
    """Active services in the helpline category, Canada-wide first, then by province (NS, NB, PE, …)."""
    from bettertogether.core.provinces import MARITIMES, Province

    services = (
        Service.objects.active()
        .filter(Exists(Attribute.objects.filter(service=OuterRef("pk"), taxonomy_term_id__in=term_ids_for(category))))
        .select_related("organization")
        .prefetch_related("phones", "service_areas")
    )
    groups: dict[str, list[Service]] = defaultdict(list)
    for service in _name_order(services):
        provinces = {area.province for area in service.service_areas.all() if area.province}
        for code in sorted(provinces) or [""]:
            groups[code].append(service)
    order = ["", *MARITIMES, *(p.value for p in Province if p not in MARITIMES)]
    return [HelplineGroup(code, groups[code]) for code in order if code in groups]
