"""The LMIA import: one transaction per file, reported in core's run record (core.imports).

Rules (docs: positions):
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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from bettertogether.core.imports import ImportFailed, ImportProblem, ImportReport, RunStatus, cap, sha256_of
from bettertogether.core.users import Account

from .lmia import ParsedFile, iter_files, parse_lmia, size_message
from .lmia_rows import GeocodeCache, ProgressCallback, insert_positions, place_rows
from .models import ApprovedPosition, ImportRun

POSITIONS = "approved position"  # the kind of record an LMIA import writes (ImportReport.counts)


@dataclass(frozen=True)
class ImportOptions:
    """How to import LMIA files.

    `period` overrides the period of every file; `replace` replaces the rows of the runs whose period a
    file overlaps; `skip_loaded_periods` (start-up and demo imports) turns a period conflict into a quiet
    skip instead of a failure; `user` is recorded as the run's author; `progress` hears of each file's rows.
    """

    dry_run: bool = False
    period: str | None = None
    replace: bool = False
    skip_loaded_periods: bool = False
    user: Account | None = None
    progress: ProgressCallback | None = None


DEFAULT_OPTIONS = ImportOptions()


@dataclass
class RunReport(ImportReport):
    """What happened to one LMIA file: core's run record, with the period and the figures of the file."""

    path: str = ""
    variant: str = ""
    period: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    rows: int = 0
    positions: int = 0
    lmias: int | None = None
    per_province: dict[str, dict[str, int | None]] = field(default_factory=dict)
    geocoding: dict[str, int] = field(default_factory=dict)  # precision → rows ('' = unplaced)
    warning_count: int = 0
    replaced_runs: list[int] = field(default_factory=list)


def import_lmia_files(paths: Sequence[str | Path], options: ImportOptions = DEFAULT_OPTIONS) -> list[RunReport]:
    """Import LMIA files (see the module docstring for the rules). One report per file, in order."""
    reports = []
    geocode_cache: GeocodeCache = {}  # employers recur from quarter to quarter
    for path in iter_files(paths):
        try:
            size = path.stat().st_size
            data = path.read_bytes() if size <= max_upload_bytes() else None
        except OSError as exc:
            report = RunReport(file_name=path.name, path=str(path))
            reports.append(_failed(report, f"cannot read the file: {exc.strerror}", options))
            continue
        reports.append(
            import_lmia_bytes(data, path.name, options, path=str(path), size=size, geocode_cache=geocode_cache)
        )
    return reports


def max_upload_bytes() -> int:
    return int(getattr(settings, "BT_MAX_UPLOAD_BYTES", 25 * 1024 * 1024))


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
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


@cyclic_gc_paused()
def import_lmia_bytes(
    data: bytes | None,
    file_name: str,
    options: ImportOptions = DEFAULT_OPTIONS,
    *,
    path: str = "",
    size: int | None = None,
    geocode_cache: GeocodeCache | None = None,
) -> RunReport:
    """Import one file given as bytes (`None` when it was refused for its size before being read)."""
    limit = max_upload_bytes()
    size = len(data) if data is not None else (size or 0)
    report = RunReport(file_name=file_name, path=path, size=size)
    if data is None or size > limit:
        return _failed(report, ImportFailed([ImportProblem(None, None, size_message(size, limit))], file_name), options)

    report.sha256 = sha256_of(data)
    previous = ImportRun.objects.filter(sha256=report.sha256, status=RunStatus.OK).first()
    if previous is not None:
        report.status = RunStatus.SKIPPED
        report.message = f"already imported (run #{previous.pk}, {previous.file_name})"
        report.period, report.run_id, report.unchanged = previous.period, previous.pk, previous.rows
        return report

    try:
        parsed = parse_lmia(data, file_name=file_name, period=options.period, max_bytes=limit)
    except ImportFailed as exc:
        return _failed(report, exc, options)

    _summarize(parsed, report)
    report.warnings = list(parsed.warnings)
    conflicts = _overlapping_runs(parsed)
    if conflicts and not options.replace:
        message = _conflict_message(parsed, file_name, conflicts)
        if options.skip_loaded_periods:
            report.status, report.message = RunStatus.SKIPPED, message.split("; ")[0]
            return report
        return _failed(report, message, options)

    # Geocode only what will be written (or checked): a refused period costs no geocoding.
    rows, report.geocoding = place_rows(parsed.records, report.warnings, file_name, options.progress, geocode_cache)
    report.warning_count = len(report.warnings)
    report.warnings = cap(report.warnings)
    report.replaced_runs = [r.pk for r in conflicts]

    if options.dry_run:
        report.status = RunStatus.DRY_RUN
        report.message = "dry run: nothing written"
        return report
    return _write(parsed, rows, report, options)


