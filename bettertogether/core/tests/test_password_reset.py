"""Staff password reset: one mail with only a link, no account enumeration, rate-limited requests,
links that last one hour and work once, validated new passwords, CSRF cookie only."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import trans_real

from bettertogether.core.auth_views import RESET_LIMIT
from bettertogether.core.tests.factories import PASSWORD, CaseWorkerFactory

pytestmark = pytest.mark.django_db

REQUEST = "/en/accounts/password/reset/"
SENT = "/en/accounts/password/reset/sent/"
LINK = re.compile(r"http://testserver(/en/accounts/password/reset/[0-9A-Za-z_-]+/[0-9a-z]+-[0-9a-f]+/)")
NEW_PASSWORD = "harbour-lantern-quiet-87"


@pytest.fixture
def staff():
    return CaseWorkerFactory(
        username="mdelacruz", email="m.delacruz@partner.example.org", first_name="Maria", last_name="Dela Cruz"
    )


def link_for(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/en/accounts/password/reset/{uid}/{default_token_generator.make_token(user)}/"


def test_request_sends_one_mail_with_only_the_link_and_the_site_name(client: Client, staff) -> None:
    response = client.post(REQUEST, {"email": "M.DelaCruz@partner.example.org"})
    assert response.status_code == 302 and response["Location"] == SENT
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [staff.email]
    assert message.subject == "Password reset on Better Together"
    links = LINK.findall(str(message.body))
    assert len(links) == 1 and links[0].startswith(REQUEST)
    # Everything but the link is fixed text: no name, username, address or case detail.
    assert message.body.replace(f"http://testserver{links[0]}", "<link>") == (
        "Someone asked to reset the password of a Better Together staff account that uses this e-mail address.\n\n"
        "To choose a new password, open this link. It works once, within one hour:\n\n"
        "<link>\n\n"
        "If you did not ask for this, ignore this message: your password stays the same.\n\n"
        "Better Together\n"
    )
    for personal in (staff.username, staff.email, "Maria", "Dela Cruz", "partner.example.org"):
        assert personal not in message.body and personal not in message.subject
    assert not getattr(message, "alternatives", [])  # plain text only


def test_unknown_or_inactive_address_gets_the_same_answer_and_no_mail(client: Client, staff) -> None:
    known = client.post(REQUEST, {"email": staff.email}, follow=True)
    mail.outbox.clear()
    CaseWorkerFactory(username="gone", email="gone@example.org", is_active=False)
    for address in ("nobody@example.org", "gone@example.org"):
        response = client.post(REQUEST, {"email": address})
        assert response.status_code == 302 and response["Location"] == SENT
        followed = client.get(SENT)
        assert followed.content == known.content
    assert mail.outbox == []
    assert "If an account exists with that address" in known.content.decode()


def test_requests_are_rate_limited_per_client(client: Client, staff) -> None:
    for _ in range(RESET_LIMIT):
        assert client.post(REQUEST, {"email": staff.email}).status_code == 302
    response = client.post(REQUEST, {"email": staff.email})
    assert response.status_code == 429
    assert "Too many requests from this connection" in response.content.decode()
    assert len(mail.outbox) == RESET_LIMIT
    # Another client is not affected.
    other = Client(REMOTE_ADDR="198.51.100.9")
    assert other.post(REQUEST, {"email": "nobody@example.org"}).status_code == 302


def test_link_works_once(client: Client, staff) -> None:
    client.post(REQUEST, {"email": staff.email})
    link = LINK.findall(str(mail.outbox[0].body))[0]

    page = client.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="new_password1"' in html and "This link no longer works" not in html
    assert set(page.cookies) == {"csrftoken"}  # no session cookie before signing in
    assert page["Referrer-Policy"] == "strict-origin"  # the URL holds the token: no path in any Referer

    done = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/en/accounts/password/reset/done/"
    assert "sessionid" not in done.cookies  # not signed in by the reset
    staff.refresh_from_db()
    assert staff.check_password(NEW_PASSWORD)
    assert "Password changed" in client.get(done["Location"]).content.decode()

    again = client.get(link)
    assert again.status_code == 200
    assert "This link no longer works" in again.content.decode()
    assert 'name="new_password1"' not in again.content.decode()
    client.post(link, {"new_password1": "another-harbour-44", "new_password2": "another-harbour-44"})
    staff.refresh_from_db()
    assert staff.check_password(NEW_PASSWORD)


def test_link_expires_after_one_hour(client: Client, staff) -> None:
    link = link_for(staff)
    now = dt.datetime.now()  # noqa: DTZ005  (the token generator's own clock, _now(), is naive)
    with mock.patch.object(PasswordResetTokenGenerator, "_now", return_value=now + dt.timedelta(minutes=59)):
        assert 'name="new_password1"' in client.get(link).content.decode()
    with mock.patch.object(PasswordResetTokenGenerator, "_now", return_value=now + dt.timedelta(minutes=61)):
        assert "This link no longer works" in client.get(link).content.decode()
        client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)


def test_link_dies_when_the_password_changes_otherwise(client: Client, staff) -> None:
    link = link_for(staff)
    staff.set_password("changed-elsewhere-31")
    staff.save()
    assert "This link no longer works" in client.get(link).content.decode()


@pytest.mark.parametrize(
    ("first", "second"),
    [("12345", "12345"), ("mdelacruz1", "mdelacruz1"), ("password123", "password123"), (NEW_PASSWORD, "other-9")],
    ids=["short", "like-username", "common", "mismatch"],
)
def test_new_password_must_pass_the_validators(client: Client, staff, first: str, second: str) -> None:
    link = link_for(staff)
    response = client.post(link, {"new_password1": first, "new_password2": second})
    assert response.status_code == 200
    assert 'class="errors"' in response.content.decode()
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)
    assert 'name="new_password1"' in client.get(link).content.decode()  # still usable


def test_login_page_links_to_the_reset_page(client: Client) -> None:
    html = client.get("/en/accounts/login/").content.decode()
    assert f'href="{REQUEST}"' in html
    assert "Forgot your password?" in html


@pytest.fixture(scope="module")
def compiled() -> None:
    # The pages read the .mo files: compile what changed, then reload them.
    call_command("compile_translations", verbosity=0)
    trans_real._translations = {}  # type: ignore[attr-defined]
    trans_real._default = None  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["fr", "es", "tl"])
def test_reset_pages_are_translated_csp_safe_and_set_only_the_csrf_cookie(
    compiled: None, client: Client, staff, lang: str
) -> None:
    form = client.get(f"/{lang}/accounts/password/reset/")
    assert form.status_code == 200 and set(form.cookies) == {"csrftoken"}
    assert "Reset your password" not in form.content.decode()
    response = client.post(f"/{lang}/accounts/password/reset/", {"email": staff.email})
    sent = client.get(response["Location"])
    assert not sent.cookies
    assert "If an account exists" not in sent.content.decode()
    assert f"/{lang}/accounts/password/reset/" in mail.outbox[0].body
    assert "Someone asked" not in mail.outbox[0].body and "Password reset" not in mail.outbox[0].subject
    for page in (form, sent):
        html = page.content.decode()
        assert f'<html lang="{lang}">' in html
        assert " style=" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_a_completed_reset_lifts_a_lockout(client: Client, staff) -> None:
    AccessAttempt.objects.create(
        username=staff.username,
        ip_address="198.51.100.7",
        user_agent="test",
        http_accept="*/*",
        path_info="/en/accounts/login/",
        get_data="",
        post_data="",
        failures_since_start=50,
    )
    done = client.post(link_for(staff), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert not AccessAttempt.objects.filter(username=staff.username).exists()
    assert client.post("/en/accounts/login/", {"username": staff.username, "password": NEW_PASSWORD}).status_code == 302
