"""Sign-in, sign-out and password reset for partner and program staff (Django's auth views,
rate-limited sign-in and reset requests)."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from axes.utils import reset as axes_reset
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic.edit import FormView

from . import ratelimit
from .models import User

LOGIN_SCOPE = "auth.login"
LOGIN_LIMIT = 10
LOGIN_WINDOW = dt.timedelta(minutes=15)
RESET_SCOPE = "auth.password_reset"
RESET_LIMIT = 5
RESET_WINDOW = dt.timedelta(hours=1)
SITE_NAME = "Better Together"


_Form = TypeVar("_Form", bound=BaseForm)


def refused(view: FormView[_Form], *, status: int) -> HttpResponse:
    """The form page again, saying the client is limited. The form is NOT bound to what was sent:
    rendering a bound form validates it, and validating a sign-in checks the password. What was
    typed comes back as initial values (the password never)."""
    typed = {k: v for k, v in view.request.POST.items() if "password" not in k and k != "csrfmiddlewaretoken"}
    kwargs = {**view.get_form_kwargs(), "data": None, "files": None}
    form = view.get_form_class()(**{**kwargs, "initial": {**kwargs.get("initial", {}), **typed}})
    return view.render_to_response(view.get_context_data(form=form, limited=True), status=status)


class LoginView(auth_views.LoginView):
    """At most LOGIN_LIMIT sign-in attempts per client per LOGIN_WINDOW, against password guessing."""

    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = ratelimit.client_key(request, LOGIN_SCOPE)
        if not ratelimit.allow(LOGIN_SCOPE, key, limit=LOGIN_LIMIT, window=LOGIN_WINDOW):
            return refused(self, status=429)
        response = super().post(request, *args, **kwargs)
        if request.user.is_authenticated:  # only failures count against the client
            ratelimit.release(LOGIN_SCOPE, key, window=LOGIN_WINDOW)
        return response


class LogoutView(auth_views.LogoutView):
    next_page = "site:home"


class PasswordResetView(auth_views.PasswordResetView):
    """At most RESET_LIMIT requests per client per RESET_WINDOW, against mail flooding.

    Known or unknown address, the answer is the same "if an account exists" page: Django's form
    sends only to active accounts with that address, and says nothing either way.
    """

    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    # The e-mail names the site, never a person or a case.
    extra_email_context = {"site_name": SITE_NAME}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = ratelimit.client_key(request, RESET_SCOPE)
        if not ratelimit.allow(RESET_SCOPE, key, limit=RESET_LIMIT, window=RESET_WINDOW):
            return refused(self, status=429)
        return super().post(request, *args, **kwargs)


@method_decorator([sensitive_post_parameters(), never_cache], name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's confirm view without its session: the token is checked from the URL on every
    request, so the page sets no session cookie (only CSRF's) for a visitor not signed in.

    Django moves the token into the session to keep it out of Referer headers; here the page's
    Referers carry the origin only, and the token dies with the password change: a link lasts
    PASSWORD_RESET_TIMEOUT and works once.
    """

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.validlink = False
        self.user = self.get_user(kwargs["uidb64"])
        if self.user is not None and self.token_generator.check_token(self.user, kwargs["token"]):
            self.validlink = True
            # Skip the parent's session handling, keep FormView's.
            response = FormView.dispatch(self, request, *args, **kwargs)
        else:
            response = self.render_to_response(self.get_context_data())
        # The URL holds the token: Referers from this page carry the origin only, never the path.
        # Not "no-referrer": browsers then send "Origin: null" with the form, and CSRF refuses it.
        response["Referrer-Policy"] = "strict-origin"
        return response

    def form_valid(self, form: SetPasswordForm[User]) -> HttpResponse:
        user = form.save()  # the new password hash invalidates the token: the link works once
        # Whoever holds the mailbox proved the account is theirs: lift a lockout on it.
        axes_reset(username=user.get_username())
        return HttpResponseRedirect(self.get_success_url())


# Django's own, re-exported so the URL conf takes every account view from this module.
PasswordResetDoneView = auth_views.PasswordResetDoneView
PasswordResetCompleteView = auth_views.PasswordResetCompleteView
