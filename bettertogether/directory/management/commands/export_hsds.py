"""Export the directory as an HSDS 3.0 tabular data package (datapackage.json + CSV tables)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from bettertogether.directory.hsds_io import export_package


class Command(BaseCommand):
    help = "Write the directory to DIR as an HSDS 3.0 tabular data package."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", metavar="DIR")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = export_package(options["directory"])
        for table, count in counts.items():
            self.stdout.write(f"{table}: {count}")
