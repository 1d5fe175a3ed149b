"""The onboarding pages and the invitation e-mail in French, Spanish and Tagalog."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from bettertogether.staff import services
from bettertogether.staff.models import Invitation

from .helpers import signed_in

pytestmark = pytest.mark.django_db

WORDS = {
    "fr": ("Inviter quelqu'un", "Envoyer l'invitation", "Rejoindre Better Together", "Créer mon compte"),
    "es": ("Invitar a alguien", "Enviar la invitación", "Unirse a Better Together", "Crear mi cuenta"),
    "tl": ("Mag-imbita ng tao", "Ipadala ang imbitasyon", "Sumali sa Better Together", "Gawin ang aking account"),
}


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_invite_and_join_pages_speak_the_language(lang: str, people: dict[str, Any], orgs: dict[str, Any]) -> None:
    Invitation.objects.create(
        email="x@example.org",
        role="partner_staff",
        organization_id=orgs["own"].pk,
        token_hash=services.hash_token("a-token"),
        expires_at=timezone.now() + dt.timedelta(hours=1),
    )
    with translation.override(lang):
        invite_url, join_url = reverse("staff:invite"), reverse("staff:join", args=["a-token"])
        people_url = reverse("staff:people")
    invite_page = signed_in(people["coordinator"]).get(invite_url).content.decode()
    join_page = Client().get(join_url, follow=True).content.decode()
    title, button, join_title, create = WORDS[lang]
    assert title in invite_page and button in invite_page
    assert join_title in join_page and create in join_page
    assert "Choose a password" not in join_page and "Create my account" not in join_page
    response = signed_in(people["coordinator"]).post(
        invite_url, {"email": "y@example.org", "role": "partner_staff", "organization": str(orgs["own"].pk)}
    )
    assert response["Location"] == people_url
    assert "Better Together" in mail.outbox[-1].subject and f"/{lang}/staff/join/" in mail.outbox[-1].body
    assert "invited you" not in mail.outbox[-1].body
