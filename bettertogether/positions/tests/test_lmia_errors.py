"""Bad input: every problem is named with file, row and column, all of them at once, and nothing else is raised."""

from pathlib import Path

import pytest

from bettertogether.positions.lmia import LmiaFormatError, parse_lmia

FILES = Path(__file__).resolve().parent / "files"
TITLE = '"Employers Who Were Issued a Positive LMIA …, July to September 2021",,,,,'
HEADER = "Province/Territory,Program Stream,Employer ,Address ,Occupation ,Approved Positions"


def write_csv(tmp_path, name, lines, ending="\r\n"):
    path = tmp_path / name
    path.write_bytes(ending.join(lines).encode("cp1252") + ending.encode())
    return path


def error_of(path, **kwargs):
    with pytest.raises(LmiaFormatError) as excinfo:
        parse_lmia(path, **kwargs)
    return str(excinfo.value)


def test_empty_file(tmp_path):
    path = tmp_path / "tfwp_2021q3.csv"
    path.write_bytes(b"")
    assert error_of(path) == "tfwp_2021q3.csv: the file is empty"
    path.write_bytes(b"\r\n \r\n")
    assert error_of(path) == "tfwp_2021q3.csv: the file is empty"


def test_pdf_renamed_xlsx(tmp_path):
    path = tmp_path / "tfwp_2021q3.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    assert error_of(path) == "tfwp_2021q3.xlsx: this is a PDF document, not a spreadsheet (a PDF renamed?)"


def test_text_renamed_xlsx(tmp_path):
    path = tmp_path / "tfwp_2021q3.xlsx"
    path.write_bytes(HEADER.encode())
    assert error_of(path) == "tfwp_2021q3.xlsx: not an Excel workbook: the file does not start like one"


