"""The positions app's doors: the LMIA import (one transaction per file), the filtered query the map uses,
and the review queue's placement of unplaced addresses.

Rules of the import (docs: positions):
- Each file is parsed and geocoded completely before anything is written; then its rows and its run
  record are written in one transaction. A file that fails writes no row; its failure is recorded as a
  failed ImportRun (dry runs record nothing).
- A file whose SHA-256 was already imported successfully is skipped ("already imported"): nothing changes.
- A period is loaded once. A different file covering a quarter already loaded (the converted CSV of a
  quarter loaded from the XLSX, a French list of an English one, a corrected re-publication) is refused,
  so nothing is double-counted. With `replace=True` it replaces the rows of every run it overlaps, in the
  same transaction; those runs are marked "replaced".
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import DateField, JSONField, Q, QuerySet
from django.utils import timezone

from bettertogether.core.geocode import geocode_address, prefetch_postal_codes, remember_fix

from .lmia import (
    OUTSIDE_CANADA,
    LmiaFormatError,
    LmiaRecord,
    ParsedFile,
    RowError,
    iter_files,
    parse_lmia,
    size_message,
)
from .models import ApprovedPosition, ImportRun
from .periods import parse_period

logger = logging.getLogger(__name__)

MAX_STORED_MESSAGES = 500
ProgressCallback = Callable[[str, int, int], None]  # (file name, rows done, rows in file)


# ---------------------------------------------------------------------------------------------------------------
# Query door


def positions_in(
    period_from: str,
    period_to: str,
    *,
    provinces: Iterable[str] | None = None,
    streams: Iterable[str] | None = None,
    noc: Iterable[str] | str | None = None,
    employer: str | None = None,
) -> QuerySet[ApprovedPosition]:
    """Approved positions whose whole reporting period lies within [period_from, period_to].

    Periods are quarter labels ('2021Q3'); a year ('2016') means its four quarters. A row counts only when
    its file's period is covered entirely: an annual file (2016) counts for a range covering that whole year,
    the half-year file 2017Q1-Q2 for a range covering both quarters. Annual figures cannot be split into
    quarters without inventing numbers, so a partial range leaves them out rather than guessing.

    `noc` takes NOC codes ('7611', '21231') and/or broad categories (one digit, '7'); `streams` canonical
    stream names; `employer` a case-insensitive substring. Raises ValueError for a malformed period.
    """
    start = parse_period(period_from).start
    end = parse_period(period_to).end
    qs = ApprovedPosition.objects.filter(period_start__gte=start, period_end__lte=end)
    if provinces is not None:
        qs = qs.filter(province__in=list(provinces))
    if streams is not None:
        qs = qs.filter(stream__in=list(streams))
    if noc is not None:
        codes = [noc] if isinstance(noc, str) else list(noc)
        broad = [c for c in codes if len(c) == 1]
        full = [c for c in codes if len(c) > 1]
        cond = Q()
        if broad:
            cond |= Q(noc_broad__in=broad)
        if full:
            cond |= Q(noc_code__in=full)
        qs = qs.filter(cond) if (broad or full) else qs.none()
    if employer:
        qs = qs.filter(employer__icontains=employer.strip())
    return qs


# ---------------------------------------------------------------------------------------------------------------
# Import door


@dataclass
class RunReport:
    """What happened to one file. `status`: ok, failed, skipped (already imported or period loaded at
    start-up) or dry-run."""

    file_name: str
    status: str
    message: str = ""
    path: str = ""
    sha256: str = ""
    size: int = 0
    variant: str = ""
    period: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    rows: int = 0
    positions: int = 0
    lmias: int | None = None
    per_province: dict[str, dict[str, int | None]] = field(default_factory=dict)
    geocoding: dict[str, int] = field(default_factory=dict)  # precision → rows ('' = unplaced)
    warnings: list[str] = field(default_factory=list)
    warning_count: int = 0
    errors: list[str] = field(default_factory=list)
    run_id: int | None = None
    replaced_runs: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("period_start", "period_end"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


class PeriodConflict(Exception):
    pass


def import_lmia_files(
    paths: Sequence[str | Path],
    *,
    dry_run: bool = False,
    period: str | None = None,
    user: Any = None,
    progress: ProgressCallback | None = None,
    replace: bool = False,
    skip_loaded_periods: bool = False,
) -> list[RunReport]:
    """Import LMIA files (see the module docstring for the rules). One report per file, in order.

    `period` overrides the period of every file. `skip_loaded_periods` (start-up import) turns a period
    conflict into a quiet skip instead of a failure.
    """
    reports = []
    geocode_cache: dict[tuple[str, str], Any] = {}  # employers recur from quarter to quarter
    for path in iter_files(paths):
        try:
            size = path.stat().st_size
            data = path.read_bytes() if size <= max_upload_bytes() else None
        except OSError as exc:
            reports.append(_fail(path.name, str(path), b"", f"cannot read the file: {exc.strerror}", dry_run, user))
            continue
        reports.append(
            import_lmia_bytes(
                data,
                file_name=path.name,
                path=str(path),
                size=size,
                dry_run=dry_run,
                period=period,
                user=user,
                progress=progress,
                replace=replace,
                skip_loaded_periods=skip_loaded_periods,
                geocode_cache=geocode_cache,
            )
        )
    return reports


def max_upload_bytes() -> int:
    return int(getattr(settings, "BT_MAX_UPLOAD_BYTES", 25 * 1024 * 1024))


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector off while a file is imported. An import allocates a few hundred
    thousand objects that live until it ends and form no cycles, yet they trigger full collections that
    walk the whole heap (geocoder tables included): a sixth of the import's time. Reference counting
    still frees everything meanwhile; collections resume afterwards."""
    if not gc.isenabled():  # already paused by the caller (or another import in this process)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _already_imported(sha256: str, file_name: str, path: str, size: int) -> RunReport | None:
    """A skip report when a file with these bytes was imported before."""
    previous = ImportRun.objects.filter(sha256=sha256, status=ImportRun.Status.OK).first()
    if previous is None:
        return None
    return RunReport(
        file_name=file_name,
        path=path,
        status="skipped",
        message=f"already imported (run #{previous.pk}, {previous.file_name})",
        sha256=sha256,
        size=size,
        period=previous.period,
        run_id=previous.pk,
    )


