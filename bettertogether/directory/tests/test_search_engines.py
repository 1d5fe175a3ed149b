"""The database engine (search_near.py) gives the in-memory index's answers, and the HSDS API's
proximity search gives a brute force's: on the demo directory and on generated directories."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
import uuid
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bettertogether.core.geo import haversine_km
from bettertogether.directory import search, search_near, search_text
from bettertogether.directory.api import queries
from bettertogether.directory.models import Language, Service, ServiceAtLocation, TaxonomyTerm
from bettertogether.directory.search import PointPlace
from bettertogether.directory.tests import factories as f
from bettertogether.directory.tests import reference

pytestmark = pytest.mark.django_db

KENTVILLE = (45.0775, -64.4945)
PLACES = [KENTVILLE, (44.65, -63.57), (46.24, -63.13), (45.95, -66.64), (43.65, -79.38), (49.28, -123.12)]


AT = dt.datetime(2026, 12, 8, 15, 0, tzinfo=dt.UTC)  # a Tuesday, 11:00 in Halifax: open-now searches ask then


def _with_defaults(filters: dict[str, Any]) -> dict[str, Any]:
    return {"q": None, "province": None, "sanctuary": False, "open_now": False, **filters}


def _database(
    point: tuple[float, float] | None, place_province: str | None, *, limit: int, offset: int, **given: Any
) -> tuple[int, search.Ranked]:
    """The database engine's ranking, as search_services() asks it."""
    f = _with_defaults(given)
    filters = search._filters(
        f["category"], f["language"], f["free"], search_text.words_of(f["q"]), f["province"], f["sanctuary"]
    )
    among = search._open_among(filters, AT) if f["open_now"] else None
    if point is None:
        return search._ranked_by_name(filters, offset=offset, limit=limit, among=among)
    return search._ranked_near(point, place_province, filters, offset=offset, limit=limit, among=among)


def _both_ways(answer: Any) -> Any:
    """`answer()` as the database gives it reading all the places of few matches, and widening its
    circle (FEW_MATCHES 0), taking its places one or two at a time (LEAST_BATCH 1, so that ties fall
    between batches): the answers must agree exactly."""
    few = answer()
    with mock.patch.object(search, "FEW_MATCHES", 0), mock.patch.object(search_near, "LEAST_BATCH", 1):
        assert answer() == few
    return few


def _answers(
    point: tuple[float, float], place_province: str | None, *, limit: int = 200, offset: int = 0, **filters: Any
) -> tuple[tuple[int, search.Ranked], tuple[int, search.Ranked]]:
    """(the database's answer, the reference's) near the point."""
    place = PointPlace(point[0], point[1], province=place_province)
    by_database = _both_ways(lambda: _database(point, place_province, limit=limit, offset=offset, **filters))
    by_reference = reference.ranked(point, place, at=AT, offset=offset, limit=limit, **_with_defaults(filters))
    return by_database, by_reference


def _same(
    by_database: tuple[int, search.Ranked], by_index: tuple[int, search.Ranked], whole: search.Ranked | None = None
) -> None:
    """Same total, same distances in the same order, same services at each distance (ties may come in
    another order), the same unlocated services in the same order. With `whole` (every result), a tie
    cut by the page's start or end only has to hold services of that tie."""
    assert by_database[0] == by_index[0]
    ours, theirs = by_database[1], by_index[1]
    assert [None if km is None else round(km, 9) for _s, _l, km in ours] == [
        None if km is None else round(km, 9) for _s, _l, km in theirs
    ]
    groups = [list(g) for _km, g in itertools.groupby(range(len(ours)), key=lambda i: ours[i][2])]
    for n, rows in enumerate(groups):
        km = ours[rows[0]][2]
        if km is None:
            assert [ours[i][0] for i in rows] == [theirs[i][0] for i in rows]
        elif whole is not None and (n == 0 or n == len(groups) - 1):
            tie = {s for s, _l, d in whole if d == km}
            assert {ours[i][0] for i in rows} <= tie and {theirs[i][0] for i in rows} <= tie
        else:
            assert {ours[i][0] for i in rows} == {theirs[i][0] for i in rows}


