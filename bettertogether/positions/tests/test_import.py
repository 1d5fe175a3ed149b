"""The import door: atomic, idempotent, recorded; a period is loaded once; the geocoder places rows."""

import gc
import shutil
from pathlib import Path

import pytest
from django.db import DatabaseError

from bettertogether.core.models import GeocodeFix
from bettertogether.positions import lmia_import, lmia_rows
from bettertogether.positions.lmia_import import ImportOptions, import_lmia_files
from bettertogether.positions.models import ApprovedPosition, ImportRun
from bettertogether.positions.review import place_address, review_queue

from .factories import user_with_role

FILES = Path(__file__).resolve().parent / "files"
pytestmark = pytest.mark.django_db


def state():
    """Everything an import may change, for 'the database is exactly as it was' assertions."""
    return (
        sorted(ImportRun.objects.filter(status="ok").values_list("pk", "sha256", "status")),
        sorted(ApprovedPosition.objects.values_list("pk", "run_id", "positions", "latitude")),
    )


def test_import_records_the_run_and_the_rows():
    coordinator = user_with_role("coordinator")
    [report] = import_lmia_files([FILES / "tfwp_2022q4_pos_en.xlsx"], ImportOptions(user=coordinator))
    assert report.status == "ok"
    assert (report.period, report.variant, report.rows, report.positions, report.lmias) == ("2022Q4", "F", 4, 6, 5)
    assert report.per_province == {
        "NB": {"rows": 2, "positions": 3, "lmias": 3},
        "NS": {"rows": 1, "positions": 2, "lmias": 1},
        "XX": {"rows": 1, "positions": 1, "lmias": 1},
    }
    run = ImportRun.objects.get()
    assert run.pk == report.run_id
    assert (run.file_name, run.status, run.rows, run.positions, run.lmias) == ("tfwp_2022q4_pos_en.xlsx", "ok", 4, 6, 5)
    assert run.sha256 == report.sha256 and len(run.sha256) == 64
    assert run.size == (FILES / "tfwp_2022q4_pos_en.xlsx").stat().st_size
    assert run.per_province == report.per_province
    assert run.created_by == coordinator
    assert run.finished_at is not None
    assert any("row 4: " in w and "NB" in w for w in run.warnings)  # Bedford, NB B4B … in a Nova Scotia row

    rows = list(ApprovedPosition.objects.order_by("row_number"))
    assert [(r.row_number, r.province, r.positions, r.lmias) for r in rows] == [
        (2, "NB", 3, 2),
        (3, "NB", 0, 1),
        (4, "NS", 2, 1),
        (5, "XX", 1, 1),
    ]
    irving = rows[0]
    assert (irving.period, irving.quarter, str(irving.period_start), str(irving.period_end)) == (
        "2022Q4",
        "2022Q4",
        "2022-10-01",
        "2022-12-31",
    )
    assert (irving.stream, irving.stream_original, irving.employer) == (
        "High Wage",
        "    High Wage",
        "J.D. Irving, Limited",
    )
    assert (irving.postal_code, irving.fsa, irving.place) == ("E2L 4L9", "E2L", "Saint John")
    assert (irving.noc_code, irving.noc_version, irving.noc_broad) == ("2131", 2011, "2")
    assert irving.geo_precision == "postal_code"
    assert 45.2 < irving.latitude < 45.3 and -66.2 < irving.longitude < -66.0
    assert rows[1].noc_code == "" and rows[1].noc_broad == ""
    outside = rows[3]
    assert (outside.latitude, outside.longitude, outside.geo_precision, outside.postal_code) == (None, None, "", "")
    assert report.geocoding == {"postal_code": 3}


def test_reimporting_the_same_file_changes_nothing():
    first = import_lmia_files([FILES / "tfwp_2024q2_pos_en.xlsx"])[0]
    before = state()
    again = import_lmia_files([FILES / "tfwp_2024q2_pos_en.xlsx"])[0]
    assert again.status == "skipped"
    assert again.message == f"already imported (run #{first.run_id}, tfwp_2024q2_pos_en.xlsx)"
    assert state() == before
    assert ImportRun.objects.count() == 1


