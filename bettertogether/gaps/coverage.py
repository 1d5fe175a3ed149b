"""Coverage of approved TFW positions by support services: the gap analysis' computation.

Plain module (no database, no request): it takes places and service points as plain data and
returns plain dataclasses, so the page, the JSON endpoint, the report command and the benchmark
all compute the same numbers the same way.

Method (docs/gaps.md):
- Distances are great-circle (spherical Earth, `core.geo`): straight lines, not roads or ferries,
  from a place's point to a service location's point; nearest neighbours come from a cKDTree on
  unit-sphere coordinates, never from nested loops.
- Jurisdiction: a service whose service area names provinces serves places of those provinces
  only (a New Brunswick centre does not serve Nova Scotia); a service with no province in its
  service area (a national line) serves every place. A suggested new site is counted as a service
  of its own province.
- A place is covered for a category when at least one active service of that category serving
  its province has a location within `radius_km`. Coverage = covered positions / all positions of the selection.
  Positions whose place has no coordinates cannot be shown to be within reach: they count as
  not covered and are reported separately (`unplaced_positions`), never dropped.
  So covered + uncovered = total, always.
- With a language, the same is computed again among the services speaking it (or offering
  interpretation into many languages, code 'mul').
- Unmet need of an uncovered place = positions × km beyond the radius.
- Site suggestions: greedy maximum coverage over candidate points; each pick is the candidate
  that brings the most still-uncovered positions within the radius. Greedy picks nest, so the
  first k picks are the answer for every k up to `k_max`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from bettertogether.core.geo import PointIndex
from bettertogether.core.languages import MANY_LANGUAGES

ANY = "any"
DEFAULT_RADIUS_KM = 30.0
DEFAULT_K = 5
DEFAULT_GAPS = 25


@dataclass(frozen=True)
class Place:
    """Approved positions at one point (or, without coordinates, at one unplaced address group)."""

    name: str
    province: str
    latitude: float | None
    longitude: float | None
    precision: str
    positions: int

    @property
    def placed(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class ServicePoint:
    """One active service at one location with a point. `categories` are top-level taxonomy slugs."""

    id: str
    name: str
    organization: str
    latitude: float
    longitude: float
    categories: frozenset[str]
    languages: frozenset[str] = frozenset()
    provinces: frozenset[str] = frozenset()  # the provinces it serves; empty = every province (national)

    def speaks(self, language: str) -> bool:
        return language in self.languages or MANY_LANGUAGES in self.languages

    def serves(self, province: str) -> bool:
        return not self.provinces or province in self.provinces


@dataclass(frozen=True)
class Candidate:
    """A point where a new service could be sited (by default, every place with positions)."""

    name: str
    province: str
    latitude: float
    longitude: float


@dataclass
class PlaceResult:
    place: Place
    # category → km to the nearest service of it (None: no such service anywhere, or unplaced).
    nearest_km: dict[str, float | None]
    # category → index into Analysis.services of that nearest service.
    nearest_service: dict[str, int | None]
    # Same among the services speaking the chosen language (empty without a language).
    nearest_km_language: dict[str, float | None] = field(default_factory=dict)


@dataclass
class CategoryCoverage:
    category: str
    total_positions: int
    covered_positions: int
    unplaced_positions: int
    covered_in_language: int | None = None  # None without a chosen language

    @property
    def uncovered_positions(self) -> int:
        return self.total_positions - self.covered_positions

    @property
    def coverage(self) -> float | None:
        return self.covered_positions / self.total_positions if self.total_positions else None

    @property
    def coverage_in_language(self) -> float | None:
        if self.covered_in_language is None or not self.total_positions:
            return None
        return self.covered_in_language / self.total_positions


@dataclass
class AreaCoverage:
    """Figures for one province, or for the whole selection (`province` = '')."""

    province: str
    total_positions: int
    placed_positions: int
    places: int
    categories: dict[str, CategoryCoverage]

    @property
    def unplaced_positions(self) -> int:
        return self.total_positions - self.placed_positions


@dataclass
class Gap:
    """An uncovered place: its positions are more than the radius from any service of `category`."""

    category: str
    place: int  # index into Analysis.places
    name: str
    province: str
    positions: int
    precision: str
    km: float | None  # None: no service of the category has a location at all
    service: ServicePoint | None

    def excess_km(self, radius_km: float) -> float | None:
        return None if self.km is None else max(0.0, self.km - radius_km)

    def need(self, radius_km: float) -> float | None:
        """Positions × km beyond the radius (None = unbounded: no service anywhere)."""
        excess = self.excess_km(radius_km)
        return None if excess is None else self.positions * excess


@dataclass
class Suggestion:
    category: str
    k: int  # 1-based pick order
    candidate: Candidate
    new_positions: int  # positions newly brought within the radius by this pick
    new_places: int
    cumulative_positions: int
    coverage_after: float | None  # category coverage with picks 1..k added


@dataclass
class Analysis:
    radius_km: float
    language: str
    categories: tuple[str, ...]  # top-level slugs, then ANY
    places: list[PlaceResult]  # placed places first (largest first), then unplaced ones
    services: list[ServicePoint]
    overall: AreaCoverage
    provinces: list[AreaCoverage]
    gaps: dict[str, list[Gap]]
    suggestions: dict[str, list[Suggestion]]
    candidates: int

    @property
    def total_positions(self) -> int:
        return self.overall.total_positions

    @property
    def unplaced(self) -> list[Place]:
        return [r.place for r in self.places if not r.place.placed]


# ---------------------------------------------------------------------------------------------------------------


def nearest_by_category(
    lats: np.ndarray,
    lons: np.ndarray,
    services: Sequence[ServicePoint],
    categories: Iterable[str],
    language: str = "",
    provinces: Sequence[str] | None = None,
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """category → (index into `services` or -1, km or +inf) of the nearest service for each point.

    With `language`, only services speaking it (or 'mul') are considered. ANY means any category.
    With `provinces` (one code per point), only services serving the point's province are considered.
    """
    categories = list(categories)
    members = {c: np.zeros(len(services), dtype=bool) for c in categories}
    speaks = np.ones(len(services), dtype=bool)
    for i, s in enumerate(services):
        for c in s.categories:
            if c in members:
                members[c][i] = True
        if language and not s.speaks(language):
            speaks[i] = False
    if ANY in members:
        members[ANY][:] = True
    points = np.asarray([(s.latitude, s.longitude) for s in services], dtype=np.float64).reshape(-1, 2)
    # Points grouped by province (one group of all points without `provinces`), with the services serving it.
    groups: list[tuple[np.ndarray, np.ndarray]] = []
    if provinces is None:
        groups.append((np.arange(len(lats)), np.ones(len(services), dtype=bool)))
    else:
        codes = np.asarray(provinces, dtype=object)
        for code in sorted(set(provinces)):
            serving = np.fromiter((s.serves(code) for s in services), dtype=bool, count=len(services))
            groups.append((np.flatnonzero(codes == code), serving))
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for category in categories:
        index = np.full(len(lats), -1, dtype=np.int64)
        km = np.full(len(lats), np.inf, dtype=np.float64)
        for rows, serving in groups:
            chosen = np.flatnonzero(members[category] & speaks & serving)
            local, dist = PointIndex(points[chosen]).nearest_many(lats[rows], lons[rows])
            mapping = np.append(chosen, -1)  # local -1 (no service at all) maps to the trailing -1
            index[rows], km[rows] = mapping[local], dist
        out[category] = (index, km)
    return out


def _column(values: np.ndarray, missing: np.ndarray) -> list[Any]:
    """A numpy column as a Python list with None where `missing`."""
    column = values.astype(object)
    column[missing] = None
    return list(column.tolist())


def coverage_matrix(
    demand_lats: np.ndarray,
    demand_lons: np.ndarray,
    candidate_lats: np.ndarray,
    candidate_lons: np.ndarray,
    radius_km: float,
    demand_provinces: Sequence[str] | None = None,
    candidate_provinces: Sequence[str] | None = None,
) -> sparse.csr_matrix:
    """Which candidate reaches which demand point: a sparse candidate × point matrix of ones.

    A pair counts when the great-circle distance is within `radius_km` and, with provinces for both
    sides, the candidate and the point are in the same province.
    """
    shape = (len(candidate_lats), len(demand_lats))
    if not len(demand_lats) or not len(candidate_lats):
        return sparse.csr_matrix(shape, dtype=np.float64)
    sites = PointIndex(np.column_stack((candidate_lats, candidate_lons)))
    rows, cols, _km = sites.pairs_within(PointIndex(np.column_stack((demand_lats, demand_lons))), radius_km)
    if demand_provinces is not None and candidate_provinces is not None:
        # Provinces as small integers: comparing millions of pairs as Python strings is slow.
        _, codes = np.unique(np.asarray([*candidate_provinces, *demand_provinces], dtype=str), return_inverse=True)
        same = codes[: len(candidate_lats)][rows] == codes[len(candidate_lats) :][cols]
        rows, cols = rows[same], cols[same]
    return sparse.csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=shape)


def greedy_picks(matrix: sparse.csr_matrix, weights: np.ndarray, k: int) -> list[tuple[int, int, int]]:
    """Greedy maximum coverage over a `coverage_matrix`: up to k (candidate index, weight newly
    covered, points newly covered). Points of weight 0 (already covered) count for nothing. Stops
    early when no candidate covers anything more. Ties go to the lower candidate index."""
    if matrix.shape[0] == 0 or matrix.shape[1] == 0 or k < 1:
        return []
    remaining = np.asarray(weights, dtype=np.float64).copy()
    picks: list[tuple[int, int, int]] = []
    for _ in range(k):
        gains = matrix @ remaining
        best = int(np.argmax(gains))
        if gains[best] <= 0:
            break
        covered = matrix.indices[matrix.indptr[best] : matrix.indptr[best + 1]]
        newly = covered[remaining[covered] > 0]
        picks.append((best, int(round(gains[best])), len(newly)))
        remaining[newly] = 0.0
    return picks


def greedy_sites(
    uncovered_lats: np.ndarray,
    uncovered_lons: np.ndarray,
    weights: np.ndarray,
    candidate_lats: np.ndarray,
    candidate_lons: np.ndarray,
    radius_km: float,
    k: int,
    uncovered_provinces: Sequence[str] | None = None,
    candidate_provinces: Sequence[str] | None = None,
) -> list[tuple[int, int, int]]:
    """Greedy maximum coverage: up to k (candidate index, weight newly covered, points newly covered).

    With provinces for both sides, a candidate covers points of its own province only. Stops early
    when no candidate covers anything more. Ties go to the lower candidate index. (`analyse` builds
    the matrix once for every category and calls `greedy_picks` itself.)
    """
    if not len(uncovered_lats) or not len(candidate_lats) or k < 1:
        return []
    matrix = coverage_matrix(
        uncovered_lats,
        uncovered_lons,
        candidate_lats,
        candidate_lons,
        radius_km,
        uncovered_provinces,
        candidate_provinces,
    )
    return greedy_picks(matrix, weights, k)


def analyse(
    places: Sequence[Place],
    services: Sequence[ServicePoint],
    *,
    categories: Sequence[str],
    radius_km: float = DEFAULT_RADIUS_KM,
    language: str = "",
    candidates: Sequence[Candidate] | None = None,
    k_max: int = DEFAULT_K,
    gaps_per_category: int = DEFAULT_GAPS,
) -> Analysis:
    """The whole analysis for one selection. `categories` are top-level slugs; ANY is appended."""
    cats = tuple(c for c in categories if c != ANY) + (ANY,)
    services = list(services)
    placed = sorted((p for p in places if p.placed), key=lambda p: (-p.positions, p.province, p.name))
    unplaced = sorted((p for p in places if not p.placed), key=lambda p: (p.province, -p.positions, p.name))
    lats = np.asarray([p.latitude for p in placed], dtype=np.float64)
    lons = np.asarray([p.longitude for p in placed], dtype=np.float64)
    weights = np.asarray([p.positions for p in placed], dtype=np.int64)

    place_provinces = [p.province for p in placed]
    nearest = nearest_by_category(lats, lons, services, cats, provinces=place_provinces)
    nearest_lang = (
        nearest_by_category(lats, lons, services, cats, language, provinces=place_provinces) if language else {}
    )

    km_columns = [_column(nearest[c][1], ~np.isfinite(nearest[c][1])) for c in cats]
    service_columns = [_column(nearest[c][0], nearest[c][0] < 0) for c in cats]
    lang_columns = [_column(nearest_lang[c][1], ~np.isfinite(nearest_lang[c][1])) for c in nearest_lang]
    lang_cats = list(nearest_lang)
    results: list[PlaceResult] = [
        PlaceResult(
            place=place,
            nearest_km=dict(zip(cats, km_row, strict=True)),
            nearest_service=dict(zip(cats, service_row, strict=True)),
            nearest_km_language=dict(zip(lang_cats, lang_row, strict=True)),
        )
        for place, km_row, service_row, lang_row in zip(
            placed,
            zip(*km_columns, strict=True) if placed else [],
            zip(*service_columns, strict=True) if placed else [],
            zip(*lang_columns, strict=True) if lang_cats and placed else ([()] * len(placed)),
            strict=True,
        )
    ]
    for place in unplaced:
        results.append(
            PlaceResult(
                place=place,
                nearest_km=dict.fromkeys(cats),
                nearest_service=dict.fromkeys(cats),
                nearest_km_language=dict.fromkeys(cats) if language else {},
            )
        )

    covered = {c: nearest[c][1] <= radius_km for c in cats}
    covered_lang = {c: nearest_lang[c][1] <= radius_km for c in nearest_lang}
    province_of = np.asarray([p.province for p in placed], dtype=object)

    def area(code: str) -> AreaCoverage:
        mask = np.ones(len(placed), dtype=bool) if not code else province_of == code
        placed_total = int(weights[mask].sum())
        unplaced_total = sum(p.positions for p in unplaced if not code or p.province == code)
        total = placed_total + unplaced_total
        figures = {}
        for c in cats:
            figures[c] = CategoryCoverage(
                category=c,
                total_positions=total,
                covered_positions=int(weights[mask & covered[c]].sum()),
                unplaced_positions=unplaced_total,
                covered_in_language=int(weights[mask & covered_lang[c]].sum()) if language else None,
            )
        return AreaCoverage(code, total, placed_total, int(mask.sum()), figures)

    province_codes = sorted({p.province for p in places})
    overall = area("")

    gaps: dict[str, list[Gap]] = {}
    for c in cats:
        index, km = nearest[c]
        rows = np.flatnonzero(~covered[c])
        finite = np.isfinite(km[rows])
        need = np.where(finite, weights[rows] * np.where(finite, km[rows] - radius_km, 0.0), np.inf)
        # Largest need first (no service at all = unbounded), then more positions, then the places' order.
        order = rows[np.lexsort((rows, -weights[rows], -need))][:gaps_per_category]
        gaps[c] = [
            Gap(
                category=c,
                place=int(i),
                name=placed[i].name,
                province=placed[i].province,
                positions=int(weights[i]),
                precision=placed[i].precision,
                km=_finite(km[i]),
                service=services[index[i]] if index[i] >= 0 else None,
            )
            for i in order
        ]

    if candidates is None:  # the places themselves; Candidate objects are made for the picks only
        cand_lats, cand_lons, cand_provinces = lats, lons, place_provinces

        def candidate(j: int) -> Candidate:
            p = placed[j]
            return Candidate(p.name, p.province, float(lats[j]), float(lons[j]))

        n_candidates = len(placed)
    else:
        cand_lats = np.asarray([c.latitude for c in candidates], dtype=np.float64)
        cand_lons = np.asarray([c.longitude for c in candidates], dtype=np.float64)
        cand_provinces = [c.province for c in candidates]
        chosen_sites = list(candidates)

        def candidate(j: int) -> Candidate:
            return chosen_sites[j]

        n_candidates = len(candidates)
    # One candidate × place matrix for every category: a category's covered places weigh nothing.
    reach = coverage_matrix(lats, lons, cand_lats, cand_lons, radius_km, place_provinces, cand_provinces)
    suggestions: dict[str, list[Suggestion]] = {}
    for c in cats:
        picks = greedy_picks(reach, np.where(covered[c], 0, weights), k_max)
        running = overall.categories[c].covered_positions
        out = []
        for k, (j, gain, count) in enumerate(picks, start=1):
            running += gain
            out.append(
                Suggestion(
                    category=c,
                    k=k,
                    candidate=candidate(j),
                    new_positions=gain,
                    new_places=count,
                    cumulative_positions=running - overall.categories[c].covered_positions,
                    coverage_after=running / overall.total_positions if overall.total_positions else None,
                )
            )
        suggestions[c] = out

    return Analysis(
        radius_km=radius_km,
        language=language,
        categories=cats,
        places=results,
        services=services,
        overall=overall,
        provinces=[area(code) for code in province_codes],
        gaps=gaps,
        suggestions=suggestions,
        candidates=n_candidates,
    )


def _finite(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None
