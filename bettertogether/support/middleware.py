"""Idle timeout: a signed-in person idle longer than BT_IDLE_TIMEOUT_SECONDS is signed out."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

SESSION_KEY = "bt_last_seen"
REFRESH_SECONDS = 60


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(SESSION_KEY)
            limit = int(getattr(settings, "BT_IDLE_TIMEOUT_SECONDS", 3600))
            if last_seen is not None and now - int(last_seen) > limit:
                logout(request)
                return redirect_to_login(request.get_full_path())
            # Refresh at most once a minute: no session write on every request.
            if last_seen is None or now - int(last_seen) >= REFRESH_SECONDS:
                request.session[SESSION_KEY] = now
        return self.get_response(request)
