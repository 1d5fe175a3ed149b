"""Delete personal data past its retention period, app by app (see core/retention.py)."""

import json

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from bettertogether.core.retention import purge_all


class Command(BaseCommand):
    help = "Delete personal data kept longer than its retention period. Prints one JSON line per app."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; delete nothing.")

    def handle(self, *args: object, **options: object) -> None:
        dry_run = bool(options["dry_run"])
        for app, counts in purge_all(timezone.now(), dry_run=dry_run).items():
            self.stdout.write(json.dumps({"app": app, "dry_run": dry_run, **counts}, sort_keys=True))
