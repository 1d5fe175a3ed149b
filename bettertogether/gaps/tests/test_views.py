"""The page, its JSON and downloads: who may see them, and that they give the command's numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import call_command

from bettertogether.core.roles import Role
from bettertogether.core.tests.factories import ROLE_FACTORIES, sign_in
from bettertogether.gaps import report
from bettertogether.gaps.coverage import Place, ServicePoint
from bettertogether.gaps.inputs import GapFilters, analyse, towns_for
from bettertogether.positions.models import ImportRun

from . import brute
from .conftest import pdf_missing_reason

pytestmark = pytest.mark.django_db
QUERY = "from=2021Q3&to=2021Q3&province=NS&radius=30&category=health"


# Who may open which URL: test_authorization_matrix.py, generated from urls.py.


def test_inactive_coordinator_is_refused(client: Any, world: None) -> None:
    user = ROLE_FACTORIES[Role.COORDINATOR](is_active=False)
    client.force_login(user)
    assert client.get("/en/gaps/").status_code in (302, 404)


@pytest.fixture
def coordinator(client: Any) -> Any:
    return sign_in(client, ROLE_FACTORIES[Role.COORDINATOR]())


def test_figures_of_the_small_world(coordinator: Any, world: None) -> None:
    data = coordinator.get(f"/en/gaps/data.json?{QUERY}&language=es").json()
    assert data["period"] == {"from": "2021Q3", "to": "2021Q3"}
    assert data["radius_km"] == 30
    assert data["total_positions"] == 207 and data["unplaced_positions"] == 7
    assert data["positions_by_precision"] == {"postal_code": 200, "none": 7}
    cats = data["categories"]
    # Child terms count for their top-level category; the defunct clinic does not count.
    assert cats["health"]["covered_positions"] == 100
    assert cats["health"]["uncovered_positions"] == 107
    assert cats["health"]["coverage"] == round(100 / 207, 4)
    assert cats["legal"]["covered_positions"] == 40
    assert cats["rights-info"]["covered_positions"] == 40
    assert cats["any"]["covered_positions"] == 140
    assert cats["helpline"]["covered_positions"] == 0  # the phone line has no place on the map
    assert data["services_without_point"] == 1
    # Language: Spanish at the clinic, interpretation ('mul') at legal aid.
    assert cats["health"]["covered_in_language"] == 100 and cats["legal"]["covered_in_language"] == 40
    for figures in cats.values():
        assert figures["covered_positions"] + figures["uncovered_positions"] == data["total_positions"]
    places = {p["name"]: p for p in data["places"]}
    assert set(places) >= {"Kentville", "Truro", "Halifax", "No usable address"}
    assert places["No usable address"]["latitude"] is None and places["No usable address"]["positions"] == 7
    assert places["Truro"]["positions"] == 60  # the 2021Q4 row is outside the period
    assert places["Kentville"]["precision"] == "postal_code"
    assert places["Kentville"]["nearest_km"]["health"] < 1
    assert data["unplaced"] == [{"name": "No usable address", "province": "NS", "positions": 7}]
    # Ranked gaps: Truro (60 positions, farther) before Halifax (40).
    gaps = data["gaps"]["health"]
    assert [g["name"] for g in gaps] == ["Truro", "Halifax"]
    assert gaps[0]["nearest_service"] == "Valley clinic"
    assert gaps[0]["need_position_km"] == pytest.approx(60 * (gaps[0]["nearest_km"] - 30), abs=6)
    # One new health site: Truro and Halifax are ~90 km apart, so it covers Truro (60) only.
    assert data["suggestions"]["health"][0]["name"] == "Truro"
    assert data["suggestions"]["health"][0]["new_positions"] == 60


def test_page_and_command_give_the_same_numbers(coordinator: Any, world: None, tmp_path: Any) -> None:
    page_json = coordinator.get(f"/en/gaps/data.json?{QUERY}").json()
    download = json.loads(coordinator.get(f"/en/gaps/report.json?{QUERY}").content)
    out = tmp_path / "report.json"
    call_command(
        "gap_report", "--from", "2021Q3", "--to", "2021Q3", "--province", "NS", "--radius", "30",
        "--category", "health", "--format", "json", "--out", str(out),
    )  # fmt: skip
    command = json.loads(out.read_text())
    assert page_json == download == command
    page = coordinator.get(f"/en/gaps/?{QUERY}")
    assert page.status_code == 200
    rows = {r["slug"]: r for r in page.context["categories_table"]}
    assert {c: (r["covered_positions"], r["coverage"]) for c, r in rows.items()} == {
        c: (v["covered_positions"], v["coverage"]) for c, v in command["categories"].items()
    }
    html = page.content.decode()
    assert "great-circle" in html
    assert "Distance (straight line)" in html and "Every distance is a straight line" in html
    assert "Jurisdiction: a service whose service area is a province serves places in that province only" in html
    assert 'data-t-straight="(straight line)"' in html
    assert "Valley clinic" in html and "No usable address" in html

    csv_page = coordinator.get(f"/en/gaps/report.csv?{QUERY}").content.decode()
    out_csv = tmp_path / "report.csv"
    call_command(
        "gap_report", "--from", "2021Q3", "--to", "2021Q3", "--province", "NS", "--category", "health",
        "--format", "csv", "--out", str(out_csv),
    )  # fmt: skip
    assert csv_page == out_csv.read_bytes().decode()
    rows_csv = list(csv.DictReader(io.StringIO(csv_page)))
    assert sum(int(r["positions"]) for r in rows_csv) == 207
    assert sum(int(r["positions"]) for r in rows_csv if r["within_health"] == "1") == 100


def test_french_page(coordinator: Any, world: None) -> None:
    html = coordinator.get(f"/fr/gaps/?{QUERY}").content.decode()
    assert "Analyse des écarts" in html and "Couverture par catégorie" in html
    assert "Licence du gouvernement ouvert – Canada" in html


def test_bad_filters(coordinator: Any, world: None) -> None:
    response = coordinator.get("/en/gaps/?radius=abc&category=nope")
    assert response.status_code == 400
    assert "radius" in response.content.decode()
    assert coordinator.get("/en/gaps/data.json?radius=5000").status_code == 400
    assert coordinator.get("/en/gaps/report.xml").status_code == 404


def test_page_has_no_inline_script_or_style(coordinator: Any, world: None) -> None:
    html = coordinator.get(f"/en/gaps/?{QUERY}").content.decode()
    assert "<script>" not in html and " style=" not in html
    assert 'id="gap-map"' in html and 'data-url="/en/gaps/data.json?' in html


def test_pdf_renders(coordinator: Any, world: None, tmp_path: Any) -> None:
    reason = pdf_missing_reason()
    if reason:
        pytest.skip(reason)
    response = coordinator.get(f"/en/gaps/report.pdf?{QUERY}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response.content.rstrip().endswith(b"%%EOF")
    document = report.pdf_document(analyse(GapFilters.from_query(dict(p.split("=") for p in QUERY.split("&")))))
    assert len(document.pages) >= 2  # map and summary, then the lists, method and sources
    text = " ".join(box.text for page in document.pages for box in _text_boxes(page._page_box))
    assert "Open Government Licence" in text and "great-circle" in text
    assert "straight line" in text and "Jurisdiction" in text
    out = tmp_path / "r.pdf"
    call_command(
        "gap_report", "--from", "2021Q3", "--to", "2021Q3", "--province", "NS", "--format", "pdf", "--out", str(out)
    )
    assert out.read_bytes().startswith(b"%PDF")


def _text_boxes(box: Any) -> Any:
    if hasattr(box, "text"):
        yield box
    for child in getattr(box, "children", ()):
        yield from _text_boxes(child)


def test_towns_as_candidate_sites(coordinator: Any, world: None) -> None:
    data = coordinator.get(f"/en/gaps/data.json?{QUERY}&candidates=towns").json()
    assert data["candidate_kind"] == "towns" and data["candidates"] > 300  # Nova Scotia's named places
    first = data["suggestions"]["health"][0]
    places = [
        Place(p["name"], p["province"], p["latitude"], p["longitude"], p["precision"] or "", p["positions"])
        for p in data["places"]
    ]
    services = [
        ServicePoint(s["id"], s["name"], s["organization"], s["latitude"], s["longitude"], frozenset(s["categories"]))
        for s in data["services"]
    ]
    assert first["new_positions"] == brute.best_single_site(places, services, towns_for(["NS"]), "health", 30)
    assert first["new_positions"] == 60  # Truro's positions; Halifax is ~90 km away


def test_default_period_follows_the_latest_imported_quarters(coordinator: Any, world: None) -> None:
    body = coordinator.get("/en/gaps/").content.decode()
    assert "<option selected>2021Q3</option>" in body and "<option selected>2022Q2</option>" in body
    ImportRun.objects.create(
        file_name="tfwp_2022q4_positive_en.xlsx",
        sha256="4" * 64,
        period="2022Q4",
        period_start=dt.date(2022, 10, 1),
        period_end=dt.date(2022, 12, 31),
    )
    body = coordinator.get("/en/gaps/").content.decode()
    assert "<option selected>2022Q1</option>" in body and "<option selected>2022Q4</option>" in body
    data = coordinator.get("/en/gaps/data.json").json()
    assert data["period"] == {"from": "2022Q1", "to": "2022Q4"}
    # An explicit period still wins.
    data = coordinator.get("/en/gaps/data.json?from=2021Q3&to=2021Q3").json()
    assert data["period"] == {"from": "2021Q3", "to": "2021Q3"}


def test_filter_choices_are_the_positions_pages(coordinator: Any, world: None) -> None:
    """One builder for the filter form of the positions pages and of the gap analysis."""
    query = "from=2019Q1&to=2021Q3&province=NS"  # a chosen quarter without data is still offered
    gaps = coordinator.get(f"/en/gaps/?{query}").context
    positions = coordinator.get(f"/en/positions/?{query}").context
    for key in ("quarters", "province_choices", "stream_choices", "noc_choices"):
        assert gaps[key] == positions[key], key
    assert gaps["quarters"][0] == "2019Q1" and "2021Q4" in gaps["quarters"]
    assert [code for code, _label in gaps["noc_choices"]] == [str(d) for d in range(10)]
