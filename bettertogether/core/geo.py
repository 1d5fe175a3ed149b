"""Great-circle distances and nearest-neighbour search on the sphere.

Points are (latitude, longitude) in degrees; distances are kilometres on a sphere of the mean
Earth radius. The index is a cKDTree on unit-sphere xyz: the chord between two unit vectors is
a monotonic function of the arc, so chord-space neighbours are arc-space neighbours, and the
chord is converted back to the exact great-circle distance before it is returned.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy.spatial import cKDTree

EARTH_RADIUS_KM = 6371.0088

ArrayLike = Sequence[float] | np.ndarray


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    p1 = math.radians(lat1)
    p2 = math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def haversine_km_many(lat: float, lon: float, lats: ArrayLike, lons: ArrayLike) -> np.ndarray:
    """Great-circle distances in km from one point to many (vectorised)."""
    p1 = np.radians(lat)
    p2 = np.radians(np.asarray(lats, dtype=np.float64))
    dl = np.radians(np.asarray(lons, dtype=np.float64) - lon)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    distances: np.ndarray = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    return distances


def _xyz(lats: ArrayLike, lons: ArrayLike) -> np.ndarray:
    phi = np.radians(np.asarray(lats, dtype=np.float64))
    lam = np.radians(np.asarray(lons, dtype=np.float64))
    cos_phi = np.cos(phi)
    return np.column_stack((cos_phi * np.cos(lam), cos_phi * np.sin(lam), np.sin(phi)))


def _chord_to_km(chord: np.ndarray | float) -> np.ndarray:
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.asarray(chord, dtype=np.float64) / 2))


def _km_to_chord(km: float) -> float:
    # Radii beyond half the circumference cover the whole sphere (chord 2).
    return 2 * math.sin(min(km / EARTH_RADIUS_KM, math.pi) / 2)


class PointIndex:
    """Nearest-neighbour and radius queries over a fixed set of points; build once, query often."""

    def __init__(self, points: Sequence[tuple[float, float]] | np.ndarray) -> None:
        array = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        self.size = len(array)
        self._tree = cKDTree(_xyz(array[:, 0], array[:, 1])) if self.size else None

    def __len__(self) -> int:
        return self.size

    def nearest(self, lat: float, lon: float, k: int = 1) -> list[tuple[int, float]]:
        """Up to k (index, km) pairs, nearest first."""
        if self._tree is None or k < 1:
            return []
        k = min(k, self.size)
        chords, indices = self._tree.query(_xyz([lat], [lon])[0], k=k)
        chords = np.atleast_1d(chords)
        indices = np.atleast_1d(indices)
        return [(int(i), float(km)) for i, km in zip(indices, _chord_to_km(chords), strict=True)]

    def within(self, lat: float, lon: float, radius_km: float) -> list[tuple[int, float]]:
        """Every (index, km) pair within radius_km, nearest first."""
        if self._tree is None or radius_km < 0:
            return []
        query = _xyz([lat], [lon])[0]
        # A hair of slack so points exactly on the radius survive float rounding of the chord.
        indices = self._tree.query_ball_point(query, _km_to_chord(radius_km) * (1 + 1e-12) + 1e-15)
        if not indices:
            return []
        indices = np.asarray(indices, dtype=np.int64)
        chords = np.linalg.norm(self._tree.data[indices] - query, axis=1)
        km = _chord_to_km(chords)
        keep = km <= radius_km
        indices, km = indices[keep], km[keep]
        order = np.lexsort((indices, km))
        return [(int(indices[i]), float(km[i])) for i in order]

    def pairs_within(self, other: PointIndex, radius_km: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every pair of a point of this index and a point of `other` within radius_km, in no set order:
        three arrays (index here, index in `other`, km)."""
        if self._tree is None or other._tree is None or radius_km < 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        # The same hair of slack as within(), trimmed back to the exact radius below.
        pairs = self._tree.sparse_distance_matrix(
            other._tree, _km_to_chord(radius_km) * (1 + 1e-12) + 1e-15, output_type="ndarray"
        )
        km = _chord_to_km(pairs["v"])
        keep = km <= radius_km
        return pairs["i"][keep].astype(np.int64), pairs["j"][keep].astype(np.int64), km[keep]

    def nearest_many(self, lats: ArrayLike, lons: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """For each query point, the index of the nearest point and its distance in km.

        With an empty index every index is -1 and every distance is +inf.
        """
        lats = np.asarray(lats, dtype=np.float64).ravel()
        lons = np.asarray(lons, dtype=np.float64).ravel()
        if self._tree is None:
            return np.full(len(lats), -1, dtype=np.int64), np.full(len(lats), np.inf)
        if not len(lats):
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        chords, indices = self._tree.query(_xyz(lats, lons), k=1)
        return np.asarray(indices, dtype=np.int64), _chord_to_km(chords)


def nearest(
    points: Sequence[tuple[float, float]] | np.ndarray,
    query_points: Sequence[tuple[float, float]] | np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """For each query point, (index into points, km) of the nearest of `points`.

    One-shot convenience for batch work such as the gap analysis; build a PointIndex yourself
    to query the same points repeatedly.
    """
    queries = np.asarray(query_points, dtype=np.float64).reshape(-1, 2)
    return PointIndex(points).nearest_many(queries[:, 0], queries[:, 1])