@_cyclic_gc_paused()
def import_lmia_bytes(
    data: bytes | None,
    *,
    file_name: str,
    path: str = "",
    size: int | None = None,
    dry_run: bool = False,
    period: str | None = None,
    user: Any = None,
    progress: ProgressCallback | None = None,
    replace: bool = False,
    skip_loaded_periods: bool = False,
    geocode_cache: dict[tuple[str, str], Any] | None = None,
) -> RunReport:
    """Import one file given as bytes (`None` when it was refused for its size before being read)."""
    limit = max_upload_bytes()
    size = len(data) if data is not None else (size or 0)
    if data is None or size > limit:
        error = LmiaFormatError(file_name, [RowError(None, None, size_message(size, limit))])
        return _fail(file_name, path, b"", str(error), dry_run, user, size=size, errors=error.messages)

    sha256 = hashlib.sha256(data).hexdigest()
    already = _already_imported(sha256, file_name, path, size)
    if already is not None:
        return already

    try:
        parsed = parse_lmia(data, file_name=file_name, period=period, max_bytes=limit)
    except LmiaFormatError as exc:
        return _fail(file_name, path, data, str(exc), dry_run, user, sha256=sha256, errors=exc.messages)

    report = _summarize(parsed, file_name, path, sha256, size)
    report.warnings = list(parsed.warnings)
    conflicts = _overlapping_runs(parsed)
    if conflicts and not replace:
        conflict = (
            f"{file_name}: period {parsed.period.label} is already loaded from "
            + ", ".join(f"{r.file_name} (run #{r.pk}, {r.period})" for r in conflicts)
            + "; a period is loaded once. Use --replace to replace it with this file."
        )
        if skip_loaded_periods:
            report.status, report.message = "skipped", conflict.split("; ")[0]
            return report
        return _fail(file_name, path, data, conflict, dry_run, user, sha256=sha256, errors=[conflict], report=report)

    # Geocode only what will be written (or checked): a refused period costs no geocoding.
    rows = _geocode(parsed.records, report, file_name, progress, geocode_cache)
    report.warning_count = len(report.warnings)
    report.warnings = _cap(report.warnings)

    if dry_run:
        report.status = "dry-run"
        report.message = "dry run: nothing written"
        report.replaced_runs = [r.pk for r in conflicts]
        return report

    try:
        with transaction.atomic():
            # Re-read under the transaction: another process may have loaded the period meanwhile.
            conflicts = _overlapping_runs(parsed, lock=True)
            if conflicts and not replace:
                raise PeriodConflict(f"{file_name}: period {parsed.period.label} was loaded meanwhile")
            replaced = [r.pk for r in conflicts]
            if replaced:
                ApprovedPosition.objects.filter(run_id__in=replaced).delete()
                ImportRun.objects.filter(pk__in=replaced).update(status=ImportRun.Status.REPLACED)
            run = ImportRun.objects.create(
                file_name=file_name[:255],
                sha256=sha256,
                size=size,
                period=parsed.period.label,
                period_start=parsed.period.start,
                period_end=parsed.period.end,
                variant=parsed.variant,
                status=ImportRun.Status.OK,
                rows=report.rows,
                positions=report.positions,
                lmias=report.lmias,
                per_province=report.per_province,
                warnings=report.warnings,
                replaced=replaced,
                created_by=_user(user),
            )
            _insert_positions(run.pk, rows)
            run.finished_at = timezone.now()
            run.save(update_fields=["finished_at"])
    except (DatabaseError, PeriodConflict) as exc:  # IntegrityError: a concurrent import of the same file
        again = ImportRun.objects.filter(sha256=sha256, status=ImportRun.Status.OK).first()
        if again is not None:
            report.status, report.message, report.run_id = "skipped", f"already imported (run #{again.pk})", again.pk
            return report
        message = (
            str(exc) if isinstance(exc, PeriodConflict) else f"{file_name}: nothing written, database error: {exc}"
        )
        return _fail(file_name, path, data, message, dry_run, user, sha256=sha256, errors=[message], report=report)

    report.status = "ok"
    report.run_id = run.pk
    report.replaced_runs = replaced
    report.message = f"imported {report.rows} rows, {report.positions} positions"
    if replaced:
        report.message += f"; replaced run(s) {', '.join(f'#{pk}' for pk in replaced)}"
    return report


