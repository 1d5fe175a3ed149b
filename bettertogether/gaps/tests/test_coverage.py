"""The computation against brute force (every place × every service, haversine) on random data."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bettertogether.core.geo import haversine_km
from bettertogether.gaps.coverage import ANY, Candidate, Place, ServicePoint, analyse, greedy_sites

from . import brute

CATS = ("health", "legal", "housing")
LANGS = ("en", "es", "tl", "mul")

# A box around the Maritimes, wide enough for places both near and far from services.
lat = st.floats(min_value=43.0, max_value=48.5, allow_nan=False)
lon = st.floats(min_value=-68.0, max_value=-59.5, allow_nan=False)


@st.composite
def places(draw: st.DrawFn, max_size: int = 40) -> list[Place]:
    n = draw(st.integers(0, max_size))
    out = []
    for i in range(n):
        placed = draw(st.booleans()) or draw(st.booleans())  # mostly placed
        out.append(
            Place(
                name=f"P{i}",
                province=draw(st.sampled_from(("NS", "NB", "PE"))),
                latitude=draw(lat) if placed else None,
                longitude=draw(lon) if placed else None,
                precision=draw(st.sampled_from(("postal_code", "fsa", "place"))) if placed else "",
                positions=draw(st.integers(1, 300)),
            )
        )
    return out


@st.composite
def services(draw: st.DrawFn, max_size: int = 25) -> list[ServicePoint]:
    n = draw(st.integers(0, max_size))
    return [
        ServicePoint(
            id=str(i),
            name=f"S{i}",
            organization="Org",
            latitude=draw(lat),
            longitude=draw(lon),
            categories=frozenset(draw(st.sets(st.sampled_from(CATS), max_size=3))),
            languages=frozenset(draw(st.sets(st.sampled_from(LANGS), max_size=2))),
            provinces=frozenset(draw(st.sets(st.sampled_from(("NS", "NB", "PE")), max_size=2))),
        )
        for i in range(n)
    ]


def _clear_of_boundary(ps: list[Place], ss: list[ServicePoint], radius: float) -> bool:
    """Float rounding may put a point exactly on the radius on either side: keep such draws out."""
    return all(
        abs(haversine_km(p.latitude, p.longitude, s.latitude, s.longitude) - radius) > 1e-6  # type: ignore[arg-type]
        for p in ps
        if p.placed
        for s in ss
    )


@settings(max_examples=60, deadline=None)
@given(places(), services(), st.sampled_from((10.0, 30.0, 75.0)), st.sampled_from(("", "es", "tl")))
def test_matches_brute_force(ps: list[Place], ss: list[ServicePoint], radius: float, language: str) -> None:
    assume(_clear_of_boundary(ps, ss, radius))
    result = analyse(ps, ss, categories=CATS, radius_km=radius, language=language)
    total = sum(p.positions for p in ps)
    assert result.total_positions == total
    for r in result.places:
        for c in (*CATS, ANY):
            if not r.place.placed:
                assert r.nearest_km[c] is None
                continue
            expected = brute.nearest_km(r.place, ss, c)
            if expected is None:
                assert r.nearest_km[c] is None and r.nearest_service[c] is None
            else:
                assert r.nearest_km[c] == pytest.approx(expected, abs=1e-6)
                s = ss[r.nearest_service[c]]  # type: ignore[index]
                assert haversine_km(r.place.latitude, r.place.longitude, s.latitude, s.longitude) == pytest.approx(  # type: ignore[arg-type]
                    expected, abs=1e-6
                )
            if language:
                expected_lang = brute.nearest_km(r.place, ss, c, language)
                got = r.nearest_km_language[c]
                assert (got is None) == (expected_lang is None)
                if got is not None:
                    assert got == pytest.approx(expected_lang, abs=1e-6)
    for c in (*CATS, ANY):
        figures = result.overall.categories[c]
        assert figures.covered_positions == brute.covered_positions(ps, ss, c, radius)
        assert figures.covered_positions + figures.uncovered_positions == total
        assert figures.unplaced_positions == sum(p.positions for p in ps if not p.placed)
        if language:
            assert figures.covered_in_language == brute.covered_positions(ps, ss, c, radius, language)
        # Provinces add up to the whole.
        assert sum(a.categories[c].covered_positions for a in result.provinces) == figures.covered_positions
        assert sum(a.total_positions for a in result.provinces) == total


@settings(max_examples=60, deadline=None)
@given(places(max_size=25), services(max_size=8), st.sampled_from((15.0, 30.0, 60.0)))
def test_first_suggestion_is_the_best_single_site(ps: list[Place], ss: list[ServicePoint], radius: float) -> None:
    assume(_clear_of_boundary(ps, ss, radius))
    candidates = [Candidate(p.name, p.province, p.latitude, p.longitude) for p in ps if p.placed]  # type: ignore[arg-type]
    assume(
        all(
            abs(haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) - radius) > 1e-6
            for a in candidates
            for b in candidates
        )
    )
    result = analyse(ps, ss, categories=CATS, radius_km=radius)
    for c in (*CATS, ANY):
        best = brute.best_single_site(ps, ss, candidates, c, radius)
        picks = result.suggestions[c]
        if best == 0:
            assert picks == []
            continue
        assert picks[0].new_positions == best
        # Greedy gains never grow, and together they never exceed what was uncovered.
        gains = [s.new_positions for s in picks]
        assert gains == sorted(gains, reverse=True)
        assert picks[-1].cumulative_positions == sum(gains) <= result.overall.categories[c].uncovered_positions
        assert len(picks) <= 5


@settings(max_examples=60, deadline=None)
@given(places(), services(max_size=10), st.sampled_from((15.0, 30.0, 60.0)))
def test_suggestions_equal_a_fresh_greedy_run_per_category(
    ps: list[Place], ss: list[ServicePoint], radius: float
) -> None:
    """`analyse` builds the candidate × place matrix once for every category; its picks are exactly those
    of greedy_sites run on each category's uncovered places alone."""
    assume(_clear_of_boundary(ps, ss, radius))
    placed = sorted((p for p in ps if p.placed), key=lambda p: (-p.positions, p.province, p.name))
    assume(
        all(
            abs(haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) - radius) > 1e-6  # type: ignore[arg-type]
            for a in placed
            for b in placed
        )
    )
    result = analyse(ps, ss, categories=CATS, radius_km=radius)
    lats = np.asarray([p.latitude for p in placed], dtype=np.float64)
    lons = np.asarray([p.longitude for p in placed], dtype=np.float64)
    weights = np.asarray([p.positions for p in placed], dtype=np.int64)
    provinces = np.asarray([p.province for p in placed], dtype=object)
    for c in (*CATS, ANY):
        open_ = np.asarray(
            [(r.nearest_km[c] is None or r.nearest_km[c] > radius) for r in result.places[: len(placed)]],
            dtype=bool,
        )
        picks = greedy_sites(
            lats[open_],
            lons[open_],
            weights[open_],
            lats,
            lons,
            radius,
            5,
            uncovered_provinces=provinces[open_].tolist(),
            candidate_provinces=provinces.tolist(),
        )
        got = [(s.candidate.name, s.new_positions, s.new_places) for s in result.suggestions[c]]
        assert got == [(placed[j].name, gain, count) for j, gain, count in picks]


