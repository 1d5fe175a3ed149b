import math
import random

import numpy as np
import pytest

from bettertogether.core.geo import PointIndex, haversine_km, haversine_km_many, nearest


def random_points(rng: random.Random, n: int, box=(41.0, 84.0, -142.0, -52.0)) -> list[tuple[float, float]]:
    lat0, lat1, lon0, lon1 = box
    return [(rng.uniform(lat0, lat1), rng.uniform(lon0, lon1)) for _ in range(n)]


def test_haversine_known_distances():
    assert haversine_km(45.0, -64.0, 45.0, -64.0) == 0.0
    # One degree of latitude is 111.195 km on the 6371.0088 km sphere.
    assert haversine_km(45.0, -64.0, 46.0, -64.0) == pytest.approx(111.195, abs=0.001)
    # Halifax → Moncton, about 186 km as the crow flies.
    assert haversine_km(44.6488, -63.5752, 46.0878, -64.7782) == pytest.approx(185.6, abs=1.0)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088)


def test_haversine_many_matches_scalar():
    rng = random.Random(1)
    pts = random_points(rng, 50)
    lats, lons = zip(*pts, strict=True)
    many = haversine_km_many(45.0, -64.0, lats, lons)
    assert many.shape == (50,)
    for (lat, lon), km in zip(pts, many, strict=True):
        assert km == pytest.approx(haversine_km(45.0, -64.0, lat, lon), rel=1e-9)


def test_empty_index():
    index = PointIndex([])
    assert len(index) == 0
    assert index.nearest(45, -64) == []
    assert index.within(45, -64, 100) == []
    idx, km = index.nearest_many([45.0, 46.0], [-64.0, -63.0])
    assert idx.tolist() == [-1, -1]
    assert np.isinf(km).all()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_index_matches_brute_force(seed):
    rng = random.Random(seed)
    points = random_points(rng, 400)
    # Maritime-sized queries plus a few anywhere in Canada.
    queries = random_points(rng, 25, (43.0, 48.0, -68.0, -60.0)) + random_points(rng, 10)
    index = PointIndex(points)
    lats = np.array([p[0] for p in points])
    lons = np.array([p[1] for p in points])
    for qlat, qlon in queries:
        brute = haversine_km_many(qlat, qlon, lats, lons)
        order = np.argsort(brute, kind="stable")

        got = index.nearest(qlat, qlon, k=5)
        assert [i for i, _ in got] == order[:5].tolist()
        assert [km for _, km in got] == pytest.approx(brute[order[:5]].tolist(), rel=1e-9, abs=1e-6)

        radius = rng.uniform(50, 800)
        inside = index.within(qlat, qlon, radius)
        expected = sorted((float(brute[i]), int(i)) for i in np.flatnonzero(brute <= radius))
        assert [i for i, _ in inside] == [i for _, i in expected]
        assert [km for _, km in inside] == pytest.approx([km for km, _ in expected], rel=1e-9, abs=1e-6)
        assert all(a[1] <= b[1] for a, b in zip(inside, inside[1:], strict=False))

    qlats = np.array([q[0] for q in queries])
    qlons = np.array([q[1] for q in queries])
    idx, km = index.nearest_many(qlats, qlons)
    for j, (qlat, qlon) in enumerate(queries):
        brute = haversine_km_many(qlat, qlon, lats, lons)
        assert idx[j] == int(np.argmin(brute))
        assert km[j] == pytest.approx(float(brute.min()), rel=1e-9, abs=1e-6)

    conv_idx, conv_km = nearest(points, queries)
    assert conv_idx.tolist() == idx.tolist()
    assert conv_km.tolist() == pytest.approx(km.tolist())


def test_k_larger_than_index_and_radius_zero():
    index = PointIndex([(45.0, -64.0), (46.0, -64.0)])
    assert [i for i, _ in index.nearest(45.1, -64.0, k=10)] == [0, 1]
    assert index.within(45.0, -64.0, 0) == [(0, 0.0)]
    assert index.within(45.5, -64.0, 1) == []
    assert index.nearest(45.1, -64.0, k=0) == []


@pytest.mark.parametrize("seed", [0, 1])
def test_pairs_within_matches_within(seed):
    """Every pair of two indexes within a radius: the same pairs and distances as one within() per point."""
    rng = random.Random(seed)
    here = PointIndex(random_points(rng, 150, (43.0, 48.0, -68.0, -60.0)))
    there_points = random_points(rng, 120, (43.0, 48.0, -68.0, -60.0)) + [(45.0, -64.0), (45.0, -64.0)]
    there = PointIndex(there_points)
    radius = 60.0
    i, j, km = here.pairs_within(there, radius)
    got = sorted(zip(i.tolist(), j.tolist(), km.tolist(), strict=True))
    expected = sorted((a, b, d) for b, (lat, lon) in enumerate(there_points) for a, d in here.within(lat, lon, radius))
    assert [(a, b) for a, b, _ in got] == [(a, b) for a, b, _ in expected]
    assert [d for *_, d in got] == pytest.approx([d for *_, d in expected], rel=1e-12, abs=1e-9)
    assert all(d <= radius for d in km)
    empty = PointIndex([])
    assert [len(a) for a in here.pairs_within(empty, radius)] == [0, 0, 0]
    assert [len(a) for a in empty.pairs_within(here, radius)] == [0, 0, 0]
