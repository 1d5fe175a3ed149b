"""The geocoder's shortcuts change no answer: the ASCII fast paths of clean_text and address_key equal the
general path, and postal codes read ahead in batches give the same placements as codes read one by one."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from bettertogether.core import geocode
from bettertogether.core.geodata import names
from bettertogether.core.geodata.tables import tables


def general_clean_text(text: str) -> str:
    return " ".join(text.translate(names._SPACES).split())


def general_address_key(text: str) -> str:
    s = text.translate(names._SPACES)
    s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch)).lower()
    return " ".join(names._NON_ALNUM.split(s)).strip()


ADDRESS_BITS = st.sampled_from(
    [
        "Kentville",
        ", ",
        " NS ",
        "B4N 1A1",
        "b4n1a1",
        "RR#2",
        "Cap-Pelé",
        "St. John's",
        "Côte-Saint-Luc",
        "O’Leary",
        "\u00a0",
        "\u2009",
        "\u202f",
        "\t",
        "\r\n",
        "\x0b\x0c",
        "\x1c\x1d\x1e\x1f",
        "\x85",
        "\u2028",
        "\\",
        '"',
        "'",
        "`",
        "İ",
        "ß",
        "\u212a",
        "\U0001f600",
        "e\u0301",
        "\x00",
        "\x7f",
    ]
)
TEXTS = st.one_of(
    st.text(alphabet=st.characters(max_codepoint=127), max_size=60),  # the fast path
    st.text(max_size=40),  # anything
    st.lists(ADDRESS_BITS, max_size=12).map("".join),  # addresses, ASCII or not
)


@given(TEXTS)
def test_clean_text_equals_the_general_path(text):
    assert names.clean_text(text) == general_clean_text(text)


@given(TEXTS)
def test_address_key_equals_the_general_path(text):
    assert names.address_key(text) == general_address_key(text)
    # So a fix remembered for one spelling is found for its ASCII twin exactly as before.
    assert geocode.fix_key(text, "NS") == f"NS|{general_address_key(text)}"[:255]


CODES = st.sampled_from(
    [
        "M5V 3L9",
        "m5v3l9",
        "H2X 1Y4",
        "V6B-1A1",
        "A1C 5M2",
        "T2P 9Z9",  # does not exist
        "K1A 0B1",
        "X0A 0H0",
        "B4N 1A1",
        "E1C 4B7",
        "C1A 4P3",
        "Z9Z 9Z9",
        "D1D 1D1",
        "H0H 0H0",
        "S4P 3Y2",
        "R3C 4T3",
    ]
)
ADDRESSES = st.lists(
    st.tuples(st.sampled_from(["Toronto, ON", "Montréal QC", "Halifax, NS", "", "Somewhere,"]), CODES).map(
        lambda t: f"{t[0]} {t[1]}"
    ),
    min_size=1,
    max_size=8,
)


@settings(deadline=None)  # the first example builds the geocoder tables
@given(ADDRESSES, st.sampled_from(["NS", "ON", "QC", None]))
def test_codes_read_ahead_change_no_placement(addresses, province):
    store = tables()
    kept = store._other_codes
    try:
        store._other_codes = {}
        one_by_one = [geocode.geocode_address(a, province, use_fixes=False) for a in addresses]
        store._other_codes = {}
        geocode.prefetch_postal_codes(addresses)
        assert [geocode.geocode_address(a, province, use_fixes=False) for a in addresses] == one_by_one
    finally:
        store._other_codes = kept
