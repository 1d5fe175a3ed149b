"""The LMIA import reports in core's run record: hash, counts, problems by file, row and column."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bettertogether.core.imports import ImportProblem, ImportReport, RunStatus
from bettertogether.positions.lmia_import import ImportOptions, import_lmia_bytes
from bettertogether.positions.models import ApprovedPosition, ImportRun

FILES = Path(__file__).resolve().parent / "files"
pytestmark = pytest.mark.django_db


def test_an_import_and_its_repeat_in_the_run_record():
    data = (FILES / "tfwp_2021q3_positive_en.csv").read_bytes()
    report = import_lmia_bytes(data, "tfwp_2021q3_positive_en.csv")
    assert isinstance(report, ImportReport) and report.status is RunStatus.OK
    assert report.sha256 == hashlib.sha256(data).hexdigest() == ImportRun.objects.get().sha256
    assert (report.created, report.updated, report.unchanged, report.refused) == (3, 0, 0, 0)
    assert report.counts == {"approved position": 3} and ApprovedPosition.objects.count() == 3
    assert report.problems == []

    again = import_lmia_bytes(data, "copy.csv")
    assert again.status is RunStatus.SKIPPED and (again.created, again.unchanged) == (0, 3)
    assert ApprovedPosition.objects.count() == 3

    dry = import_lmia_bytes(
        data.replace(b"July to September", b"October to December"), "q4.csv", ImportOptions(dry_run=True)
    )
    assert dry.status is RunStatus.DRY_RUN and ImportRun.objects.count() == 1


def test_a_broken_row_is_reported_by_file_row_and_column_and_nothing_is_written():
    data = (FILES / "tfwp_2021q3_positive_en.csv").read_bytes().replace(b"6322-Cooks,1", b"6322-Cooks,one")
    report = import_lmia_bytes(data, "tfwp_2021q3_positive_en.csv")
    assert report.status is RunStatus.FAILED and report.refused == 1 and report.created == 0
    assert report.problems == [
        ImportProblem(4, "F (Approved Positions)", "'one' is not a whole number", file="tfwp_2021q3_positive_en.csv")
    ]
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED == RunStatus.FAILED
    assert run.errors == [
        "tfwp_2021q3_positive_en.csv, row 4, column F (Approved Positions): 'one' is not a whole number"
    ]
    assert run.sha256 == report.sha256 == hashlib.sha256(data).hexdigest()
    assert not ApprovedPosition.objects.exists()