def _write(parsed: ParsedFile, rows: list[dict[str, Any]], report: RunReport, options: ImportOptions) -> RunReport:
    """Write the file's rows and its run in one transaction; on failure nothing of it is written."""
    run: ImportRun | None = None
    try:
        with transaction.atomic():
            # Re-read under the transaction: another process may have loaded the period meanwhile.
            conflicts = _overlapping_runs(parsed, lock=True)
            if not conflicts or options.replace:
                run = _create_run(parsed, rows, report, [r.pk for r in conflicts], options)
    except DatabaseError as exc:  # IntegrityError: a concurrent import of the same file
        failure = f"{report.file_name}: nothing written, database error: {exc}"
    else:
        failure = f"{report.file_name}: period {parsed.period.label} was loaded meanwhile"
    if run is None:
        again = ImportRun.objects.filter(sha256=report.sha256, status=RunStatus.OK).first()
        if again is not None:
            report.status, report.message, report.run_id = (
                RunStatus.SKIPPED,
                f"already imported (run #{again.pk})",
                again.pk,
            )
            report.unchanged = report.rows
            return report
        return _failed(report, failure, options)

    report.status, report.run_id, report.created = RunStatus.OK, run.pk, report.rows
    report.counts = {POSITIONS: report.rows}
    report.message = f"imported {report.rows} rows, {report.positions} positions"
    if report.replaced_runs:
        report.message += f"; replaced run(s) {', '.join(f'#{pk}' for pk in report.replaced_runs)}"
    return report


def _create_run(
    parsed: ParsedFile, rows: list[dict[str, Any]], report: RunReport, replaced: list[int], options: ImportOptions
) -> ImportRun:
    """Inside the caller's transaction: retire the replaced runs, store the run and insert its rows."""
    report.replaced_runs = replaced
    if replaced:
        ApprovedPosition.objects.filter(run_id__in=replaced).delete()
        ImportRun.objects.filter(pk__in=replaced).update(status=RunStatus.REPLACED)
    run = ImportRun.objects.create(
        file_name=report.file_name[:255],
        sha256=report.sha256,
        size=report.size,
        period=parsed.period.label,
        period_start=parsed.period.start,
        period_end=parsed.period.end,
        variant=parsed.variant,
        status=RunStatus.OK,
        rows=report.rows,
        positions=report.positions,
        lmias=report.lmias,
        per_province=report.per_province,
        warnings=report.warnings,
        replaced=replaced,
        created_by=_user(options.user),
    )
    insert_positions(run.pk, rows)
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return run


def _user(user: Account | None) -> Account | None:
    return user if user is not None and user.pk else None


def _conflict_message(parsed: ParsedFile, file_name: str, conflicts: list[ImportRun]) -> str:
    return (
        f"{file_name}: period {parsed.period.label} is already loaded from "
        + ", ".join(f"{r.file_name} (run #{r.pk}, {r.period})" for r in conflicts)
        + "; a period is loaded once. Use --replace to replace it with this file."
    )


def _failed(report: RunReport, failure: ImportFailed | str, options: ImportOptions) -> RunReport:
    """A failed file: nothing of it is written; the failure itself is recorded (except in a dry run)."""
    report.fail(failure)
    if not options.dry_run:
        run = ImportRun.objects.create(
            file_name=report.file_name[:255],
            sha256=report.sha256,
            size=report.size,
            period=report.period,
            period_start=report.period_start,
            period_end=report.period_end,
            variant=report.variant,
            status=RunStatus.FAILED,
            errors=report.errors,
            warnings=report.warnings,
            created_by=_user(options.user),
            finished_at=timezone.now(),
        )
        report.run_id = run.pk
    return report


def _summarize(parsed: ParsedFile, report: RunReport) -> None:
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
    report.variant = parsed.variant
    report.period = parsed.period.label
    report.period_start, report.period_end = parsed.period.start, parsed.period.end
    report.rows = len(parsed.records)
    report.positions = sum(r.positions for r in parsed.records)
    report.lmias = lmias_total if parsed.has_lmias else None
    report.per_province = dict(sorted(per.items()))


def _overlapping_runs(parsed: ParsedFile, *, lock: bool = False) -> list[ImportRun]:
    qs = ImportRun.objects.filter(
        status=RunStatus.OK, period_start__lte=parsed.period.end, period_end__gte=parsed.period.start
    )
    if lock:
        qs = qs.select_for_update()
    return list(qs.order_by("pk"))
