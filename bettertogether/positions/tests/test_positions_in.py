import datetime as dt

import pytest

from bettertogether.positions.query import positions_in

from .factories import ApprovedPositionFactory, ImportRunFactory

pytestmark = pytest.mark.django_db


def quarter_run(label, start, end):
    return ImportRunFactory(period=label, period_start=start, period_end=end)


@pytest.fixture
def rows():
    q3 = quarter_run("2021Q3", dt.date(2021, 7, 1), dt.date(2021, 9, 30))
    q4 = quarter_run("2021Q4", dt.date(2021, 10, 1), dt.date(2021, 12, 31))
    year = quarter_run("2021", dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    half = quarter_run("2017Q1-Q2", dt.date(2017, 1, 1), dt.date(2017, 6, 30))
    return {
        "q3_ns": ApprovedPositionFactory(
            run=q3, province="NS", stream="Low Wage", noc_code="9463", employer="Acadian Seafood"
        ),
        "q3_nb": ApprovedPositionFactory(
            run=q3, province="NB", stream="High Wage", noc_code="2174", employer="Tech NB"
        ),
        "q4_pe": ApprovedPositionFactory(
            run=q4, province="PE", stream="Primary Agriculture", noc_code="8431", employer="Island Farms"
        ),
        "year_ns": ApprovedPositionFactory(run=year, province="NS", noc_code="7611"),
        "half_nb": ApprovedPositionFactory(run=half, province="NB", noc_code="0911"),
    }


def keys(qs, rows):
    names = {v.pk: k for k, v in rows.items()}
    return sorted(names[pk] for pk in qs.values_list("pk", flat=True))


def test_quarter_range(rows):
    assert keys(positions_in("2021Q3", "2021Q3"), rows) == ["q3_nb", "q3_ns"]
    assert keys(positions_in("2021Q3", "2021Q4"), rows) == ["q3_nb", "q3_ns", "q4_pe"]


def test_annual_and_half_year_files_count_only_when_the_range_covers_them(rows):
    assert keys(positions_in("2021Q1", "2021Q4"), rows) == ["q3_nb", "q3_ns", "q4_pe", "year_ns"]
    assert keys(positions_in("2021", "2021"), rows) == ["q3_nb", "q3_ns", "q4_pe", "year_ns"]
    assert "year_ns" not in keys(positions_in("2021Q2", "2021Q4"), rows)
    assert keys(positions_in("2017Q1", "2017Q1"), rows) == []
    assert keys(positions_in("2017Q1", "2017Q2"), rows) == ["half_nb"]


def test_filters(rows):
    assert keys(positions_in("2021Q3", "2021Q4", provinces=["NS", "PE"]), rows) == ["q3_ns", "q4_pe"]
    assert keys(positions_in("2021Q3", "2021Q4", streams=["High Wage"]), rows) == ["q3_nb"]
    assert keys(positions_in("2021Q3", "2021Q4", noc="9463"), rows) == ["q3_ns"]
    assert keys(positions_in("2021Q1", "2021Q4", noc=["8", "7611"]), rows) == ["q4_pe", "year_ns"]
    assert keys(positions_in("2021Q3", "2021Q4", noc=[]), rows) == []
    assert keys(positions_in("2021Q3", "2021Q4", employer=" seafood "), rows) == ["q3_ns"]


def test_bad_period():
    with pytest.raises(ValueError):
        positions_in("summer", "2021Q4")
