import datetime as dt

import pytest

from bettertogether.core.periods import parse_period
from bettertogether.positions.lmia import (
    canonical_stream,
    clean,
    decode_csv,
    map_columns,
    parse_count,
    period_from_name,
    period_from_title,
    province_of,
    split_address,
)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xef\xbb\xbfProvince,Caf\xc3\xa9", "Province,Café"),  # UTF-8 with a BOM
        (b"d\x92affaires, Cap-Pel\xe9", "d’affaires, Cap-Pelé"),  # cp1252: 0x92 is ’, never a C1 control
        (b"Cap-Pel\x82, \x90cole, \x8aa", "Cap-Pelé, École, èa"),  # cp850 (2017Q4)
    ],
)
def test_decode_csv(data, text):
    assert decode_csv(data) == text


def test_cp850_heuristic_needs_cp850_bytes_to_dominate():
    # One 0x82 among cp1252 accents stays cp1252 (0x82 is ‚ there).
    assert decode_csv(b"\x82 \xe9\xe9") == "‚ éé"


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("… by Program Stream, NOC 2011 and Business Location, July to September 2021", "2021Q3"),
        ("… Business Location, January to March 2020", "2020Q1"),
        ("List of employers … business location in 2017 (July-September)", "2017Q3"),
        ("Employers who were issued … in 2018 (October-December)", "2018Q4"),
        ("List of employers … in 2017 (January-June)", "2017Q1-Q2"),
        ("Employers who were issued a positive … in 2016", "2016"),
        ("Employeurs ayant obtenu une EIMT positive en 2016, par classification nationale", "2016"),
        ("Employeurs … et lieu d'affaires, juillet à septembre 2021", "2021Q3"),
        ("Employers … 20 Jun–31 Dec 2014", "2014Q2-Q4"),
        ("… (NOC) 2021 and Business Location, April to June 2024", "2024Q2"),
    ],
)
def test_period_from_title(title, label):
    assert period_from_title(title).label == label


def test_no_period_in_title():
    assert period_from_title("Labour Market Impact Assessment (LMIA) by Stream, NOC 2011") is None


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("tfwp_2022q2_positive_en.xlsx", "2022Q2"),
        ("TFWP_2021Q3_Positive_EN.xlsx", "2021Q3"),
        ("2017q3_positive_employer_stream_en.csv", "2017Q3"),
        ("2017q1q2_positive_en.csv", "2017Q1-Q2"),
        ("tfwp_2019q1_employer_positive_en.csv", "2019Q1"),
        ("2015_positive_employers_en.csv", "2015"),
        ("tfwp_2024q2_pos_en.xlsx", "2024Q2"),
    ],
)
def test_period_from_name(name, label):
    assert period_from_name(name).label == label


@pytest.mark.parametrize("name", ["positive_employers_en.csv", "useb-dgcetfw-listq1-2021tfwp_2021q.xlsx"])
def test_no_period_in_name(name):
    assert period_from_name(name) is None


def test_parse_period():
    assert parse_period("2021q3").label == "2021Q3"
    period = parse_period("2021Q3-2022Q2")
    assert (period.start, period.end) == (dt.date(2021, 7, 1), dt.date(2022, 6, 30))
    assert period.quarters() == ["2021Q3", "2021Q4", "2022Q1", "2022Q2"]
    assert parse_period("2016").is_annual and parse_period("2016").quarter == ""
    assert parse_period("2017Q1-Q2").quarter == ""
    with pytest.raises(ValueError):
        parse_period("2022Q2-2021Q3")
    with pytest.raises(ValueError):
        parse_period("2021Q5")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Nova Scotia" + " " * 64, "NS"),
        ("Île-du-Prince-Édouard", "PE"),
        ("Nouveau-Brunswick", "NB"),
        ("Employers carrying on business in Canada with Head Office outside of Canada", "XX"),
        ("Outside Canada", "XX"),
        ("À l'extérieur du Canada", "XX"),
        ("Atlantis", None),
    ],
)
def test_province_of(text, code):
    assert province_of(clean(text)) == code


@pytest.mark.parametrize(
    ("text", "stream"),
    [
        ("    High Wage", "High Wage"),
        ("Low Wage            ", "Low Wage"),
        ("  Primary Agriculture", "Primary Agriculture"),
        (" Global Talent", "Global Talent Stream"),
        ("Global Talent Stream  ", "Global Talent Stream"),
        ("Permanent Resident Only", "Permanent Resident Only"),
        ("Unspecified", "Unspecified"),
        ("Mystery", None),
    ],
)
def test_canonical_stream(text, stream):
    assert canonical_stream(text) == stream


