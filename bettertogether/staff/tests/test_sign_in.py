"""The way in: the footer's staff sign-in link, and every sign-in landing on the staff home."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from bettertogether.core.tests.factories import PASSWORD
from bettertogether.support.tests.factories import member

pytestmark = pytest.mark.django_db


def test_every_public_page_has_a_staff_sign_in_link_in_its_footer(client: Client) -> None:
    for url in ("/en/", "/fr/services/", "/es/events/"):
        html = client.get(url).content.decode()
        footer = html[html.index('<footer class="foot">') :]
        assert f'href="{url[:3]}/accounts/login/"' in footer, url


def _sign_in(client: Client, username: str, lang: str = "en", next_url: str | None = None) -> Any:
    data = {"username": username, "password": PASSWORD}
    if next_url is not None:
        data["next"] = next_url
    with translation.override(lang):
        return client.post(reverse("login"), data)


@pytest.mark.parametrize("lang", ["en", "fr", "tl"])
def test_sign_in_lands_on_the_staff_home_in_the_page_language(client: Client, lang: str) -> None:
    user = member("coordinator")
    response = _sign_in(client, user.username, lang)
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/staff/"


def test_a_safe_next_wins(client: Client) -> None:
    user = member("coordinator")
    response = _sign_in(client, user.username, next_url="/en/gaps/")
    assert response["Location"] == "/en/gaps/"


def test_an_unsafe_next_is_ignored(client: Client) -> None:
    user = member("coordinator")
    response = _sign_in(client, user.username, next_url="https://attacker.example/phish")
    assert response["Location"] == "/en/staff/"


def test_the_staff_home_asks_an_anonymous_visitor_to_sign_in(client: Client) -> None:
    response = client.get(reverse("staff:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")
