"""Sign-in and sign-out for partner and program staff (Django's auth views, rate-limited sign-in)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse

from . import ratelimit

LOGIN_SCOPE = "auth.login"
LOGIN_LIMIT = 10
LOGIN_WINDOW = dt.timedelta(minutes=15)


class LoginView(auth_views.LoginView):
    """At most LOGIN_LIMIT sign-in attempts per client per LOGIN_WINDOW, against password guessing."""

    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = ratelimit.client_key(request, LOGIN_SCOPE)
        if not ratelimit.allow(LOGIN_SCOPE, key, limit=LOGIN_LIMIT, window=LOGIN_WINDOW):
            form = self.get_form()
            return self.render_to_response(self.get_context_data(form=form, limited=True), status=429)
        return super().post(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    next_page = "site:home"
