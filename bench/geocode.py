"""Geocoder figures: table build time, address throughput, precision of the seed-period Maritime rows."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

SEED_FILES = (
    "tfwp_2021q3_positive_en.xlsx",
    "tfwp_2021q4_positive_en.xlsx",
    "tfwp_2022q1_positive_en.xlsx",
    "tfwp_2022q2_positive_en.xlsx",
)
MARITIME_NAMES = {"Nova Scotia": "NS", "New Brunswick": "NB", "Prince Edward Island": "PE"}


def shared_data() -> Path:
    root = Path(os.environ.get("BT_SHARED_DIR", Path(__file__).resolve().parent.parent.parent / "shared"))
    return root / "data"


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


def _setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bettertogether.settings.test")
    django.setup()


def run() -> Iterable[dict]:
    _setup()
    from bettertogether.core import geocode
    from bettertogether.core.geodata import tables as tables_module

    started = time.perf_counter()
    tables_module.tables()
    yield {"metric": "table_build_s", "value": round(time.perf_counter() - started, 3)}

    lmia = shared_data() / "lmia"
    rows = seed_rows(lmia)
    maritime = [(MARITIME_NAMES[p], a) for p, a in rows if p in MARITIME_NAMES]
    everywhere = [(p, a) for p, a in rows]

    counts = Counter()
    for prov, address in maritime:
        result = geocode.geocode_address(address, prov, use_fixes=False)
        counts[result.point.precision if result.point else "none"] += 1
    yield {"metric": "seed_maritime_precision", "rows": len(maritime), **dict(counts)}

    for label, sample in (("maritime", maritime), ("canada", everywhere)):
        addresses = (sample * (100_000 // max(1, len(sample)) + 1))[:100_000]
        # Warm-up pass: non-Maritime codes are read once from SQLite, then cached.
        for prov, address in addresses[:20_000]:
            geocode.geocode_address(address, prov, use_fixes=False)
        started = time.perf_counter()
        for prov, address in addresses:
            geocode.geocode_address(address, prov, use_fixes=False)
        elapsed = time.perf_counter() - started
        yield {
            "metric": f"geocode_address_per_s_{label}",
            "addresses": len(addresses),
            "distinct": len(set(sample)),
            "value": round(len(addresses) / elapsed),
        }

    queries = ["B4N 1A1", "B4N", "Kentville", "kentville ns", "Cap-Pelé", "Sackville NB", "St. Stephen", "zzzz"]
    started = time.perf_counter()
    n = 0
    for _ in range(5_000):
        for query in queries:
            geocode.geocode(query)
            n += 1
    yield {"metric": "geocode_search_per_s", "value": round(n / (time.perf_counter() - started))}
