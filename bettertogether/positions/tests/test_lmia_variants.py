"""The parser on tiny hand-written files, one or two per variant of FORMATS.md (built by files/build.py)."""

import datetime as dt
from pathlib import Path

import pytest

from bettertogether.positions.lmia import LmiaFormatError, parse_lmia

FILES = Path(__file__).resolve().parent / "files"


def parse(name, **kwargs):
    return parse_lmia(FILES / name, **kwargs)


def summary(parsed):
    return [
        (r.row, r.province, r.stream, r.employer, r.address, r.noc_code, r.lmias, r.positions) for r in parsed.records
    ]


def test_variant_a_2014_sections_repeated_headers_and_summary_rows():
    with pytest.raises(LmiaFormatError) as excinfo:
        parse("positive_employers_en.csv")
    assert str(excinfo.value) == (
        "positive_employers_en.csv: the period is not in the title or the file name; give it (e.g. --period 2021Q3)"
    )
    parsed = parse("positive_employers_en.csv", period="2014Q3-Q4")
    assert parsed.variant == "A"
    assert parsed.period.label == "2014Q3-Q4"
    assert (parsed.period.start, parsed.period.end) == (dt.date(2014, 7, 1), dt.date(2014, 12, 31))
    assert summary(parsed) == [
        (
            5,
            "NL",
            "",
            "Harbour Fisheries Ltd",
            "215 Water Street, Box 20, Suite 511, St. John's, NL A1C 6C9",
            "",
            None,
            3,
        ),
        (11, "NS", "", "Valley Farms – Kentville", "12 Main Street, Kentville, NS B4N 1A1", "", None, 12),
        (13, "NS", "", "Valley Farms – Kentville", "RR2 Centreville, NS B0P 1J0", "", None, 0),
        (19, "XX", "", "Desert Inn", "3 Strip Road, Las Vegas, NV 891002, USA", "", None, 2),
    ]
    first = parsed.records[0]
    assert (first.postal_code, first.fsa, first.place) == ("A1C 6C9", "A1C", "St. John's")
    assert parsed.records[2].place == "Centreville"  # the rural route is not part of the town
    assert parsed.records[3].postal_code == ""  # never a Canadian code for a foreign row


def test_variant_a_2015_period_from_file_name():
    parsed = parse("2015_positive_employers_en.csv")
    assert (parsed.variant, parsed.period.label) == ("A", "2015")
    assert summary(parsed) == [
        (5, "PE", "", "Island Potatoes Inc.", "Charlottetown, PE C1A 4P3", "", None, 4),
        (11, "BC", "", "Okanagan Orchards", "Kelowna, BC V1Y 1A1", "", None, 7),
    ]


def test_variant_b_english_sparse_with_notes():
    parsed = parse("2016_positive_employer_en.csv")
    assert (parsed.variant, parsed.period.label, parsed.has_stream) == ("B", "2016", False)
    assert summary(parsed) == [
        (5, "NS", "", "Acadian Seafood Ltd", "Yarmouth, NS B5A 1A1", "9463", None, 20),
        (7, "NS", "", "Acadian Seafood Ltd", "Meteghan, NS B0W 2J0", "9463", None, 5),
        (9, "NS", "", "Acadian Seafood Ltd", "Meteghan, NS B0W 2J0", "7611", None, 2),
        (11, "NB", "", "29/04/2016", "Moncton, NB E1C 1A1", "0621", None, 1),
        (13, "PE", "", "Island Care Home", "Summerside, PE C1N 1A1", "4412", None, 3),
    ]
    assert parsed.records[4].noc_title == "Home support workers, housekeepers and related occupations"
    assert {r.noc_version for r in parsed.records} == {2011}


def test_variant_b_french_lost_leading_zeros_and_outside_canada():
    parsed = parse("2016_positive_employer_fr.csv")
    assert (parsed.variant, parsed.period.label) == ("B", "2016")
    assert parsed.header[-1] == "Postes Approuvés"
    assert summary(parsed) == [
        (5, "NS", "", "Pêcheries d’Acadie", "Chéticamp, NS B0E 1H0", "0013", None, 1),
        (7, "NS", "", "Pêcheries d’Acadie", "Chéticamp, NS B0E 1H0", "0124", None, 2),
        (9, "PE", "", "Ferme Côté", "Souris, PE C0A 2B0", "8431", None, 6),
        (11, "XX", "", "Navire Océan", "Wanchai,", "7532", None, 3),
    ]
    assert parsed.records[0].noc_title == "Cadres supérieurs"


