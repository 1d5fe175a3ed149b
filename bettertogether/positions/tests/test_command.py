"""import_lmia: output for people and machines, exit status, bad input, and the start-up mode."""

import json
import shutil
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command, execute_from_command_line
from django.db import connections

from bettertogether.positions.management.commands import import_lmia
from bettertogether.positions.management.commands.import_lmia import Command
from bettertogether.positions.models import ApprovedPosition, ImportRun

FILES = Path(__file__).resolve().parent / "files"
pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_lmia", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def exit_code(capsys, *args):
    """Run the command as manage.py does; return (exit status, stdout, stderr)."""
    # run_from_argv closes every connection when done, which would end the test's transaction
    # on PostgreSQL; keep it open as call_command would.
    try:
        with mock.patch.object(connections, "close_all"):
            execute_from_command_line(["manage.py", "import_lmia", *map(str, args)])
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def db_state():
    return (
        sorted(ImportRun.objects.filter(status="ok").values_list("pk", "sha256")),
        ApprovedPosition.objects.count(),
    )


def test_prints_rows_positions_and_provinces():
    out, err = run(FILES / "tfwp_2022q4_pos_en.xlsx")
    lines = out.splitlines()
    assert lines[0].startswith("tfwp_2022q4_pos_en.xlsx: ok, 2022Q4 (variant F), 4 rows, 6 positions, 5 LMIAs, ")
    assert lines[1].split() == ["NS", "1", "rows", "2", "positions", "1", "LMIAs"]
    assert lines[2].split() == ["NB", "2", "rows", "3", "positions", "3", "LMIAs"]
    assert lines[3].split() == ["outside", "Canada", "1", "rows", "1", "positions", "1", "LMIAs"]
    assert "geocoding: postal_code 3" in out
    assert err == ""  # no progress bar when stderr is not a terminal


def test_json_document():
    out, _ = run(FILES / "tfwp_2024q2_pos_en.xlsx", FILES / "2016_positive_employer_fr.csv", "--json")
    document = json.loads(out)
    assert document["ok"] is True
    assert document["totals"] == {"rows": 8, "positions": 28}
    first = document["files"][0]
    assert first["file_name"] == "tfwp_2024q2_pos_en.xlsx"
    assert (first["status"], first["period"], first["period_start"], first["rows"], first["positions"]) == (
        "ok",
        "2024Q2",
        "2024-04-01",
        4,
        16,
    )
    assert first["per_province"]["NS"] == {"rows": 2, "positions": 13, "lmias": 4}
    assert document["files"][1]["per_province"]["XX"] == {"rows": 1, "positions": 3, "lmias": None}


def test_second_run_skips(capsys):
    run(FILES / "tfwp_2024q2_pos_en.xlsx")
    code, out, _ = exit_code(capsys, FILES / "tfwp_2024q2_pos_en.xlsx")
    assert code == 0
    assert out.startswith("tfwp_2024q2_pos_en.xlsx: skipped, already imported (run #")


def test_dry_run_and_period(capsys):
    code, out, _ = exit_code(capsys, FILES / "positive_employers_en.csv", "--dry-run", "--period", "2014Q3-Q4")
    assert code == 0
    assert out.startswith("positive_employers_en.csv: dry-run, 2014Q3-Q4 (variant A), 4 rows, 17 positions")
    assert not ImportRun.objects.exists()


def bad_files(tmp_path):
    good_xlsx = (FILES / "tfwp_2024q2_pos_en.xlsx").read_bytes()
    title = '"Employers …, July to September 2021",,,,,\r\n'
    header = "Province/Territory,Program Stream,Employer ,Address ,Occupation ,Approved Positions\r\n"
    files = {
        "truncated.xlsx": good_xlsx[: len(good_xlsx) // 3],
        "report.xlsx": b"%PDF-1.4\n1 0 obj\n",
        "empty_2021q3.csv": b"",
        "shifted_2021q3.csv": (
            title + header + "Nova Scotia,High Wage,Acme,Halifax, NS B3H 1A1,6322-Cooks,2\r\n"
        ).encode(),
        "header_only_2021q3.csv": (title + header).encode(),
        "words_2021q3.csv": (
            title + header + 'Nova Scotia,High Wage,Acme,"Halifax, NS B3H 1A1",6322-Cooks,two\r\n'
        ).encode(),
    }
    paths = {}
    for name, data in files.items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(data)
    big = tmp_path / "big_2021q3.xlsx"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    paths["big_2021q3.xlsx"] = big
    return paths


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("truncated.xlsx", "truncated.xlsx: the workbook cannot be read (truncated or corrupt?)"),
        ("report.xlsx", "report.xlsx: this is a PDF document, not a spreadsheet (a PDF renamed?)"),
        ("empty_2021q3.csv", "empty_2021q3.csv: the file is empty"),
        ("shifted_2021q3.csv", "shifted_2021q3.csv, row 3, column G: 6-column header but a value in column G"),
        ("header_only_2021q3.csv", "header_only_2021q3.csv: no data rows after the header"),
        ("big_2021q3.xlsx", "big_2021q3.xlsx: the file is 50.0 MB; the limit is 25.0 MB"),
        ("words_2021q3.csv", "words_2021q3.csv, row 3, column F (Approved Positions): 'two' is not a whole number"),
    ],
)
def test_bad_input_fails_clearly_and_changes_nothing(tmp_path, capsys, name, expected):
    run(FILES / "tfwp_2024q2_pos_en.xlsx")
    before = db_state()
    path = bad_files(tmp_path)[name]
    code, out, err = exit_code(capsys, path)
    assert code == 1
    assert f"{name}: FAILED" in out
    assert expected in out and expected in err
    assert db_state() == before
    assert ImportRun.objects.get(status="failed").file_name == name


