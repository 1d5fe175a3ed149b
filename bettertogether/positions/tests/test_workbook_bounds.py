"""Hostile workbooks: a few kilobytes that declare or reach billions of cells, zip bombs, XML entities.

Each is refused before the spreadsheet reader lays the sheet out, with an error naming the file; the
process stays under 300 MB and alive (the reader used to abort the whole process on the first one).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bettertogether.core.roles import Role
from bettertogether.core.tests.factories import sign_in
from bettertogether.positions import workbook_bounds
from bettertogether.positions.lmia import LmiaFormatError, parse_lmia
from bettertogether.positions.models import ApprovedPosition, ImportRun

from .factories import user_with_role
from .test_admin import upload

FILES = Path(__file__).resolve().parent / "files"
ROOT = Path(__file__).resolve().parents[3]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="xl/workbook.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
        "</Relationships>"
    ),
}


def workbook(sheet_data: str, *, dimension: str | None = None, prolog: str = "", extra: dict | None = None) -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    head = f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{MAIN}">{dim}'
    sheet = f"{head}<sheetData>{sheet_data}</sheetData></worksheet>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in {**PARTS, "xl/worksheets/sheet1.xml": sheet, **(extra or {})}.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def two_cells(last: str) -> str:
    row = int("".join(ch for ch in last if ch.isdigit()))
    return (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Employer</t></is></c></row>'
        f'<row r="{row}"><c r="{last}"><v>1</v></c></row>'
    )


HOSTILE = {
    # The finding: 4.7 KB, only A1 and XFD1048576, honest <dimension>.
    "xfd_declared.xlsx": workbook(two_cells("XFD1048576"), dimension="A1:XFD1048576"),
    # The same, its <dimension> lying.
    "xfd_lying.xlsx": workbook(two_cells("XFD1048576"), dimension="A1"),
    # A1 and Z1048576: 27 million cells, no <dimension> at all.
    "z_column.xlsx": workbook(two_cells("Z1048576")),
}


def refusal(data: bytes, name: str) -> str:
    with pytest.raises(LmiaFormatError) as excinfo:
        parse_lmia(data, file_name=name)
    return str(excinfo.value)


def test_hostile_files_are_small():
    assert all(len(data) < 10_000 for data in HOSTILE.values())


def test_declared_dimension_is_refused_before_reading():
    message = refusal(HOSTILE["xfd_declared.xlsx"], "xfd_declared.xlsx")
    assert message == (
        "xfd_declared.xlsx: the sheet xl/worksheets/sheet1.xml declares 1,048,576 rows × 16,384 columns "
        "(17,179,869,184 cells); the limit is 1,000,000 cells"
    )


@pytest.mark.parametrize("name", ["xfd_lying.xlsx", "z_column.xlsx"])
def test_actual_extent_is_counted_whatever_the_dimension_says(name):
    message = refusal(HOSTILE[name], name)
    assert message.startswith(f"{name}: the sheet xl/worksheets/sheet1.xml reaches 1,048,576 rows × ")
    assert message.endswith("; the limit is 1,000,000 cells")


def test_cells_without_references_are_counted(monkeypatch):
    monkeypatch.setattr(workbook_bounds, "MAX_CELLS", 1000)
    # Rows and cells without references: each row one further down, each cell one column further.
    sheet = "<row><c><v>1</v></c></row>" * 10 + "<row>" + "<c><v>2</v></c>" * 101 + "</row>"
    assert "the sheet xl/worksheets/sheet1.xml reaches 11 rows × 91 columns (1,001 cells)" in refusal(
        workbook(sheet), "unnumbered.xlsx"
    )


def test_zip_bomb_member_is_refused():
    # 40 MB of spaces inside the sheet deflate to about 40 KB: a ratio no spreadsheet has.
    data = workbook(two_cells("B2"), prolog="<!-- " + " " * 40_000_000 + " -->")
    assert len(data) < 100_000
    message = refusal(data, "bomb.xlsx")
    assert message == "bomb.xlsx: the workbook part xl/worksheets/sheet1.xml inflates more than 150 times (a zip bomb?)"


def test_inflated_size_is_capped(monkeypatch):
    monkeypatch.setattr(workbook_bounds, "MAX_MEMBER_BYTES", 2 * 1024 * 1024)
    monkeypatch.setattr(workbook_bounds, "MAX_RATIO", 10**9)
    data = workbook(two_cells("B2"), extra={"xl/media/filler.bin": os.urandom(16) * 200_000})
    message = refusal(data, "big.xlsx")
    assert message == "big.xlsx: the workbook part xl/media/filler.bin inflates past 2 MB (a zip bomb?)"


def test_whole_archive_size_is_capped(monkeypatch):
    monkeypatch.setattr(workbook_bounds, "MAX_TOTAL_BYTES", 3 * 1024 * 1024)
    monkeypatch.setattr(workbook_bounds, "MAX_RATIO", 10**9)
    parts = {f"xl/media/part{i}.bin": b"x" * 1_000_000 for i in range(4)}
    message = refusal(workbook(two_cells("B2"), extra=parts), "many.xlsx")
    assert "inflates past" in message and message.startswith("many.xlsx: the workbook part xl/media/part")


def test_xml_entities_are_refused():
    laughs = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    message = refusal(workbook(two_cells("B2"), prolog=laughs), "laughs.xlsx")
    assert message == "laughs.xlsx: the workbook part xl/worksheets/sheet1.xml declares a DTD, which no workbook has"


def test_other_containers_are_refused():
    assert refusal(b"\xd0\xcf\x11\xe0" + b"\x00" * 600, "old.xls") == (
        "old.xls: legacy Excel 97–2003 (.xls) workbooks are not read: save it as .xlsx or .csv"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office:document-content/>")
    assert refusal(buffer.getvalue(), "sheet.xlsx") == (
        "sheet.xlsx: not an XLSX workbook (no xl/workbook.xml): save it as .xlsx or .csv"
    )


def test_a_large_honest_sheet_within_the_limit_is_read():
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="J{r}"><v>1</v></c></row>' for r in range(1, 90_001))
    workbook_bounds.check_workbook(workbook(rows, dimension="A1:J90000"))  # 900,000 cells: allowed


def test_real_workbooks_still_read():
    for path in FILES.glob("*.xlsx"):
        workbook_bounds.check_workbook(path.read_bytes())


PROBE = """
import json, re, sys
from bettertogether.positions.lmia import LmiaFormatError, parse_lmia
try:
    parse_lmia(sys.argv[1])
    outcome = "read"
