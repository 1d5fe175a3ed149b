"""Every onboarding URL × every role × own/other organization → the expected status.

The URL list comes from staff/onboarding_urls.py itself: a new URL without a row in EXPECTED fails
`test_every_url_has_expectations`. Another organization's person, organization or invitation
answers 404 (its existence does not leak); a role without access answers 403; anonymous visitors
are sent to sign in, except on the invitation link, which is for people without an account.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from bettertogether.staff import onboarding_urls, services
from bettertogether.staff.models import Invitation

from .helpers import signed_in

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "partner_staff", "case_worker", "coordinator", "funder_approver", "administrator"]
EVERYONE = ("coordinator", "administrator")
ONBOARDERS = ("partner_staff", "case_worker", *EVERYONE)


def only(allowed: tuple[str, ...], status: int = 200) -> dict[str, int]:
    """Signed-in roles not named answer 403; anonymous visitors are sent to sign in (302)."""
    return {"anonymous": 302, **{role: status if role in allowed else 403 for role in ROLES if role != "anonymous"}}


EXPECTED: dict[str, dict[str, int]] = {
    "people": only(ONBOARDERS),
    "invite": only(ONBOARDERS),
    "person": only(ONBOARDERS),
    "invitation-revoke": only(ONBOARDERS, 302),  # POST; back to the people page
    "organizations": only(ONBOARDERS),
    "organization-new": only(EVERYONE),
    "organization": only(ONBOARDERS),
    "service-new": only(ONBOARDERS),
    "changes": only(EVERYONE),
    # The link is for someone without an account (it sends on to the form); a signed-in person is
    # asked to sign out first. The form answers 404 to a session that opened no link.
    "join": {"anonymous": 302, **{role: 409 for role in ROLES if role != "anonymous"}},
    "join-form": {"anonymous": 404, **{role: 409 for role in ROLES if role != "anonymous"}},
}
POST_ONLY = {"invitation-revoke"}
TOKENS = {"own": "own-organization-token", "other": "other-organization-token"}


def patterns() -> list[URLPattern]:
    return [p for p in onboarding_urls.urlpatterns if isinstance(p, URLPattern)]


def test_every_url_has_expectations() -> None:
    names = {p.name for p in patterns()}
    assert names == set(EXPECTED), f"add rows for {names - set(EXPECTED)}, drop {set(EXPECTED) - names}"


@pytest.fixture
def objects(people: dict[str, Any], orgs: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """For each side, the objects its URLs name."""
    found: dict[str, dict[str, Any]] = {}
    for side, colleague in (("own", "own_colleague"), ("other", "other_colleague")):
        invitation = Invitation.objects.create(
            email=f"{side}@example.org",
            role="partner_staff",
            organization_id=orgs[side].pk,
            token_hash=services.hash_token(TOKENS[side]),
            expires_at=timezone.now() + dt.timedelta(hours=1),
        )
        found[side] = {"organization": orgs[side], "person": people[colleague], "invitation": invitation}
    return found


def _url(pattern: URLPattern, side: dict[str, Any], side_name: str) -> str:
    converters = pattern.pattern.converters
    if "token" in converters:
        return reverse(f"staff:{pattern.name}", args=[TOKENS[side_name]])
    if "pk" not in converters:
        return reverse(f"staff:{pattern.name}")
    kind = {"person": "person", "invitation-revoke": "invitation"}.get(pattern.name or "", "organization")
    return reverse(f"staff:{pattern.name}", args=[side[kind].pk])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_matrix(name: str, role: str, people: dict[str, Any], objects: dict[str, dict[str, Any]]) -> None:
    pattern = next(p for p in patterns() if p.name == name)
    client = Client() if role == "anonymous" else signed_in(people[role])
    for side in ("own", "other"):
        url = _url(pattern, objects[side], side)
        response = client.post(url) if name in POST_ONLY else client.get(url)
        expected = EXPECTED[name][role]
        bound = "pk" in pattern.pattern.converters
        if side == "other" and bound and role in ("partner_staff", "case_worker") and expected != 403:
            expected = 404
        assert response.status_code == expected, (name, role, side, url, response.status_code)
        if role == "anonymous" and expected == 302:
            target = reverse("staff:join-form") if name == "join" else reverse("login")
            assert response["Location"].startswith(target), response["Location"]


def test_the_invitation_link_sends_no_referer_and_is_never_cached(objects: dict[str, dict[str, Any]]) -> None:
    client = Client()
    response = client.get(reverse("staff:join", args=[TOKENS["own"]]))
    assert response["Referrer-Policy"] == "no-referrer" and "no-store" in response["Cache-Control"]
    form = client.get(response["Location"])
    assert form.status_code == 200 and "no-store" in form["Cache-Control"]
    assert TOKENS["own"] not in form.content.decode()
