"""An LMIA file's records as rows of approved positions: placed by the geocoder, then inserted fast.

Used by the LMIA import (lmia_import.py) inside its transaction; no transaction of its own.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from typing import Any

from django.db import connection
from django.db.models import DateField, JSONField

from bettertogether.core.geocode import AddressGeocode, geocode_address, prefetch_postal_codes

from .lmia import OUTSIDE_CANADA, LmiaRecord
from .models import ApprovedPosition

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int, int], None]  # (file name, rows done, rows in file)
GeocodeCache = dict[tuple[str, str], "_Placement"]  # (address, province) → placement, across a batch of files

INSERT_BATCH = 5000


def insert_positions(run_id: int, rows: list[dict[str, Any]]) -> None:
    """Insert rows with executemany (COPY on PostgreSQL). bulk_create compiles one statement per ~40 rows
    on SQLite (its 999-parameter limit) and costs more than parsing and geocoding together; this stays
    within the caller's transaction and adapts values the way the ORM does."""
    fields = [f for f in ApprovedPosition._meta.concrete_fields if not f.primary_key]
    converters: list[tuple[int, Callable[[Any], Any]]] = []
    for index, f in enumerate(fields):
        if isinstance(f, DateField):
            converters.append((index, _once_per_value(connection.ops.adapt_datefield_value)))
        elif isinstance(f, JSONField):
            converters.append((index, _once_per_value(partial(f.get_db_prep_save, connection=connection))))
    cells = itemgetter(*(f.attname for f in fields))
    table = connection.ops.quote_name(ApprovedPosition._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
    values = []
    for row in rows:
        row["run_id"] = run_id
        value = list(cells(row))
        for index, convert in converters:
            value[index] = convert(value[index])
        values.append(value)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY, not a statement per row: a quarter's rows go in about ten times faster. The raw cursor's
            # errors are psycopg's own: wrapped as Django's, so the caller records a failed run as for an INSERT.
            with connection.wrap_database_errors, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
        else:
            for start in range(0, len(values), INSERT_BATCH):
                cursor.executemany(sql, values[start : start + INSERT_BATCH])


def _once_per_value(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`convert`, computed once per distinct value: a file's rows share one period and a handful of
    warning lists, and the ORM's adaptation of a JSON value costs more than inserting the row."""
    done: dict[Any, Any] = {}

    def once(value: Any) -> Any:
        if type(value) is list and all(type(item) is str for item in value):
            key: Any = tuple(value)
        elif type(value) is dt.date:
            key = value
        else:  # anything else is converted every time rather than risk two values sharing a key
            return convert(value)
        converted = done.get(key)
        if converted is None:
            converted = done[key] = convert(value)
        return converted

    return once


@dataclass
class _Unplaced:
    point: None = None
    postal_code: str = ""
    fsa: str = ""
    place: str = ""
    warnings: list[str] = field(default_factory=list)


def _safe_geocode(address: str, province: str) -> AddressGeocode | _Unplaced:
    """One odd address must not stop an import: a geocoder failure leaves the row unplaced, for review."""
    try:
        return geocode_address(address, province)
    except Exception:
        logger.exception("geocoding failed for %r (%s)", address, province)
        return _Unplaced(warnings=["the geocoder failed on this address"])


def _prefetch_postal_codes(addresses: Iterable[str]) -> None:
    """Let the geocoder read the file's postal codes in batches. Only a speed-up: on failure the geocoder
    reads them one by one, and reports its own failures per address."""
    try:
        prefetch_postal_codes(addresses)
    except Exception:
        logger.exception("prefetching postal codes failed")


def _format_postal(code: str) -> str:
    code = code.replace(" ", "").upper()
    return f"{code[:3]} {code[3:]}" if len(code) == 6 else code


@dataclass(frozen=True, slots=True)
class _Placement:
    """A geocoder result as row values: the same for every row with that address, so derived once."""

    postal_code: str
    fsa: str
    place: str
    latitude: float | None
    longitude: float | None
    precision: str
    warnings: tuple[str, ...]


def _placement(result: AddressGeocode | _Unplaced) -> _Placement:
    point = result.point
    return _Placement(
        postal_code=_format_postal(result.postal_code) if result.postal_code else "",
        fsa=result.fsa or "",
        place=result.place,
        latitude=point.latitude if point is not None else None,
        longitude=point.longitude if point is not None else None,
        precision=point.precision if point is not None else "",
        warnings=tuple(result.warnings),
    )


def place_rows(
    records: list[LmiaRecord],
    warnings: list[str],
    file_name: str,
    progress: ProgressCallback | None,
    geocode_cache: GeocodeCache | None = None,
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Records → row values (ApprovedPosition field names), each address placed once per distinct
        (address, province) by core.geocode.geocode_address. Rows of employers whose head office is outside
        Canada are counted, never placed. Appends each row's warnings to `warnings`; returns the rows and how
    many were placed at each precision ('' = unplaced)."""
    cache = geocode_cache if geocode_cache is not None else {}
    _prefetch_postal_codes(
        {r.address for r in records if r.province != OUTSIDE_CANADA and (r.address, r.province) not in cache}
    )
    precisions: Counter[str] = Counter()
    rows: list[dict[str, Any]] = []
    total = len(records)
    step = max(1, total // 100)
    for done, record in enumerate(records, start=1):
        placed = None
        if record.province != OUTSIDE_CANADA:
            key = (record.address, record.province)
            placed = cache.get(key)
            if placed is None:
                placed = cache[key] = _placement(_safe_geocode(record.address, record.province))
        if placed is None:  # outside Canada: the parser's reading of the address
            latitude = longitude = None
            precision = ""
            postal_code, fsa, place = record.postal_code, record.fsa, record.place
            geo_warnings = [w for w in record.warnings if w.startswith(("postal code", "address says"))]
        else:
            latitude, longitude, precision = placed.latitude, placed.longitude, placed.precision
            postal_code, fsa, place = placed.postal_code, placed.fsa, placed.place or record.place
            geo_warnings = list(placed.warnings)
        if record.province != OUTSIDE_CANADA:
            precisions[precision] += 1
        if record.warnings or geo_warnings:
            for message in (*[w for w in record.warnings if w not in geo_warnings], *geo_warnings):
                warnings.append(f"row {record.row}: {message}")
        rows.append(
            {
                "row_number": record.row,
                "period": record.period,
                "period_start": record.period_start,
                "period_end": record.period_end,
                "quarter": record.period if "Q" in record.period and "-" not in record.period else "",
                "province": record.province,
                "stream": record.stream[:40],
                "stream_original": record.stream_original,
                "employer": record.employer[:300],
                "address": record.address[:400],
                "postal_code": postal_code,
                "fsa": fsa,
                "place": place[:200],
                "noc_code": record.noc_code,
                "noc_version": record.noc_version,
                "noc_title": record.noc_title[:300],
                "noc_broad": record.noc_code[:1],
                "lmias": record.lmias,
                "positions": record.positions,
                "latitude": latitude,
                "longitude": longitude,
                "geo_precision": precision,
                "geo_warnings": geo_warnings,
            }
        )
        if progress is not None and (done % step == 0 or done == total):
            progress(file_name, done, total)
    return rows, dict(sorted(precisions.items()))