except LmiaFormatError as exc:
    outcome = str(exc)
# VmHWM, this process's own peak (ru_maxrss would include the parent's from before exec).
peak_kb = int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))
print(json.dumps({"outcome": outcome, "peak_mb": peak_kb / 1024}))
"""


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_reading_stays_alive_and_under_300_mb(tmp_path, name):
    """In a separate process: before the fix the first file aborted it (SIGABRT) and Z1048576 took 1.4 GB."""
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bettertogether.settings.test"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["outcome"].startswith(f"{name}: the sheet xl/worksheets/sheet1.xml ")
    assert result["peak_mb"] < 300


@pytest.mark.django_db
def test_import_command_fails_clearly(tmp_path, capsys):
    path = tmp_path / "tfwp_2024q2_pos_en.xlsx"
    path.write_bytes(HOSTILE["xfd_declared.xlsx"])
    with pytest.raises(CommandError) as excinfo:
        call_command("import_lmia", str(path))
    assert "tfwp_2024q2_pos_en.xlsx: the sheet xl/worksheets/sheet1.xml declares 1,048,576 rows" in str(excinfo.value)
    assert not ApprovedPosition.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


@pytest.mark.django_db
def test_startup_import_reports_and_continues(tmp_path, capsys):
    (tmp_path / "tfwp_2024q2_pos_en.xlsx").write_bytes(HOSTILE["z_column.xlsx"])
    (tmp_path / "tfwp_2022q4_pos_en.xlsx").write_bytes((FILES / "tfwp_2022q4_pos_en.xlsx").read_bytes())
    call_command("import_lmia", "--startup", str(tmp_path))
    out = capsys.readouterr().out
    assert "tfwp_2024q2_pos_en.xlsx: FAILED" in out and "reaches 1,048,576 rows" in out
    assert "tfwp_2022q4_pos_en.xlsx: ok" in out
    assert ApprovedPosition.objects.exists()


@pytest.mark.django_db
def test_admin_upload_answers_with_the_error(client):
    """The admin upload used to drop the connection (the worker process aborted) with no message."""
    sign_in(client, user_with_role(Role.COORDINATOR))
    response = upload(client, "tfwp_2024q2_pos_en.xlsx", HOSTILE["xfd_lying.xlsx"])
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "The file was not imported; nothing was changed." in page
    assert "tfwp_2024q2_pos_en.xlsx: the sheet xl/worksheets/sheet1.xml reaches 1,048,576 rows" in page
