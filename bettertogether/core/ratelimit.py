"""A database-backed rate limiter for public forms, keyed by a salted hash of the client address.

The raw IP address is never stored: `client_key()` turns it into an HMAC keyed with SECRET_KEY, so
the stored hash cannot be reversed by enumerating the IPv4 space without the secret. Hits live in
core.RateLimitHit (shared by every process, unlike a per-process cache) and are pruned as the
limiter writes.

Behind a reverse proxy set BT_RATELIMIT_PROXY_COUNT to the number of proxies that append to
X-Forwarded-For; the client is then the address that many hops from the right.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import RateLimitHit

# Hits older than this are deleted whatever their scope: no window is longer.
MAX_WINDOW = dt.timedelta(days=1)


def client_address(request: HttpRequest) -> str:
    proxies = int(getattr(settings, "BT_RATELIMIT_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


def hash_key(scope: str, address: str) -> str:
    """A 64-hex-digit key for one client in one scope; the address itself is not recoverable."""
    return salted_hmac(f"bettertogether.ratelimit.{scope}", address, algorithm="sha256").hexdigest()


def client_key(request: HttpRequest, scope: str) -> str:
    return hash_key(scope, client_address(request))


def allow(scope: str, key_hash: str, *, limit: int, window: dt.timedelta, now: dt.datetime | None = None) -> bool:
    """Record one use and return True, or return False (recording nothing) when the client has
    already used `limit` in the last `window`."""
    given = now
    now = now or timezone.now()
    with transaction.atomic():
        RateLimitHit.objects.filter(created_at__lt=now - max(window, MAX_WINDOW)).delete()
        used = RateLimitHit.objects.filter(scope=scope, key_hash=key_hash, created_at__gte=now - window).count()
        if used >= limit:
            return False
        hit = RateLimitHit.objects.create(scope=scope, key_hash=key_hash)
        if given is not None:  # auto_now_add stamps the wall clock; keep the caller's moment
            RateLimitHit.objects.filter(pk=hit.pk).update(created_at=given)
        return True


def remaining(scope: str, key_hash: str, *, limit: int, window: dt.timedelta, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    used = RateLimitHit.objects.filter(scope=scope, key_hash=key_hash, created_at__gte=now - window).count()
    return max(0, limit - used)
