"""TFW positions map figures: GeoJSON response time for the whole of Canada for a year (the four seed-period
quarters, 2021Q3–2022Q2), the Maritime default view, the page and the CSV; payload and page-weight budgets.

Runs against a throw-away test database (created and migrated here, the four shared seed XLSX imported,
destroyed at the end).
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from bettertogether.core.shared_data import shared_data

SEED_FILES = (
    "tfwp_2021q3_positive_en.xlsx",
    "tfwp_2021q4_positive_en.xlsx",
    "tfwp_2022q1_positive_en.xlsx",
    "tfwp_2022q2_positive_en.xlsx",
)
CANADA_YEAR = "/api/map/positions.geojson?from=2021Q3&to=2022Q2&province=all"
MARITIMES = "/api/map/positions.geojson"
PAGE = "/en/positions/"
CSV_CANADA = "/en/positions/positions.csv?from=2021Q3&to=2022Q2&province=all"
STATIC = (
    "css/site.css",
    "css/positions.css",
    "js/positions-map.js",
    "vendor/leaflet-1.9.4/leaflet.css",
    "vendor/leaflet-1.9.4/leaflet.js",
)


def timings(times: int, call: Callable[[], object]) -> dict:
    call()  # warm-up (first query plans, template loading)
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    samples.sort()
    return {
        "runs": times,
        "median_ms": round(statistics.median(samples) * 1000, 1),
        "p95_ms": round(samples[max(0, int(0.95 * len(samples)) - 1)] * 1000, 1),
        "min_ms": round(samples[0] * 1000, 1),
    }


def run() -> Iterable[dict]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bettertogether.settings.test")
    django.setup()
    from django.contrib.staticfiles import finders
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment

    from bettertogether.positions.aggregate import PositionFilters, summarize
    from bettertogether.positions.lmia_import import import_lmia_files

    folder = shared_data("lmia")
    paths = [folder / name for name in SEED_FILES]
    if not all(p.exists() for p in paths):
        yield {"skipped": f"seed files not found in {folder}"}
        return

    old_name = connection.settings_dict["NAME"]
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        started = time.perf_counter()
        reports = import_lmia_files(paths)
        yield {
            "case": "import the four seed files",
            "s": round(time.perf_counter() - started, 2),
            "rows": sum(r.rows for r in reports),
            "positions": sum(r.positions for r in reports),
            "statuses": sorted({r.status for r in reports}),
        }
        client = Client()

        def uncached(url: str) -> object:
            cache.clear()
            return client.get(url)

        for case, url in (("geojson Canada, 2021Q3-2022Q2", CANADA_YEAR), ("geojson Maritimes (default)", MARITIMES)):
            body = client.get(url).content
            data = json.loads(body)
            yield {
                "case": case,
                **timings(10, lambda url=url: uncached(url)),
                "features": len(data["features"]),
                "positions": data["totals"]["positions"],
                "unplaced_positions": data["totals"]["unplaced_positions"],
                "bytes": len(body),
                "gzip_bytes": len(gzip.compress(body)),
            }
            yield {"case": case + ", cached", **timings(20, lambda url=url: client.get(url))}
        yield {
            "case": "summarize() Canada, 2021Q3-2022Q2 (no HTTP)",
            **timings(20, lambda: summarize(PositionFilters(provinces=()))),
        }
        page = client.get(PAGE).content
        static = sum(len(gzip.compress(Path(finders.find(name)).read_bytes())) for name in STATIC)
        yield {
            "case": "map page (Maritimes default)",
            **timings(20, lambda: client.get(PAGE)),
            "html_gzip_bytes": len(gzip.compress(page)),
            "budget_first_html_gzip": 14 * 1024,
            "page_total_gzip_bytes_excluding_tiles": len(gzip.compress(page)) + static,
            "budget_page_gzip": 100 * 1024,
        }
        yield {
            "case": "map page, Canada",
            **timings(10, lambda: client.get(PAGE + "?from=2021Q3&to=2022Q2&province=all")),
            "html_gzip_bytes": len(gzip.compress(client.get(PAGE + "?from=2021Q3&to=2022Q2&province=all").content)),
        }

        def csv_all() -> int:
            return sum(len(chunk) for chunk in client.get(CSV_CANADA).streaming_content)

        yield {"case": "CSV Canada, 2021Q3-2022Q2", **timings(3, csv_all), "bytes": csv_all()}
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