def _by_name(limit: int = 200, offset: int = 0, **filters: Any) -> tuple[Any, Any]:
    by_database = _database(None, None, limit=limit, offset=offset, **filters)
    by_reference = reference.ranked(None, None, at=AT, offset=offset, limit=limit, **_with_defaults(filters))
    return by_database, by_reference


def _markers(point: tuple[float, float] | None, limit: int | None, **filters: Any) -> tuple[list[Any], list[Any]]:
    by_database = _both_ways(lambda: search.map_features(near=point, limit=limit, at=AT, **_with_defaults(filters)))
    by_reference = reference.map_features(point, limit, at=AT, **_with_defaults(filters))
    return by_database, by_reference


def _same_whole_map(by_database: list[Any], by_reference: list[Any]) -> None:
    """Every marker of the filters, without a place: the same ones (in any order)."""

    def marker(m: dict[str, Any]) -> tuple[Any, ...]:
        return (m["id"], m["latitude"], m["longitude"], m["name"], m["organization"], tuple(m["categories"]))

    assert sorted(map(marker, by_database)) == sorted(map(marker, by_reference))


def _same_markers(point: tuple[float, float], limit: int, by_database: list[Any], by_index: list[Any]) -> None:
    """The same markers (service, point, names, categories); where `limit` cuts a tie of equal
    distances, the same distances and the same markers before that tie."""

    def marker(m: dict[str, Any]) -> tuple[Any, ...]:
        return (m["id"], m["latitude"], m["longitude"], m["name"], m["organization"], tuple(m["categories"]))

    def km(m: dict[str, Any]) -> float:
        return round(haversine_km(point[0], point[1], m["latitude"], m["longitude"]), 9)

    assert sorted(map(km, by_database)) == sorted(map(km, by_index))
    cut = max(map(km, by_database), default=0.0) if len(by_database) == limit else float("inf")
    assert sorted(marker(m) for m in by_database if km(m) < cut) == sorted(marker(m) for m in by_index if km(m) < cut)


def _filter_sets(categories: list[str], languages: list[str]) -> list[dict[str, Any]]:
    sets: list[dict[str, Any]] = [{"category": None, "language": None, "free": None}]
    sets += [{"category": c, "language": None, "free": None} for c in categories]
    sets += [{"category": None, "language": code, "free": None} for code in languages]
    sets += [{"category": None, "language": None, "free": free} for free in (True, False)]
    if categories and languages:
        sets.append({"category": categories[0], "language": languages[0], "free": True})
    # Words: common, accented, in two parts, matching nothing, and LIKE's wildcards taken literally.
    sets += [{"q": q, "category": None, "language": None, "free": None} for q in DEMO_WORDS]
    if categories:
        sets.append({"q": DEMO_WORDS[0], "category": categories[0], "language": None, "free": None})
    none = {"category": None, "language": None, "free": None}
    sets += [{**none, "province": code} for code in ("NS", "NB", "PE", "ON", "QC")]
    sets += [{**none, "sanctuary": True}, {**none, "sanctuary": True, "province": "NS", "q": "e"}]
    sets += [{**none, "open_now": True}, {**none, "open_now": True, "q": "e", "province": "NS"}]
    if categories:
        sets.append({**none, "open_now": True, "category": categories[0]})
    return sets


DEMO_WORDS = ["worker", "santé", "legal help", "Halifax", "zzqx", "%", "_", "e"]


def test_the_engines_agree_on_the_demo_directory() -> None:
    call_command("load_demo", stdout=io.StringIO())
    assert Service.objects.active().count() > 20
    categories = sorted(set(TaxonomyTerm.objects.values_list("code", flat=True)))[:6]
    languages = sorted({code.lower() for code in Language.objects.values_list("code", flat=True)})[:4]
    for point, province in zip(PLACES, ["NS", "NS", "PE", "NB", "ON", None], strict=True):
        for filters in _filter_sets(categories, languages):
            _same(*_answers(point, province, **filters))
            for limit in (5, 1500):
                _same_markers(point, limit, *_markers(point, limit, **filters))
        _same_whole_map(*_markers(None, None, **filters))
    for filters in _filter_sets(categories, languages):
        for offset, limit in ((0, 200), (3, 7)):
            by_database, by_index = _by_name(limit, offset, **filters)
            assert by_database == by_index
        # Pages of the database engine follow one another without gap or repeat.
        none = {"category": None, "language": None, "free": None}
        full = _database(point, province, offset=0, limit=200, **none)
        pages = [_database(point, province, offset=o, limit=7, **none)[1] for o in range(0, full[0], 7)]
        assert [row for page in pages for row in page] == full[1]


