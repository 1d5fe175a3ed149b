"""Choosing the portal's resources: language and period of each."""

import pytest

from bettertogether.core.periods import parse_period
from bettertogether.positions.fetch import is_english, resource_file_name, resource_period, within


@pytest.mark.parametrize(
    "resource, english",
    [
        ({"url": "https://x/TFWP_2021Q3_Positive_EN.xlsx", "language": ["en"]}, True),
        ({"url": "https://x/tfwp_2022q1_positive_en.xlsx"}, True),
        ({"url": "https://x/tfwp_2022q1_positive_fr.xlsx"}, False),
        ({"url": "https://x/2016_positive_employer_fr.csv", "language": ["en"]}, False),
        ({"url": "https://x/useb-list2021q4finaltfwp_2.xlsx", "language": ["fr"]}, False),
        ({"url": "https://x/useb-list2021q4finaltfwp_2.xlsx", "language": "en"}, True),
        ({"url": "https://x/list.xlsx", "name": "Positive employers list_en"}, True),
    ],
)
def test_is_english(resource, english):
    assert is_english(resource) is english


@pytest.mark.parametrize(
    "resource, period",
    [
        ({"url": "https://x/tfwp_2022q2_positive_en.xlsx"}, "2022Q2"),
        ({"url": "https://x/TFWP_2021Q3_Positive_EN.xlsx"}, "2021Q3"),
        ({"url": "https://x/2017q1q2_positive_en.csv"}, "2017Q1-Q2"),
        ({"url": "https://x/2015_positive_employers_en.csv"}, "2015"),
        ({"url": "https://x/tfwp_2023q1_pos_en.xlsx"}, "2023Q1"),
        ({"url": "https://x/useb-x2021q4finaltfwp_2.xlsx", "name": "Positive LMIA list"}, None),
        ({"url": "https://x/useb-x.xlsx", "name": "Employers list, October to December 2020"}, "2020Q4"),
        ({"url": "https://x/useb-x.xlsx", "name": {"en": "Q1 2021 Positive LMIA", "fr": "T1 2021"}}, "2021Q1"),
        ({"url": "https://x/positive_employers_en.csv"}, None),
    ],
)
def test_resource_period(resource, period):
    found = resource_period(resource)
    assert (found.label if found else None) == period


def test_file_names_are_made_safe():
    assert resource_file_name({"url": "https://x/a/..%2F..%2Fetc%2Fpasswd"}) == "etc_passwd"
    assert resource_file_name({"url": "https://x/dir/", "id": "abc"}) == "abc"
    assert resource_file_name({"url": "https://x/Liste%20EIMT.xlsx"}) == "Liste_EIMT.xlsx"


def test_within():
    first, last = parse_period("2021Q3"), parse_period("2022Q2")
    assert within(parse_period("2021Q3"), first, last)
    assert not within(parse_period("2022Q3"), first, last)
    assert not within(parse_period("2021"), first, last)
    assert within(parse_period("2030Q1"), first, None)
