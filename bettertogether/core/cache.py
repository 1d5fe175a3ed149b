"""The database cache, with an atomic `incr` (the embedded store for rate limits and throttles),
and the reads and writes of what is only kept to save work (`cached`, `keep`), which carry on
without the shared cache when Redis is unreachable.

Django's DatabaseCache increments with a read and a separate write, so two processes counting at
once both read 5 and both write 6. Here the row is locked by a no-op UPDATE first (a row lock on
PostgreSQL, the write lock on SQLite), then read and written inside the same transaction.
Production uses it when REDIS_URL is unset (settings/base.py).
"""

from __future__ import annotations

import base64
import logging
import pickle
from typing import Any

from django.core.cache import cache
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, models, router, transaction
from django.utils.timezone import now as tz_now
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def cached(key: str) -> Any:
    """The value kept under `key`, or None: also when the cache is unreachable (said in the log)."""
    try:
        return cache.get(key)
    except RedisError as exc:
        logger.error("cache read skipped, the cache is unreachable: %s", type(exc).__name__)
        return None


def keep(key: str, value: Any, timeout: float | None) -> None:
    """Keep `value` under `key` to save work later; an unreachable cache only means no saving."""
    try:
        cache.set(key, value, timeout)
    except RedisError as exc:
        logger.error("cache write skipped, the cache is unreachable: %s", type(exc).__name__)


class AtomicDatabaseCache(DatabaseCache):
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        # Identifiers come from settings (the table name) and are quoted; values are parameters.
        table, cache_key = quote_name(self._table), quote_name("cache_key")  # type: ignore[attr-defined]
        value_column, expires_column = quote_name("value"), quote_name("expires")
        lock = f"UPDATE {table} SET {cache_key} = {cache_key} WHERE {cache_key} = %s"  # noqa: S608
        read = f"SELECT {value_column}, {expires_column} FROM {table} WHERE {cache_key} = %s"  # noqa: S608
        write = f"UPDATE {table} SET {value_column} = %s WHERE {cache_key} = %s"  # noqa: S608
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(lock, [key])  # concurrent increments queue here
            cursor.execute(read, [key])
            row = cursor.fetchone()
            if row is None or self._expired(row[1], connection):
                raise ValueError(f"Key '{key}' not found.")
            # The cache's own rows, pickled by DatabaseCache itself (as its get() reads them).
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode())) + delta  # noqa: S301
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(write, [encoded, key])
        return value

    @staticmethod
    def _expired(expires: Any, connection: Any) -> bool:
        expression = models.Expression(output_field=models.DateTimeField())
        for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(connection):
            expires = converter(expires, expression, connection)
        return bool(expires < tz_now())
