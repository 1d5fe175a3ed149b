"""Every staff-home URL × every role → the expected status, generated from home_urls.py: a new URL
without a row in EXPECTED fails `test_every_url_has_expectations`. Anonymous visitors are sent to
sign in; a case worker without the second factor is sent to enter a code first."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from bettertogether.staff import home_urls
from bettertogether.support.tests.factories import member, signed_in

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "partner_staff",
    "partner_without_organization",
    "case_worker",
    "case_worker_unverified",
    "coordinator",
    "funder_approver",
    "administrator",
]
SIGNED_IN = dict.fromkeys(ROLES, 200) | {"anonymous": 302, "case_worker_unverified": 302}
EXPECTED: dict[str, dict[str, int]] = {"home": SIGNED_IN}


def patterns() -> list[URLPattern]:
    return [p for p in home_urls.urlpatterns if isinstance(p, URLPattern)]


def test_every_url_has_expectations() -> None:
    names = {p.name for p in patterns()}
    assert names == set(EXPECTED), f"add rows for {names - set(EXPECTED)}, drop {set(EXPECTED) - names}"


def _client(role: str, orgs: dict[str, Any]) -> Client:
    if role == "anonymous":
        return Client()
    if role == "partner_without_organization":
        return signed_in(member("partner_staff"))
    if role == "case_worker_unverified":
        return signed_in(member("case_worker", orgs["own"]), second_factor=False)
    if role in ("partner_staff", "case_worker"):
        return signed_in(member(role, orgs["own"]))
    return signed_in(member(role))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_matrix(name: str, role: str, orgs: dict[str, Any]) -> None:
    url = reverse(f"staff:{name}")
    response = _client(role, orgs).get(url)
    assert response.status_code == EXPECTED[name][role], (name, role, response.status_code)
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))
    elif role == "case_worker_unverified":
        assert response["Location"].startswith(reverse("support:otp-verify"))  # or its set-up page below it
    # Staff pages are never stored by a browser or a shared cache.
    assert "no-store" in response.get("Cache-Control", "") or response.status_code == 302


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_writes_are_refused(name: str, orgs: dict[str, Any]) -> None:
    response = signed_in(member("coordinator")).post(reverse(f"staff:{name}"))
    assert response.status_code == 405
