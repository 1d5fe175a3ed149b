"""Searches near a point answered by the database: the one proximity search of the pages and the API.

A bounding box on the indexed latitude/longitude columns (exact for a sphere, so no place of the
circle is missed) gives the places; their great-circle distances are computed here with core.geo,
the same function as the tests' reference index, so both give the same kilometres. Then the pairs of the
places inside the circle are read, their services checked against the filters. The services page
takes places nearest first until their pairs hold the page's services; the HSDS API asks for one
radius. Filters are SQL conditions on the service, so no per-process index is needed: a fresh
worker answers its first search at once and never from stale data.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, connections
from django.db.models import Exists, F, FloatField, Func, OuterRef, Q, QuerySet, Value

from bettertogether.core.batches import batches
from bettertogether.core.geo import EARTH_RADIUS_KM, haversine_km_many
from bettertogether.core.languages import MANY_LANGUAGES

from . import search_text
from .models import Attribute, Language, Location, Organization, Service, ServiceArea, ServiceAtLocation

FIRST_RADIUS_KM = 4.0  # a town's centre; dense cities fill it, elsewhere the circle grows
MAX_GROWTH = 8.0
READ_AT_ONCE = 500  # places: a bigger box is narrowed first (see smallest_circle)
LEAST_BATCH = 16  # places whose pairs are read at once, at the least (see batch_size)
COUNT_FROM_KM = 30.0  # smaller circles are read without counting first: a town never holds too many
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


Key = Any  # an id as the database returns it: text on SQLite, a UUID on PostgreSQL
Row = tuple[Key, Key, Key, float]  # pair, service, location, km
PAIR_FIELDS = ("id", "service_id", "location_id", "location__latitude", "location__longitude")  # read for a Row


def as_uuid(value: Key) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


def order_key(value: Key) -> str:
    """A sort key giving the order of str(uuid) whichever form the id came in (the dashes of
    str(uuid) stand at the same places in every id, so they never change an order)."""
    return value if isinstance(value, str) else str(value)


def rows_within(pairs: QuerySet[ServiceAtLocation], lat: float, lon: float, km: float) -> list[Row]:
    """(pair, service, location, km) of the pairs of `pairs` whose location lies within km of the point."""
    return rows_at(pairs, places_within(lat, lon, km))


Place = tuple[float, Key]  # km from the point, location


def places_within(lat: float, lon: float, km: float) -> list[Place]:
    """The located places within km of the point, nearest first (ties: the smaller id).

    Places first, their pairs after (rows_at): a place is one row of the coordinates' index, while
    its pairs cost a lookup each and the filters' check, so only the pairs of places inside the
    circle, not those in the corners of its box, are ever read. Raw rows: converting every id of a
    city's box to a UUID cost more than the query, so callers convert only the ids they keep.
    """
    lats, lons = box(lat, lon, km)
    near = _plain(Location).filter(latitude__range=lats, longitude__isnull=False)
    if lons is not None:
        near = near.filter(longitude__range=lons)
    rows = _raw_rows(near.order_by().values_list("id", "latitude", "longitude"))
    if not rows:
        return []
    distances: list[float] = haversine_km_many(lat, lon, [r[1] for r in rows], [r[2] for r in rows]).tolist()
    found = [(d, r[0]) for r, d in zip(rows, distances, strict=True) if d <= km]
    found.sort(key=lambda place: (place[0], order_key(place[1])))
    return found


def rows_at(pairs: QuerySet[ServiceAtLocation], places: Sequence[Place]) -> list[Row]:
    """(pair, service, location, km) of the pairs of `pairs` at these places, each at its place's distance."""
    distance = {location: km for km, location in places}
    rows: list[tuple[Any, ...]] = []
    for chunk in batches(list(distance)):
        query = pairs.prefetch_related(None).filter(location_id__in=chunk).order_by()
        rows += _raw_rows(query.values_list("id", "service_id", "location_id"))
    return [(pair, service, location, distance[location]) for pair, service, location in rows]


