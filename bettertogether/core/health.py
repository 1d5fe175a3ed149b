"""`GET /healthz`: is this instance fit to serve? For a load balancer or a monitor.

Checks the database (a round trip), the cache (a write and a read back) and that every migration
on disk is applied. Answers JSON with one word per check, 200 when all are "ok", else 503; never
cached, no personal data, no error text (which could carry a host name or a password).
"""

from __future__ import annotations

import logging
import secrets
from functools import lru_cache

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

OK = "ok"
DOWN = "down"


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.error("Health check: database down (%s)", type(exc).__name__)
        return DOWN
    return OK


def check_cache() -> str:
    key = f"healthz:{secrets.token_hex(8)}"
    try:
        cache.set(key, "1", timeout=10)
        value = cache.get(key)
        cache.delete(key)
    except Exception as exc:  # any backend's failure (Redis, the database cache) means down
        logger.error("Health check: cache down (%s)", type(exc).__name__)
        return DOWN
    return OK if value == "1" else DOWN


@lru_cache(maxsize=1)
def migrations_on_disk() -> frozenset[tuple[str, str]]:
    """The last migration of each app's graph, read once per process."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())


def check_migrations() -> str:
    try:
        applied = set(MigrationRecorder(connection).applied_migrations())
    except DatabaseError:
        return DOWN
    return OK if migrations_on_disk() <= applied else "pending"


def status() -> dict[str, str]:
    database = check_database()
    return {
        "database": database,
        "cache": check_cache(),
        "migrations": check_migrations() if database == OK else DOWN,
    }


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = status()
    healthy = all(value == OK for value in checks.values())
    return JsonResponse({"status": OK if healthy else "unavailable", **checks}, status=200 if healthy else 503)
