"""Brute-force reference computations for the tests: every place × every service serving its province,
with haversine."""

from __future__ import annotations

from collections.abc import Sequence

from bettertogether.core.geo import haversine_km
from bettertogether.gaps.coverage import ANY, Candidate, Place, ServicePoint


def nearest_km(place: Place, services: Sequence[ServicePoint], category: str, language: str = "") -> float | None:
    best = None
    for s in services:
        if category != ANY and category not in s.categories:
            continue
        if language and not s.speaks(language):
            continue
        if not s.serves(place.province):
            continue
        km = haversine_km(place.latitude, place.longitude, s.latitude, s.longitude)  # type: ignore[arg-type]
        if best is None or km < best:
            best = km
    return best


def covered_positions(
    places: Sequence[Place], services: Sequence[ServicePoint], category: str, radius_km: float, language: str = ""
) -> int:
    total = 0
    for p in places:
        if not p.placed:
            continue
        km = nearest_km(p, services, category, language)
        if km is not None and km <= radius_km:
            total += p.positions
    return total


def best_single_site(
    places: Sequence[Place],
    services: Sequence[ServicePoint],
    candidates: Sequence[Candidate],
    category: str,
    radius_km: float,
) -> int:
    """The most uncovered positions any one candidate brings within the radius."""
    uncovered = [
        p for p in places if p.placed and ((km := nearest_km(p, services, category)) is None or km > radius_km)
    ]
    best = 0
    for c in candidates:
        gain = sum(
            p.positions
            for p in uncovered
            if c.province == p.province and haversine_km(c.latitude, c.longitude, p.latitude, p.longitude) <= radius_km  # type: ignore[arg-type]
        )
        best = max(best, gain)
    return best
