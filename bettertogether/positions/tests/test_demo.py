"""The seed map out of the box: the four shipped seed-period files are ESDC's bytes, `load_demo` imports
them once through the ordinary import, files of $BT_LMIA_DIR still import after, and the pages' default
period follows the latest imported quarters."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Sum

from bettertogether.positions.aggregate import DEFAULT_FROM, DEFAULT_TO, PositionFilters, default_period
from bettertogether.positions.demo import FOLDER, SEED_FILES, SEED_SHA256, seed_paths
from bettertogether.positions.lmia_import import import_lmia_files
from bettertogether.positions.models import ApprovedPosition, ImportRun

FILES = Path(__file__).parent / "files"
MARITIMES = {"NS": 3_617, "NB": 5_197, "PE": 1_732}


def test_shipped_seed_files_are_the_published_bytes() -> None:
    assert sorted(p.name for p in FOLDER.iterdir() if p.suffix == ".xlsx") == sorted(SEED_FILES)
    readme = (FOLDER / "README.md").read_text()
    for name in SEED_FILES:
        digest = hashlib.sha256((FOLDER / name).read_bytes()).hexdigest()
        assert digest == SEED_SHA256[name], name
        assert re.search(rf"`{re.escape(name)}`.*`{digest}`", readme), f"README.md does not give {name}'s SHA-256"
    assert "90fed587-1364-4f33-a9ee-208181dc0b97" in readme
    assert "Contains information licensed under the Open Government Licence – Canada." in readme


def _maritime_positions() -> dict[str, int]:
    rows = ApprovedPosition.objects.filter(province__in=MARITIMES).values("province").annotate(n=Sum("positions"))
    return {r["province"]: r["n"] for r in rows}


@pytest.fixture
def seed_on(settings: Any) -> None:
    settings.BT_DEMO_SEED_LMIA = True  # off in the test settings, on everywhere else


@pytest.mark.django_db
def test_load_demo_imports_the_seed_map_once(seed_on: None) -> None:
    out = io.StringIO()
    call_command("load_demo", app=["positions"], stdout=out)
    assert "4 seed file(s) imported" in out.getvalue()
    assert _maritime_positions() == MARITIMES
    assert sum(MARITIMES.values()) == 10_546
    runs = ImportRun.objects.count()
    rows = ApprovedPosition.objects.count()

    out = io.StringIO()
    call_command("load_demo", app=["positions"], stdout=out)
    assert "0 seed file(s) imported" in out.getvalue() and "4 already loaded" in out.getvalue()
    assert (ImportRun.objects.count(), ApprovedPosition.objects.count()) == (runs, rows)
    assert default_period() == ("2021Q3", "2022Q2")


@pytest.mark.django_db
def test_files_of_the_operators_folder_still_import_after_the_demo(seed_on: None, tmp_path: Path) -> None:
    call_command("load_demo", app=["positions"], stdout=io.StringIO())
    shutil.copy(FILES / "tfwp_2022q4_pos_en.xlsx", tmp_path)
    shutil.copy(seed_paths()[0], tmp_path / "copy_of_2021q3.xlsx")  # same bytes: skipped, not failed
    out, err = io.StringIO(), io.StringIO()
    call_command("import_lmia", str(tmp_path), startup=True, stdout=out, stderr=err)
    assert err.getvalue() == ""
    assert ImportRun.objects.filter(status=ImportRun.Status.OK, period="2022Q4").exists()
    assert not ImportRun.objects.filter(status=ImportRun.Status.FAILED).exists()


@pytest.mark.django_db
def test_default_period_is_the_latest_four_imported_quarters(client) -> None:
    assert default_period() == (DEFAULT_FROM, DEFAULT_TO)  # nothing imported: the seed period
    assert import_lmia_files(seed_paths()[:2])[0].status == "ok"  # 2021Q3, 2021Q4
    assert default_period() == ("2021Q1", "2021Q4")
    assert import_lmia_files(seed_paths()[2:])[-1].status == "ok"
    assert default_period() == ("2021Q3", "2022Q2")

    [report] = import_lmia_files([FILES / "tfwp_2022q4_pos_en.xlsx"])  # a later quarter moves the default
    assert report.status == "ok", report.message
    assert default_period() == ("2022Q1", "2022Q4")
    filters = PositionFilters.from_query({})
    assert (filters.period_from, filters.period_to) == ("2022Q1", "2022Q4")
    assert PositionFilters.default().period_from == "2022Q1"
    explicit = PositionFilters.from_query({"from": "2021Q3", "to": "2022Q2"})
    assert (explicit.period_from, explicit.period_to) == ("2021Q3", "2022Q2")

    body = client.get("/en/positions/").content.decode()
    assert re.search(r"<option selected>2022Q1<", body), "the From select does not open on 2022Q1"
    assert re.search(r"<option selected>2022Q4<", body), "the To select does not open on 2022Q4"
    geojson = client.get("/api/map/positions.geojson").json()
    assert (geojson["filters"]["from"], geojson["filters"]["to"]) == ("2022Q1", "2022Q4")
    # A bad filter falls back to the same default.
    body = client.get("/en/positions/?from=nonsense").content.decode()
    assert re.search(r"<option selected>2022Q1<", body)


@pytest.mark.django_db
def test_load_demo_can_leave_the_seed_files_out(settings: Any) -> None:
    settings.BT_DEMO_SEED_LMIA = False
    out = io.StringIO()
    call_command("load_demo", app=["positions"], stdout=out)
    assert "not imported" in out.getvalue()
    assert not ImportRun.objects.exists()
