"""The invitation lifecycle: pending → accepted | expired | revoked, one use, the inviter's limits."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bettertogether.directory.models import ChangeLog, Membership
from bettertogether.staff import services
from bettertogether.staff.models import Invitation

from .helpers import NEW_PASSWORD, accept, invite, signed_in, token_from_last_mail

User = get_user_model()
pytestmark = pytest.mark.django_db


def test_coordinator_invites_a_partner_who_joins_and_signs_in(
    people: dict[str, Any], orgs: dict[str, Any], caplog: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    coordinator = signed_in(people["coordinator"])
    response = invite(coordinator, "New.Person@Example.org", "partner_staff", orgs["own"])
    assert response.status_code == 302 and response["Location"] == reverse("staff:people")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new.person@example.org"]
    token = token_from_last_mail()
    invitation = Invitation.objects.get()
    assert invitation.state == "pending" and invitation.organization_id == orgs["own"].pk
    assert invitation.expires_at - invitation.created_at == dt.timedelta(hours=72)
    # Only the token's hash is stored; neither the change log nor any log line holds the token.
    assert invitation.token_hash == services.hash_token(token) and token not in invitation.token_hash
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM staff_invitation")
        assert token not in repr(cursor.fetchall())
    assert token not in repr(list(ChangeLog.objects.values_list("changes", "note")))
    assert token not in caplog.text

    visitor = Client()
    opened = visitor.get(reverse("staff:join", args=[token]))
    assert opened.status_code == 302 and opened["Referrer-Policy"] == "no-referrer"
    assert opened["Location"] == reverse("staff:join-form")  # the form's URL holds no token
    page = visitor.get(opened["Location"])
    assert b"new.person@example.org" in page.content and b"Own Centre" in page.content
    done = accept(token, client=visitor)
    assert done.status_code == 200 and b"Your account is ready" in done.content
    account = User.objects.get(username="new.person@example.org")
    assert account.role == "partner_staff" and account.is_active
    assert Membership.objects.get(user=account).organization_id == orgs["own"].pk
    invitation.refresh_from_db()
    assert invitation.state == "accepted" and invitation.account == account
    assert ChangeLog.objects.filter(action="invitation.accept", object_id=str(invitation.pk), user=account).exists()

    client = Client()
    login = client.post(reverse("login"), {"username": "new.person@example.org", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert client.get(reverse("directory_manage:index")).status_code == 200


def test_a_link_works_once(people: dict[str, Any], orgs: dict[str, Any]) -> None:
    invite(signed_in(people["coordinator"]), "once@example.org", "partner_staff", orgs["own"])
    token = token_from_last_mail()
    assert accept(token).status_code == 200
    again = accept(token, "another-password-99")
    assert again.status_code == 410 and b"does not work" in again.content
    assert Client().get(reverse("staff:join", args=[token])).status_code == 410
    assert User.objects.filter(username="once@example.org").count() == 1
    assert User.objects.get(username="once@example.org").check_password(NEW_PASSWORD)


def test_an_expired_link_is_refused_and_recorded(people: dict[str, Any], orgs: dict[str, Any]) -> None:
    invite(signed_in(people["coordinator"]), "late@example.org", "partner_staff", orgs["own"])
    token = token_from_last_mail()
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert Client().get(reverse("staff:join", args=[token])).status_code == 410
    assert accept(token).status_code == 410
    assert Invitation.objects.get().state == "expired"
    assert not User.objects.filter(username="late@example.org").exists()
    assert ChangeLog.objects.filter(action="invitation.expire").count() == 1


def test_a_withdrawn_link_is_refused(people: dict[str, Any], orgs: dict[str, Any]) -> None:
    coordinator = signed_in(people["coordinator"])
    invite(coordinator, "withdrawn@example.org", "partner_staff", orgs["own"])
    token = token_from_last_mail()
    invitation = Invitation.objects.get()
    assert coordinator.post(reverse("staff:invitation-revoke", args=[invitation.pk])).status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == "revoked"
    assert accept(token).status_code == 410
    assert not User.objects.filter(username="withdrawn@example.org").exists()


def test_an_unknown_token_finds_nothing() -> None:
    assert Client().get(reverse("staff:join", args=["not-a-real-token"])).status_code == 404
    assert Client().get(reverse("staff:join-form")).status_code == 404  # nothing opened in this session


def test_a_signed_in_person_cannot_accept_for_someone_else(people: dict[str, Any], orgs: dict[str, Any]) -> None:
    invite(signed_in(people["coordinator"]), "mine@example.org", "partner_staff", orgs["own"])
    token = token_from_last_mail()
    response = accept(token, client=signed_in(people["partner_staff"]))
    assert response.status_code == 409
    assert Invitation.objects.get().state == "pending"


def test_a_partner_invites_a_colleague_into_their_own_organization(
    people: dict[str, Any], orgs: dict[str, Any]
) -> None:
    partner = signed_in(people["partner_staff"])
    assert invite(partner, "colleague@example.org", "partner_staff", orgs["own"]).status_code == 302
    assert Invitation.objects.get().organization_id == orgs["own"].pk


def test_a_partner_cannot_invite_into_another_organization(people: dict[str, Any], orgs: dict[str, Any]) -> None:
    partner = signed_in(people["partner_staff"])
    response = invite(partner, "outsider@example.org", "partner_staff", orgs["other"])
    assert response.status_code == 400 and not Invitation.objects.exists()
    with pytest.raises(services.NotAllowed):
        services.invite(
            people["partner_staff"],
            email="outsider@example.org",
            role="partner_staff",
            organization_id=orgs["other"].pk,
            link_for=str,
        )
    assert not Invitation.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    ("inviter", "role"),
    [
        ("partner_staff", "case_worker"),
        ("partner_staff", "coordinator"),
        ("partner_staff", "administrator"),
        ("case_worker", "coordinator"),
        ("case_worker", "funder_approver"),
        ("coordinator", "administrator"),
        ("funder_approver", "partner_staff"),
    ],
)
def test_nobody_gives_a_role_above_their_own(
    inviter: str, role: str, people: dict[str, Any], orgs: dict[str, Any]
) -> None:
    organization = orgs["own"] if role in ("partner_staff", "case_worker") else None
    response = invite(signed_in(people[inviter]), "climber@example.org", role, organization)
    assert response.status_code in (400, 403)
    with pytest.raises(services.NotAllowed):
        services.invite(
            people[inviter],
            email="climber@example.org",
            role=role,
            organization_id=organization.pk if organization else None,
            link_for=str,
        )
    assert not Invitation.objects.exists()


def test_an_address_with_an_active_account_is_not_invited(people: dict[str, Any], orgs: dict[str, Any]) -> None:
    response = invite(signed_in(people["coordinator"]), people["own_colleague"].email, "partner_staff", orgs["own"])
    assert response.status_code == 400 and b"already uses this address" in response.content
    assert not Invitation.objects.exists()


def test_a_partner_sees_and_withdraws_only_their_organizations_invitations(
    people: dict[str, Any], orgs: dict[str, Any]
) -> None:
    coordinator = signed_in(people["coordinator"])
    invite(coordinator, "to-other@example.org", "partner_staff", orgs["other"])
    other_invitation = Invitation.objects.get()
    partner = signed_in(people["partner_staff"])
    assert b"to-other@example.org" not in partner.get(reverse("staff:people")).content
    assert partner.post(reverse("staff:invitation-revoke", args=[other_invitation.pk])).status_code == 404
    other_invitation.refresh_from_db()
    assert other_invitation.state == "pending"


def test_a_coordinator_invitation_leads_to_setting_up_a_code(people: dict[str, Any]) -> None:
    invite(signed_in(people["administrator"]), "new.coordinator@example.org", "coordinator")
    token = token_from_last_mail()
    page = Client().get(reverse("staff:join", args=[token]), follow=True)
    assert b"set up a sign-in code" in page.content
    assert accept(token).status_code == 200
    client = Client()
    login = client.post(
        reverse("login") + "?next=/en/manage/",
        {"username": "new.coordinator@example.org", "password": NEW_PASSWORD, "next": "/en/manage/"},
    )
    assert login["Location"] == "/en/manage/"
    assert client.get("/en/manage/")["Location"].startswith(reverse("support:otp-setup"))


def test_weak_passwords_are_refused_and_the_link_still_works(people: dict[str, Any], orgs: dict[str, Any]) -> None:
    invite(signed_in(people["coordinator"]), "weak@example.org", "partner_staff", orgs["own"])
    token = token_from_last_mail()
    response = accept(token, "12345678")
    assert response.status_code == 400 and not User.objects.filter(username="weak@example.org").exists()
    assert accept(token).status_code == 200


def test_control_characters_in_the_address_are_refused(people: dict[str, Any], orgs: dict[str, Any]) -> None:
    response = invite(signed_in(people["coordinator"]), "evil\u202e@example.org", "partner_staff", orgs["own"])
    assert response.status_code == 400 and not Invitation.objects.exists()


def test_when_mail_fails_the_invitation_waits_and_no_log_holds_the_link(
    people: dict[str, Any], orgs: dict[str, Any], settings: Any, caplog: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    caplog.set_level(logging.DEBUG)
    coordinator = signed_in(people["coordinator"])
    response = invite(coordinator, "unmailed@example.org", "partner_staff", orgs["own"])
    assert response.status_code == 302
    page = coordinator.get(response["Location"]).content.decode()
    assert "could not be sent" in page
    invitation = Invitation.objects.get()
    assert invitation.state == "pending" and str(invitation.pk) in caplog.text
    assert "/staff/join/" not in caplog.text and "unmailed@example.org" not in caplog.text


def test_withdraw_is_offered_only_where_allowed(people: dict[str, Any], orgs: dict[str, Any]) -> None:
    invite(signed_in(people["coordinator"]), "new.worker@example.org", "case_worker", orgs["own"])
    invitation = Invitation.objects.get()
    withdraw = reverse("staff:invitation-revoke", args=[invitation.pk])
    partner = signed_in(people["partner_staff"])
    page = partner.get(reverse("staff:people")).content.decode()
    assert "new.worker@example.org" in page and withdraw not in page  # a role above a partner's own
    assert partner.post(withdraw).status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == "pending"
    assert withdraw in signed_in(people["case_worker"]).get(reverse("staff:people")).content.decode()