# --- generated directories: few distinct points so ties are common; some services unlocated


_POINTS = st.sampled_from([(45.0775, -64.4945), (45.08, -64.5), (44.65, -63.57), (46.24, -63.13), (49.28, -123.12)])
_SERVICE = st.fixed_dictionaries(
    {
        "name": st.sampled_from(["Alpha", "alpha", "Église", "Eglise", "Zed", "Études", "bravo", "50% x_y", "x-y"]),
        "status": st.sampled_from(["active", "active", "active", "inactive"]),
        "is_free": st.sampled_from([True, False, None]),
        "points": st.lists(st.one_of(_POINTS, st.none()), max_size=3),
        "terms": st.sets(st.sampled_from(["food", "legal", "health"]), max_size=2),
        "languages": st.sets(st.sampled_from(["fr", "ES", "mul"]), max_size=2),
        "phone_language": st.one_of(st.none(), st.sampled_from(["fr", "tl"])),
        "areas": st.sets(st.sampled_from(["NS", "NB", "PE", "ON"]), max_size=2),
        # The province of each place's address, in the spellings addresses come in.
        "addresses": st.lists(st.sampled_from(["NS", "Nova Scotia", " n.s. ", "PEI", "Ontario", "Nowhere", ""])),
        "sanctuary": st.booleans(),
        # Hours: open at AT (Tuesday 11:00 in Halifax), closed then, or unknown.
        "hours": st.sampled_from([None, "open", "closed", "location"]),
    }
)


def _build(services: list[dict[str, Any]]) -> None:
    terms = {code: f.TaxonomyTermFactory(code=code) for code in ("food", "legal", "health", "parent")}
    terms["food"].parent = terms["parent"]
    terms["food"].save()
    for spec in services:
        service = f.ServiceFactory(
            name=spec["name"], name_en=spec["name"], status=spec["status"], is_free=spec["is_free"],
            organization=f.OrganizationFactory(in_sanctuary_network=spec["sanctuary"]),
        )  # fmt: skip
        for point, province in zip(spec["points"], [*spec["addresses"], *[None] * 3], strict=False):
            lat, lon = point if point is not None else (None, None)
            location = f.LocationFactory(latitude=lat, longitude=lon)
            f.ServiceAtLocationFactory(service=service, location=location)
            if province is not None:
                f.AddressFactory(location=location, state_province=province)
        for code in spec["terms"]:
            f.AttributeFactory(service=service, taxonomy_term=terms[code])
        for code in spec["languages"]:
            f.LanguageFactory(service=service, code=code)
        if spec["phone_language"]:
            phone = f.PhoneFactory(service=service)
            f.LanguageFactory(service=None, phone=phone, code=spec["phone_language"])
        for province in spec["areas"]:
            f.ServiceAreaFactory(service=service, province=province)
        if spec["hours"] == "open":
            f.ScheduleFactory(service=service, byday="TU", opens_at=dt.time(9), closes_at=dt.time(17))
        elif spec["hours"] == "closed":
            f.ScheduleFactory(service=service, byday="MO,WE", opens_at=dt.time(9), closes_at=dt.time(17))
        elif spec["hours"] == "location" and spec["points"]:  # the hours of its place
            place = service.service_at_locations.first().location
            f.ScheduleFactory(service=None, location=place, byday="TU", opens_at=dt.time(10), closes_at=dt.time(12))


