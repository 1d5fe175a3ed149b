"""Compile the .po catalogues to .mo without needing GNU gettext on the machine."""

from collections.abc import Iterator
from pathlib import Path

import polib  # type: ignore[import-untyped]
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


def locale_dirs() -> Iterator[Path]:
    """LOCALE_PATHS, then the locale/ directory of each of the project's own installed apps.

    Third-party apps ship compiled catalogues: those are left alone.
    """
    seen: set[Path] = set()
    project = Path(__file__).resolve().parents[3]
    candidates = [Path(p) for p in settings.LOCALE_PATHS]
    candidates += [
        Path(config.path) / "locale"
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(project)
    ]
    for path in candidates:
        resolved = path.resolve()
        if resolved.is_dir() and resolved not in seen:
            seen.add(resolved)
            yield resolved


class Command(BaseCommand):
    help = "Compile every .po catalogue under LOCALE_PATHS and installed apps' locale/ into .mo (pure Python)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="Recompile even up-to-date catalogues.")

    def handle(self, *args: object, **options: object) -> None:
        count = 0
        for locale_dir in locale_dirs():
            for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                fresh = mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime
                if fresh and not options.get("all"):
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                count += 1
        if options.get("verbosity", 1):
            self.stdout.write(f"compiled {count} catalogue(s)")