def _user(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


def _cap(messages: list[str]) -> list[str]:
    if len(messages) <= MAX_STORED_MESSAGES:
        return messages
    return [*messages[:MAX_STORED_MESSAGES], f"… and {len(messages) - MAX_STORED_MESSAGES} more"]


def _fail(
    file_name: str,
    path: str,
    data: bytes,
    message: str,
    dry_run: bool,
    user: Any,
    *,
    sha256: str = "",
    size: int | None = None,
    errors: list[str] | None = None,
    report: RunReport | None = None,
) -> RunReport:
    """A failed file: nothing of it is written; the failure itself is recorded (except in a dry run)."""
    report = report or RunReport(file_name=file_name, path=path, status="failed")
    report.status = "failed"
    report.message = message
    report.errors = _cap(errors or [message])
    report.sha256 = sha256 or (hashlib.sha256(data).hexdigest() if data else "")
    report.size = size if size is not None else len(data)
    if not dry_run:
        run = ImportRun.objects.create(
            file_name=file_name[:255],
            sha256=report.sha256,
            size=report.size,
            period=report.period,
            period_start=report.period_start,
            period_end=report.period_end,
            variant=report.variant,
            status=ImportRun.Status.FAILED,
            errors=report.errors,
            warnings=report.warnings,
            created_by=_user(user),
            finished_at=timezone.now(),
        )
        report.run_id = run.pk
    return report


def _summarize(parsed: ParsedFile, file_name: str, path: str, sha256: str, size: int) -> RunReport:
    per: dict[str, dict[str, int | None]] = {}
    lmias_total = 0
    for record in parsed.records:
        entry = per.get(record.province)
        if entry is None:
            entry = per[record.province] = {"rows": 0, "positions": 0, "lmias": 0 if parsed.has_lmias else None}
        entry["rows"] = (entry["rows"] or 0) + 1
        entry["positions"] = (entry["positions"] or 0) + record.positions
        if parsed.has_lmias and record.lmias is not None:
            entry["lmias"] = (entry["lmias"] or 0) + record.lmias
            lmias_total += record.lmias
    return RunReport(
        file_name=file_name,
        path=path,
        status="ok",
        sha256=sha256,
        size=size,
        variant=parsed.variant,
        period=parsed.period.label,
        period_start=parsed.period.start,
        period_end=parsed.period.end,
        rows=len(parsed.records),
        positions=sum(r.positions for r in parsed.records),
        lmias=lmias_total if parsed.has_lmias else None,
        per_province=dict(sorted(per.items())),
    )


def _overlapping_runs(parsed: ParsedFile, *, lock: bool = False) -> list[ImportRun]:
    qs = ImportRun.objects.filter(
        status=ImportRun.Status.OK, period_start__lte=parsed.period.end, period_end__gte=parsed.period.start
    )
    if lock:
        qs = qs.select_for_update()
    return list(qs.order_by("pk"))


INSERT_BATCH = 5000


def _insert_positions(run_id: int, rows: list[dict[str, Any]]) -> None:
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


def _geocoder() -> Callable[[str, str], Any] | None:
    return geocode_address


@dataclass
class _Unplaced:
    point: None = None
    postal_code: str = ""
    fsa: str = ""
    place: str = ""
    warnings: list[str] = field(default_factory=list)


def _safe_geocode(geocode_address: Callable[[str, str], Any], address: str, province: str) -> Any:
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


def _placement(result: Any) -> _Placement:
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


def _geocode(
    records: list[LmiaRecord],
    report: RunReport,
    file_name: str,
    progress: ProgressCallback | None,
    geocode_cache: dict[tuple[str, str], Any] | None = None,
) -> list[dict[str, Any]]:
    """Records → row values (ApprovedPosition field names), each address placed once per distinct
    (address, province). Rows of employers whose head office is outside Canada are counted, never placed."""
    geocode_address = _geocoder()
    if geocode_address is None:
        report.warnings.append("the geocoder is not available: rows were not placed")
    cache = geocode_cache if geocode_cache is not None else {}
    if geocode_address is not None:
        _prefetch_postal_codes(
            {r.address for r in records if r.province != OUTSIDE_CANADA and (r.address, r.province) not in cache}
        )
    precisions: Counter[str] = Counter()
    rows: list[dict[str, Any]] = []
    warnings = report.warnings
    total = len(records)
    step = max(1, total // 100)
    for done, record in enumerate(records, start=1):
        placed = None
        if record.province != OUTSIDE_CANADA and geocode_address is not None:
            key = (record.address, record.province)
            placed = cache.get(key)
            if placed is None:
                placed = cache[key] = _placement(_safe_geocode(geocode_address, record.address, record.province))
        if placed is None:  # outside Canada, or no geocoder: the parser's reading of the address
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
    report.geocoding = dict(sorted(precisions.items()))
    return rows


# ---------------------------------------------------------------------------------------------------------------
# Review queue


def review_queue() -> QuerySet[ApprovedPosition]:
    """Rows in Canada that are unplaced, or placed with a warning, and not yet placed by a coordinator."""
    return (
        ApprovedPosition.objects.exclude(province=OUTSIDE_CANADA)
        .exclude(geo_precision=ApprovedPosition.GeoPrecision.FIX)
        .filter(Q(latitude__isnull=True) | ~Q(geo_warnings=[]))
    )


def place_address(address: str, province: str, latitude: float, longitude: float, user: Any = None) -> int:
    """A coordinator places an address: the fix is remembered for later imports and every row with that
    address and province is moved there. Returns the number of rows updated. Raises ValueError for a
    point outside Canada or an empty address."""
    with transaction.atomic():
        remember_fix(address, province, latitude, longitude, user)
        return ApprovedPosition.objects.filter(address=address, province=province).update(
            latitude=float(latitude), longitude=float(longitude), geo_precision=ApprovedPosition.GeoPrecision.FIX
        )