@pytest.mark.parametrize(
    ("address", "postal", "fsa", "place", "written"),
    [
        ("Kentville, NS B4N 1A1", "B4N 1A1", "B4N", "Kentville", "NS"),
        ("215 Water Street, Box\xa020, Suite\xa0511, St. John's, NL  A1C\xa06C9", "A1C 6C9", "A1C", "St. John's", "NL"),
        ("Halifax, NS B3J  0C", "", "B3J", "Halifax", "NS"),
        ("Mount Pearl, A1N3J5", "A1N 3J5", "A1N", "Mount Pearl", None),
        ("Burnaby, BC, BC V5C 6S3", "V5C 6S3", "V5C", "Burnaby", "BC"),
        ("Coquitlam BC, BC V3K 3V8", "V3K 3V8", "V3K", "Coquitlam", "BC"),
        ("Brampton, ON L6X 4X7, ON L6X 4X7", "L6X 4X7", "L6X", "Brampton", "ON"),
        ("Montreal,, QC H3L 1H9", "H3L 1H9", "H3L", "Montreal", "QC"),
        ("RR2 Centreville, NS B0P 1J0", "B0P 1J0", "B0P", "Centreville", "NS"),
        ("Richmond RR#1, PE C0B 1Y0", "C0B 1Y0", "C0B", "Richmond", "PE"),
        ("Montreal, QC h3a 3j6", "H3A 3J6", "H3A", "Montreal", "QC"),
        ("Plain City, ON 430 64", "", "", "Plain City", "ON"),
        ("Antler, 58711", "", "", "Antler", None),
        ("Abu Dhabi,", "", "", "Abu Dhabi", None),
        ("St. John’s, NL A1B 1W3", "A1B 1W3", "A1B", "St. John's", "NL"),
    ],
)
def test_split_address(address, postal, fsa, place, written):
    parts = split_address(clean(address))
    assert (parts.postal_code, parts.fsa, parts.place, parts.province) == (postal, fsa, place, written)


@pytest.mark.parametrize(
    ("value", "number"), [(3, 3), (3.0, 3), ("12", 12), (" 7 ", 7), ("5,967", 5967), ("", None), (None, None)]
)
def test_parse_count(value, number):
    assert parse_count(value) == number


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("x", "'x' is not a whole number"),
        (2.5, "2.5 is not a whole number"),
        ("-1", "-1 is negative"),
        (True, "True is not a whole number"),
        (10**9, "1000000000 is implausibly large (a row never approves more than 100,000)"),
    ],
)
def test_parse_count_rejects(value, message):
    with pytest.raises(ValueError, match=f"^{message}$".replace("(", r"\(").replace(")", r"\)")):
        parse_count(value)


def test_map_columns_by_meaning():
    columns, unknown = map_columns(
        [
            "Province/Territory",
            "Program Stream",
            "Employer ",
            "Address ",
            "Occupation ",
            "Incorporate Status",
            "Requested LMIAs",
            "Requested Positions",
            "Comments",
        ]
    )
    assert columns == {
        "province": 0,
        "stream": 1,
        "employer": 2,
        "address": 3,
        "occupation": 4,
        "status": 5,
        "lmias": 6,
        "positions": 7,
    }
    assert unknown == ["Comments"]
    columns, _ = map_columns(["Employer", "Address", " Positions \r\nApproved"])
    assert columns == {"employer": 0, "address": 1, "positions": 2}
    columns, _ = map_columns(
        ["Province/Territoire", "Employeur", "Adresse", "Profession sous CNP 2011", "Postes Approuvés\r\n"]
    )
    assert columns == {"province": 0, "employer": 1, "address": 2, "occupation": 3, "positions": 4}


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Province or Territory", "province"),
        ("TFWP Stream", "stream"),
        ("Business Address", "address"),
        ("NOC 2021", "occupation"),
        ("Occupations under NOC 2021", "occupation"),
        ("Positive LMIAs", "lmias"),
        ("Number of LMIAs", "lmias"),
        ("Number of positions", "positions"),
        ("Positions requested", "positions"),
        ("Nombre d'EIMT", "lmias"),
        ("EIMT positives", "lmias"),
        ("Nombre de postes", "positions"),
    ],
)
def test_header_spellings_not_yet_seen(header, key):
    columns, unknown = map_columns([header])
    assert columns == {key: 0} and unknown == []
