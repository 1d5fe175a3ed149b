"""summarize(): totals, per-quarter / stream / occupation / community figures and places, on factory rows."""

import pytest
from django.utils import translation

from bettertogether.positions.aggregate import PositionFilters, available_quarters, summarize, top_communities

from .factories import ApprovedPositionFactory, ImportRunFactory


@pytest.fixture(autouse=True)
def english():
    """Messages and labels are checked in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db


def _q4_run():
    return ImportRunFactory(period="2021Q4", period_start="2021-10-01", period_end="2021-12-31")


def test_summary_figures():
    q4 = _q4_run()
    ApprovedPositionFactory(province="NS", positions=5, employer="A", lmias=None, place="Kentville")
    ApprovedPositionFactory(
        run=q4,
        province="NS",
        positions=7,
        employer="A",
        lmias=2,
        place="Kentville",
        stream="Primary Agriculture",
        noc_code="8431",
        noc_title="General farm workers",
    )
    ApprovedPositionFactory(
        run=q4, province="PE", positions=1, employer="B", lmias=1, place="Summerside", latitude=46.39, longitude=-63.79
    )
    summary = summarize(PositionFilters())
    assert (summary.positions, summary.rows, summary.employers) == (13, 3, 2)
    assert summary.lmias == 3 and summary.lmias_partial is True
    assert [(p["code"], p["positions"], p["rows"]) for p in summary.per_province] == [("NS", 12, 2), ("PE", 1, 1)]
    assert summary.by_quarter == [("2021Q3", 5), ("2021Q4", 8)]
    assert summary.by_stream == [("Primary Agriculture", 7), ("Low Wage", 6)]
    assert summary.top_occupations[0] == ("8431 General farm workers", 7)
    assert summary.top_communities == [("Kentville, NS", 12), ("Summerside, PE", 1)]
    assert [(p.label, p.positions, p.employers) for p in summary.places] == [
        ("Kentville B4N 1A1", 12, 1),
        ("Summerside B4N 1A1", 1, 1),
    ]
    assert summary.totals_json()["per_quarter"] == {"2021Q3": 5, "2021Q4": 8}


def test_lmias_unknown_when_no_row_gives_them():
    ApprovedPositionFactory(lmias=None)
    summary = summarize(PositionFilters())
    assert summary.lmias is None and summary.lmias_partial is False


def test_annual_files_count_only_for_a_whole_year():
    annual = ImportRunFactory(period="2016", period_start="2016-01-01", period_end="2016-12-31")
    ApprovedPositionFactory(run=annual, positions=9, quarter="")
    assert summarize(PositionFilters(period_from="2016Q1", period_to="2016Q4")).positions == 9
    assert summarize(PositionFilters(period_from="2016Q1", period_to="2016Q3")).positions == 0


def test_empty_selection():
    summary = summarize(PositionFilters())
    assert summary.positions == 0 and summary.places == [] and summary.unplaced == []


def test_available_quarters_cover_the_loaded_files_and_the_default_period():
    ImportRunFactory(period="2017Q1-Q2", period_start="2017-01-01", period_end="2017-06-30")
    ImportRunFactory(period="2022Q3", period_start="2022-07-01", period_end="2022-09-30", status="failed")
    quarters = available_quarters()
    # The loaded half-year and the default period: the four quarters ending with it (a failed run counts not).
    assert quarters == ["2016Q3", "2016Q4", "2017Q1", "2017Q2"]


def test_spellings_of_one_community_are_merged():
    groups = [("Cap-Pelé", "NB", 5), ("Cap-Pele", "NB", 3), ("CAP PELE", "NB", 1), ("Cap-Pelé", "NS", 2)]
    assert top_communities(groups) == [("Cap-Pelé, NB", 9), ("Cap-Pelé, NS", 2)]
    assert top_communities([(f"Town {i}", "PE", i) for i in range(20)], top=3) == [
        ("Town 19, PE", 19),
        ("Town 18, PE", 18),
        ("Town 17, PE", 17),
    ]
