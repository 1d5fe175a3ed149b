"""Rights and contact pages (issue 6); the program page is tested in the program app."""

import pytest
from django.core.cache import cache
from django.test import Client

from bettertogether.core import ratelimit
from bettertogether.site import services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["en", "fr", "es", "tl"])
@pytest.mark.parametrize("page", ["rights"])
def test_program_pages_render_in_each_language_without_cookies(client: Client, lang: str, page: str) -> None:
    response = client.get(f"/{lang}/{page}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()
    assert response.cookies == {} and not response.has_header("Set-Cookie")


def test_rights_page_has_tap_to_call_lines_per_province(client: Client) -> None:
    html = client.get("/en/rights/").content.decode()
    for heading in (
        "No recruitment fees",
        "passport",
        "refuse unsafe work",
        "workers&#x27; compensation",
        "How to complain",
    ):
        assert heading in html, heading
    assert 'href="tel:+18666029448"' in html  # federal tip line
    assert 'href="tel:+18883150110"' in html  # NS Labour Standards
    assert 'href="tel:+18884522687"' in html  # NB Employment Standards
    assert 'href="tel:+18003334362"' in html  # PEI Employment Standards
    assert 'href="tel:+18008703331"' in html  # WCB NS
    assert 'href="tel:+18009999775"' in html  # WorkSafeNB


def test_contact_page_sets_only_the_csrf_cookie(client: Client) -> None:
    response = client.get("/en/contact/")
    assert response.status_code == 200
    assert set(response.cookies) == {"csrftoken"}


def test_contact_sends_mail_and_keeps_nothing(client: Client, mailoutbox, settings) -> None:
    settings.BT_PROGRAM_EMAIL = "team@example.org"
    response = client.post(
        "/en/contact/", {"name": "Ana", "reply_to": "ana@example.org", "message": "Hello <script>", "website": ""}
    )
    assert response.status_code == 200 and "Message sent" in response.content.decode()
    (mail,) = mailoutbox
    assert mail.to == ["team@example.org"] and mail.reply_to == ["ana@example.org"]
    assert "Hello <script>" in mail.body
    # Only a hash of the client address is stored, for the rate limit.
    key = ratelimit.hash_key(services.CONTACT_SCOPE, "127.0.0.1")
    assert ratelimit.remaining(services.CONTACT_SCOPE, key, limit=2, window=services.CONTACT_WINDOW) == 1
    assert not any("127.0.0.1" in str(name) for name in cache._cache)  # type: ignore[attr-defined]  # LocMemCache


def test_contact_honeypot_drops_the_message(client: Client, mailoutbox) -> None:
    response = client.post("/en/contact/", {"message": "Buy now", "website": "http://spam.example"})
    assert response.status_code == 200 and "Message sent" in response.content.decode()
    assert mailoutbox == []


def test_contact_is_rate_limited_per_address(client: Client, mailoutbox, settings) -> None:
    settings.BT_CONTACT_RATE = 2
    for _ in range(2):
        assert client.post("/en/contact/", {"message": "Hi"}).status_code == 200
    response = client.post("/en/contact/", {"message": "Hi"})
    assert response.status_code == 429
    assert len(mailoutbox) == 2
    # Another address is not limited.
    assert client.post("/en/contact/", {"message": "Hi"}, REMOTE_ADDR="10.0.0.9").status_code == 200
    assert len(mailoutbox) == 3


def test_contact_requires_a_message(client: Client, mailoutbox) -> None:
    response = client.post("/en/contact/", {"message": ""})
    assert response.status_code == 200 and mailoutbox == []
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "text"),
    [("fr", "Vos droits en bref"), ("es", "Sus derechos en breve"), ("tl", "Ang iyong mga karapatan")],
)
def test_rights_page_is_translated(client: Client, lang: str, text: str) -> None:
    assert text in client.get(f"/{lang}/rights/").content.decode()
