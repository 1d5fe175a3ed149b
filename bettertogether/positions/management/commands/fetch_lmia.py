"""fetch_lmia [--from Q] [--to Q] — download the English positive LMIA lists of a range of quarters from the
open data portal and import them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bettertogether.positions.fetch import DEFAULT_FROM, DEFAULT_TIMEOUT, Portal, PortalError, fetch_lmia, summary_lines


class Command(BaseCommand):
    help = (
        "Download the English positive LMIA employer lists of the quarters in range from the open data portal "
        "(CKAN package_show) into --dest, then import them. Quarters already loaded and files already "
        "downloaded are skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="period_from", default=DEFAULT_FROM, help=f"first quarter ({DEFAULT_FROM})")
        parser.add_argument("--to", dest="period_to", default=None, help="last quarter (default: the latest)")
        parser.add_argument("--portal", default=None, help="CKAN action API URL (default: BT_OPEN_DATA_URL)")
        parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per request")
        parser.add_argument("--dest", default=None, help="download folder (default: BT_LMIA_DIR)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["timeout"] <= 0:
            raise CommandError("--timeout must be a positive number of seconds")
        portal = Portal(options["portal"] or settings.BT_OPEN_DATA_URL, timeout=options["timeout"])
        dest = Path(options["dest"] or settings.BT_LMIA_DIR)
        try:
            report = fetch_lmia(
                options["period_from"], options["period_to"], portal=portal, dest=dest, log=self.stdout.write
            )
        except PortalError as exc:
            raise CommandError(f"fetch_lmia: {exc}. Nothing was imported.") from None
        except ValueError as exc:
            raise CommandError(f"fetch_lmia: {exc}") from None
        for line in summary_lines(report):
            self.stdout.write(line)
        if not report.ok:
            failed = [r for r in report.imports if not r.ok]
            raise CommandError(f"{len(failed)} file(s) failed to import:\n" + "\n".join(r.message for r in failed))
