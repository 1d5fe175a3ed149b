"""Session limits: a signed-in person idle longer than BT_IDLE_TIMEOUT_SECONDS, or signed in longer
than BT_SESSION_MAX_SECONDS (8 hours) however active, is signed out. (The cookie itself ends with the
browser: SESSION_EXPIRE_AT_BROWSER_CLOSE.)"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from bettertogether.core.users import User

from . import permissions
from .guard import has_confirmed_device

SESSION_KEY = "bt_last_seen"
SIGNED_IN_KEY = "bt_signed_in_at"
REFRESH_SECONDS = 60


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: User | None = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(SESSION_KEY)
            limit = int(getattr(settings, "BT_IDLE_TIMEOUT_SECONDS", 3600))
            signed_in_at = request.session.setdefault(SIGNED_IN_KEY, now)
            lifetime = int(getattr(settings, "BT_SESSION_MAX_SECONDS", 8 * 3600))
            if (last_seen is not None and now - int(last_seen) > limit) or now - int(signed_in_at) > lifetime:
                logout(request)
                return redirect_to_login(request.get_full_path())
            # Refresh at most once a minute: no session write on every request.
            if last_seen is None or now - int(last_seen) >= REFRESH_SECONDS:
                request.session[SESSION_KEY] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """A case worker, coordinator or administrator (permissions.needs_second_factor) who has not
    passed the second factor reaches only public pages: every staff area (settings.
    BT_STAFF_PATH_PATTERNS: directory editing, event management, the admin, the gap analysis, the
    staff workspace, the positions review, the program office, the case desk) sends them to set up
    or enter a code first, so a stolen password alone opens nothing. Staff pages are also never
    stored by a browser or a shared cache (drafts, people's names in lists)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.staff_paths = [re.compile(p) for p in getattr(settings, "BT_STAFF_PATH_PATTERNS", [])]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not any(p.match(request.path_info) for p in self.staff_paths):
            return self.get_response(request)
        user: User | None = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and permissions.needs_second_factor(user)
            and not permissions.second_factor_passed(user)
        ):
            name = "support:otp-verify" if has_confirmed_device(user) else "support:otp-setup"
            response: HttpResponse = redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        else:
            response = self.get_response(request)
        response.headers.setdefault("Cache-Control", "no-store, private")
        return response
