"""The database engine (search_near.py) gives the in-memory index's answers, and the HSDS API's
proximity search gives a brute force's: on the demo directory and on generated directories."""

from __future__ import annotations

import io
import itertools
import os
import uuid
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bettertogether.core.geo import haversine_km
from bettertogether.directory import search, search_near
from bettertogether.directory.api import queries
from bettertogether.directory.models import Language, Service, ServiceAtLocation, TaxonomyTerm
from bettertogether.directory.search import PointPlace
from bettertogether.directory.tests import factories as f

pytestmark = pytest.mark.django_db

KENTVILLE = (45.0775, -64.4945)
PLACES = [KENTVILLE, (44.65, -63.57), (46.24, -63.13), (45.95, -66.64), (43.65, -79.38), (49.28, -123.12)]


def _answers(
    point: tuple[float, float], province: str | None, *, limit: int = 200, offset: int = 0, **filters: Any
) -> tuple[tuple[int, search.Ranked], tuple[int, search.Ranked]]:
    place = PointPlace(point[0], point[1], province=province)
    by_database = search._ranked_near(point, province, offset=offset, limit=limit, **filters)
    by_index = search._ranked_by_index(
        point, place, q=None, province=None, open_now=False, at=None, offset=offset, limit=limit, **filters
    )
    return by_database, by_index


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
    by_database = search._ranked_by_name(offset=offset, limit=limit, **filters)
    by_index = search._ranked_by_index(
        None, None, q=None, province=None, open_now=False, at=None, offset=offset, limit=limit, **filters
    )
    return by_database, by_index


def _markers(point: tuple[float, float], limit: int, **filters: Any) -> tuple[list[Any], list[Any]]:
    by_database = search._map_features_near(point, limit, **filters)
    by_index = search._map_features_by_index(
        point, limit, q=None, province=None, open_now=False, at=None, sanctuary=False, **filters
    )
    return by_database, by_index


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
    return sets


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
    for filters in _filter_sets(categories, languages):
        for offset, limit in ((0, 200), (3, 7)):
            by_database, by_index = _by_name(limit, offset, **filters)
            assert by_database == by_index
        # Pages of the database engine follow one another without gap or repeat.
        full = search._ranked_near(point, province, category=None, language=None, free=None, offset=0, limit=200)
        pages = [
            search._ranked_near(point, province, category=None, language=None, free=None, offset=o, limit=7)[1]
            for o in range(0, full[0], 7)
        ]
        assert [row for page in pages for row in page] == full[1]


# --- generated directories: few distinct points so ties are common; some services unlocated


_POINTS = st.sampled_from([(45.0775, -64.4945), (45.08, -64.5), (44.65, -63.57), (46.24, -63.13), (49.28, -123.12)])
_SERVICE = st.fixed_dictionaries(
    {
        "name": st.sampled_from(["Alpha", "alpha", "Église", "Eglise", "Zed", "Études", "bravo"]),
        "status": st.sampled_from(["active", "active", "active", "inactive"]),
        "is_free": st.sampled_from([True, False, None]),
        "points": st.lists(st.one_of(_POINTS, st.none()), max_size=3),
        "terms": st.sets(st.sampled_from(["food", "legal", "health"]), max_size=2),
        "languages": st.sets(st.sampled_from(["fr", "ES", "mul"]), max_size=2),
        "phone_language": st.one_of(st.none(), st.sampled_from(["fr", "tl"])),
        "areas": st.sets(st.sampled_from(["NS", "NB", "PE", "ON"]), max_size=2),
    }
)


def _build(services: list[dict[str, Any]]) -> None:
    terms = {code: f.TaxonomyTermFactory(code=code) for code in ("food", "legal", "health", "parent")}
    terms["food"].parent = terms["parent"]
    terms["food"].save()
    for spec in services:
        service = f.ServiceFactory(
            name=spec["name"], name_en=spec["name"], status=spec["status"], is_free=spec["is_free"]
        )
        for point in spec["points"]:
            lat, lon = point if point is not None else (None, None)
            location = f.LocationFactory(latitude=lat, longitude=lon)
            f.ServiceAtLocationFactory(service=service, location=location)
        for code in spec["terms"]:
            f.AttributeFactory(service=service, taxonomy_term=terms[code])
        for code in spec["languages"]:
            f.LanguageFactory(service=service, code=code)
        if spec["phone_language"]:
            phone = f.PhoneFactory(service=service)
            f.LanguageFactory(service=None, phone=phone, code=spec["phone_language"])
        for province in spec["areas"]:
            f.ServiceAreaFactory(service=service, province=province)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    services=st.lists(_SERVICE, max_size=14),
    point=st.sampled_from(PLACES),
    province=st.sampled_from([None, "NS", "PE", "ON"]),
    category=st.sampled_from([None, "food", "parent", "health"]),
    language=st.sampled_from([None, "fr", "es", "tl"]),
    free=st.sampled_from([None, True, False]),
    offset=st.sampled_from([0, 2, 5]),
)
def test_the_engines_agree_on_generated_directories(
    services: list[dict[str, Any]],
    point: tuple[float, float],
    province: str | None,
    category: str | None,
    language: str | None,
    free: bool | None,
    offset: int,
) -> None:
    with transaction.atomic():
        _build(services)
        filters = {"category": category, "language": language, "free": free}
        whole = _answers(point, province, **filters)
        _same(*whole)
        _same(*_answers(point, province, limit=3, offset=offset, **filters), whole=whole[0][1])
        for limit in (2, 1500):
            _same_markers(point, limit, *_markers(point, limit, **filters))
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
                        search_near.nearest_pairs(pairs, *point, 7),
                        search_near.nearest_pairs(pairs, *point, 1500),
                    )
                )
            assert answers[0] == answers[1]
            assert answers[0][0]  # the demo directory has services near every place
