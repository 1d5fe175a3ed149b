"""core.imports: the problem, the error type and the run record every import shares."""

from __future__ import annotations

import json
from pathlib import Path

from bettertogether.core.imports import (
    MAX_LISTED_PROBLEMS,
    STORED_STATUSES,
    ImportFailed,
    ImportProblem,
    ImportReport,
    RunStatus,
    cap,
    sha256_of,
    sha256_of_file,
    sha256_of_files,
)


def test_a_problem_says_file_row_and_column_that_it_knows():
    assert str(ImportProblem(4, "F (Approved Positions)", "'one' is not a whole number", file="q.csv")) == (
        "q.csv, row 4, column F (Approved Positions): 'one' is not a whole number"
    )
    assert (
        str(ImportProblem(2, "name", "required", file="services.csv")) == "services.csv, row 2, column name: required"
    )
    assert str(ImportProblem(None, None, "the file is empty", file="q.csv")) == "q.csv: the file is empty"
    assert str(ImportProblem(None, None, "no answer")) == "no answer"
    assert str(ImportProblem(0, None, "header", file="q.csv")) == "q.csv, row 0: header"


def test_the_error_names_its_file_in_every_problem_and_lists_fifty():
    problems = [ImportProblem(row, "A", "bad") for row in range(1, 61)] + ["a whole-file message"]
    failure = ImportFailed(problems, "q.csv")
    assert all(p.file == "q.csv" for p in failure.problems)
    assert failure.problems[-1] == ImportProblem(None, None, "a whole-file message", file="q.csv")
    assert len(failure.messages) == 61 and failure.messages[0] == "q.csv, row 1, column A: bad"
    lines = str(failure).splitlines()
    assert len(lines) == MAX_LISTED_PROBLEMS + 1 and lines[-1] == "… and 11 more problems"
    assert ImportFailed([ImportProblem(1, None, "x", file="other.csv")], "q.csv").problems[0].file == "other.csv"


def test_a_failed_report_keeps_the_problems_and_says_them_as_json():
    report = ImportReport(file_name="q.csv", sha256=sha256_of(b"data"))
    report.count("created", 3)
    report.count("refused")
    report.fail(ImportFailed([ImportProblem(5, "B", "unknown stream")]))
    assert report.status == RunStatus.FAILED and not report.ok
    assert report.errors == ["q.csv, row 5, column B: unknown stream"]
    data = json.loads(json.dumps(report.as_dict()))
    assert data["status"] == "failed" and (data["created"], data["refused"]) == (3, 1)
    assert data["problems"] == [{"row": 5, "column": "B", "message": "unknown stream", "file": "q.csv"}]
    assert data["sha256"] == "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7"


def test_statuses_and_hashes():
    assert [s.value for s in RunStatus] == ["ok", "failed", "replaced", "skipped", "dry-run"]
    assert set(STORED_STATUSES) == {RunStatus.OK, RunStatus.FAILED, RunStatus.REPLACED}
    assert cap(["a"] * 3, limit=2) == ["a", "a", "… and 1 more"]


def test_file_hashes(tmp_path: Path):
    (tmp_path / "b.csv").write_bytes(b"2")
    (tmp_path / "a.csv").write_bytes(b"1")
    assert sha256_of_file(tmp_path / "a.csv") == sha256_of(b"1")
    both = sha256_of_files([tmp_path / "b.csv", tmp_path / "a.csv"])
    assert both == sha256_of_files([tmp_path / "a.csv", tmp_path / "b.csv"])
    (tmp_path / "a.csv").write_bytes(b"3")
    assert sha256_of_files([tmp_path / "a.csv", tmp_path / "b.csv"]) != both
