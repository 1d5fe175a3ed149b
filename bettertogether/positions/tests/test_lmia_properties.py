"""Property: whatever is done to real rows, the parser returns records or raises LmiaFormatError — nothing else."""

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bettertogether.positions.lmia import LmiaFormatError, ParsedFile, parse_lmia, parse_rows, read_rows

FILES = Path(__file__).resolve().parent / "files"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "(blank)",
            "Notes:",
            "Employer",
            "Address",
            "Nova Scotia",
            "Outside Canada",
            "   Low Wage",
            "7611-Labourers",
            "123456-X",
            "13-",
            "-",
            "1,234",
            "-3",
            "2.5",
            "\u00a0",
            "Total",
            "B3J  0C",
            "\r\n",
        ]
    ),
    st.integers(min_value=-5, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.datetimes(min_value=dt.datetime(1900, 1, 1)),  # noqa: DTZ001  (workbook cells hold naive datetimes)
    st.dates(),
)


@st.composite
def mutated(draw, rows):
    rows = [list(r) for r in rows]
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        kind = draw(
            st.sampled_from(
                ["set", "delete_cell", "insert_cell", "delete_row", "duplicate_row", "swap", "truncate", "extra"]
            )
        )
        if not rows:
            break
        i = draw(st.integers(min_value=0, max_value=len(rows) - 1))
        row = rows[i]
        if kind == "set" and row:
            row[draw(st.integers(min_value=0, max_value=len(row) - 1))] = draw(cells)
        elif kind == "delete_cell" and row:
            del row[draw(st.integers(min_value=0, max_value=len(row) - 1))]
        elif kind == "insert_cell":
            row.insert(draw(st.integers(min_value=0, max_value=len(row))), draw(cells))
        elif kind == "delete_row":
            del rows[i]
        elif kind == "duplicate_row":
            rows.insert(i, list(row))
        elif kind == "swap":
            j = draw(st.integers(min_value=0, max_value=len(rows) - 1))
            rows[i], rows[j] = rows[j], rows[i]
        elif kind == "truncate":
            del rows[i:]
        elif kind == "extra":
            row.extend(draw(st.lists(cells, max_size=3)))
    return rows


def check(call):
    try:
        result = call()
    except LmiaFormatError as exc:
        assert str(exc)  # a message for people
        return
    assert isinstance(result, ParsedFile)
    for record in result.records:
        assert record.positions >= 0 and record.row >= 1 and record.province


def sample_rows(path, data_rows=40):
    container, rows = read_rows(path.read_bytes(), path.name)
    return container, rows[: 2 + data_rows] + rows[-8:]


@pytest.fixture(scope="session")
def real_samples(shared_data):
    folder = shared_data / "lmia"
    return {
        name: sample_rows(folder / name)
        for name in ("tfwp_2022q2_positive_en.xlsx", "tfwp_2017q3_positive_en.csv", "tfwp_2016_positive_fr.csv")
    }


@pytest.mark.shared_data
@pytest.mark.parametrize(
    "name", ["tfwp_2022q2_positive_en.xlsx", "tfwp_2017q3_positive_en.csv", "tfwp_2016_positive_fr.csv"]
)
@SETTINGS
@given(data=st.data())
def test_mutated_real_rows(real_samples, name, data):
    container, rows = real_samples[name]
    rows = data.draw(mutated(rows))
    period = data.draw(st.sampled_from([None, "2022Q2", "2016"]))
    check(lambda: parse_rows(container, rows, file_name=name, period=period))


@pytest.mark.shared_data
@SETTINGS
@given(data=st.data())
def test_mutated_real_bytes(shared_data, data):
    raw = (shared_data / "lmia" / "tfwp_2017q3_positive_en.csv").read_bytes()[:6000]
    blob = bytearray(raw)
    for _ in range(data.draw(st.integers(min_value=1, max_value=10))):
        position = data.draw(st.integers(min_value=0, max_value=len(blob) - 1))
        action = data.draw(st.sampled_from(["flip", "delete", "insert"]))
        if action == "flip":
            blob[position] = data.draw(st.integers(min_value=0, max_value=255))
        elif action == "delete":
            del blob[position]
        else:
            blob[position:position] = data.draw(st.sampled_from([b'"', b",", b"\r", b"\n", b"\x00", b"\x90", b"\xff"]))
    check(lambda: parse_lmia(bytes(blob), file_name="tfwp_2017q3_positive_en.csv"))


@SETTINGS
@given(data=st.data())
def test_mutated_tiny_files(data):
    """The same property on the checked-in files, so it runs without the shared data too."""
    name = data.draw(st.sampled_from(sorted(p.name for p in FILES.iterdir() if p.suffix in (".csv", ".xlsx"))))
    container, rows = read_rows((FILES / name).read_bytes(), name)
    rows = data.draw(mutated(rows))
    check(lambda: parse_rows(container, rows, file_name=name, period=data.draw(st.sampled_from([None, "2015"]))))


@SETTINGS
@given(blob=st.binary(max_size=2000), name=st.sampled_from(["x.csv", "x.xlsx", "tfwp_2021q3.csv"]))
def test_arbitrary_bytes(blob, name):
    check(lambda: parse_lmia(blob, file_name=name))
