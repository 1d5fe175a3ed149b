"""What an import stores is exactly what the parser read and the geocoder placed, on SQLite and on
PostgreSQL (whose rows go in with COPY): hostile text included, and a database error is a failed run."""

import csv
import datetime as dt
import gc
import io
import threading
import zipfile
from pathlib import Path

import pytest

from bettertogether.core import geocode
from bettertogether.core.models import GeocodeFix
from bettertogether.positions import lmia_import, lmia_rows
from bettertogether.positions.lmia import LmiaFormatError, parse_lmia
from bettertogether.positions.lmia_import import import_lmia_bytes, import_lmia_files
from bettertogether.positions.models import ApprovedPosition, ImportRun

from .factories import ImportRunFactory

FILES = Path(__file__).resolve().parent / "files"
pytestmark = pytest.mark.django_db

TITLE = (
    "Employers Who Were Issued a Positive Labour Market Impact Assessment (LMIA) by Program Stream, "
    "National Occupational Classification (NOC) 2011 and Business Location, July to September 2021"
)
HEADER = ["Province/Territory", "Program Stream", "Employer", "Address", "Occupation", "Approved Positions"]
FIELDS = [f.attname for f in ApprovedPosition._meta.concrete_fields if not f.primary_key]

# Text a COPY stream or an SQL literal could mistake for syntax: tab, line ends, backslashes, the
# end-of-data marker, the NULL marker, quotes, control characters, characters outside the BMP.
HOSTILE_ROWS = [
    [
        "Nova Scotia",
        "\tLow Wage\r\n",
        'Tab\there "quoted" \\ back\\slash \\. end',
        "Halifax, NS B3H 4R2",
        "6322-Cooks",
        "2",
    ],
    [
        "Nova Scotia",
        "High Wage",
        "Line1\r\nLine2\nLine3\rLine4",
        'Suite \\N, 12 "Rue" \\., Kentville, NS B4N 1A1',
        "7611-Helpers",
        "1",
    ],
    ["New Brunswick", ' Odd\\Stream\t"x"\x01\x08\x7f\x1b ', "\\.", "\\.", '4011-Profs \\ "x"\ttab \U0001d11e', "3"],
    ["New Brunswick", "Low Wage", "\\N", "Caraquet, NB E1W 1A1", "\\N", "1"],
    [
        "Nova Scotia",
        "Low Wage",
        "Ferme \U0001d11e \U0001f600 Ltée \x0b\x0c'\u2019",
        "Cap-Pelé, NB E4P 1A1",
        "6322-Cooks",
        "1",
    ],
    [
        "Nova Scotia",
        "Low Wage",
        "X" * 50 + "\U0001f600" * 300,
        "\U0001f600" * 380 + " Kentville, NS B4N 1A1",
        "6322-" + "é" * 320,
        "1",
    ],
    ["Nova Scotia", "Low Wage", "';DROP TABLE positions_approvedposition;--", "Nowhere Cove, NS", "6322-Cooks", "4"],
    [
        "Employers carrying on business in Canada with Head Office outside of Canada",
        "High Wage",
        'Über \\ "GmbH"\t\U0001f600',
        "Guidizzolo, Mantova, 46040 \\.",
        "4021-College instructors",
        "1",
    ],
]


def lmia_csv(rows, title=TITLE) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([title, "", "", "", "", ""])
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode()


def stored_rows(run_id):
    return list(ApprovedPosition.objects.filter(run_id=run_id).order_by("row_number").values(*FIELDS))


def expected_rows(data: bytes, file_name: str, run_id: int):
    """The row values the import derives from the parser's records and the geocoder, field by field."""
    parsed = parse_lmia(data, file_name=file_name)
    rows, _ = lmia_rows.place_rows(parsed.records, [], file_name, None)
    for row in rows:
        row["run_id"] = run_id
    return parsed, rows


