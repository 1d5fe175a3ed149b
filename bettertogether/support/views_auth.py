"""Second factor (TOTP) set-up and sign-in, and re-authentication before exports."""

from __future__ import annotations

import base64
import time

import segno
from django.contrib import messages
from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, verify_token

from bettertogether.core.users import signed_in_account

from . import audit, permissions
from .forms import ReauthForm, TokenForm
from .guard import REAUTH_KEY, case_desk, has_confirmed_device, safe_next
from .models import AccessLog, SealedTOTPDevice

Action = AccessLog.Action


def _qr_data_uri(url: str) -> str:
    # A data: image (allowed by img-src) keeps the secret off any other URL and off the network.
    return str(segno.make(url, error="m").svg_data_uri(scale=4, encode_minimal=True))


@require_http_methods(["GET", "POST"])
@case_desk(permissions.needs_second_factor, second_factor=False)
def otp_setup(request: HttpRequest) -> HttpResponse:
    user = signed_in_account(request.user)
    if has_confirmed_device(user):
        return redirect(f"{reverse('support:otp-verify')}?{request.GET.urlencode()}")
    device = SealedTOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = SealedTOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # django-otp's verify_token locks the row, so one code cannot confirm twice in parallel.
        if verify_token(user, device.persistent_id, form.cleaned_data["token"].strip()) is not None:
            device.refresh_from_db()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit.record(
                audit.actor_from(request),
                Action.LOGIN,
                detail="second factor set up",
                organization_id=permissions.organization_id_of(user),
            )
            return redirect(safe_next(request, "support:home"))
        form.add_error("token", _("That code is not right. Check the time on your phone and try again."))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    return render(
        request,
        "support/otp_setup.html",
        {"form": form, "qr": _qr_data_uri(device.config_url), "secret": secret, "next": safe_next(request, "")},
    )


@require_http_methods(["GET", "POST"])
@case_desk(permissions.needs_second_factor, second_factor=False)
def otp_verify(request: HttpRequest) -> HttpResponse:
    user = signed_in_account(request.user)
    if not has_confirmed_device(user):
        return redirect(f"{reverse('support:otp-setup')}?{request.GET.urlencode()}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"].strip())
        actor = audit.actor_from(request)
        org_id = permissions.organization_id_of(user)
        if device is not None:
            otp_login(request, device)
            audit.record(actor, Action.LOGIN, detail="second factor", organization_id=org_id)
            return redirect(safe_next(request, "support:home"))
        audit.record(actor, Action.LOGIN_FAILED, detail="second factor", organization_id=org_id)
        form.add_error("token", _("That code is not right."))
    return render(
        request,
        "support/form.html",
        {"form": form, "title": _("Enter your sign-in code"), "submit": _("Continue"), "next": safe_next(request, "")},
    )


@require_http_methods(["GET", "POST"])
@case_desk(permissions.can_use_cases)
def reauthenticate(request: HttpRequest) -> HttpResponse:
    """Password and a fresh code again, before an export (valid BT_REAUTH_SECONDS)."""
    user = signed_in_account(request.user)
    form = ReauthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Through authenticate() so that django-axes counts wrong passwords here too.
        password_ok = (
            authenticate(request, username=user.get_username(), password=form.cleaned_data["password"]) is not None
        )
        if password_ok and match_token(user, form.cleaned_data["token"]):
            request.session[REAUTH_KEY] = time.time()
            return redirect(safe_next(request, "support:home"))
        audit.record(
            audit.actor_from(request),
            Action.LOGIN_FAILED,
            detail="re-authentication",
            organization_id=permissions.organization_id_of(user),
        )
        messages.error(request, _("The password or the code is not right."))
    return render(
        request,
        "support/form.html",
        {
            "form": form,
            "title": _("Confirm it is you"),
            "submit": _("Confirm"),
            "intro": _("Exports need your password and a new code."),
            "next": safe_next(request, ""),
        },
    )
