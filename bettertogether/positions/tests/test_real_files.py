"""Exactness on ESDC's own files (../shared/data/lmia): the counts the files themselves publish."""

from collections import Counter, defaultdict

import pytest

from bettertogether.positions.lmia import parse_lmia
from bettertogether.positions.lmia_import import import_lmia_files
from bettertogether.positions.models import ApprovedPosition, ImportRun
from bettertogether.positions.query import positions_in

pytestmark = pytest.mark.shared_data

SEED = ["2021q3", "2021q4", "2022q1", "2022q2"]
# FORMATS.md, "Maritime counts": (rows, positions) per province, then Canada, then outside Canada.
MARITIME = {
    "2021Q3": {"NS": (76, 480), "NB": (46, 154), "PE": (15, 122)},
    "2021Q4": {"NS": (97, 1210), "NB": (82, 1269), "PE": (31, 551)},
    "2022Q1": {"NS": (120, 1171), "NB": (102, 1545), "PE": (38, 441)},
    "2022Q2": {"NS": (133, 756), "NB": (148, 2229), "PE": (40, 618)},
}
CANADA = {"2021Q3": (4655, 13193), "2021Q4": (7028, 40959), "2022Q1": (10512, 44167), "2022Q2": (15167, 45198)}
OUTSIDE = {"2021Q3": (59, 172), "2021Q4": (72, 182), "2022Q1": (89, 189), "2022Q2": (130, 574)}
LMIAS_CANADA = {"2021Q3": None, "2021Q4": 10004, "2022Q1": 13772, "2022Q2": 19214}
LMIAS_MARITIME = {
    "2021Q4": {"NS": 130, "NB": 103, "PE": 41},
    "2022Q1": {"NS": 147, "NB": 126, "PE": 48},
    "2022Q2": {"NS": 159, "NB": 191, "PE": 49},
}


@pytest.fixture(scope="session")
def parsed(shared_data):
    """Every shared file parsed once per test session, by file name."""
    folder = shared_data / "lmia"
    files = {p.name: p for p in folder.glob("*.*") if p.suffix in (".xlsx", ".csv")}
    files.update({f"converted-csv/{p.name}": p for p in (folder / "converted-csv").glob("*.csv")})
    return {name: parse_lmia(path) for name, path in sorted(files.items())}


def totals(records):
    out = defaultdict(lambda: [0, 0, 0])
    for r in records:
        entry = out[r.province]
        entry[0] += 1
        entry[1] += r.positions
        entry[2] += r.lmias or 0
    return out


@pytest.mark.parametrize("quarter", SEED)
def test_seed_quarter_counts(parsed, quarter):
    result = parsed[f"tfwp_{quarter}_positive_en.xlsx"]
    label = quarter.upper()
    assert result.period.label == label
    by_province = totals(result.records)
    for province, (rows, positions) in MARITIME[label].items():
        assert tuple(by_province[province][:2]) == (rows, positions), province
    assert (len(result.records), sum(r.positions for r in result.records)) == CANADA[label]
    assert tuple(by_province["XX"][:2]) == OUTSIDE[label]
    if LMIAS_CANADA[label] is None:
        assert not result.has_lmias and {r.lmias for r in result.records} == {None}
    else:
        assert sum(r.lmias for r in result.records) == LMIAS_CANADA[label]
        assert {p: by_province[p][2] for p in ("NS", "NB", "PE")} == LMIAS_MARITIME[label]


def test_seed_period_maritime_total(parsed):
    total = sum(
        r.positions
        for quarter in SEED
        for r in parsed[f"tfwp_{quarter}_positive_en.xlsx"].records
        if r.province in ("NS", "NB", "PE")
    )
    assert total == 10546


def test_2022q2_zero_position_rows_and_requested_labels(parsed):
    result = parsed["tfwp_2022q2_positive_en.xlsx"]
    assert result.header[6:] == ["Requested LMIAs", "Requested Positions"]
    zero = [r for r in result.records if r.positions == 0]
    assert zero and all(r.lmias >= 1 for r in zero)


@pytest.mark.parametrize("quarter", SEED)
def test_xlsx_and_converted_csv_give_identical_records(parsed, quarter):
    xlsx = parsed[f"tfwp_{quarter}_positive_en.xlsx"]
    csv = parsed[f"converted-csv/tfwp_{quarter}_positive_en.csv"]
    assert (xlsx.variant, csv.variant) == ("E" if quarter == "2021q3" else "F", "H")
    assert csv.records == xlsx.records