def test_unplaced_places_are_reported_and_count_as_not_covered() -> None:
    ps = [
        Place("Kentville", "NS", 45.0775, -64.4945, "postal_code", 100),
        Place("Somewhere unknown", "NB", None, None, "", 40),
    ]
    ss = [ServicePoint("1", "Clinic", "Org", 45.08, -64.5, frozenset({"health"}))]
    result = analyse(ps, ss, categories=("health",))
    assert [p.name for p in result.unplaced] == ["Somewhere unknown"]
    health = result.overall.categories["health"]
    assert (health.total_positions, health.covered_positions, health.uncovered_positions) == (140, 100, 40)
    assert health.unplaced_positions == 40
    assert health.coverage == pytest.approx(100 / 140)
    nb = next(a for a in result.provinces if a.province == "NB")
    assert (nb.total_positions, nb.placed_positions, nb.unplaced_positions) == (40, 0, 40)
    # The unplaced place is never suggested and never ranked as a gap (its distance is unknown).
    assert all(g.name != "Somewhere unknown" for g in result.gaps["health"])


def test_gaps_ranked_by_positions_times_km_beyond_radius() -> None:
    service = ServicePoint("1", "Legal clinic", "Org", 44.65, -63.57, frozenset({"legal"}))  # Halifax
    ps = [
        Place("Near", "NS", 44.66, -63.58, "postal_code", 500),  # covered
        Place("Far small", "NS", 46.14, -60.19, "place", 10),  # Sydney, ~300 km
        Place("Mid big", "NS", 45.37, -63.28, "fsa", 200),  # Truro, ~82 km
    ]
    result = analyse(ps, [service], categories=("legal", "health"), radius_km=30)
    gaps = result.gaps["legal"]
    assert [g.name for g in gaps] == ["Mid big", "Far small"]
    assert gaps[0].service is service
    assert gaps[0].need(30) == pytest.approx(200 * (gaps[0].km - 30))  # type: ignore[operator]
    # No health service anywhere: every place is a gap of unbounded need, the largest first.
    assert [g.name for g in result.gaps["health"]] == ["Near", "Mid big", "Far small"]
    assert all(g.km is None and g.need(30) is None for g in result.gaps["health"])