def test_hostile_text_is_stored_exactly_as_parsed():
    data = lmia_csv(HOSTILE_ROWS)
    report = import_lmia_bytes(data, file_name="hostile_2021q3.csv")
    assert report.status == "ok", report.message
    parsed, expected = expected_rows(data, "hostile_2021q3.csv", report.run_id)
    stored = stored_rows(report.run_id)
    assert len(stored) == len(parsed.records) == len(HOSTILE_ROWS)

    for record, want, got in zip(parsed.records, expected, stored, strict=True):
        assert set(got) == set(want)
        for name in FIELDS:
            assert got[name] == want[name], (record.row, name)
            assert type(got[name]) is type(want[name]), (record.row, name)
        # The parser's text reaches the table unchanged (cut to the column's length, nothing else).
        assert got["employer"] == record.employer[:300]
        assert got["address"] == record.address[:400]
        assert got["stream_original"] == record.stream_original
        assert got["noc_title"] == record.noc_title[:300]
        assert (got["period_start"], got["period_end"]) == (record.period_start, record.period_end)
        assert (got["lmias"], got["positions"], got["noc_version"]) == (
            record.lmias,
            record.positions,
            record.noc_version,
        )

    # Not vacuous: the hostile characters really went through the write path.
    texts = [v for row in stored for v in row.values() if isinstance(v, str)]
    for fragment in ("\t", "\r\n", "\\.", "\\N", '"', "\x01", "\x08", "\x7f", "\U0001d11e", "\U0001f600", "';DROP"):
        assert any(fragment in text for text in texts), fragment
    assert any(row["employer"] == "\\." for row in stored) and any(row["employer"] == "\\N" for row in stored)
    assert max(len(row["employer"]) for row in stored) == 300
    assert all(isinstance(row["period_start"], dt.date) for row in stored)
    assert any(row["latitude"] is None for row in stored) and any(row["latitude"] is not None for row in stored)


def test_json_and_null_values_are_stored_exactly():
    """geo_warnings (JSON) carrying hostile text, the empty list, shared lists and NULL numbers."""
    data = lmia_csv(HOSTILE_ROWS[:6])
    run = ImportRunFactory()
    _parsed, rows = expected_rows(data, "json_2021q3.csv", run.pk)
    hostile = ["tab\t", "nl\n", "cr\r", "bs\\", 'q"', "\\.", "\\N", "{}", "[", "\x01", "\U0001f600", "é"]
    lists = [hostile, list(hostile), hostile[::-1], [], ["FSA B0X does not exist"], ["FSA B0Y does not exist"]]
    for row, warnings in zip(rows, lists, strict=True):  # equal lists share one adapted value; others never
        row["geo_warnings"] = warnings
    rows[3].update(lmias=None, noc_version=None, latitude=None, longitude=None)
    rows[4]["period_start"] = dt.date(2021, 8, 1)  # dates are adapted once per distinct value too
    lmia_rows.insert_positions(run.pk, [dict(r) for r in rows])
    stored = stored_rows(run.pk)
    assert stored == rows
    assert [r["geo_warnings"] for r in stored] == lists
    assert [r["period_start"] for r in stored] == [dt.date(2021, 7, 1)] * 4 + [dt.date(2021, 8, 1), dt.date(2021, 7, 1)]


def test_a_nul_character_is_refused_with_a_clear_error_wherever_it_is():
    # Far enough down the file that the binary-file check of the first bytes does not see it.
    filler = [["Nova Scotia", "Low Wage", f"Employer {n}", "Halifax, NS B3H 4R2", "6322-Cooks", "1"] for n in range(80)]
    rows = [*filler, ["Nova Scotia", "Low Wage", "Nul\x00Employer", "Halifax, NS B3H 4R2", "6322-Cooks", "1"]]
    data = lmia_csv(rows)
    assert data.index(b"\x00") > 4096

    with pytest.raises(LmiaFormatError) as raised:
        parse_lmia(data, file_name="nul_2021q3.csv")
    assert any("row 83" in m and "NUL" in m for m in raised.value.messages), raised.value.messages

    report = import_lmia_bytes(data, file_name="nul_2021q3.csv")
    assert report.status == "failed" and "NUL" in report.message
    assert not ApprovedPosition.objects.exists()
    assert ImportRun.objects.get().status == "failed"


def test_a_nul_character_in_a_workbook_is_refused_too():
    """XLSX escapes a NUL as _x0000_; the workbook reader turns it back into one."""
    source = zipfile.ZipFile(FILES / "tfwp_2022q4_pos_en.xlsx")
    sheet = source.read("xl/worksheets/sheet1.xml").decode()
    assert sheet.count("Irving, Limited") == 1
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            body = source.read(name)
            target.writestr(
                name,
                sheet.replace("Irving, Limited", "Irving_x0000_, Limited") if name.endswith("sheet1.xml") else body,
            )

    report = import_lmia_bytes(out.getvalue(), file_name="tfwp_2022q4_pos_en.xlsx")
    assert report.status == "failed"
    assert report.errors == ["tfwp_2022q4_pos_en.xlsx, row 2, column C: a NUL character (binary data) in the cell"]
    assert not ApprovedPosition.objects.exists()