def test_2017q3_sparse_csv(parsed):
    result = parsed["tfwp_2017q3_positive_en.csv"]
    assert (result.variant, result.period.label) == ("C", "2017Q3")
    first, anglo, filled = result.records[0], result.records[1], result.records[2]
    assert (first.row, first.province, first.stream, first.employer, first.noc_code, first.positions) == (
        5,
        "NL",
        "High Wage",
        "Aker Solutions AIM Canada Inc.",
        "2264",
        8,
    )
    assert (anglo.employer, anglo.address, anglo.positions) == (
        "Anglo Eastern Ship Managment Ltd",
        "Wanchai, NL A0A 0A0",
        4,
    )
    # Row 9 leaves Province, Stream, Employer and Address blank: the same as above.
    assert (filled.row, filled.province, filled.stream, filled.employer, filled.address, filled.noc_code) == (
        9,
        "NL",
        "High Wage",
        "Anglo Eastern Ship Managment Ltd",
        "Wanchai, NL A0A 0A0",
        "2274",
    )
    streams = Counter(r.stream for r in result.records)
    assert set(streams) == {
        "High Wage",
        "Low Wage",
        "Primary Agriculture",
        "Permanent Resident Only",
        "Global Talent Stream",
    }
    assert all(r.employer and r.province for r in result.records)


def test_2016_french_annual(parsed):
    result = parsed["tfwp_2016_positive_fr.csv"]
    assert (result.variant, result.period.label, result.has_stream) == ("B", "2016", False)
    first = result.records[0]
    assert (first.row, first.province, first.employer, first.address, first.noc_code, first.noc_title) == (
        5,
        "NL",
        "10113 Newfoundland Limited",
        "Clarenville, NL A5A 1K6",
        "6311",
        "Superviseurs des services alimentaires",
    )
    # Employer blank, address given: the employer's second site.
    assert (result.records[2].employer, result.records[2].address) == (
        "10565 NFLD. Inc.",
        "Happy Valley Goose Bay, NL A0P 1C0",
    )
    # The French file lost the leading zeros of 1,572 NOC codes; they are restored.
    assert sum(1 for r in result.records if r.noc_code.startswith("0")) == 1572
    assert all(len(r.noc_code) == 4 for r in result.records if r.noc_code)
    assert "lieu d’affaires" in result.title  # cp1252 0x92 is ’, never a C1 control character
    assert not any("\x92" in r.employer + r.noc_title for r in result.records)


@pytest.mark.django_db
def test_seed_import_is_exact_placed_atomic_and_idempotent(shared_data):
    folder = shared_data / "lmia"
    seed_files = [folder / f"tfwp_{q}_positive_en.xlsx" for q in SEED]
    reports = import_lmia_files(seed_files)
    assert [r.status for r in reports] == ["ok"] * 4, [r.message for r in reports]

    seed = positions_in("2021Q3", "2022Q2")
    for label, provinces in MARITIME.items():
        for province, (rows, positions) in provinces.items():
            qs = positions_in(label, label, provinces=[province])
            assert (qs.count(), sum(qs.values_list("positions", flat=True))) == (rows, positions), (label, province)
    maritime = seed.filter(province__in=["NS", "NB", "PE"])
    assert sum(maritime.values_list("positions", flat=True)) == 10546
    # Every Maritime row of the seed period is placed.
    assert not maritime.filter(latitude__isnull=True).exists()
    assert seed.filter(province="XX", latitude__isnull=False).count() == 0
    q2 = ImportRun.objects.get(period="2022Q2")
    assert (q2.rows, q2.positions, q2.lmias) == (15167, 45198, 19214)
    assert q2.per_province["XX"] == {"rows": 130, "positions": 574, "lmias": 376}

    before = (ApprovedPosition.objects.count(), list(ImportRun.objects.values_list("pk", "status")))
    again = import_lmia_files(seed_files)
    assert [r.status for r in again] == ["skipped"] * 4
    converted = import_lmia_files(sorted((folder / "converted-csv").glob("*.csv")))
    assert [r.status for r in converted] == ["failed"] * 4  # the same periods: never counted twice
    assert (
        ApprovedPosition.objects.count(),
        list(ImportRun.objects.filter(status__in=["ok", "replaced"]).values_list("pk", "status")),
    ) == before
