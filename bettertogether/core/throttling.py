"""The API throttle: anonymous clients, per address (core.ratelimit.client_address), counted atomically
in the shared cache. DRF's own throttles key on a raw X-Forwarded-For and keep a request history that
concurrent workers overwrite; this one does neither."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from . import ratelimit


class ClientRateThrottle(SimpleRateThrottle):
    """`DEFAULT_THROTTLE_RATES[scope]` (e.g. "600/minute") per client address."""

    scope = "anon"
    num_requests: int | None
    duration: int | None

    def allow_request(self, request: Request, view: Any) -> bool:
        if self.rate is None or self.num_requests is None or self.duration is None:
            return True
        scope = f"api.{self.scope}"
        self.window = dt.timedelta(seconds=self.duration)
        return ratelimit.allow(scope, ratelimit.client_key(request, scope), limit=self.num_requests, window=self.window)

    def wait(self) -> float | None:
        return float(ratelimit.retry_after(self.window))
