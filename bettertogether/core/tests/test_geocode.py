import io
import sys
import threading

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from bettertogether.core import geocode as gc
from bettertogether.core.geo import haversine_km
from bettertogether.core.geodata import tables as tables_module
from bettertogether.core.geodata.tables import tables
from bettertogether.core.models import GeocodeFix

KENTVILLE = (45.08, -64.50)


@pytest.fixture(autouse=True)
def _fresh_fix_cache():
    gc.clear_caches()
    yield
    gc.clear_caches()


@pytest.mark.parametrize("text", ["B4N 1A1", "b4n1a1", "B4N\u00a01A1", "B4N-1A1", " b4n 1a1 ", "Kentville, NS B4N 1A1"])
def test_normalize_postal_code(text):
    assert gc.normalize_postal_code(text) == "B4N1A1"
    assert gc.fsa_of(text) == "B4N"


@pytest.mark.parametrize(
    "text",
    ["B3J  0C", "A0A 0A0", "A0A0A0", "H0H 0H0", "D4N 1A1", "B4N 1O1", "W4N 1A1", "Z1A 1A1", "", "zzzz", "123456"],
)
def test_normalize_postal_code_rejects(text):
    assert gc.normalize_postal_code(text) is None


def test_fsa_of_truncated_and_invalid():
    assert gc.fsa_of("B3J  0C") == "B3J"
    assert gc.fsa_of("Halifax, NS B3J  0C") == "B3J"
    assert gc.fsa_of("B4N") == "B4N"
    assert gc.fsa_of("A0A 0A0") is None
    assert gc.fsa_of("Q4N 1A1") is None
    assert gc.fsa_of("<script>") is None


def near(point, lat, lon, km):
    return point is not None and haversine_km(point.latitude, point.longitude, lat, lon) <= km


def test_geocode_postal_code_and_fsa():
    full = gc.geocode("B4N 1A1")
    assert full.precision == "postal_code" and full.province == "NS"
    assert near(full, *KENTVILLE, 10)
    fsa = gc.geocode("b4n")
    assert fsa.precision == "fsa" and near(fsa, *KENTVILLE, 10)
    # A well-formed code GeoNames lacks still lands on its FSA.
    assert gc.geocode("B4N 9Z9").precision == "fsa"


@pytest.mark.parametrize(
    "query", ["Kentville", "kentville ns", "Kentville, NS", "KENTVILLE, Nova Scotia", "  kentville  "]
)
def test_geocode_town_spellings(query):
    point = gc.geocode(query)
    assert point.precision == "place" and point.province == "NS"
    assert near(point, *KENTVILLE, 10)


def test_geocode_accents_and_abbreviations():
    for query in ("Cap-Pelé", "cap pele nb", "CAP PELE", "Cap Pelé, New Brunswick"):
        point = gc.geocode(query)
        assert point.province == "NB" and near(point, 46.22, -64.27, 10), query
    for query in ("St. Stephen", "Saint Stephen", "st stephen nb"):
        assert near(gc.geocode(query), 45.19, -67.28, 10), query


def test_homonyms_scoped_by_province():
    nb = gc.geocode("Sackville NB")
    ns = gc.geocode("Sackville NS")
    assert nb.province == "NB" and near(nb, 45.90, -64.37, 10)
    assert ns.province == "NS" and near(ns, 44.77, -63.68, 10)
    assert gc.geocode("Sackville", province="NS").province == "NS"
    assert gc.geocode("Sackville", province="NB").province == "NB"
    # A Maritime town wins over a namesake elsewhere when no province is given.
    assert gc.geocode("Richmond").province in ("NS", "NB", "PE")
    assert gc.geocode("Richmond", province="BC").province == "BC"


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "   ",
        "<script>alert(1)</script>",
        "zzzz",
        "H0H 0H0",
        "A0A 0A0",
        "'; DROP TABLE x;--",
        "\x00",
        "é" * 5000,
        "NS",
        "12345",
        None,
    ],
)
def test_geocode_junk_returns_none(junk):
    assert gc.geocode(junk) is None


