"""The HSDS import reports in core's run record: hash, counts, problems by file, row and column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from bettertogether.core.imports import ImportFailed, ImportReport, RunStatus, sha256_of_files
from bettertogether.directory import hsds_io, models
from bettertogether.directory.demo.loader import DEMO_SOURCE, load_directory

from . import factories

pytestmark = pytest.mark.django_db


def _set_cell(path: Path, column: str, value: str) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header, data = list(reader.fieldnames or []), list(reader)
    data[0][column] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(data)


def test_an_import_and_its_repeat_in_the_run_record(tmp_path: Path):
    factories.full_service()
    hsds_io.export_package(tmp_path)
    files = [p for p in tmp_path.iterdir() if p.is_file()]
    first = hsds_io.import_package(tmp_path)  # the same records, some of their kept HSDS rows completed
    assert first.created == 0 and first.updated > 0
    again = hsds_io.import_package(tmp_path)  # everything is there as the package says
    assert isinstance(again, ImportReport) and again.status is RunStatus.OK
    assert again.file_name == tmp_path.name and again.sha256 == sha256_of_files(files)
    assert again.created == again.updated == again.refused == 0 and again.unchanged > 0

    _set_cell(tmp_path / "services.csv", "name", "Renamed clinic")
    changed = hsds_io.import_package(tmp_path)
    assert changed.sha256 != again.sha256
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, again.unchanged - 1)

    for model in (models.Attribute, models.Service, models.Location, models.Organization):
        model.objects.all().delete()
    fresh = hsds_io.import_package(tmp_path)
    assert fresh.created > 0 and fresh.created + fresh.unchanged == again.unchanged


def test_a_broken_row_is_reported_by_file_row_and_column_and_nothing_is_written(tmp_path: Path):
    factories.full_service()
    hsds_io.export_package(tmp_path)
    models.Service.objects.all().delete()
    _set_cell(tmp_path / "services.csv", "minimum_age", "twelve")
    with pytest.raises(ImportFailed) as caught:
        hsds_io.import_package(tmp_path)
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("services.csv", 2, "minimum_age")
    report = caught.value.report
    assert report is not None and report.status is RunStatus.FAILED and report.refused == 1
    assert report.problems == [problem] and report.sha256 and report.created == 0
    assert not models.Service.objects.exists()

    with pytest.raises(Exception, match="services.csv, row 2, column minimum_age"):
        call_command("import_hsds", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())


def test_the_command_prints_the_run_record(tmp_path: Path):
    factories.full_service()
    hsds_io.export_package(tmp_path)
    hsds_io.import_package(tmp_path)
    out = io.StringIO()
    call_command("import_hsds", str(tmp_path), stdout=out, stderr=io.StringIO())
    line = next(line for line in out.getvalue().splitlines() if "SHA-256" in line)
    assert line.startswith(f"{tmp_path.name} (SHA-256 {sha256_of_files(p for p in tmp_path.iterdir())}): 0 created")
    assert "0 updated" in line and "0 refused" in line


def test_the_demo_directory_is_written_through_the_same_run_record():
    first = load_directory()
    assert isinstance(first, ImportReport) and first.file_name == DEMO_SOURCE and len(first.sha256) == 64
    assert first.created > 0 and first.updated == 0
    again = load_directory()
    assert again.sha256 == first.sha256
    assert (again.created, again.updated, again.unchanged) == (0, 0, first.created + first.unchanged)
