"""A minimal DB-backed limiter for public forms, keyed by a salted hash of the client address.

The raw IP address is never stored: only HMAC(SECRET_KEY-derived salt, scope + address), and rows
older than the window are deleted as new hits arrive. Works across processes (the DB is shared),
unlike a local-memory cache.
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bettertogether.core.models import RateLimitHit


def key_hash(scope: str, client: str) -> str:
    salt = hashlib.sha256(b"bettertogether.site.throttle:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(salt, f"{scope}:{client}".encode(), hashlib.sha256).hexdigest()


def hit(scope: str, client: str, *, limit: int, window: timedelta) -> bool:
    """Record one use and say whether it is allowed (False once `limit` uses fall in the window)."""
    now = timezone.now()
    digest = key_hash(scope, client)
    with transaction.atomic():
        RateLimitHit.objects.filter(scope=scope, created_at__lt=now - window).delete()
        used = RateLimitHit.objects.filter(scope=scope, key_hash=digest, created_at__gte=now - window).count()
        if used >= limit:
            return False
        RateLimitHit.objects.create(scope=scope, key_hash=digest)
    return True