def test_one_failed_file_fails_the_command_but_others_import(tmp_path, capsys):
    bad = bad_files(tmp_path)["words_2021q3.csv"]
    code, out, err = exit_code(capsys, FILES / "tfwp_2024q2_pos_en.xlsx", bad)
    assert code == 1
    assert "CommandError: 1 of 2 file(s) failed:" in err
    assert ImportRun.objects.filter(status="ok").count() == 1


def test_missing_path(capsys, tmp_path):
    code, _, err = exit_code(capsys, tmp_path / "nope.xlsx")
    assert code == 1 and "not found:" in err
    code, _, err = exit_code(capsys, tmp_path)
    assert code == 1 and "no .xlsx or .csv file in" in err


def test_startup_is_quiet_and_never_fails(tmp_path, capsys):
    assert exit_code(capsys, "--startup", tmp_path / "missing") == (0, "", "")
    assert exit_code(capsys, "--startup", tmp_path) == (0, "", "")

    shutil.copy(FILES / "tfwp_2021q3_positive_en.csv", tmp_path / "tfwp_2021q3_positive_en.csv")
    shutil.copy(FILES / "tfwp_2024q2_pos_en.xlsx", tmp_path / "tfwp_2024q2_pos_en.xlsx")
    (tmp_path / "broken_2021q4.csv").write_bytes(b"nothing useful")
    code, out, err = exit_code(capsys, "--startup", tmp_path)
    assert code == 0
    assert "tfwp_2021q3_positive_en.csv: ok" in out and "tfwp_2024q2_pos_en.xlsx: ok" in out
    assert "broken_2021q4.csv: FAILED" in out
    rows = ApprovedPosition.objects.count()

    # A second start: nothing new, nothing printed, the broken file is not retried.
    other = tmp_path / "copy"
    other.mkdir()
    assert exit_code(capsys, "--startup", tmp_path) == (0, "", "")
    # Another file of a period already loaded is skipped quietly at start-up.
    shutil.copy(FILES / "tfwp_2021q3_positive_en.csv", other / "TFWP_2021Q3_other.csv")
    (other / "TFWP_2021Q3_other.csv").write_text(
        (FILES / "tfwp_2021q3_positive_en.csv").read_text().replace("Cooks,1", "Cooks,2")
    )
    assert exit_code(capsys, "--startup", other) == (0, "", "")
    assert ApprovedPosition.objects.count() == rows
    assert ImportRun.objects.filter(status="failed").count() == 1


def test_progress_bar_only_on_a_terminal(monkeypatch):
    class Terminal(StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    out = StringIO()
    call_command("import_lmia", str(FILES / "tfwp_2024q2_pos_en.xlsx"), stdout=out)
    assert "tfwp_2024q2_pos_en.xlsx" in terminal.getvalue()
    assert terminal.getvalue().endswith("] 4/4\n")
    monkeypatch.setattr("sys.stderr", StringIO())
    assert Command()._progress_bar() is None


def test_startup_survives_an_unexpected_error(monkeypatch, capsys, tmp_path):
    def broken(*args, **kwargs):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(import_lmia, "import_lmia_files", broken)
    shutil.copy(FILES / "tfwp_2024q2_pos_en.xlsx", tmp_path / "tfwp_2024q2_pos_en.xlsx")
    code, out, err = exit_code(capsys, "--startup", tmp_path)
    assert (code, out) == (0, "")
    assert "import_lmia --startup: RuntimeError: database is locked" in err