def test_variant_c_half_year_sparse_fill_only_blank_cells():
    parsed = parse("2017q1q2_positive_en.csv")
    assert (parsed.variant, parsed.period.label) == ("C", "2017Q1-Q2")
    assert (parsed.period.start, parsed.period.end) == (dt.date(2017, 1, 1), dt.date(2017, 6, 30))
    assert summary(parsed) == [
        (5, "NS", "High Wage", "Halifax Shipyard Ltd", "Halifax, NS B3J 0C", "2175", None, 3),
        (7, "NS", "High Wage", "Halifax Shipyard Ltd", "Halifax, NS B3J 0C", "2174", None, 1),
        (9, "NS", "Low Wage", "Tim Hortons", "Truro, NS B2N 1A1", "6711", None, 4),
        # Employer blank, address given: another site of the same employer.
        (11, "NS", "Low Wage", "Tim Hortons", "Truro, NS B2N 5B5", "6711", None, 2),
        (13, "NB", "Permanent Resident Only", "McCain Foods", "Florenceville-Bristol, NB E7L 1A1", "0911", None, 1),
        (15, "NB", "Primary Agriculture", "McCain Foods", "Florenceville-Bristol, NB E7L 1A1", "8431", None, 10),
    ]
    truncated = parsed.records[0]
    assert (truncated.postal_code, truncated.fsa, truncated.place) == ("", "B3J", "Halifax")
    assert [r.stream_original for r in parsed.records] == [
        "    High Wage",
        "    High Wage",
        "   Low Wage",
        "   Low Wage",
        "Permanent Resident Only",
        "  Primary Agriculture",
    ]


def test_variant_c_cp850_file():
    parsed = parse("2017q4_positive_employer_en.csv")
    assert (parsed.variant, parsed.period.label) == ("C", "2017Q4")
    assert parsed.header[4] == "Occupaitons under NOC 2011"
    assert summary(parsed) == [
        (5, "NB", "Low Wage", "Homard Cap-Pelé Ltée", "Cap-Pelé, NB E4N 1A1", "9463", None, 30),
        (7, "NB", "Low Wage", "ÉCOLE Évangéline", "Cap-Pelé, NB E4N 2B2", "4032", None, 1),
        (9, "XX", "Global Talent Stream", "Océan Software GmbH", "Berlin, 10115", "2174", None, 2),
    ]


def test_variant_d_dense_blank_address_is_real():
    parsed = parse("tfwp_2020q1_positive_en.csv")
    assert (parsed.variant, parsed.period.label) == ("D", "2020Q1")
    assert summary(parsed) == [
        (5, "NL", "High Wage", "Eastern Health", "Mount Pearl, A1N3J5", "3111", None, 2),
        (7, "NS", "Low Wage", "Pictou Fish Plant", "Pictou, B0K1H0", "", None, 6),
        (9, "XX", "Low Wage", "Sea Shipping Ltd", "", "7532", None, 4),
        (11, "XX", "Low Wage", "Sea Shipping Ltd", "", "6322", None, 1),
    ]
    assert (parsed.records[0].postal_code, parsed.records[0].place) == ("A1N 3J5", "Mount Pearl")
    assert (parsed.records[1].noc_code, parsed.records[1].noc_version, parsed.records[1].noc_title) == ("", None, "")


def test_variant_e_xlsx_six_columns():
    parsed = parse("useb-dgcetfw-2020q4tfwp_2020q4.xlsx")
    assert (parsed.variant, parsed.period.label, parsed.has_lmias) == ("E", "2020Q4", False)
    assert summary(parsed) == [
        (3, "NS", "Primary Agriculture", "Annapolis Valley Farms", "Berwick, NS B0P 1E0", "8431", None, 25),
        (4, "PE", "Low Wage", "PEI Mussel King", "Morell, PE C0A 1S0", "9463", None, 8),
        (5, "QC", "High Wage", "Studio Montréal", "Montreal,, QC H3L 1H9", "5241", None, 1),
    ]
    assert parsed.records[2].place == "Montreal"


