"""Who the client is, and how often it may do something: the one place for both.

`client_address()` is the client's address as the trusted proxies (settings.BT_TRUSTED_PROXIES,
from the environment) report it; the public-form rate limits, the API throttle, django-axes
(AXES_CLIENT_IP_CALLABLE) and the audit log all use it. A raw X-Forwarded-For from a peer that is
not a trusted proxy is ignored.

Counts live in the shared cache (Redis in production when REDIS_URL is set, else the database
cache, core.cache.AtomicDatabaseCache) and are incremented atomically, so every worker process
sees the same count and concurrent requests cannot slip past a limit. The raw IP address is never
stored: `client_key()` turns it into an HMAC keyed with SECRET_KEY.

A limit of N per window is a sliding window, estimated from two fixed buckets (this one and the
previous one, weighted by how much of it still overlaps the window).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import logging
import math
import time
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


# ---------------------------------------------------------------------------------------------------------------
# The client


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in trusted)


def _parse(address: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's IP address: the peer's, or the one the trusted proxies forwarded."""
    peer = str(request.META.get("REMOTE_ADDR", ""))
    trusted = getattr(settings, "BT_TRUSTED_PROXIES", 0) or 0
    if not trusted:
        return peer
    forwarded = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    forwarded = [part for part in forwarded if part]
    if isinstance(trusted, int):
        # Each of the `trusted` proxies appended the address it was reached from.
        if len(forwarded) >= trusted and _parse(forwarded[-trusted]) is not None:
            return str(_parse(forwarded[-trusted]))
        return peer
    networks = _networks(tuple(trusted))
    hop = _parse(peer)
    # Walk back from the peer while each hop is a trusted proxy; the first untrusted hop is the client.
    while hop is not None and any(hop in network for network in networks) and forwarded:
        previous = _parse(forwarded.pop())
        if previous is None:  # garbage where an address should be: stop at the last trusted hop
            break
        hop = previous
    return str(hop) if hop is not None else peer


def hash_key(scope: str, address: str) -> str:
    """A 64-hex-digit key for one client in one scope; the address itself is not recoverable."""
    return salted_hmac(f"bettertogether.ratelimit.{scope}", address, algorithm="sha256").hexdigest()


def client_key(request: HttpRequest, scope: str) -> str:
    return hash_key(scope, client_address(request))


# ---------------------------------------------------------------------------------------------------------------
# Counting


def increment(key: str, *, ttl: int, delta: int = 1) -> int:
    """Add `delta` to the shared counter `key` atomically and return its new value.

    `add` creates the counter only when absent, and the cache's `incr` is atomic (Redis INCR, a row
    lock in AtomicDatabaseCache, a lock in LocMemCache); a counter expiring in between is recreated.
    """
    for _ in range(3):
        cache.add(key, 0, ttl)
        try:
            return int(cache.incr(key, delta))
        except ValueError:
            continue
    raise RuntimeError(f"the cache lost the counter {key!r} three times in a row")


def _bucket_keys(scope: str, key_hash: str, seconds: int, moment: float) -> tuple[str, str, float]:
    index = int(moment // seconds)
    overlap = 1.0 - (moment - index * seconds) / seconds
    return f"bt:rl:{scope}:{key_hash}:{index}", f"bt:rl:{scope}:{key_hash}:{index - 1}", overlap


def _moment(now: dt.datetime | None) -> float:
    return now.timestamp() if now is not None else time.time()


def allow(scope: str, key_hash: str, *, limit: int, window: dt.timedelta, now: dt.datetime | None = None) -> bool:
    """Count one use and return True, or return False (taking the use back) when the client has
    already used `limit` in the last `window`."""
    seconds = max(1, int(window.total_seconds()))
    current, previous, overlap = _bucket_keys(scope, key_hash, seconds, _moment(now))
    try:
        count = increment(current, ttl=2 * seconds + 60)
        earlier = int(cache.get(previous) or 0)
        if math.floor(earlier * overlap) + count > limit:
            release(scope, key_hash, window=window, now=now)
            return False
    except RedisError as exc:
        # Redis unreachable: the site keeps answering, unlimited, rather than fail every form and
        # sign-in (django-axes, in the database, still locks accounts). Said once per use, loudly.
        logger.error("rate limit %s not counted, the cache is unreachable: %s", scope, type(exc).__name__)
    return True


def release(scope: str, key_hash: str, *, window: dt.timedelta, now: dt.datetime | None = None) -> None:
    """Take back one use counted by `allow` (a use that turned out not to count, e.g. a sign-in that succeeded)."""
    seconds = max(1, int(window.total_seconds()))
    current, _, _ = _bucket_keys(scope, key_hash, seconds, _moment(now))
    with contextlib.suppress(ValueError, RedisError):  # expired meanwhile (or unreachable): nothing to take back
        cache.decr(current)


def remaining(scope: str, key_hash: str, *, limit: int, window: dt.timedelta, now: dt.datetime | None = None) -> int:
    """How many uses the client has left (counts nothing). Redis unreachable: the whole `limit`, as
    `allow` then lets every use through, and said loudly."""
    seconds = max(1, int(window.total_seconds()))
    current, previous, overlap = _bucket_keys(scope, key_hash, seconds, _moment(now))
    try:
        used = math.floor(int(cache.get(previous) or 0) * overlap) + int(cache.get(current) or 0)
    except RedisError as exc:
        logger.error("rate limit %s not checked, the cache is unreachable: %s", scope, type(exc).__name__)
        return limit
    return max(0, limit - used)


def retry_after(window: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Seconds until the current bucket ends (when a refused client may well be let in again)."""
    seconds = max(1, int(window.total_seconds()))
    moment = _moment(now)
    return max(1, math.ceil((int(moment // seconds) + 1) * seconds - moment))
