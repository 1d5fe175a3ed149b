"""PositionFilters.from_query: defaults, parsing and clear errors (no HTTP; the database only for the default
period, which follows the imported quarters — none here, so it is the seed period)."""

import pytest
from django.http import QueryDict
from django.utils import translation

from bettertogether.core.text import csv_safe
from bettertogether.positions.aggregate import FilterError, PositionFilters

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages and labels are checked in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


def parse(query: str) -> PositionFilters:
    return PositionFilters.from_query(QueryDict(query))


def test_defaults_are_the_seed_period_in_the_maritimes():
    filters = parse("")
    assert (filters.period_from, filters.period_to) == ("2021Q3", "2022Q2")
    assert filters.provinces == ("NS", "NB", "PE")
    assert filters.streams == () and filters.noc == "" and filters.employer == ""


def test_any_filter_without_province_means_all_of_canada():
    assert parse("from=2021Q3&to=2021Q4").provinces == ()
    assert parse("province=all").provinces == ()
    assert parse("province=nb&province=NS,pe").provinces == ("NS", "NB", "PE")
    assert parse("province=XX").provinces == ("XX",)


def test_values_are_normalized():
    filters = parse(
        "from=2021q3&to=%202022Q1%20&stream=low%20wage&stream=Low+Wage&stream=Primary+Agriculture"
        "&noc=9&occupation=%20fish%20%20plant&employer=%20Acme%20%20Ltd"
    )
    assert (filters.period_from, filters.period_to) == ("2021Q3", "2022Q1")
    assert filters.streams == ("Low Wage", "Primary Agriculture")
    assert filters.noc == "9"
    assert filters.occupation == "fish plant"
    assert filters.employer == "Acme Ltd"


def test_works_from_a_plain_dict():
    filters = PositionFilters.from_query({"from": "2022Q1", "to": "2022Q2", "province": ["PE"]})
    assert filters.provinces == ("PE",) and filters.period_from == "2022Q1"


@pytest.mark.parametrize(
    "query, message",
    [
        ("from=2021", "“2021” is not a quarter (expected e.g. 2021Q3) in “from”."),
        ("to=2022Q5", "“2022Q5” is not a quarter (expected e.g. 2021Q3) in “to”."),
        ("from=2022Q2&to=2021Q3", "The period ends (2021Q3) before it starts (2022Q2)."),
        ("province=ZZ&province=NS", "Unknown province: ZZ."),
        ("stream=Seasonal", "Unknown stream: Seasonal."),
        ("noc=X", "The occupation group must be one digit from 0 to 9, or a NOC code."),
        ("noc=9x", "The occupation group must be one digit from 0 to 9, or a NOC code."),
        ("occupation=" + "a" * 101, "The occupation search is too long (at most 100 characters)."),
    ],
)
def test_errors_name_the_problem(query, message):
    with pytest.raises(FilterError) as error:
        parse(query)
    assert message in error.value.messages


def test_all_errors_are_reported_at_once():
    with pytest.raises(FilterError) as error:
        parse("from=x&province=QQ&stream=y")
    assert len(error.value.messages) == 3


def test_as_query_round_trips():
    filters = parse("from=2021Q4&to=2022Q1&province=NB&stream=High+Wage&noc=2&occupation=2171&employer=A%26B")
    again = PositionFilters.from_query(QueryDict())  # empty → defaults
    assert again == PositionFilters()
    rebuilt = QueryDict(mutable=True)
    for key, value in filters.as_query():
        rebuilt.appendlist(key, value)
    assert PositionFilters.from_query(rebuilt) == filters
    everywhere = parse("from=2021Q3&to=2022Q2")
    assert ("province", "all") in everywhere.as_query()


@pytest.mark.parametrize(
    "value, safe",
    [
        ("=1+1", "'=1+1"),
        ("+1 Main St", "'+1 Main St"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=x", "'\t=x"),
        ("Acme", "Acme"),
        (5, 5),
        ("", ""),
    ],
)
def test_csv_safe(value, safe):
    assert csv_safe(value) == safe


def test_noc_code_in_noc_is_an_occupation_code():
    filters = parse("noc=9463")
    assert (filters.noc, filters.occupation) == ("", "9463")
    assert parse("noc=9&occupation=fish").noc == "9"
