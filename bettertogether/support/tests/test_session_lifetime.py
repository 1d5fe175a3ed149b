"""Staff sessions on shared office computers: the cookie ends with the browser, and a session ends
8 hours after signing in however active it stays. Public pages still set no cookie."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from bettertogether.core.tests.factories import PASSWORD
from bettertogether.support.middleware import SESSION_KEY as LAST_SEEN
from bettertogether.support.middleware import SIGNED_IN_KEY

from .factories import member, signed_in

EIGHT_HOURS = 8 * 3600


def test_the_session_cookie_ends_with_the_browser(orgs: dict[str, Any]) -> None:
    staff = member("partner_staff", orgs["own"])
    client = Client()
    response = client.post(reverse("login"), {"username": staff.username, "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # no lifetime: gone when the browser closes
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    # …and the server forgets it after 8 hours at most.
    assert settings.SESSION_COOKIE_AGE <= EIGHT_HOURS
    assert client.session.get_expiry_age() <= EIGHT_HOURS


def test_an_active_session_ends_eight_hours_after_signing_in(orgs: dict[str, Any]) -> None:
    client = signed_in(member("partner_staff", orgs["own"]))
    url = reverse("support:helpline-list")
    assert client.get(url).status_code == 200
    session = client.session
    session[SIGNED_IN_KEY] = int(time.time()) - EIGHT_HOURS + 60  # signed in 7 h 59 min ago, active now
    session[LAST_SEEN] = int(time.time())
    session.save()
    assert client.get(url).status_code == 200
    session = client.session
    session[SIGNED_IN_KEY] = int(time.time()) - EIGHT_HOURS - 1
    session[LAST_SEEN] = int(time.time())
    session.save()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize("path", ["/en/", "/fr/services/", "/es/positions/", "/tl/resources/"])
def test_public_pages_set_no_cookie(client: Client, db: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200 and not response.cookies