def test_truncated_xlsx(tmp_path):
    data = (FILES / "tfwp_2024q2_pos_en.xlsx").read_bytes()
    path = tmp_path / "tfwp_2024q2_pos_en.xlsx"
    path.write_bytes(data[: len(data) // 2])
    message = error_of(path)
    assert message.startswith("tfwp_2024q2_pos_en.xlsx: the workbook cannot be read (truncated or corrupt?): ")


def test_corrupt_xlsx(tmp_path):
    path = tmp_path / "tfwp_2024q2_pos_en.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50)
    assert error_of(path).startswith("tfwp_2024q2_pos_en.xlsx: the workbook cannot be read (truncated or corrupt?)")


def test_header_only(tmp_path):
    path = write_csv(tmp_path, "tfwp_2021q3.csv", [TITLE, HEADER, "Notes:,,,,,", "1. A note.,,,,,"])
    assert error_of(path) == "tfwp_2021q3.csv: no data rows after the header"


def test_no_header(tmp_path):
    path = write_csv(tmp_path, "tfwp_2021q3.csv", ["a,b,c", "1,2,3"])
    assert error_of(path) == "tfwp_2021q3.csv: no header row found (expected columns such as Employer and Address)"


def test_no_positions_column(tmp_path):
    path = write_csv(tmp_path, "tfwp_2021q3.csv", ["Province/Territory,Employer,Address", "Nova Scotia,A,B"])
    assert error_of(path) == "tfwp_2021q3.csv, row 1: no positions column (e.g. 'Approved Positions')"


def test_non_numeric_positions(tmp_path):
    path = write_csv(
        tmp_path,
        "tfwp_2021q3.csv",
        [TITLE, HEADER, 'Nova Scotia,High Wage,Acme,"Halifax, NS B3H 1A1",6322-Cooks,three'],
    )
    assert error_of(path) == "tfwp_2021q3.csv, row 3, column F (Approved Positions): 'three' is not a whole number"


def test_shifted_column_too_many_cells(tmp_path):
    # An unquoted comma in the address pushes every later cell one column right.
    path = write_csv(
        tmp_path,
        "tfwp_2021q3.csv",
        [TITLE, HEADER, "Nova Scotia,High Wage,Acme,Halifax, NS B3H 1A1,6322-Cooks,2"],
    )
    assert error_of(path) == (
        "tfwp_2021q3.csv, row 3, column G: 6-column header but a value in column G ('2'): shifted or extra column?"
    )


def test_shifted_column_text_in_positions(tmp_path):
    # The address lost: every later cell moved one column left.
    path = write_csv(tmp_path, "tfwp_2021q3.csv", [TITLE, HEADER, "Nova Scotia,High Wage,Acme,6322-Cooks,2,Cooks"])
    assert error_of(path) == "tfwp_2021q3.csv, row 3, column F (Approved Positions): 'Cooks' is not a whole number"


def test_every_problem_is_listed(tmp_path):
    path = write_csv(
        tmp_path,
        "tfwp_2021q3.csv",
        [
            TITLE,
            HEADER,
            'Nova Scotia,High Wage,Acme,"Halifax, NS B3H 1A1",6322-Cooks,2',
            'Atlantis,High Wage,Acme,"Halifax, NS B3H 1A1",6322-Cooks,2',
            'Nova Scotia,High Wage,Acme,"Halifax, NS B3H 1A1",6322-Cooks,-4',
            'Nova Scotia,High Wage,Acme,"Halifax, NS B3H 1A1",6322-Cooks,2.5',
            'Nova Scotia,High Wage,Acme,"Halifax, NS B3H 1A1",6322-Cooks,',
            ',High Wage,Acme,"Halifax, NS B3H 1A1",6322-Cooks,1',
            'Nova Scotia,High Wage,Acme,"Halifax, NS B3H 1A1",123456-Cooks,1',
        ],
    )
    with pytest.raises(LmiaFormatError) as excinfo:
        parse_lmia(path)
    assert excinfo.value.messages == [
        "tfwp_2021q3.csv, row 4, column A (Province/Territory): unknown province 'Atlantis'",
        "tfwp_2021q3.csv, row 5, column F (Approved Positions): -4 is negative",
        "tfwp_2021q3.csv, row 6, column F (Approved Positions): '2.5' is not a whole number",
        "tfwp_2021q3.csv, row 7, column F (Approved Positions): no number of positions",
        "tfwp_2021q3.csv, row 8, column A (Province/Territory): province is empty",
        "tfwp_2021q3.csv, row 9, column E (Occupation): NOC code '123456' has more than 4 digits",
    ]


def test_malformed_quoting(tmp_path):
    path = tmp_path / "tfwp_2021q3.csv"
    path.write_bytes(
        (TITLE + "\r\n" + HEADER + '\r\nNova Scotia,High Wage,"Acme"x,"Halifax",6322-Cooks,2\r\n').encode()
    )
    assert error_of(path) == "tfwp_2021q3.csv, row 3: malformed CSV: ',' expected after '\"'"


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "tfwp_2021q3_positive_en.xlsx"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    assert error_of(path) == "tfwp_2021q3_positive_en.xlsx: the file is 50.0 MB; the limit is 25.0 MB"
    assert error_of(path, max_bytes=10 * 1024 * 1024).endswith("the limit is 10.0 MB")


def test_bytes_over_the_limit(tmp_path):
    with pytest.raises(LmiaFormatError) as excinfo:
        parse_lmia(b"x" * 2048, file_name="big.csv", max_bytes=1024)
    assert str(excinfo.value) == "big.csv: the file is 2,048 bytes; the limit is 1,024 bytes"


def test_bad_period_override():
    with pytest.raises(LmiaFormatError) as excinfo:
        parse_lmia(FILES / "tfwp_2021q3_positive_en.csv", period="summer")
    assert str(excinfo.value) == (
        "tfwp_2021q3_positive_en.csv: not a period: 'summer' (expected e.g. 2021Q3, 2016 or 2017Q1-Q2)"
    )


def test_many_problems_are_capped_in_the_message(tmp_path):
    rows = [TITLE, HEADER] + ['Nova Scotia,High Wage,Acme,"Halifax, NS B3H 1A1",6322-Cooks,x'] * 60
    path = write_csv(tmp_path, "tfwp_2021q3.csv", rows)
    with pytest.raises(LmiaFormatError) as excinfo:
        parse_lmia(path)
    assert len(excinfo.value.problems) == 60
    lines = str(excinfo.value).splitlines()
    assert len(lines) == 51
    assert lines[-1] == "… and 10 more problems"
