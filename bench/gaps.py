"""Gap analysis figures (printed, not asserted).

- Maritimes seed period (2021Q3–2022Q2, NS NB PE) against the demo directory: the whole analysis as the
  page runs it (database reads + computation), the computation alone, the JSON and the PDF. Target ≤ 200 ms
  for the analysis, so the page can update live.
- National scale: every position of the four shared quarters across Canada × 20,000 service points
  (the shared directory-20k benchmark's locations when present, otherwise random points near the places),
  each with 1–3 random top-level categories and languages. Target ≤ 2 s.

Builds its own SQLite database in a temporary folder (migrate, load_demo, import the four XLSX files).
"""

from __future__ import annotations

import csv
import io
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from typing import Any

from bettertogether.core.shared_data import shared_data

SEED_FILES = (
    "tfwp_2021q3_positive_en.xlsx",
    "tfwp_2021q4_positive_en.xlsx",
    "tfwp_2022q1_positive_en.xlsx",
    "tfwp_2022q2_positive_en.xlsx",
)
NATIONAL_SERVICES = 20_000
REPEATS = 5


def _timed(fn: Callable[[], Any], repeats: int = REPEATS) -> tuple[Any, dict[str, float]]:
    """Median wall and CPU seconds over `repeats` runs (after one warm-up run)."""
    result = fn()
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return result, {"wall_s": round(statistics.median(walls), 4), "cpu_s": round(statistics.median(cpus), 4)}


def _setup(folder: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bettertogether.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())  # stdout is for the JSON lines only


def _bench_points(n: int, places: list[Any], rng: random.Random) -> tuple[list[tuple[float, float]], str]:
    path = shared_data() / "bench" / "directory-20k" / "locations.csv"
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as f:
            points = [
                (float(r["latitude"]), float(r["longitude"]))
                for r in csv.DictReader(f)
                if r.get("latitude") and r.get("longitude")
            ]
        if points:
            return [points[i % len(points)] for i in range(n)], "directory-20k locations"
    placed = [p for p in places if p.placed]
    return [
        (p.latitude + rng.gauss(0, 0.3), p.longitude + rng.gauss(0, 0.4))
        for p in (placed[rng.randrange(len(placed))] for _ in range(n))
    ], "random points near places"


def run() -> Iterable[dict]:
    with tempfile.TemporaryDirectory(prefix="bt-bench-gaps-") as folder:
        yield from _run(folder)


def _run(folder: str) -> Iterable[dict]:
    wall = time.perf_counter()
    _setup(folder)
    from bettertogether.positions.lmia_import import import_lmia_files

    reports = import_lmia_files([shared_data() / "lmia" / name for name in SEED_FILES])
    yield {
        "metric": "setup_s",
        "value": round(time.perf_counter() - wall, 1),
        "files": [r.status for r in reports],
    }

    from bettertogether.gaps import coverage, report
    from bettertogether.gaps.inputs import CATEGORIES, GapFilters, analyse, places_for, services_for

    filters = GapFilters()
    result, timing = _timed(lambda: analyse(filters))
    a = result.analysis
    yield {
        "metric": "maritimes_seed_full_analysis",
        "target_s": 0.2,
        **timing,
        "positions": a.total_positions,
        "places": sum(1 for r in a.places if r.place.placed),
        "service_points": len(a.services),
    }
    places = places_for(filters.positions)
    points, _ = services_for()
    _, timing = _timed(lambda: places_for(filters.positions))
    yield {"metric": "maritimes_seed_read_places", **timing}
    _, timing = _timed(services_for)
    yield {"metric": "maritimes_seed_read_services", **timing}
    _, timing = _timed(lambda: coverage.analyse(places, points, categories=CATEGORIES, language="es"))
    yield {"metric": "maritimes_seed_computation_with_language", **timing}
    _, timing = _timed(lambda: report.as_json(result))
    yield {"metric": "maritimes_seed_json", **timing}
    yield {
        "metric": "maritimes_seed_coverage_30km",
        **{c: round((a.overall.categories[c].coverage or 0) * 100, 1) for c in a.categories},
        "unit": "% of positions",
    }
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bettertogether.core.tests.factories import sign_in

    client = Client(HTTP_HOST="localhost")
    # Signed in with the second factor, as every coordinator must be (else the page is a redirect).
    sign_in(client, get_user_model().objects.filter(role="coordinator").first())
    for name, url in (("page", "/en/gaps/"), ("data_json", "/en/gaps/data.json")):
        response, timing = _timed(lambda url=url: client.get(url))
        yield {
            "metric": f"maritimes_seed_http_{name}",
            "status": response.status_code,
            "bytes": len(response.content),
            **timing,
        }
    ok, reason = report.pdf_available()
    if ok:
        _, timing = _timed(lambda: report.pdf_bytes(result), repeats=2)
        yield {"metric": "maritimes_seed_pdf", **timing}
    else:
        yield {"metric": "maritimes_seed_pdf", "skipped": reason}

    national = GapFilters.from_query({"from": "2021Q3", "to": "2022Q2", "province": "all"})
    national_places, timing = _timed(lambda: places_for(national.positions), repeats=3)
    yield {"metric": "national_read_places", **timing}
    rng = random.Random(20211)
    locations, source = _bench_points(NATIONAL_SERVICES, national_places, rng)
    languages = ("en", "fr", "es", "tl", "pa", "hi", "mul")
    services = [
        coverage.ServicePoint(
            id=str(i),
            name=f"Service {i}",
            organization="Bench",
            latitude=lat,
            longitude=lon,
            categories=frozenset(rng.sample(CATEGORIES, rng.randint(1, 3))),
            languages=frozenset(rng.sample(languages, rng.randint(1, 2))),
        )
        for i, (lat, lon) in enumerate(locations)
    ]
    national_result, timing = _timed(
        lambda: coverage.analyse(national_places, services, categories=CATEGORIES, language="es"), repeats=3
    )
    yield {
        "metric": "national_computation",
        "target_s": 2.0,
        **timing,
        "positions": national_result.total_positions,
        "places": sum(1 for r in national_result.places if r.place.placed),
        "unplaced_positions": national_result.overall.unplaced_positions,
        "service_points": len(services),
        "services_from": source,
    }
