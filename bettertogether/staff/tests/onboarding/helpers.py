"""Shared steps of the onboarding tests."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse

from bettertogether.core.tests.factories import sign_in

LINK = re.compile(r"https?://\S+/staff/join/([A-Za-z0-9_\-]+)/")
NEW_PASSWORD = "plum-harbour-lantern-42"


def signed_in(user: Any) -> Client:
    return sign_in(Client(), user)


def invite(client: Client, email: str, role: str, organization: Any = None) -> Any:
    data = {"email": email, "role": role, "organization": str(organization.pk) if organization is not None else ""}
    return client.post(reverse("staff:invite"), data)


def token_from_last_mail() -> str:
    match = LINK.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def accept(token: str, password: str = NEW_PASSWORD, client: Client | None = None) -> Any:
    """Open the link (it sends on to the form, the token kept in the session), then choose a password."""
    client = client or Client()
    opened = client.get(reverse("staff:join", args=[token]))
    if opened.status_code != 302:
        return opened
    assert opened["Location"] == reverse("staff:join-form")
    return client.post(reverse("staff:join-form"), {"password1": password, "password2": password})