def test_variant_f_requested_labels_zero_positions_no_title():
    parsed = parse("tfwp_2022q4_pos_en.xlsx")
    assert (parsed.variant, parsed.period.label, parsed.has_lmias) == ("F", "2022Q4", True)
    assert summary(parsed) == [
        (2, "NB", "High Wage", "J.D. Irving, Limited", "Saint John, NB e2l 4l9", "2131", 2, 3),
        (3, "NB", "Low Wage", "Bouctouche Bay Seafood", "Bouctouche, NB E4S 3N1", "", 1, 0),
        (4, "NS", "Global Talent Stream", "Halifax Tech Inc.", "Bedford, NB B4B 1J6", "2174", 1, 2),
        (5, "XX", "Low Wage", "Nordic Ships AS", "Abu Dhabi,", "6322", 1, 1),
    ]
    assert parsed.records[0].postal_code == "E2L 4L9"
    assert parsed.records[2].warnings == ("address says NB, row says NS",)


def test_variant_g_padding_and_noc_2021():
    parsed = parse("tfwp_2024q2_pos_en.xlsx")
    assert (parsed.variant, parsed.period.label) == ("G", "2024Q2")
    assert summary(parsed) == [
        (3, "NL", "High Wage", "Memorial University", "St. John’s, NL A1B 1W3", "21231", 1, 1),
        (4, "NS", "Primary Agriculture", "Blueberry Fields Ltd", "Oxford, NS B0M 1P0", "85100", 3, 12),
        (5, "NS", "Low Wage", "Halifax Diner", "Halifax, NS B3H 1A1", "00012", 1, 1),
        (6, "XX", "Global Talent Stream", "Oslo Data AS", "Oslo, 0150", "21211", 1, 2),
    ]
    assert {r.noc_version for r in parsed.records} == {2021}
    assert parsed.records[0].stream_original == "High Wage          "
    assert parsed.records[0].place == "St. John's"


def test_variant_h_third_party_export():
    parsed = parse("tfwp_2021q3_positive_en.csv")
    assert (parsed.variant, parsed.period.label) == ("H", "2021Q3")
    assert summary(parsed) == [
        (3, "NS", "High Wage", "Dalhousie University", "Halifax, NS B3H 4R2", "4011", None, 2),
        (4, "NB", "Low Wage", "Café Acadie", "Caraquet, NB E1W 1A1", "6322", None, 1),
        (5, "XX", "High Wage", "VETEACHING SRL", "Guidizzolo, Mantova, 46040", "4021", None, 1),
    ]


def test_period_override_wins_and_is_noted():
    parsed = parse("tfwp_2021q3_positive_en.csv", period="2021Q4")
    assert parsed.period.label == "2021Q4"
    assert parsed.records[0].period == "2021Q4"
    assert parsed.warnings == ["period 2021Q4 given; the file says 2021Q3"]


def test_bytes_source_gives_the_same_records():
    data = (FILES / "2017q4_positive_employer_en.csv").read_bytes()
    assert (
        parse_lmia(data, file_name="2017q4_positive_employer_en.csv").records
        == parse("2017q4_positive_employer_en.csv").records
    )


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_a_list_resaved_with_another_delimiter(tmp_path, delimiter):
    text = (FILES / "tfwp_2021q3_positive_en.csv").read_text()
    rows = [line.split(",") if '"' not in line else None for line in text.splitlines()]
    assert rows[1] is not None  # the header has no quoted cell
    lines = [
        "Employers … July to September 2021",
        delimiter.join(rows[1]),
        delimiter.join(
            ["Nova Scotia", "High Wage", "Dalhousie University", "Halifax, NS B3H 4R2", "4011-Professors", "2"]
        ),
    ]
    path = tmp_path / "tfwp_2021q3_positive_en.csv"
    path.write_text("\n".join(lines))
    parsed = parse_lmia(path)
    assert summary(parsed) == [(3, "NS", "High Wage", "Dalhousie University", "Halifax, NS B3H 4R2", "4011", None, 2)]