def test_greedy_sites_counts_coincident_points_and_stops_when_nothing_left() -> None:
    picks = greedy_sites(
        [45.0, 45.0, 47.0],  # type: ignore[arg-type]
        [-64.0, -64.0, -61.0],  # type: ignore[arg-type]
        [5, 7, 3],  # type: ignore[arg-type]
        [45.0, 47.0, 30.0],  # type: ignore[arg-type]
        [-64.0, -61.0, -100.0],  # type: ignore[arg-type]
        1.0,
        5,
    )
    assert picks == [(0, 12, 2), (1, 3, 1)]


def test_empty_inputs() -> None:
    result = analyse([], [], categories=("health",))
    assert result.total_positions == 0
    assert result.overall.categories["health"].coverage is None
    assert result.suggestions["health"] == [] and result.gaps["health"] == []
    assert math.isclose(result.radius_km, 30.0)


def test_a_provincial_service_serves_its_own_province_only() -> None:
    """Sackville NB and Amherst NS are 15 km apart; Borden-Carleton PE is 14 km from Cape Jourimain NB."""
    nb_centre = ServicePoint(
        "nb", "NB centre", "Org", 45.896, -64.368, frozenset({"legal"}), provinces=frozenset({"NB"})
    )
    pe_office = ServicePoint(
        "pe", "PEI office", "Org", 46.339, -63.700, frozenset({"legal"}), provinces=frozenset({"PE"})
    )
    amherst = Place("Amherst", "NS", 45.834, -64.199, "postal_code", 10)
    cape = Place("Cape Jourimain", "NB", 46.159, -63.811, "postal_code", 5)
    sackville = Place("Sackville", "NB", 45.896, -64.368, "postal_code", 7)
    a = analyse([amherst, cape, sackville], [nb_centre, pe_office], categories=["legal"], radius_km=30)
    by_name = {r.place.name: r for r in a.places}
    assert haversine_km(45.834, -64.199, 45.896, -64.368) < 30  # within the radius as the crow flies …
    assert by_name["Amherst"].nearest_km["legal"] is None  # … yet no service of Nova Scotia
    assert by_name["Cape Jourimain"].nearest_service["legal"] == 0  # the NB centre, not the nearer PEI office
    assert by_name["Cape Jourimain"].nearest_km["legal"] > 30
    assert a.overall.categories["legal"].covered_positions == 7  # Sackville only

    national = ServicePoint("ca", "National line", "Org", 45.896, -64.368, frozenset({"legal"}))
    a = analyse([amherst, cape, sackville], [national], categories=["legal"], radius_km=30)
    assert a.overall.categories["legal"].covered_positions == 17  # national: every province

    # A suggested site serves its own province only: a PEI candidate does not pick up Cape Jourimain.
    pei_site = Candidate("Borden-Carleton", "PE", 46.339, -63.700)
    a = analyse([cape], [], categories=["legal"], radius_km=30, candidates=[pei_site])
    assert a.suggestions["legal"] == []