def test_address_full_code():
    result = gc.geocode_address("Kentville, NS B4N 1A1", "NS", use_fixes=False)
    assert result.point.precision == "postal_code"
    assert (result.postal_code, result.fsa, result.place, result.warnings) == ("B4N1A1", "B4N", "Kentville", [])


def test_address_truncated_code_uses_urban_fsa():
    result = gc.geocode_address("Halifax, NS B3J  0C", "NS", use_fixes=False)
    assert result.point.precision == "fsa" and result.postal_code == "" and result.fsa == "B3J"
    assert near(result.point, 44.65, -63.58, 5)
    assert any("truncated" in w for w in result.warnings)


def test_address_nonexistent_fsa_falls_back_to_town():
    result = gc.geocode_address("Amherst, NS B4X 2H2", "Nova Scotia", use_fixes=False)
    assert result.point.precision == "place" and near(result.point, 45.83, -64.21, 10)
    assert "FSA B4X does not exist" in result.warnings


def test_address_province_contradiction_is_flagged_not_fixed():
    result = gc.geocode_address("Bedford, NB B4B 1J6", "NB", use_fixes=False)
    assert result.point.precision == "postal_code" and result.point.province == "NS"
    assert "postal code B4B1J6 contradicts province NB" in result.warnings


def test_address_town_contradicting_code_is_flagged():
    result = gc.geocode_address("Yarmouth, NS B4N 1A1", "NS", use_fixes=False)
    assert result.point.precision == "postal_code"
    assert "town contradicts postal code" in result.warnings


def test_rural_fsa_town_within_range_wins_over_centroid():
    # C0B 9Z9 is not a real code: the rural FSA C0B plus the town gives the town.
    result = gc.geocode_address("Tyne Valley, PE C0B 9Z9", "PE", use_fixes=False)
    assert result.point.precision == "place" and near(result.point, 46.59, -63.93, 10)
    # A homonym far from the FSA is refused: the FSA's median point is used instead.
    far = gc.geocode_address("Tignish, PE C0A 9Z9", "PE", use_fixes=False)
    assert far.point.precision == "fsa"


@pytest.mark.parametrize(
    ("address", "province", "place"),
    [
        ("RR2 Centreville, NS B0P 1J0", "NS", "Centreville"),
        ("Richmond RR#1, PE C0B 1Y0", "PE", "Richmond"),
        ("Burnaby, BC, BC V5C 6S3", "BC", "Burnaby"),
        ("Coquitlam BC, BC V3K 3V8", "BC", "Coquitlam"),
        ("Brampton, ON L6X 4X7, ON L6X 4X7", "ON", "Brampton"),
        ("Montreal, QC h3a 3j6", "QC", "Montreal"),
        ("St. John\u2019s, NL A1B 1W3", "NL", "St. John's"),
        ("215 Water Street, Box\u00a020, Suite\u00a0511, St. John's, NL  A1C\u00a06C9", "NL", "St. John's"),
    ],
)
def test_address_quirks(address, province, place):
    result = gc.geocode_address(address, province, use_fixes=False)
    assert result.point is not None and result.point.province == province
    assert result.place == place


def test_address_quirks_without_a_full_code():
    assert gc.geocode_address("Wanchai, NL A0A 0A0", "NL", use_fixes=False).point is None
    assert "placeholder postal code A0A0A0" in gc.geocode_address("Wanchai, A0A0A0", "NL", use_fixes=False).warnings
    impossible = gc.geocode_address("Kentville, NS B4N 1O1", "NS", use_fixes=False)
    assert impossible.point.precision == "fsa" and impossible.postal_code == ""
    assert impossible.warnings == ["impossible postal code B4N1O1; FSA B4N used"]
    waterloo = gc.geocode_address("WATERLOO, N2L5R10", "ON", use_fixes=False)
    assert waterloo.point.precision == "fsa" and waterloo.fsa == "N2L"
    assert gc.geocode_address("Plain City, ON 430 64", "ON", use_fixes=False).point is None
    shelburne = gc.geocode_address("Shelburne County, NS", "NS", use_fixes=False)
    assert shelburne.point.precision == "place" and shelburne.point.province == "NS"
    assert gc.geocode_address("Queens Co, NS", "NS", use_fixes=False).point.province == "NS"
    assert gc.geocode_address("", "NS", use_fixes=False).point is None
    assert gc.geocode_address("Abu Dhabi,", None, use_fixes=False).point is None


