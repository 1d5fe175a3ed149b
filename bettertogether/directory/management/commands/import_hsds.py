"""Import an HSDS 3.0 tabular data package (datapackage.json + CSV tables) into the directory."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from bettertogether.directory.hsds_io import (
    DEFAULT_MAX_BYTES,
    HSDSImportError,
    ImportReport,
    content_language,
    content_languages,
    import_package,
)


class Command(BaseCommand):
    help = (
        "Import an HSDS 3.0 tabular data package from DIR (all or nothing; upsert by id). English packages "
        "create and update records; other languages only translate existing ones. --lang all imports "
        "DIR/en then DIR/fr, DIR/es, DIR/tl (those present) in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", metavar="DIR")
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
        root, lang = Path(options["directory"]), options["lang"]
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
            for directory, code in packages:
                try:
                    reports.append(import_package(directory, max_bytes=options["max_bytes"], lang=code))
                except HSDSImportError as exc:
                    where = f" ({directory})" if len(packages) > 1 else ""
                    raise CommandError(f"Nothing imported{where}:\n" + "\n".join(exc.errors)) from None
        for report in reports:
            for warning in report.warnings:
                self.stderr.write(f"warning: {warning}")
            self.stdout.write(f"language: {report.language}")
            for table, count in report.counts.items():
                self.stdout.write(f"{table}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Imported in {time.perf_counter() - started:.1f} s"))
