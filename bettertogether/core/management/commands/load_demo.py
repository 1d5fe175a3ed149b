"""Load the demo data of every app. Idempotent: running it twice changes nothing.

Hook: an installed app of this project that has a `demo` module (or package) exposing
`load(log: Callable[[str], None]) -> None` takes part. Apps are loaded in INSTALLED_APPS order, so
an app's demo data may refer to that of the apps before it (e.g. events to directory
organizations). Each app's load runs in its own transaction.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

PROJECT_PACKAGE = "bettertogether."


def demo_loaders() -> list[tuple[str, Callable[[Callable[[str], None]], None]]]:
    """(app label, load function) of every project app with a demo module, in INSTALLED_APPS order."""
    loaders = []
    for config in apps.get_app_configs():
        if not config.name.startswith(PROJECT_PACKAGE):
            continue
        module_name = f"{config.name}.demo"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        load = getattr(module, "load", None)
        if callable(load):
            loaders.append((config.label, load))
    return loaders


class Command(BaseCommand):
    help = "Load the demo directory and demo users (users only where BT_DEMO_PASSWORDS_ALLOWED)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--app", action="append", default=[], help="Only these app labels (repeatable).")

    def handle(self, *args: Any, **options: Any) -> None:
        loaders = demo_loaders()
        wanted = set(options["app"])
        unknown = wanted - {label for label, _ in loaders}
        if unknown:
            raise CommandError(f"No demo data for: {', '.join(sorted(unknown))}")
        for label, load in loaders:
            if wanted and label not in wanted:
                continue
            with transaction.atomic():
                load(self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
