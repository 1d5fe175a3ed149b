"""import_lmia PATH... — load ESDC positive LMIA employer lists (XLSX or CSV, any published variant)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bettertogether.core.imports import RunStatus
from bettertogether.positions.lmia import iter_files
from bettertogether.positions.lmia_import import ImportOptions, RunReport, import_lmia_files
from bettertogether.positions.models import ImportRun

PROVINCE_ORDER = ["NL", "PE", "NS", "NB", "QC", "ON", "MB", "SK", "AB", "BC", "YT", "NT", "NU", "XX"]


class Command(BaseCommand):
    help = (
        "Import positive LMIA employer lists. PATH is a file or a directory of .xlsx/.csv files. "
        "Each file is all-or-nothing; a file already imported is skipped; a period is loaded once "
        "(--replace replaces it)."
    )

    # Quiet start-up: `make run` checks the project once, in runserver; an import need not repeat it.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="parse and geocode, write nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON document")
        parser.add_argument("--period", help="the period of every file, e.g. 2021Q3, 2016 or 2017Q1-Q2")
        parser.add_argument("--replace", action="store_true", help="replace the rows of a period already loaded")
        parser.add_argument(
            "--startup",
            action="store_true",
            help="start-up import: skip files already imported or failed and periods already loaded; "
            "quiet when there is nothing new; never fails",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths = [Path(p) for p in options["paths"]]
        if options["startup"]:
            try:
                self._startup(paths, options)
            except Exception as exc:  # the site must start even when an import breaks; say why
                self.stderr.write(f"import_lmia --startup: {type(exc).__name__}: {exc}")
            return
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"not found: {', '.join(missing)}")
        if not list(iter_files(paths)):
            raise CommandError("no .xlsx or .csv file in " + ", ".join(map(str, paths)))
        choices = ImportOptions(
            dry_run=options["dry_run"],
            period=options["period"],
            replace=options["replace"],
            progress=self._progress_bar(),
        )
        reports = import_lmia_files(paths, choices)
        self._print(reports, options["json"])
        failed = [r for r in reports if r.status == RunStatus.FAILED]
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(reports)} file(s) failed:\n" + "\n".join(r.message for r in failed)
            )

    def _startup(self, paths: list[Path], options: dict[str, Any]) -> None:
        files = list(iter_files([p for p in paths if p.is_dir() or p.is_file()]))
        if not files:
            return
        # A file that failed before fails again: retrying it at every start would only pile up failed runs.
        failed_before = set(ImportRun.objects.filter(status=ImportRun.Status.FAILED).values_list("file_name", "size"))
        files = [p for p in files if (p.name, p.stat().st_size) not in failed_before]
        choices = ImportOptions(progress=self._progress_bar(), skip_loaded_periods=True)
        reports = import_lmia_files(files, choices)
        shown = [r for r in reports if r.status != RunStatus.SKIPPED]
        if options["json"]:
            self._print(reports, True)
        elif shown:
            self._print(shown, False)

    def _progress_bar(self) -> Any:
        if not sys.stderr.isatty():
            return None

        def draw(file_name: str, done: int, total: int) -> None:
            width = 30
            filled = width * done // max(total, 1)
            end = "\n" if done >= total else ""
            sys.stderr.write(f"\r{file_name[:40]:40} [{'#' * filled}{' ' * (width - filled)}] {done}/{total}{end}")
            sys.stderr.flush()

        return draw

    def _print(self, reports: list[RunReport], as_json: bool) -> None:
        if as_json:
            document = {
                "ok": all(r.ok for r in reports),
                "files": [r.as_dict() for r in reports],
                "totals": {
                    "rows": sum(r.rows for r in reports if r.status in (RunStatus.OK, RunStatus.DRY_RUN)),
                    "positions": sum(r.positions for r in reports if r.status in (RunStatus.OK, RunStatus.DRY_RUN)),
                },
            }
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        for report in reports:
            self._print_one(report)

    def _print_one(self, report: RunReport) -> None:
        out = self.stdout
        if report.status == RunStatus.FAILED:
            out.write(self.style.ERROR(f"{report.file_name}: FAILED"))
            for line in report.errors:
                out.write(f"  {line}")
            return
        if report.status == RunStatus.SKIPPED:
            out.write(f"{report.file_name}: skipped, {report.message}")
            return
        head = f"{report.file_name}: {report.status.value}, {report.period} (variant {report.variant}), "
        head += f"{report.rows:,} rows, {report.positions:,} positions"
        if report.lmias is not None:
            head += f", {report.lmias:,} LMIAs"
        head += f", {report.warning_count:,} warnings"
        out.write(self.style.SUCCESS(head) if report.status == RunStatus.OK else head)
        for code in sorted(report.per_province, key=lambda c: PROVINCE_ORDER.index(c) if c in PROVINCE_ORDER else 99):
            entry = report.per_province[code]
            name = "outside Canada" if code == "XX" else code
            line = f"  {name:15} {entry['rows'] or 0:>7,} rows {entry['positions'] or 0:>8,} positions"
            if entry.get("lmias") is not None:
                line += f" {entry['lmias']:>7,} LMIAs"
            out.write(line)
        if report.geocoding:
            placed = ", ".join(f"{k or 'unplaced'} {v:,}" for k, v in report.geocoding.items())
            out.write(f"  geocoding: {placed}")
        if report.replaced_runs:
            out.write(f"  replaced run(s): {', '.join(f'#{pk}' for pk in report.replaced_runs)}")
