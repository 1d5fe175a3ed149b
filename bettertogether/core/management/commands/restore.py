"""manage.py restore DIR: check a backup's hashes, then replace the database and the uploaded files."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bettertogether.core.backup import BackupError, restore, verify


class Command(BaseCommand):
    help = (
        "Restore a backup written by `backup`: every file's hash is checked first and a damaged backup "
        "is refused. Replaces the database and MEDIA_ROOT."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--check", action="store_true", help="Only check the backup; change nothing.")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args: object, **options: object) -> None:
        folder = Path(str(options["folder"]))
        try:
            manifest = verify(folder)
            if options["check"]:
                self.stdout.write(json.dumps({"backup": str(folder), "sound": True, "files": len(manifest["files"])}))
                return
            if options["interactive"]:
                answer = input(f"Replace this site's database and uploaded files with {folder}? Type 'yes': ")
                if answer.strip() != "yes":
                    raise CommandError("Restore cancelled.")
            summary = restore(folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            json.dumps({"restored": str(summary.folder), "database": summary.vendor, "files": summary.files})
        )