def _with_distances(rows: list[tuple[Any, ...]], lat: float, lon: float) -> list[Row]:
    """(pair, service, location, km) of raw PAIR_FIELDS rows, by core.geo's distance from the point."""
    if not rows:
        return []
    distances: list[float] = haversine_km_many(lat, lon, [r[3] for r in rows], [r[4] for r in rows]).tolist()
    return [(r[0], r[1], r[2], d) for r, d in zip(rows, distances, strict=True)]


def _plain(model: type[Location]) -> QuerySet[Location]:
    """A queryset of the model without its translated manager, whose values_list() selects the
    fields in an order of its own, which raw rows (_raw_rows) would not undo."""
    return QuerySet(model=model)


def _raw_rows(query: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a values_list() query as the database driver gives them (no field converters)."""
    sql, params = query.query.sql_with_params()
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
    return rows


def pairs_of(
    services: QuerySet[Service], among: QuerySet[ServiceAtLocation] | None = None
) -> QuerySet[ServiceAtLocation]:
    """The service-location pairs (of `among`, else all) of these services, written so the database starts from the
    coordinates' index and checks each pair's service by its key: `service_id IN (services)` made
    SQLite read every service first (81 ms against 21 ms near Halifax at 20,000 services)."""
    pairs = ServiceAtLocation.objects.all() if among is None else among
    return pairs.filter(Exists(services.filter(pk=OuterRef("service_id"))))


def service_conditions(
    *,
    category_terms: Iterable[uuid.UUID] | None = None,
    language: str | None = None,
    free: bool | None = None,
    words: Sequence[str] = (),
    lang: str = search_text.BASE,
    province: str | None = None,
    sanctuary: bool = False,
    scan: bool = False,
) -> Q:
    """The public search's filters as SQL on a service (`words`: search_text.words_of() of the text
    searched for, matched in `lang`; `province`: served there; `sanctuary`: of the network's member
    organizations; `scan`: written for reading the whole directory, see search_text.condition)."""
    condition = Q(status=Service.Status.ACTIVE)
    if words or province:
        condition &= search_text.condition(words, lang, province=province, scan=scan)
    if sanctuary:  # from the few member organizations, by the services' index on them
        condition &= Q(organization__in=Organization.objects.filter(in_sanctuary_network=True))
    if category_terms is not None:
        terms = list(category_terms)
        condition &= Q(Exists(Attribute.objects.filter(service_id=OuterRef("pk"), taxonomy_term_id__in=terms)))
    if language:
        codes = Q(code__iexact=language) | Q(code__iexact=MANY_LANGUAGES)
        condition &= Q(Exists(Language.objects.filter(codes, service_id=OuterRef("pk")))) | Q(
            Exists(Language.objects.filter(codes, phone__service_id=OuterRef("pk")))
        )
    if free is True:
        condition &= Q(is_free=True)
    elif free is False:
        condition &= ~Q(is_free=True)
    return condition


def wider(km: float, held: int, wanted: int) -> float:
    """The next radius when a circle of `km` held `held` of the `wanted` results: the area that
    would hold them at the density seen so far, with some room (×2 to ×8; ×2 when it held none)."""
    growth = 1.5 * math.sqrt(wanted / held) if held else 2.0
    return min(km * min(max(growth, 2.0), MAX_GROWTH), WHOLE_EARTH_KM)


def locations_in_box(lat: float, lon: float, km: float) -> int:
    """How many located places the circle's box holds: a count on the coordinates' index alone."""
    lats, lons = box(lat, lon, km)
    places = Location.objects.filter(latitude__range=lats, longitude__isnull=False)
    return (places if lons is None else places.filter(longitude__range=lons)).count()


GEOGRAPHY_INDEX = "directory_location_geography"  # migration 0007
_knn: dict[str, bool] = {}  # per database alias: PostGIS and the index are there


def knn_available(using: str = "default") -> bool:
    """PostGIS's nearest-neighbour search can answer here: PostgreSQL with the geography index."""
    if using not in _knn:
        found = False
        if connections[using].vendor == "postgresql":
            with connections[using].cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [GEOGRAPHY_INDEX])
                found = cursor.fetchone() is not None
        _knn[using] = found
    return _knn[using]


