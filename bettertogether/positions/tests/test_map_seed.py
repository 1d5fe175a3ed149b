"""Exactness on the real seed-period files: the page, the GeoJSON and the CSV give the lists' own totals."""

import csv
import gzip
import io
import json
import re
from collections import Counter

import pytest

from bettertogether.positions.aggregate import PositionFilters, summarize
from bettertogether.positions.demo import SEED_FILES, seed_paths
from bettertogether.positions.lmia_import import import_lmia_files
from bettertogether.positions.models import ApprovedPosition, ImportRun

pytestmark = [pytest.mark.django_db]

SEED = SEED_FILES  # shipped as demo data (positions/demo/)
QUARTERS = ("2021Q3", "2021Q4", "2022Q1", "2022Q2")
EXPECTED = {
    "NS": (480, 1210, 1171, 756),
    "NB": (154, 1269, 1545, 2229),
    "PE": (122, 551, 441, 618),
}
ROWS = {"NS": 76 + 97 + 120 + 133, "NB": 46 + 82 + 102 + 148, "PE": 15 + 31 + 38 + 40}
TOTAL = 10_546


@pytest.fixture(scope="module", autouse=True)
def seed_period(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        reports = import_lmia_files(seed_paths())
        assert [r.status for r in reports] == ["ok"] * 4, [r.message for r in reports]
        yield
        ApprovedPosition.objects.all().delete()
        ImportRun.objects.all().delete()


def test_totals_per_province_and_quarter():
    summary = summarize(PositionFilters())
    assert summary.positions == TOTAL
    assert {p["code"]: p["positions"] for p in summary.per_province} == {k: sum(v) for k, v in EXPECTED.items()}
    assert {p["code"]: p["rows"] for p in summary.per_province} == ROWS
    assert summary.by_quarter == [(q, sum(EXPECTED[p][i] for p in EXPECTED)) for i, q in enumerate(QUARTERS)]
    assert summary.unplaced_positions == 0  # every Maritime row of the seed period is placed
    for code, figures in EXPECTED.items():
        for quarter, expected in zip(QUARTERS, figures, strict=True):
            one = summarize(PositionFilters(period_from=quarter, period_to=quarter, provinces=(code,)))
            assert one.positions == expected, (code, quarter)


def test_geojson_totals(client):
    data = json.loads(client.get("/api/map/positions.geojson").content)
    assert data["totals"]["positions"] == TOTAL
    assert sum(f["properties"]["positions"] for f in data["features"]) == TOTAL
    assert {k: v["positions"] for k, v in data["totals"]["per_province"].items()} == {
        k: sum(v) for k, v in EXPECTED.items()
    }
    assert data["totals"]["per_quarter"] == {q: sum(EXPECTED[p][i] for p in EXPECTED) for i, q in enumerate(QUARTERS)}
    by_province = Counter()
    for feature in data["features"]:
        by_province[feature["properties"]["province"]] += feature["properties"]["positions"]
        assert feature["properties"]["precision"] in {"postal_code", "fsa", "place", "fix"}
    assert dict(by_province) == {k: sum(v) for k, v in EXPECTED.items()}
    for code, figures in EXPECTED.items():
        for quarter, expected in zip(QUARTERS, figures, strict=True):
            one = json.loads(
                client.get(f"/api/map/positions.geojson?from={quarter}&to={quarter}&province={code}").content
            )
            assert one["totals"]["positions"] == expected


def test_csv_totals(client):
    response = client.get("/en/positions/positions.csv?from=2021Q3&to=2022Q2&province=NS&province=NB&province=PE")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == sum(ROWS.values())
    sums = Counter()
    for row in rows:
        sums[(row["province"], row["period"])] += int(row["positions"])
    assert sums == Counter({(p, q): figures[i] for p, figures in EXPECTED.items() for i, q in enumerate(QUARTERS)})


def test_page_totals(client):
    body = client.get("/en/positions/").content.decode()
    assert re.search(r'data-total="positions">10,546<', body)
    for code, figures in EXPECTED.items():
        row = re.search(rf'<tr data-province="{code}">.*?</tr>', body, re.S)[0]
        assert f"{sum(figures):,}" in row and f"{ROWS[code]:,}" in row
    table = re.search(r'id="chart-quarter-table".*?</table>', body, re.S)[0]
    for i, quarter in enumerate(QUARTERS):
        assert re.search(rf"{quarter}</th><td class=\"num\">{sum(EXPECTED[p][i] for p in EXPECTED):,}<", table)


def test_page_fits_the_first_response_budget(client):
    body = client.get("/en/positions/").content
    assert len(gzip.compress(body)) <= 14 * 1024, len(gzip.compress(body))