@pytest.mark.django_db
def test_fix_wins_over_everything(django_user_model):
    user = django_user_model.objects.create_user("coordinator")
    assert gc.geocode_address("Kentville, NS B4N 1A1", "NS").point.precision == "postal_code"
    fix = gc.remember_fix("Kentville,  NS b4n 1a1", "Nova Scotia", 45.1, -64.4, user=user)
    assert fix.created_by == user and fix.province == "NS"
    point = gc.geocode_address("kentville ns B4N 1A1", "NS").point
    assert (point.latitude, point.longitude, point.precision) == (45.1, -64.4, "fix")
    # Scoped by province: the same text in another province's rows is not fixed.
    assert gc.geocode_address("Kentville, NS B4N 1A1", "NB").point.precision == "postal_code"
    # A second fix of the same address replaces the first.
    gc.remember_fix("Kentville, NS B4N 1A1", "NS", 45.2, -64.3)
    assert GeocodeFix.objects.count() == 1
    assert gc.geocode_address("Kentville, NS B4N 1A1", "NS").point.latitude == 45.2
    assert gc.geocode_address("Kentville, NS B4N 1A1", "NS", use_fixes=False).point.precision == "postal_code"


@pytest.mark.django_db
def test_fix_without_province_matches_rows_without_province():
    gc.remember_fix("Abu Dhabi,", None, 45.0, -64.0)
    assert gc.geocode_address("Abu Dhabi,", None).point.precision == "fix"
    assert gc.geocode_address("Kentville, NS", None).point.precision == "place"
    gc.remember_fix("Kentville, NS", None, 45.0, -64.0)
    assert gc.geocode_address("kentville,  ns", None).point.precision == "fix"


@pytest.mark.django_db
def test_fix_makes_an_unplaceable_address_placed():
    assert gc.geocode_address("Nowhere Cove, NS", "NS").point is None
    gc.remember_fix("Nowhere Cove, NS", "NS", 44.5, -64.0, label="Nowhere Cove")
    point = gc.geocode_address("Nowhere Cove, NS", "NS").point
    assert point.precision == "fix" and point.label == "Nowhere Cove"


@pytest.mark.django_db
@pytest.mark.parametrize(("lat", "lon"), [(0, 0), (90, 0), (45, 64), (float("nan"), -64), (45, 181)])
def test_fix_rejects_nonsense_coordinates(lat, lon):
    with pytest.raises(ValueError):
        gc.remember_fix("Kentville, NS", "NS", lat, lon)
    assert not GeocodeFix.objects.exists()


@pytest.mark.django_db
def test_fix_rejects_unknown_province_and_empty_address():
    with pytest.raises(ValueError):
        gc.remember_fix("Kentville", "Atlantis", 45, -64)
    with pytest.raises(ValueError):
        gc.remember_fix(" , ", "NS", 45, -64)