class _Geography(Func):
    function = "ST_MakePoint"
    template = "geography(%(function)s(%(expressions)s))"


class _KnnDistance(Func):
    """`a <-> b` on geographies: the order PostGIS's GiST index gives nearest first."""

    arg_joiner = " <-> "
    template = "(%(expressions)s)"
    output_field = FloatField()


def knn_radius(lat: float, lon: float, count: int) -> float:
    """The radius of the circle holding the `count` places nearest the point, found by PostGIS's
    nearest-neighbour search on the GiST index: the farthest of them by core.geo's distance (so the
    circle read next holds every one of them whatever the rounding of either)."""
    here = _Geography(Value(lon), Value(lat))
    nearest = (
        _plain(Location)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .annotate(knn=_KnnDistance(_Geography(F("longitude"), F("latitude")), here))
        .order_by("knn")
        .values_list("latitude", "longitude")[:count]
    )
    rows = _raw_rows(nearest)
    if len(rows) < count:
        return WHOLE_EARTH_KM  # fewer places than wanted in all: the whole earth holds them
    return float(haversine_km_many(lat, lon, [r[0] for r in rows], [r[1] for r in rows]).max())


def smallest_circle(pairs: QuerySet[ServiceAtLocation], lat: float, lon: float, wanted: int, by: int) -> list[Row]:
    """The rows of a circle around the point holding `wanted` distinct results (row[by]: the pair, 0,
    or its service, 1).

    The circle grows (`wider`) from a town's size, or on PostgreSQL with PostGIS from the one that
    holds as many places as results are wanted (knn_radius). Inside it, places are taken nearest
    first, in batches sized by the results their pairs held so far (batch_size), until they hold
    the results: the circle is then the distance of the last place taken, and exact, for every
    place up to it has been read. From
    COUNT_FROM_KM, a circle whose box would hold more than READ_AT_ONCE places is first halved
    towards the last one that held too few (a city beyond empty country must not make the search
    list the whole city), until a circle that big has been read.
    """
    rows: list[Row] = []
    found: set[Key] = set()
    taken = 0  # places whose pairs have been read
    read_km, low, km, read_big = -1.0, 0.0, FIRST_RADIUS_KM, False
    if knn_available(pairs.db):  # the first circle holds as many places as results are wanted
        km = max(knn_radius(lat, lon, wanted), 0.001)
    while True:
        if (
            not read_big
            and COUNT_FROM_KM <= km < WHOLE_EARTH_KM
            and km - low > max(1.0, low / 4)
            and locations_in_box(lat, lon, km) > READ_AT_ONCE
        ):
            km = (low + km) / 2
            continue
        places = [place for place in places_within(lat, lon, km) if place[0] > read_km]
        start = 0
        while start < len(places):
            end = min(len(places), start + batch_size(wanted - len(found), len(found), taken))
            while end < len(places) and places[end][0] == places[end - 1][0]:
                end += 1  # a tie with the last place taken: take it too, or the circle is not exact
            new = rows_at(pairs, places[start:end])
            rows += new
            found.update(row[by] for row in new)
            taken += end - start
            if len(found) >= wanted:
                return rows
            start = end
        if km >= WHOLE_EARTH_KM:
            return rows
        read_big = read_big or len(places) > READ_AT_ONCE
        read_km, low, km = km, km, wider(km, len(found), wanted)