def test_a_failing_file_leaves_the_database_as_it_was(tmp_path):
    import_lmia_files([FILES / "tfwp_2024q2_pos_en.xlsx"])
    before = state()
    bad = tmp_path / "tfwp_2021q3_positive_en.csv"
    good = (FILES / "tfwp_2021q3_positive_en.csv").read_text()
    bad.write_text(good.replace(",6322-Cooks,1", ",6322-Cooks,one"))
    [report] = import_lmia_files([bad])
    assert report.status == "failed"
    assert report.errors == [
        "tfwp_2021q3_positive_en.csv, row 4, column F (Approved Positions): 'one' is not a whole number"
    ]
    assert state() == before
    failed = ImportRun.objects.get(status="failed")
    assert failed.errors == report.errors and failed.rows == 0
    assert not failed.positions_set.exists()


def test_a_database_error_while_writing_rolls_everything_back(monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(lmia_import, "insert_positions", broken)
    [report] = import_lmia_files([FILES / "tfwp_2024q2_pos_en.xlsx"])
    assert report.status == "failed"
    assert report.message == "tfwp_2024q2_pos_en.xlsx: nothing written, database error: disk full"
    assert not ApprovedPosition.objects.exists()
    assert list(ImportRun.objects.values_list("status", flat=True)) == ["failed"]


def test_a_period_is_loaded_once_and_replace_swaps_it(tmp_path):
    first = import_lmia_files([FILES / "tfwp_2021q3_positive_en.csv"])[0]
    before = state()
    corrected = tmp_path / "TFWP_2021Q3_Positive_EN.csv"
    corrected.write_text((FILES / "tfwp_2021q3_positive_en.csv").read_text().replace("6322-Cooks,1", "6322-Cooks,5"))

    [refused] = import_lmia_files([corrected])
    assert refused.status == "failed"
    assert refused.message == (
        "TFWP_2021Q3_Positive_EN.csv: period 2021Q3 is already loaded from tfwp_2021q3_positive_en.csv "
        f"(run #{first.run_id}, 2021Q3); a period is loaded once. Use --replace to replace it with this file."
    )
    assert state() == before

    [replaced] = import_lmia_files([corrected], ImportOptions(replace=True))
    assert replaced.status == "ok" and replaced.replaced_runs == [first.run_id]
    assert ImportRun.objects.get(pk=first.run_id).status == "replaced"
    assert set(ApprovedPosition.objects.values_list("run_id", flat=True)) == {replaced.run_id}
    assert ApprovedPosition.objects.get(employer="Café Acadie").positions == 5
    # The replaced file is no longer "already imported", but its period is taken: refused without --replace.
    assert import_lmia_files([FILES / "tfwp_2021q3_positive_en.csv"])[0].status == "failed"


def test_an_annual_file_overlaps_its_quarters():
    import_lmia_files([FILES / "2016_positive_employer_en.csv"])
    [report] = import_lmia_files([FILES / "2016_positive_employer_fr.csv"])
    assert report.status == "failed" and "period 2016 is already loaded" in report.message


def test_dry_run_writes_nothing():
    [report] = import_lmia_files([FILES / "tfwp_2024q2_pos_en.xlsx"], ImportOptions(dry_run=True))
    assert (report.status, report.rows, report.positions) == ("dry-run", 4, 16)
    assert not ImportRun.objects.exists() and not ApprovedPosition.objects.exists()
    [failed] = import_lmia_files([FILES / "positive_employers_en.csv"], ImportOptions(dry_run=True))
    assert failed.status == "failed" and not ImportRun.objects.exists()


def test_period_override_applies_to_the_rows():
    [report] = import_lmia_files([FILES / "positive_employers_en.csv"], ImportOptions(period="2014Q3-Q4"))
    assert report.status == "ok"
    assert set(ApprovedPosition.objects.values_list("period", "quarter")) == {("2014Q3-Q4", "")}


def test_file_over_the_limit_is_refused_before_parsing(tmp_path, settings, monkeypatch):
    settings.BT_MAX_UPLOAD_BYTES = 1024
    monkeypatch.setattr(lmia_import, "parse_lmia", lambda *a, **k: pytest.fail("parsed a file over the limit"))
    path = tmp_path / "tfwp_2021q3_positive_en.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 4096)
    [report] = import_lmia_files([path])
    assert report.status == "failed"
    assert report.errors == ["tfwp_2021q3_positive_en.xlsx: the file is 4,100 bytes; the limit is 1,024 bytes"]
    assert not ApprovedPosition.objects.exists()


def test_directories_are_expanded(tmp_path):
    for name in ("tfwp_2024q2_pos_en.xlsx", "2017q4_positive_employer_en.csv", "build.py"):
        shutil.copy(FILES / name, tmp_path / name)
    reports = import_lmia_files([tmp_path])
    assert [(r.file_name, r.status) for r in reports] == [
        ("2017q4_positive_employer_en.csv", "ok"),
        ("tfwp_2024q2_pos_en.xlsx", "ok"),
    ]


def test_review_queue_and_a_remembered_fix(tmp_path):
    unplaceable = tmp_path / "tfwp_2021q3_positive_en.csv"
    unplaceable.write_text(
        (FILES / "tfwp_2021q3_positive_en.csv").read_text().replace('"Caraquet, NB E1W 1A1"', '"Nowhere Cove, NB"')
    )
    import_lmia_files([unplaceable])
    queued = review_queue()
    assert [(r.address, r.province, r.latitude) for r in queued] == [("Nowhere Cove, NB", "NB", None)]

    coordinator = user_with_role("coordinator")
    assert place_address("Nowhere Cove, NB", "NB", 47.79, -64.95, coordinator) == 1
    row = ApprovedPosition.objects.get(address="Nowhere Cove, NB")
    assert (row.latitude, row.longitude, row.geo_precision) == (47.79, -64.95, "fix")
    assert not review_queue().exists()
    assert GeocodeFix.objects.get().created_by == coordinator

    # A later file with the same address uses the fix.
    later = tmp_path / "tfwp_2021q4_positive_en.csv"
    later.write_text(unplaceable.read_text().replace("July to September 2021", "October to December 2021"))
    [report] = import_lmia_files([later])
    assert report.status == "ok" and report.period == "2021Q4"
    again = ApprovedPosition.objects.get(address="Nowhere Cove, NB", period="2021Q4")
    assert (again.latitude, again.longitude, again.geo_precision) == (47.79, -64.95, "fix")


def test_place_address_refuses_points_outside_canada():
    with pytest.raises(ValueError):
        place_address("Nowhere Cove, NB", "NB", 10.0, 10.0)


def test_a_geocoder_failure_leaves_the_row_for_review(monkeypatch):
    def failing(address, province):
        raise RuntimeError("boom")

    monkeypatch.setattr(lmia_rows, "geocode_address", failing)
    [report] = import_lmia_files([FILES / "tfwp_2021q3_positive_en.csv"])
    assert report.status == "ok"
    assert report.geocoding == {"": 2}
    assert [r.geo_warnings for r in review_queue()] == [["the geocoder failed on this address"]] * 2


def test_the_garbage_collector_resumes_after_an_import_even_a_crashed_one(monkeypatch):
    import_lmia_files([FILES / "tfwp_2024q2_pos_en.xlsx"])
    assert gc.isenabled()

    gc.disable()  # a caller that paused it itself keeps it paused
    try:
        import_lmia_files([FILES / "tfwp_2021q3_positive_en.csv"])
        assert not gc.isenabled()
    finally:
        gc.enable()

    def crash(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(lmia_import, "insert_positions", crash)
    with pytest.raises(RuntimeError):
        import_lmia_files([FILES / "tfwp_2022q4_pos_en.xlsx"])
    assert gc.isenabled()
