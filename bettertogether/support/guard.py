"""The gate every case-desk view passes: signed in, allowed by role, second factor for case workers."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from bettertogether.core.users import Account, User

from . import permissions
from .models import SealedTOTPDevice

REAUTH_KEY = "bt_reauth_at"


def has_confirmed_device(user: Account) -> bool:
    return SealedTOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _with_next(name: str, request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


def safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def case_desk(
    allowed: Callable[[User], bool], *, second_factor: bool = True
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Anonymous → sign-in page; a role without access → 403; a case worker without a verified
    second factor → set one up (or enter a code) first."""

    def wrap(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(user):
                raise PermissionDenied
            if second_factor and permissions.needs_second_factor(user) and not permissions.second_factor_passed(user):
                name = "support:otp-verify" if has_confirmed_device(user) else "support:otp-setup"
                return _with_next(name, request)
            response = view(request, *args, **kwargs)
            response.headers.setdefault("Cache-Control", "no-store, private")
            return response

        return inner

    return wrap


def recently_reauthenticated(request: HttpRequest) -> bool:
    at = request.session.get(REAUTH_KEY)
    return at is not None and time.time() - float(at) <= int(getattr(settings, "BT_REAUTH_SECONDS", 300))


def require_reauth(request: HttpRequest) -> HttpResponse | None:
    """None when the password and a code were given in the last few minutes, else a redirect."""
    if recently_reauthenticated(request):
        return None
    return _with_next("support:reauth", request)
