"""manage.py backup DIR: the database and the uploaded files, with a manifest of hashes (core/backup.py)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bettertogether.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a backup (database, uploaded files, manifest of SHA-256 hashes) into a new folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="A folder that does not exist yet, or is empty.")

    def handle(self, *args: object, **options: object) -> None:
        try:
            summary = backup(Path(str(options["folder"])))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            json.dumps(
                {
                    "backup": str(summary.folder),
                    "database": summary.vendor,
                    "files": summary.files,
                    "bytes": summary.bytes,
                }
            )
        )