@pytest.mark.django_db
def test_geocode_command(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Kentville, NS B4N 1A1\nzzzz\n\nHalifax, NS B3J  0C\n"))
    out = io.StringIO()
    call_command("geocode", "--province", "NS", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "address,latitude,longitude,precision"
    assert lines[1].startswith('"Kentville, NS B4N 1A1",45.') and lines[1].endswith(",postal_code")
    assert lines[2] == "zzzz,,,"
    assert lines[3].endswith(",fsa")
    assert len(lines) == 4


def test_postal_codes_read_in_batches_are_those_read_one_by_one(monkeypatch):
    codes = ["M5V3L9", "H2X1Y4", "V6B1A1", "A1C5M2", "T2P9Z9", "B4N1A1"]  # T2P 9Z9 does not exist
    monkeypatch.setattr(tables(), "_other_codes", {})
    one_by_one = [tables().code(code) for code in codes]
    assert one_by_one[0][2:] == ("Toronto", "ON") and one_by_one[3][3] == "NL" and one_by_one[4] is None

    monkeypatch.setattr(tables(), "_other_codes", {})
    gc.prefetch_postal_codes([f"Somewhere, {code[:3]} {code[3:]}" for code in codes] + ["zzzz", ""])
    assert sorted(tables()._other_codes) == sorted(codes[:5])  # all read at once; Maritime codes are in memory
    assert [tables().code(code) for code in codes] == one_by_one


def test_tables_are_built_once_across_threads(monkeypatch):
    built = []
    real = tables_module.Tables

    class Counting(real):
        def __init__(self):
            built.append(1)
            super().__init__()

    monkeypatch.setattr(tables_module, "_tables", None)
    monkeypatch.setattr(tables_module, "Tables", Counting)
    results = []
    threads = [threading.Thread(target=lambda: results.append(tables_module.tables())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1
    assert len({id(r) for r in results}) == 1


def test_homonyms_within_a_province_are_kept_apart():
    # Two Lawrencetowns in Nova Scotia (Halifax County, Annapolis County), 130 km apart: the rural
    # FSA of the Annapolis one picks the near one instead of a meaningless midpoint.
    halifax = gc.geocode("Lawrencetown", province="NS")
    annapolis = gc.geocode_address("Lawrencetown, NS B0S 9Z9", "NS", use_fixes=False)
    assert annapolis.point.precision == "place"
    assert haversine_km(halifax.latitude, halifax.longitude, annapolis.point.latitude, annapolis.point.longitude) > 100


LETTERS = "ABCEGHJKLMNPRSTVWXYZ"
FIRST_LETTERS = "ABCEGHJKLMNPRSTVXY"  # never D F I O Q U; W and Z never first


@given(
    st.sampled_from(FIRST_LETTERS),
    st.integers(0, 9),
    st.sampled_from(LETTERS),
    st.integers(0, 9),
    st.sampled_from(LETTERS),
    st.integers(0, 9),
    st.sampled_from(["", " ", "  ", "-", "\u00a0", " - "]),
    st.booleans(),
)
def test_postal_code_spellings_normalise_alike(a, b, c, d, e, f, sep, lower):
    code = f"{a}{b}{c}{d}{e}{f}"
    text = f"{code[:3]}{sep}{code[3:]}"
    text = text.lower() if lower else text
    expected = None if gc.names.is_placeholder(code) else code
    assert gc.normalize_postal_code(text) == expected
    assert gc.normalize_postal_code(f"Somewhere, NS {text}") == expected
    assert gc.fsa_of(text) == (None if expected is None else code[:3])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.sampled_from([None, "NS", "Nova Scotia", "QC", "xx", ""]))
def test_arbitrary_text_never_raises(text, province):
    for point in (gc.geocode(text, province=province), gc.geocode_address(text, province, use_fixes=False).point):
        assert point is None or (41 <= point.latitude <= 84 and -142 <= point.longitude <= -52)


def test_locate_takes_the_first_query_it_can_place():
    """The one entry point pages, the API, the directory, events and the demo loader use."""
    assert gc.locate("B4N 1A1", "Halifax").precision == "postal_code"
    town = gc.locate("", None, "A0A 0A0", "Kentville", province="NS")  # empty, missing and placeholder skipped
    assert town.precision == "place" and near(town, *KENTVILLE, 10)
    assert gc.locate("Kentville", province="NB") is None  # not a town of that province
    assert gc.locate() is None and gc.locate("", "zzzz") is None


def test_stored_point_rounds_to_six_decimals():
    point = gc.GeoPoint(45.07751234567, -64.49451234567, "fsa", "B4N", "NS")
    assert gc.stored_point(point) == (45.077512, -64.494512, "fsa")
    assert gc.stored_point(None) == (None, None, "")