def batch_size(missing: int, found: int, taken: int) -> int:
    """How many places to take next when `taken` places held `found` results and `missing` more are
    wanted: as many as would hold them at the rate seen so far, with a quarter more, but at most four
    times as many as so far, for a rate seen on few places is rough. At first, a quarter as many
    places as results are wanted (a place mostly holds several); when none held any, twice as many
    as before."""
    if not found:
        return max(LEAST_BATCH, missing // 4, 2 * taken)
    return max(LEAST_BATCH, min(math.ceil(1.25 * missing * taken / found), 4 * taken))


def nearest_services(
    pairs: QuerySet[ServiceAtLocation], lat: float, lon: float, count: int, among: list[Row] | None = None
) -> list[PairDistance]:
    """The `count` services of `pairs` nearest the point, each at its nearest location, nearest first.

    The smallest circle holding `count` services holds exactly the nearest ones; `among`, when given,
    holds every pair of `pairs` (see rows_of), and is read instead.
    Ties go to the smaller service id, then the smaller location id.
    """
    if count <= 0:
        return []
    rows = smallest_circle(pairs, lat, lon, count, by=1) if among is None else among
    best: dict[Key, tuple[float, str, Key, Key, Key]] = {}
    for pair, service, location, d in rows:
        held = best.get(service)
        candidate = (d, order_key(location), service, location, pair)
        if held is None or candidate[:2] < held[:2]:
            best[service] = candidate
    chosen = sorted(best.values(), key=lambda b: (b[0], order_key(b[2])))[:count]
    return [PairDistance(as_uuid(p), as_uuid(s), as_uuid(loc), d) for d, _o, s, loc, p in chosen]


def nearest_pairs(
    pairs: QuerySet[ServiceAtLocation], lat: float, lon: float, count: int, among: list[Row] | None = None
) -> list[PairDistance]:
    """The `count` pairs of `pairs` nearest the point, nearest first (ties: the smaller pair id);
    `among` as for nearest_services()."""
    if count <= 0:
        return []
    found = smallest_circle(pairs, lat, lon, count, by=0) if among is None else list(among)
    found.sort(key=lambda row: (row[3], order_key(row[0])))
    return [PairDistance(as_uuid(p), as_uuid(s), as_uuid(loc), d) for p, s, loc, d in found[:count]]


def rows_of(service_ids: list[uuid.UUID], lat: float, lon: float) -> list[Row]:
    """Every located pair of these services, with its distance from the point: when a filter matches
    few services (a rare word), reading their pairs by the services' index beats widening a circle
    that holds almost none of them until it holds the whole country."""
    rows: list[tuple[Any, ...]] = []
    for chunk in batches(service_ids):
        query = ServiceAtLocation.objects.filter(
            service_id__in=chunk, location__latitude__isnull=False, location__longitude__isnull=False
        )
        rows += _raw_rows(query.order_by().values_list(*PAIR_FIELDS))
    return _with_distances(rows, lat, lon)


def service_pairs(condition: Q) -> QuerySet[ServiceAtLocation]:
    """Service-location pairs whose service meets `condition` (written on the service), for the
    searches that take their places from the coordinates' index, hence only located ones."""
    return pairs_of(Service.objects.filter(condition))


def located_pairs(condition: Q) -> QuerySet[ServiceAtLocation]:
    """Service-location pairs with a point whose service meets `condition` (written on the service)."""
    return pairs_of(Service.objects.filter(condition)).filter(
        location__latitude__isnull=False, location__longitude__isnull=False
    )


def matching_count(condition: Q) -> int:
    """How many services meet `condition` (written on the service)."""
    return Service.objects.filter(condition).count()


def unlocated_ids() -> list[uuid.UUID]:
    """Active services without a located place: those with no place at all, and those whose places
    all lack a point. Two reads on indexes: checking every service's places for a point read
    the whole directory (770 ms at 200,000 services against 320)."""
    active = Q(status=Service.Status.ACTIVE)
    no_place = Service.objects.filter(active).exclude(
        Exists(ServiceAtLocation.objects.filter(service_id=OuterRef("pk")))
    )
    pointless = Q(location__latitude__isnull=True) | Q(location__longitude__isnull=True)
    maybe = set(
        ServiceAtLocation.objects.filter(pointless, service__status=Service.Status.ACTIVE).values_list(
            "service_id", flat=True
        )
    )
    located: set[uuid.UUID] = set()
    for chunk in batches(sorted(maybe)):
        located.update(located_pairs(Q()).filter(service_id__in=chunk).values_list("service_id", flat=True))
    return sorted({*no_place.values_list("id", flat=True), *(maybe - located)})
