"""Registry of personal-data purgers: every installed app's `retention.purge(now, dry_run) -> dict`.

An app joins by shipping a `retention.py` module with that function; `purge_expired` runs them all.
"""

from collections.abc import Callable
from datetime import datetime
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

Purger = Callable[..., dict[str, int]]


def purgers() -> dict[str, Purger]:
    found: dict[str, Purger] = {}
    for config in apps.get_app_configs():
        module_name = f"{config.name}.retention"
        if find_spec(module_name) is None:
            continue
        purge = getattr(import_module(module_name), "purge", None)
        if callable(purge):
            found[config.label] = purge
    return found


def purge_all(now: datetime, dry_run: bool = False) -> dict[str, dict[str, int]]:
    return {label: purge(now=now, dry_run=dry_run) for label, purge in purgers().items()}
