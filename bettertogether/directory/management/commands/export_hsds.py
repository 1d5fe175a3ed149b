"""Export the directory as an HSDS 3.0 tabular data package (datapackage.json + CSV tables) or JSON package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bettertogether.directory.hsds_io import content_language, content_languages, export_package
from bettertogether.directory.hsds_json import export_json_package


class Command(BaseCommand):
    help = (
        "Write the directory to DIR as an HSDS 3.0 tabular data package, translated columns in --lang "
        "(English where a translation is empty); --lang all writes DIR/en, DIR/fr, ... one package each. "
        "--format json writes the JSON organization package to the file PATH instead (PATH.fr.json, ... "
        "for --lang all)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", metavar="DIR")
        parser.add_argument("--lang", default="en", help=f"One of {', '.join(content_languages())}, or all.")
        parser.add_argument("--format", choices=("csv", "json"), default="csv")

    def handle(self, *args: Any, **options: Any) -> None:
        root, lang = Path(options["directory"]), options["lang"]
        if lang == "all":
            targets = [(root / code, code) for code in content_languages()]
        else:
            try:
                targets = [(root, content_language(lang))]
            except ValueError as exc:
                raise CommandError(f"--lang: {exc}, or all") from None
        if options["format"] == "json":
            for target, code in targets:
                path = target if lang != "all" else root.with_name(f"{root.stem}.{code}.json")
                self.stdout.write(f"{path}: {export_json_package(path, code)} organizations")
            return
        for target, code in targets:
            counts = export_package(target, code)
            prefix = f"{code} " if len(targets) > 1 else ""
            for table, count in counts.items():
                self.stdout.write(f"{prefix}{table}: {count}")
