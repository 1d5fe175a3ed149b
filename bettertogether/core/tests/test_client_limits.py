"""Limits per client behind the documented proxy: sign-in lockout (django-axes), the sign-in limiter and
the API throttle all see the client the trusted proxies report, and nobody else's X-Forwarded-For."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.test import Client, override_settings
from django.urls import reverse

from bettertogether.core.auth_views import LOGIN_LIMIT, RESET_LIMIT
from bettertogether.core.tests.factories import PASSWORD, AdministratorFactory, PartnerStaffFactory
from bettertogether.core.throttling import ClientRateThrottle

pytestmark = pytest.mark.django_db
PROXY = "127.0.0.1"  # gunicorn behind nginx on the same machine, as docs/deploy.md sets it up


def via_proxy(address: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def sign_in(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password})


@override_settings(BT_TRUSTED_PROXIES=(f"{PROXY}/32",))
def test_guesses_from_one_address_do_not_lock_out_an_administrator_elsewhere():
    """The attack: behind the proxy every visitor was 127.0.0.1, so 11 bad sign-ins by anyone locked
    the administrator out too."""
    admin = AdministratorFactory()
    victim = PartnerStaffFactory()
    for n in range(settings.AXES_FAILURE_LIMIT):
        # An attacker spreading guesses over accounts (each account stays under its own limit).
        sign_in(via_proxy("198.51.100.66"), f"{victim.username}{n % 2 or ''}", "wrong")
    # …stays locked out themselves,
    assert sign_in(via_proxy("198.51.100.66"), admin.username, PASSWORD).status_code == 429
    # …while the administrator, at another address, signs in.
    elsewhere = via_proxy("203.0.113.20")
    assert sign_in(elsewhere, admin.username, PASSWORD).status_code == 302
    assert SESSION_KEY in elsewhere.session


def test_a_forged_forwarded_for_from_an_untrusted_peer_is_ignored_by_axes():
    staff = PartnerStaffFactory()
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR=f"10.1.0.{n}"), f"nobody{n}", "wrong")
    forged = Client(REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert sign_in(forged, staff.username, PASSWORD).status_code == 429


def test_successful_sign_ins_are_not_counted_by_the_limiter():
    staff = PartnerStaffFactory()
    for _ in range(LOGIN_LIMIT + 5):
        client = Client()
        assert sign_in(client, staff.username, PASSWORD).status_code == 302
    # …and a mistake after them is still allowed.
    assert sign_in(Client(), staff.username, "wrong").status_code == 200


def test_a_refused_attempt_never_checks_the_password(monkeypatch):
    """Once refused (limiter or lockout), the right password must make no difference, not even in time."""
    staff = PartnerStaffFactory()
    checked: list[str] = []
    original = ModelBackend.authenticate

    def counting(self: ModelBackend, request: Any, username: str | None = None, password: str | None = None, **kw):
        checked.append(password or "")
        return original(self, request, username=username, password=password, **kw)

    monkeypatch.setattr(ModelBackend, "authenticate", counting)
    for _ in range(LOGIN_LIMIT):
        sign_in(Client(), staff.username, "wrong")
    assert len(checked) == LOGIN_LIMIT
    refused = sign_in(Client(), staff.username, PASSWORD)
    assert refused.status_code == 429 and len(checked) == LOGIN_LIMIT
    page = refused.content.decode()  # what was typed comes back, but never the password
    assert f'value="{staff.username}"' in page and PASSWORD not in page
    # Locked out by django-axes (guesses from many addresses, so the per-address limiter never answers).
    other = PartnerStaffFactory()
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(REMOTE_ADDR=f"203.0.113.{n + 1}"), other.username, "wrong")
    checked.clear()
    right = sign_in(Client(REMOTE_ADDR="198.51.100.1"), other.username, PASSWORD)
    wrong = sign_in(Client(REMOTE_ADDR="198.51.100.2"), other.username, "wrong")
    assert checked == []
    assert right.status_code == wrong.status_code == 429
    assert right.content.replace(b"198.51.100.1", b"") == wrong.content.replace(b"198.51.100.2", b"")


# ---------------------------------------------------------------------------------------------------------------
# The API throttle


@pytest.fixture
def three_a_minute(monkeypatch, settings):
    settings.REST_FRAMEWORK_THROTTLE_DISABLED = False  # (the test settings turn the HSDS API's throttle off)
    monkeypatch.setitem(ClientRateThrottle.THROTTLE_RATES, "anon", "3/minute")


HSDS_API = "/api/hsds/services"


@pytest.mark.usefixtures("three_a_minute")
def test_random_forwarded_for_values_do_not_bypass_the_api_throttle():
    answers = [Client(HTTP_X_FORWARDED_FOR=str(uuid.uuid4())).get(HSDS_API).status_code for _ in range(5)]
    assert answers == [200, 200, 200, 429, 429]
    refused = Client().get(HSDS_API)
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60


@pytest.mark.usefixtures("three_a_minute")
@override_settings(BT_TRUSTED_PROXIES=(f"{PROXY}/32",))
def test_behind_the_proxy_each_client_has_its_own_allowance():
    for address in ("203.0.113.1", "203.0.113.2"):
        assert [via_proxy(address).get(HSDS_API).status_code for _ in range(4)] == [200, 200, 200, 429]


# ---------------------------------------------------------------------------------------------------------------
# Public forms (contact, suggestions, registrations, password resets share core.ratelimit)


@override_settings(BT_TRUSTED_PROXIES=(f"{PROXY}/32",), BT_CONTACT_RATE=2)
def test_behind_the_proxy_the_contact_limit_is_per_visitor_not_per_site(mailoutbox):
    for address in ("203.0.113.1", "203.0.113.2"):
        answers = [via_proxy(address).post("/en/contact/", {"message": "Hi"}).status_code for _ in range(3)]
        assert answers == [200, 200, 429]
    assert len(mailoutbox) == 4


@override_settings(BT_TRUSTED_PROXIES=(f"{PROXY}/32",))
def test_behind_the_proxy_password_resets_are_limited_per_visitor():
    url = reverse("password_reset")
    for address in ("203.0.113.1", "203.0.113.2"):
        answers = [via_proxy(address).post(url, {"email": "x@example.org"}).status_code for _ in range(RESET_LIMIT + 1)]
        assert answers[-1] == 429 and 429 not in answers[:-1]
