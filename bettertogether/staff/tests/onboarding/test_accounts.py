"""Closing an account ends its sessions at once; resetting a second factor; both recorded with a reason."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from bettertogether.core.tests.factories import PASSWORD
from bettertogether.directory.models import ChangeLog
from bettertogether.support.models import SealedTOTPDevice

from .helpers import NEW_PASSWORD, accept, invite, signed_in, token_from_last_mail

pytestmark = pytest.mark.django_db
User = get_user_model()


def _close(client: Client, account: Any, reason: str = "Left the organization") -> Any:
    return client.post(reverse("staff:person", args=[account.pk]), {"action": "deactivate", "reason": reason})


def test_closing_an_account_ends_its_session_at_once(people: dict[str, Any]) -> None:
    victim = people["partner_staff"]
    their_client = signed_in(victim)
    assert their_client.get(reverse("directory_manage:index")).status_code == 200
    response = _close(signed_in(people["coordinator"]), victim)
    assert response.status_code == 302
    after = their_client.get(reverse("directory_manage:index"))
    assert after.wsgi_request.user.is_anonymous
    assert after.status_code == 302 and after["Location"].startswith(reverse("login"))
    victim.refresh_from_db()
    assert not victim.is_active and not victim.has_usable_password()
    entry = ChangeLog.objects.get(action="account.deactivate", object_id=str(victim.pk))
    assert entry.user == people["coordinator"] and entry.note == "Left the organization"
    # The old password signs in no more.
    assert Client().post(reverse("login"), {"username": victim.username, "password": PASSWORD}).status_code == 200


def test_a_closed_account_comes_back_only_through_a_new_invitation(
    people: dict[str, Any], orgs: dict[str, Any]
) -> None:
    victim = people["own_colleague"]
    old_session = signed_in(victim)
    coordinator = signed_in(people["coordinator"])
    _close(coordinator, victim)
    assert invite(coordinator, victim.email, "partner_staff", orgs["own"]).status_code == 302
    assert accept(token_from_last_mail()).status_code == 200
    victim.refresh_from_db()
    assert victim.is_active and victim.check_password(NEW_PASSWORD)
    assert User.objects.filter(email=victim.email).count() == 1
    # The session from before the closing stays dead.
    assert old_session.get(reverse("directory_manage:index")).wsgi_request.user.is_anonymous


def test_a_reason_is_required(people: dict[str, Any]) -> None:
    response = _close(signed_in(people["coordinator"]), people["partner_staff"], reason="  ")
    assert response.status_code == 400
    people["partner_staff"].refresh_from_db()
    assert people["partner_staff"].is_active and not ChangeLog.objects.filter(action="account.deactivate").exists()


def test_partners_close_colleagues_of_their_organization_only(people: dict[str, Any]) -> None:
    partner = signed_in(people["partner_staff"])
    assert _close(partner, people["other_colleague"]).status_code == 404
    assert _close(partner, people["case_worker"]).status_code == 403  # a role above their own
    assert _close(partner, people["partner_staff"]).status_code == 403  # not themselves
    assert _close(partner, people["own_colleague"]).status_code == 302
    assert User.objects.filter(is_active=False).count() == 1


def test_a_coordinator_cannot_close_an_administrator(people: dict[str, Any]) -> None:
    assert _close(signed_in(people["coordinator"]), people["administrator"]).status_code == 403
    people["administrator"].refresh_from_db()
    assert people["administrator"].is_active


def test_resetting_a_second_factor_removes_the_authenticator_and_its_verified_session(people: dict[str, Any]) -> None:
    worker = people["case_worker"]
    their_client = signed_in(worker)
    assert their_client.get(reverse("directory_manage:index")).status_code == 200
    assert SealedTOTPDevice.objects.filter(user=worker).exists()
    response = signed_in(people["coordinator"]).post(
        reverse("staff:person", args=[worker.pk]), {"action": "reset", "reason": "Lost their phone"}
    )
    assert response.status_code == 302
    assert not SealedTOTPDevice.objects.filter(user=worker).exists()
    assert their_client.get(reverse("directory_manage:index"))["Location"].startswith(reverse("support:otp-setup"))
    entry = ChangeLog.objects.get(action="account.second_factor_reset", object_id=str(worker.pk))
    assert entry.note == "Lost their phone" and entry.changes == {"authenticators": ["1", "0"]}


def test_the_changes_page_lists_who_when_what_and_why(people: dict[str, Any]) -> None:
    coordinator = signed_in(people["coordinator"])
    _close(coordinator, people["own_colleague"], reason="Moved away")
    page = coordinator.get(reverse("staff:changes") + "?kind=accounts").content.decode()
    assert "Account closed" in page and "Moved away" in page
    assert people["own_colleague"].username in page and people["coordinator"].username in page
    assert signed_in(people["partner_staff"]).get(reverse("staff:changes")).status_code == 403