def _or_none(values: list[Any], nones: int = 3) -> st.SearchStrategy[Any]:
    """One of the values, or None (no such filter) as often as `nones` of them: with seven filters at
    once, answers would otherwise be empty in nearly every example."""
    return st.sampled_from([None] * nones + values)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    services=st.lists(_SERVICE, max_size=14),
    point=st.sampled_from(PLACES),
    province=st.sampled_from([None, "NS", "PE", "ON"]),
    category=_or_none(["food", "parent", "health"], 6),
    language=_or_none(["fr", "es", "tl"], 6),
    free=_or_none([True, False], 4),
    q=_or_none(["alpha", "EGLISE", "études", "a", "zed bravo", "tudes", "50%", "x_y"], 8),
    in_province=_or_none(["NS", "PE", "ON"], 6),
    sanctuary=st.sampled_from([False, False, False, True]),
    open_now=st.sampled_from([False, True]),
    offset=st.sampled_from([0, 2, 5]),
)
def test_the_engines_agree_on_generated_directories(
    services: list[dict[str, Any]],
    point: tuple[float, float],
    province: str | None,
    category: str | None,
    language: str | None,
    free: bool | None,
    q: str | None,
    in_province: str | None,
    sanctuary: bool,
    open_now: bool,
    offset: int,
) -> None:
    with transaction.atomic():
        _build(services)
        filters = {"q": q, "category": category, "language": language, "free": free, "province": in_province}
        filters |= {"sanctuary": sanctuary, "open_now": open_now}
        whole = _answers(point, province, **filters)
        _same(*whole)
        _same(*_answers(point, province, limit=3, offset=offset, **filters), whole=whole[0][1])
        for limit in (2, 1500):
            _same_markers(point, limit, *_markers(point, limit, **filters))
        _same_whole_map(*_markers(None, None, **filters))
        for page in ((0, 200), (offset, 3)):
            by_database, by_index = _by_name(page[1], page[0], **filters)
            assert by_database == by_index
        transaction.set_rollback(True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    services=st.lists(_SERVICE, max_size=12),
    point=st.sampled_from(PLACES),
    km=st.sampled_from([0.5, 1.0, 60.0, 400.0, 5000.0]),
)
def test_the_api_proximity_search_matches_a_brute_force(
    services: list[dict[str, Any]], point: tuple[float, float], km: float
) -> None:
    with transaction.atomic():
        _build(services)
        pairs = ServiceAtLocation.objects.select_related("location")
        expected_pairs: dict[uuid.UUID, float] = {}
        expected_services: dict[uuid.UUID, float] = {}
        for pair in pairs:
            if pair.location.latitude is None or pair.location.longitude is None:
                continue
            d = haversine_km(point[0], point[1], pair.location.latitude, pair.location.longitude)
            if d <= km:
                expected_pairs[pair.id] = d
                expected_services[pair.service_id] = min(d, expected_services.get(pair.service_id, d))
        got_pairs = queries.service_at_locations_by_distance(ServiceAtLocation.objects.all(), *point, km)
        got_services = queries.services_by_distance(Service.objects.all(), *point, km)
        assert set(got_pairs) == set(expected_pairs)
        assert [round(expected_pairs[p], 6) for p in got_pairs] == sorted(round(d, 6) for d in expected_pairs.values())
        assert set(got_services) == set(expected_services)
        assert [round(expected_services[s], 6) for s in got_services] == sorted(
            round(d, 6) for d in expected_services.values()
        )
        transaction.set_rollback(True)


@pytest.mark.postgres
def test_postgis_nearest_neighbour_search_sizes_the_same_circles(monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL with PostGIS, the circle's radius comes from the GiST index's nearest-neighbour
    order; the answers are those of the widening circles, services and map markers alike."""
    if not search_near.knn_available():
        if os.environ.get("BT_REQUIRE_POSTGIS", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail("BT_REQUIRE_POSTGIS=1 but PostGIS or its index (migration 0007) is missing", pytrace=False)
        pytest.skip("PostGIS not installed on this PostgreSQL server; the widening circles answer alone")
    call_command("load_demo", stdout=io.StringIO())
    categories = sorted(set(TaxonomyTerm.objects.values_list("code", flat=True)))[:4]
    for point in PLACES:
        for category in [None, *categories]:
            terms = sorted(search.term_ids_for(category)) if category else None
            pairs = search_near.located_pairs(search_near.service_conditions(category_terms=terms))
            answers = []
            for knn in (True, False):
                monkeypatch.setitem(search_near._knn, "default", knn)
                answers.append(
                    (
                        search_near.nearest_services(pairs, *point, 30),
                        search_near.nearest_services(pairs, *point, 1),
                        search_near.nearest_services(pairs, *point, 0),
                        search_near.nearest_pairs(pairs, *point, 7),
                        search_near.nearest_pairs(pairs, *point, 1500),
                    )
                )
            assert answers[0] == answers[1]
            assert answers[0][0]  # the demo directory has services near every place
