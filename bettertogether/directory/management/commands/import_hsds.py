"""Import HSDS 3.0 data: a tabular package (folder or .zip), a JSON package, or another HSDS API."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from bettertogether.core.imports import ImportReport
from bettertogether.directory.hsds_fetch import MAX_PAGES, PER_PAGE, Pull, import_path, pull_api
from bettertogether.directory.hsds_io import DEFAULT_MAX_BYTES, HSDSImportError, content_language, content_languages


class Command(BaseCommand):
    help = (
        "Import HSDS 3.0 data (all or nothing; upsert by id) from SOURCE: a tabular data package folder, "
        "a .zip of one, or a JSON package (.json, the compiled *_package.json shapes); or, with --from-api "
        "URL, a whole directory read page by page from another HSDS 3.0 API. English packages create and "
        "update records; other languages only translate existing ones. --lang all imports SOURCE/en then "
        "SOURCE/fr, SOURCE/es, SOURCE/tl (those present) in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", metavar="SOURCE", nargs="?")
        parser.add_argument("--from-api", metavar="URL", help="Base URL of an HSDS 3.0 API (.../api/hsds).")
        parser.add_argument("--timeout", type=float, default=30.0, help="Seconds allowed for each API answer.")
        parser.add_argument("--max-pages", type=int, default=MAX_PAGES, help="Refuse an API with more pages.")
        parser.add_argument("--per-page", type=int, default=PER_PAGE, help="Objects asked for per page.")
        parser.add_argument(
            "--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="Refuse packages larger than this."
        )
        parser.add_argument(
            "--lang",
            help=f"Language of the package's text: one of {', '.join(content_languages())}, or all "
            "(default: the datapackage.json 'languages', else en).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if bool(options["source"]) == bool(options["from_api"]):
            raise CommandError("Give SOURCE or --from-api URL (one of them).")
        if options["from_api"]:
            pull = Pull(options["from_api"], options["timeout"], options["max_pages"], options["per_page"])
            try:
                reports = [pull_api(pull, options["max_bytes"])]
            except HSDSImportError as exc:
                raise CommandError("Nothing imported:\n" + "\n".join(exc.messages)) from None
        else:
            reports = self._from_source(Path(options["source"]), options["lang"], options["max_bytes"])
        for report in reports:
            for warning in report.warnings:
                self.stderr.write(f"warning: {warning}")
            self.stdout.write(f"language: {report.language}")
            for table, count in report.counts.items():
                self.stdout.write(f"{table}: {count}")
            self.stdout.write(
                f"{report.file_name} (SHA-256 {report.sha256 or '-'}): {report.created} created, "
                f"{report.updated} updated, {report.unchanged} unchanged, {report.refused} refused"
            )
        self.stdout.write(self.style.SUCCESS(f"Imported in {time.perf_counter() - started:.1f} s"))

    def _from_source(self, root: Path, lang: str | None, max_bytes: int) -> list[ImportReport]:
        if lang == "all":
            packages: list[tuple[Path, str | None]] = [(root / content_languages()[0], content_languages()[0])]
            packages += [(root / code, code) for code in content_languages()[1:] if (root / code).is_dir()]
        else:
            try:
                packages = [(root, content_language(lang) if lang else None)]
            except ValueError as exc:
                raise CommandError(f"--lang: {exc}, or all") from None
        reports: list[ImportReport] = []
        with transaction.atomic():  # several languages: all or nothing too
            for source, code in packages:
                try:
                    reports.append(import_path(source, max_bytes, lang=code))
                except HSDSImportError as exc:
                    where = f" ({source})" if len(packages) > 1 else ""
                    raise CommandError(f"Nothing imported{where}:\n" + "\n".join(exc.messages)) from None
        return reports
