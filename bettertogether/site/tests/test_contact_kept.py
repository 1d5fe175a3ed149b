"""The contact form when the mail server fails: the message is kept sealed, the sender sees a
translated notice with the helplines and keeps their rate-limit slot; administrators send it
again or clear it. A line break in `reply_to` is a form error, never a 500."""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone, translation

from bettertogether.core import ratelimit
from bettertogether.core.tests.factories import AdministratorFactory, CoordinatorFactory, sign_in
from bettertogether.site import retention, services
from bettertogether.site.models import KeptMessage
from bettertogether.site.tests.test_home import helplines  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
MESSAGE = "My employer kept my passport. Maria Dela Cruz, farm near Kentville"
FORM = {"name": "Maria Dela Cruz", "reply_to": "maria@example.org", "message": MESSAGE, "website": ""}


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def mail_down(settings) -> None:
    """The SMTP backend pointed at a loopback port nothing listens on: connection refused."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _closed_port()
    settings.EMAIL_TIMEOUT = 2


def mail_up(settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.mark.usefixtures("helplines")
@pytest.mark.parametrize("lang", ["en", "fr", "es", "tl"])
def test_mail_down_keeps_the_message_sealed_and_shows_the_helplines(client: Client, mail_down, lang: str) -> None:
    response = client.post(f"/{lang}/contact/", FORM)
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override(lang):
        assert translation.gettext("Message received") in html
    assert "1-866-602-9448" in html and "1-888-315-0110" in html  # the helplines
    assert MESSAGE not in html and "Maria" not in html
    kept = KeptMessage.objects.get()
    assert (kept.name, kept.reply_to, kept.message, kept.language) == (FORM["name"], FORM["reply_to"], MESSAGE, lang)
    assert kept.last_error == "ConnectionRefusedError"
    # Sealed at rest: the raw row holds none of it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, reply_to, message FROM site_keptmessage")
        raw = " ".join(cursor.fetchone())
    for plain in ("Maria", "maria@example.org", "passport", "Kentville"):
        assert plain not in raw
    # The sender's rate-limit slot is untouched.
    key = ratelimit.hash_key(services.CONTACT_SCOPE, "127.0.0.1")
    limit = services.contact_limit()
    assert ratelimit.remaining(services.CONTACT_SCOPE, key, limit=limit, window=services.CONTACT_WINDOW) == limit


def test_a_failure_does_not_spend_the_senders_slot(client: Client, mail_down, settings, mailoutbox) -> None:
    settings.BT_CONTACT_RATE = 2
    for _ in range(2):
        assert client.post("/en/contact/", {"message": "Hello"}).status_code == 200
    assert KeptMessage.objects.count() == 2
    mail_up(settings)
    for _ in range(2):
        response = client.post("/en/contact/", {"message": "Hello again"})
        assert response.status_code == 200 and "Message sent" in response.content.decode()
    assert client.post("/en/contact/", {"message": "Once more"}).status_code == 429
    assert len(mailoutbox) == 2


@pytest.mark.usefixtures("helplines")
def test_kept_messages_are_limited_too_and_the_text_comes_back(client: Client, mail_down, settings) -> None:
    settings.BT_CONTACT_RATE = 1
    assert client.post("/fr/contact/", FORM).status_code == 200
    response = client.post("/fr/contact/", {**FORM, "message": "Second message, word for word"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "Second message, word for word" in html  # the sender's text, to copy or send later
    assert "1-866-602-9448" in html
    with translation.override("fr"):
        notice = translation.gettext(
            "Your message could not be sent just now, and it was not kept. Your text is still below: copy it or try "
            "again later. If you need help now, call one of the lines below."
        )
    assert notice.startswith("Votre message") and notice[:60] in html
    assert KeptMessage.objects.count() == 1


@pytest.mark.parametrize("reply_to", ["ana@example.org\nBcc: victim@example.org", "ana@example.org\r\nX: y", "a\x00b"])
def test_a_line_break_in_reply_to_is_a_form_error(client: Client, mailoutbox, reply_to: str) -> None:
    response = client.post("/en/contact/", {"reply_to": reply_to, "message": "Hi"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    # Every form refuses control characters (core.text_input) before the field's own one-line rule.
    assert "Remove the invisible control character" in html or "Write the address or number on one line." in html
    assert mailoutbox == [] and not KeptMessage.objects.exists()


def test_administrators_read_send_again_and_clear_kept_messages(client: Client, mail_down, settings) -> None:
    client.post("/en/contact/", FORM)
    client.post("/en/contact/", {**FORM, "message": "Another one"})
    first, second = KeptMessage.objects.order_by("pk")
    admin = sign_in(Client(), AdministratorFactory())
    listing = admin.get("/admin/site/keptmessage/")
    assert listing.status_code == 200
    assert MESSAGE not in listing.content.decode()  # the list shows no content
    detail = admin.get(f"/admin/site/keptmessage/{first.pk}/change/").content.decode()
    assert MESSAGE in detail and "maria@example.org" in detail
    assert admin.get("/admin/site/keptmessage/add/").status_code == 403

    # Still down: the message stays, one attempt more.
    action = {"action": "send_again", "_selected_action": [first.pk]}
    admin.post("/admin/site/keptmessage/", action)
    assert KeptMessage.objects.get(pk=first.pk).attempts == 2

    mail_up(settings)
    response = admin.post("/admin/site/keptmessage/", action, follow=True)
    assert "1 message sent." in response.content.decode()
    assert [m.body.endswith(MESSAGE) for m in mail.outbox] == [True]
    assert mail.outbox[0].reply_to == ["maria@example.org"]
    assert not KeptMessage.objects.filter(pk=first.pk).exists()

    admin.post(
        "/admin/site/keptmessage/",
        {"action": "delete_selected", "_selected_action": [second.pk], "post": "yes"},
    )
    assert not KeptMessage.objects.exists()


def test_only_administrators_see_kept_messages(client: Client, mail_down) -> None:
    client.post("/en/contact/", FORM)
    kept = KeptMessage.objects.get()
    coordinator = sign_in(Client(), CoordinatorFactory(is_staff=True))
    assert coordinator.get(f"/admin/site/keptmessage/{kept.pk}/change/").status_code in (302, 403)
    assert coordinator.get("/admin/site/keptmessage/").status_code in (302, 403)


def test_kept_messages_expire(mail_down, client: Client, settings) -> None:
    settings.BT_CONTACT_KEPT_DAYS = 30
    client.post("/en/contact/", FORM)
    now = timezone.now()
    assert retention.purge(now + dt.timedelta(days=29)) == {"kept_messages": 0}
    assert retention.purge(now + dt.timedelta(days=31), dry_run=True) == {"kept_messages": 1}
    assert KeptMessage.objects.count() == 1
    assert retention.purge(now + dt.timedelta(days=31)) == {"kept_messages": 1}
    assert not KeptMessage.objects.exists()