def test_a_database_error_while_writing_rows_is_a_failed_run_not_a_crash(monkeypatch):
    """The rows' write (COPY on PostgreSQL) fails the file like any other database error: nothing
    written, the failure recorded, the import goes on with the next file."""
    place_rows = lmia_rows.place_rows

    def with_a_negative_count(*args, **kwargs):
        rows, precisions = place_rows(*args, **kwargs)
        rows[-1]["positions"] = -1  # breaks the column's CHECK constraint on both databases
        return rows, precisions

    monkeypatch.setattr(lmia_import, "place_rows", with_a_negative_count)
    report = import_lmia_bytes(lmia_csv(HOSTILE_ROWS[:3]), file_name="broken_2021q3.csv")
    assert report.status == "failed"
    assert "nothing written, database error" in report.message
    assert not ApprovedPosition.objects.exists()
    assert list(ImportRun.objects.values_list("status", flat=True)) == ["failed"]

    monkeypatch.setattr(lmia_import, "place_rows", place_rows)
    report = import_lmia_bytes(lmia_csv(HOSTILE_ROWS[:3]), file_name="fine_2021q3.csv")
    assert report.status == "ok" and ApprovedPosition.objects.count() == 3


def test_a_fix_saved_after_an_import_is_used_by_the_next_import_in_the_same_process(tmp_path):
    """A coordinator's GeocodeFix saved directly (the admin's way, not place_address) after a first import,
    for an address the geocoder did place, wins in the next import; so does its later deletion."""
    address = 'Suite 4, "Main" St\\ Kentville,  NS  b4n 1a1'
    rows = [["Nova Scotia", "Low Wage", "Orchard Ltd", address, "6322-Cooks", "2"]]
    first = tmp_path / "tfwp_2021q3_positive_en.csv"
    first.write_bytes(lmia_csv(rows))
    [report] = import_lmia_files([first])
    assert report.status == "ok"
    placed = ApprovedPosition.objects.get(period="2021Q3")
    assert placed.geo_precision == "postal_code"

    fix = GeocodeFix.objects.create(
        key=geocode.fix_key("suite 4 main st kentville ns B4N 1A1", "NS"),
        province="NS",
        latitude=45.25,
        longitude=-64.25,
        label="Orchard",
    )
    second = tmp_path / "tfwp_2021q4_positive_en.csv"
    second.write_bytes(lmia_csv(rows, title=TITLE.replace("July to September", "October to December")))
    [report] = import_lmia_files([second])
    assert report.status == "ok", report.message
    fixed = ApprovedPosition.objects.get(period="2021Q4")
    assert (fixed.latitude, fixed.longitude, fixed.geo_precision) == (45.25, -64.25, "fix")

    fix.delete()
    third = tmp_path / "tfwp_2022q1_positive_en.csv"
    third.write_bytes(lmia_csv(rows, title=TITLE.replace("July to September 2021", "January to March 2022")))
    [report] = import_lmia_files([third])
    assert report.status == "ok", report.message
    again = ApprovedPosition.objects.get(period="2022Q1")
    assert (again.latitude, again.longitude, again.geo_precision) == (placed.latitude, placed.longitude, "postal_code")


@pytest.mark.parametrize("first_out", ["first in", "last in"])
def test_the_garbage_collector_is_back_on_after_imports_overlapping_in_threads(first_out):
    """The pause is process-wide: whichever import ends first, collections resume once both have ended,
    and an import that raises in a thread restores them too."""
    assert gc.isenabled()
    inside = [threading.Event(), threading.Event()]
    leave = [threading.Event(), threading.Event()]
    errors = []

    def run(n):
        try:
            with lmia_import.cyclic_gc_paused():
                inside[n].set()
                leave[n].wait(5)
                if n == 1:
                    raise RuntimeError("bug")
        except RuntimeError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in (0, 1)]
    threads[0].start()
    inside[0].wait(5)
    threads[1].start()
    inside[1].wait(5)
    assert not gc.isenabled()
    order = (0, 1) if first_out == "first in" else (1, 0)
    for n in order:
        leave[n].set()
        threads[n].join(5)
    assert gc.isenabled() and len(errors) == 1
