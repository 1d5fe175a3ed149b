"""Warm a server before it forks its workers: what every worker's first request would otherwise do.

gunicorn loads the application in its master (`preload_app` in gunicorn.conf.py) and calls `warm()`
before it opens its port. Workers are forked from that master, so each starts with the URL
patterns imported, every template compiled, every language's catalogue read, the postal-code tables
built and the directory's first counts kept in the cache: a fresh worker answers its first search at
once, and the memory of all that is shared between workers instead of built once per worker.

Each app does its own part in its AppConfig's `warm()`. A database that is not ready yet (before
the first migrate) costs that part, never the start: it is logged and built on first use instead.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)


def _templates() -> int:
    """Compile every project template into the cached loader (what a first render does)."""
    compiled = 0
    for engine in engines.all():
        for folder in getattr(engine, "template_dirs", ()):
            root = Path(folder)
            if not root.is_relative_to(settings.PACKAGE_DIR):
                continue  # third-party apps' templates (admin, ...) are not on the public path
            for path in root.rglob("*"):
                if path.suffix in (".html", ".txt", ".xml", ".svg") and path.is_file():
                    try:
                        engine.get_template(str(path.relative_to(root)))
                        compiled += 1
                    except (TemplateDoesNotExist, TemplateSyntaxError, UnicodeDecodeError):
                        continue
    return compiled


def warm() -> dict[str, float]:
    """Load what requests share, then close what must not cross a fork. Returns seconds per part."""
    spent: dict[str, float] = {}

    def timed(name: str, part: Callable[[], object]) -> None:
        started = time.perf_counter()
        try:
            part()
        except Exception:  # a part that cannot warm now is built on first use, as without warm()
            logger.warning("warm-up of %s skipped", name, exc_info=True)
        spent[name] = round(time.perf_counter() - started, 3)

    timed("urls", lambda: get_resolver().url_patterns)
    timed("templates", _templates)

    def languages() -> None:
        """Each language's catalogue and its URL patterns' reverse tables (every page links to its
        other languages, so a first page would build all of them)."""
        resolver = get_resolver()
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                translation.gettext("Directory")
                resolver.reverse_dict  # noqa: B018 (built on first access, per language)
                resolver.namespace_dict  # noqa: B018
                resolver.app_dict  # noqa: B018

    timed("languages", languages)
    for config in apps.get_app_configs():
        app_warm = getattr(config, "warm", None)
        if callable(app_warm):
            timed(config.label, app_warm)
    # Nothing that holds a socket or a file may be shared by the workers.
    connections.close_all()
    caches.close_all()
    # Keep the collector from walking (and so copying) the objects the workers share.
    gc.collect()
    gc.freeze()
    logger.info("warmed", extra={"seconds": spent})
    return spent
