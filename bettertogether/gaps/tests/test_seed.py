"""The real seed period (2021Q3–2022Q2, Maritimes) against the demo directory: the fast computation
equals brute force, nothing is dropped, and the page and the command agree."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from bettertogether.core.geo import haversine_km
from bettertogether.core.roles import Role
from bettertogether.core.tests.factories import ROLE_FACTORIES, sign_in
from bettertogether.gaps import report
from bettertogether.gaps.coverage import ANY
from bettertogether.gaps.inputs import CATEGORIES, GapFilters, analyse, places_for, services_for
from bettertogether.positions.demo import SEED_FILES, seed_paths
from bettertogether.positions.lmia_import import import_lmia_files

from . import brute

pytestmark = [pytest.mark.django_db]

SEED = SEED_FILES  # shipped as demo data (positions/demo/)
MARITIME_POSITIONS = 10_546  # the lists' own total for NS, NB and PE (positions tests)


@pytest.fixture(scope="module", autouse=True)
def seed(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """The four files and the demo directory, for this module only: everything is written inside one
    transaction rolled back at the end, so later tests start from an empty database."""
    with django_db_blocker.unblock(), transaction.atomic():
        reports = import_lmia_files(seed_paths())
        assert [r.status for r in reports] == ["ok"] * 4, [r.message for r in reports]
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def test_fast_equals_brute_force_on_the_seed_period() -> None:
    result = analyse(GapFilters())
    a = result.analysis
    places = places_for(GapFilters().positions)
    points, _ = services_for()
    assert a.total_positions == MARITIME_POSITIONS == sum(p.positions for p in places)
    assert len(points) > 10
    for category in (*CATEGORIES, ANY):
        assert a.overall.categories[category].covered_positions == brute.covered_positions(places, points, category, 30)
    by_name = {(r.place.name, r.place.latitude, r.place.longitude): r for r in a.places}
    for place in places[:: max(1, len(places) // 80)]:  # a spread sample of places, every category
        r = by_name[(place.name, place.latitude, place.longitude)]
        for category in (*CATEGORIES, ANY):
            expected = brute.nearest_km(place, points, category) if place.placed else None
            assert (r.nearest_km[category] is None) == (expected is None)
            if expected is not None:
                assert r.nearest_km[category] == pytest.approx(expected, abs=1e-6)


def test_every_position_is_counted_and_provinces_add_up() -> None:
    a = analyse(GapFilters()).analysis
    assert sum(r.place.positions for r in a.places) == MARITIME_POSITIONS
    assert {p.province for p in a.provinces} == {"NS", "NB", "PE"}
    for category in a.categories:
        figures = a.overall.categories[category]
        assert figures.covered_positions + figures.uncovered_positions == MARITIME_POSITIONS
        assert sum(p.categories[category].covered_positions for p in a.provinces) == figures.covered_positions


def test_all_of_canada_reports_the_unplaced_rows() -> None:
    filters = GapFilters.from_query({"from": "2021Q3", "to": "2022Q2", "province": "all"})
    a = analyse(filters).analysis
    unplaced = a.unplaced
    assert unplaced, "head offices outside Canada have no coordinates"
    assert any(p.province == "XX" for p in unplaced)
    assert a.overall.unplaced_positions == sum(p.positions for p in unplaced) > 0
    assert a.total_positions == sum(r.place.positions for r in a.places)


def test_page_and_command_agree_on_the_seed_period(client: Any, tmp_path: Any) -> None:
    sign_in(client, ROLE_FACTORIES[Role.COORDINATOR]())
    page = client.get("/en/gaps/data.json").json()
    out = tmp_path / "seed.json"
    call_command("gap_report", "--from", "2021Q3", "--to", "2022Q2", "--format", "json", "--out", str(out))
    assert page == json.loads(out.read_text())
    assert page["total_positions"] == MARITIME_POSITIONS


def test_provincial_services_serve_their_own_province_only() -> None:
    """New Brunswick places are not covered for rights information by PEI Employment Standards or WCB PEI,
    nor Nova Scotia places by a New Brunswick centre, however close as the crow flies."""
    filters = GapFilters(radius_km=100)  # wide enough to reach across the Northumberland Strait
    a = analyse(filters).analysis
    data = report.as_json(analyse(filters))
    provinces = {s["id"]: s["provinces"] for s in data["services"]}
    pei_rights = [s for s in a.services if "rights-info" in s.categories and s.provinces == frozenset({"PE"})]
    organizations = {s.organization for s in pei_rights}
    assert {"PEI Employment Standards Branch", "Workers Compensation Board of PEI"} <= organizations, organizations
    nb_only = [s for s in a.services if s.provinces == frozenset({"NB"})]
    assert nb_only
    for s in a.services:
        assert provinces[s.id] == sorted(s.provinces)
    assert all(s.serves("NS") and s.serves("NB") and s.serves("PE") for s in a.services if not s.provinces)

    near_pei = 0
    for r in a.places:
        place = r.place
        if not place.placed:
            continue
        for category in a.categories:
            index = r.nearest_service[category]
            if index is not None:
                assert a.services[index].serves(place.province), (place, category, a.services[index])
        if place.province == "NB":
            closest = min(
                haversine_km(place.latitude, place.longitude, s.latitude, s.longitude)  # type: ignore[arg-type]
                for s in pei_rights
            )
            if closest <= a.radius_km:
                near_pei += 1
                index = r.nearest_service["rights-info"]
                assert index is None or a.services[index] not in pei_rights
        if place.province == "NS":
            for category in a.categories:
                index = r.nearest_service[category]
                assert index is None or a.services[index] not in nb_only
    assert near_pei > 0, "no New Brunswick place within the radius of a PEI rights service: the test proves nothing"
