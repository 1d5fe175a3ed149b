"""Import an HSDS 3.0 tabular data package (datapackage.json + CSV tables) into the directory."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bettertogether.directory.hsds_io import DEFAULT_MAX_BYTES, HSDSImportError, import_package


class Command(BaseCommand):
    help = "Import an HSDS 3.0 tabular data package from DIR (all or nothing; upsert by id)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", metavar="DIR")
        parser.add_argument(
            "--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="Refuse packages larger than this."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            report = import_package(options["directory"], max_bytes=options["max_bytes"])
        except HSDSImportError as exc:
            raise CommandError("Nothing imported:\n" + "\n".join(exc.errors)) from None
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        for table, count in report.counts.items():
            self.stdout.write(f"{table}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Imported in {time.perf_counter() - started:.1f} s"))
