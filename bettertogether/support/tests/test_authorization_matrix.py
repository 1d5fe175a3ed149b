"""Every case-desk URL × every role × own/other organization → the expected status.

The URL list comes from support/urls.py itself: a new URL without a row in EXPECTED fails
`test_every_url_has_expectations`, so none can be forgotten. GET only; writes are tested apart.
Another organization's object answers 404 (its existence does not leak); a role without access
to an area answers 403; anonymous visitors are sent to sign in.
"""

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from bettertogether.support import models
from bettertogether.support import urls as support_urls
from bettertogether.support.models import Case, FollowUp, Referral

from .factories import member, signed_in

ROLES = ["anonymous", "partner_staff", "case_worker", "supervisor", "coordinator", "funder_approver", "administrator"]
WORKERS = ("case_worker", "supervisor")
SECOND_FACTOR = (*WORKERS, "coordinator", "administrator")


def only(statuses: dict[str, int]) -> dict[str, int]:
    """Roles not named answer 403."""
    return {role: statuses.get(role, 403) for role in ROLES if role != "anonymous"}


ALL = dict.fromkeys(ROLES, 200)
CASES = only(dict.fromkeys(WORKERS, 200))
EXPECTED: dict[str, dict[str, int]] = {
    "home": ALL,
    # A verified case worker, coordinator or administrator with a device is sent from set-up to the code page.
    "otp-setup": only(dict.fromkeys(SECOND_FACTOR, 302)),
    "otp-verify": only(dict.fromkeys(SECOND_FACTOR, 200)),
    "reauth": CASES,
    "helpline-list": only({"partner_staff": 200, **dict.fromkeys(WORKERS, 200)}),
    "helpline-new": only({"partner_staff": 200, **dict.fromkeys(WORKERS, 200)}),
    "case-list": CASES,
    "case-new": CASES,
    "overdue": CASES,
    "case-detail": CASES,
    "case-assign": CASES,
    "case-close": CASES,
    "note-new": CASES,
    "followup-new": CASES,
    "service-new": CASES,
    "consent-new": CASES,
    "referral-new": CASES,
    "emergency-new": CASES,
    "case-history": only({"supervisor": 200}),
    "case-export": only(dict.fromkeys(WORKERS, 302)),  # to re-authentication first
    "followup-done": CASES,
    "referral-list": CASES,
    "referral-detail": CASES,
    "referral-action": CASES,
    "emergency-list": CASES,
    "emergency-queue": only({"funder_approver": 200}),
    "emergency-review": only({"funder_approver": 200}),
    "statistics": only({"coordinator": 200, "administrator": 200}),
}
# URL name → which object of the organization its <pk> names.
OBJECT_OF = {
    "followup-done": "follow_up",
    "referral-detail": "referral",
    "referral-action": "referral",
    "emergency-review": "emergency",
}
# Objects every funder approver may review whatever the organization.
NOT_ORGANIZATION_BOUND = {("emergency-review", "funder_approver")}
OTHER_OVERRIDES = {("case-history", "case_worker"): 404}


def patterns() -> list[URLPattern]:
    return [p for p in support_urls.urlpatterns if isinstance(p, URLPattern)]


def test_every_url_has_expectations() -> None:
    names = {p.name for p in patterns()}
    assert names == set(EXPECTED), f"add rows for {names - set(EXPECTED)}, drop {set(EXPECTED) - names}"


def _url(pattern: URLPattern, objects: dict[str, Any]) -> str:
    kwargs: dict[str, Any] = {}
    converters = pattern.pattern.converters
    if "pk" in converters:
        kwargs["pk"] = objects[OBJECT_OF.get(pattern.name, "case")].pk
    if "action" in converters:
        kwargs["action"] = "withdraw"
    return reverse(f"support:{pattern.name}", kwargs=kwargs)


def _client(role: str, orgs: dict[str, Any], desk: dict[str, Any]) -> Any:
    if role == "anonymous":
        return Client()
    if role == "case_worker":
        return signed_in(desk["own_worker"])
    if role == "supervisor":
        return signed_in(member("case_worker", orgs["own"], supervisor=True))
    if role == "partner_staff":
        return signed_in(member(role, orgs["own"]))
    return signed_in(member(role))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_matrix(name: str, role: str, orgs: dict[str, Any], desk: dict[str, Any]) -> None:
    pattern = next(p for p in patterns() if p.name == name)
    client = _client(role, orgs, desk)
    for side in ("own", "other"):
        url = _url(pattern, desk[side])
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302, (url, response.status_code)
            assert response["Location"].startswith(reverse("login")), response["Location"]
            continue
        expected = EXPECTED[name][role]
        bound = "pk" in pattern.pattern.converters and (name, role) not in NOT_ORGANIZATION_BOUND
        if side == "other" and bound and expected != 403:
            expected = 404
        if side == "other":  # a case worker (not supervisor) finds no other organization's case first
            expected = OTHER_OVERRIDES.get((name, role), expected)
        assert response.status_code == expected, (name, role, side, url, response.status_code)
        if expected == 302 and name == "case-export":
            assert response["Location"].startswith(reverse("support:reauth"))


WRITE_DATA = {
    "case-assign": {},
    "case-close": {"outcome": "resolved"},
    "note-new": {"text": "x"},
    "followup-new": {"description": "x", "due_on": "2030-01-01"},
    "service-new": {"topic": "legal", "provided_on": "2030-01-01"},
    "consent-new": {"shared_fields": ["language"]},
    "referral-new": {"message": "x"},
    "emergency-new": {"need": "food", "amount": "10", "justification": "x"},
    "followup-done": {},
    "referral-action": {},
}


def _counts() -> dict[str, int]:
    names = ["Case", "CaseNote", "FollowUp", "ServiceProvided", "Consent", "Referral", "EmergencyRequest"]
    return {name: getattr(models, name).objects.count() for name in names}


@pytest.mark.parametrize("name", sorted(WRITE_DATA))
def test_writes_to_another_organization_are_not_found(name: str, orgs: dict[str, Any], desk: dict[str, Any]) -> None:
    """POSTs pass the same gate as GETs: another organization's object is not found, nothing changes."""
    pattern = next(p for p in patterns() if p.name == name)
    client = signed_in(desk["own_worker"])
    before = (
        _counts(),
        list(Case.objects.values_list("status", "assigned_to")),
        list(FollowUp.objects.values_list("done_at")),
        list(Referral.objects.values_list("state")),
    )
    response = client.post(_url(pattern, desk["other"]), WRITE_DATA[name])
    assert response.status_code == 404, (name, response.status_code)
    after = (
        _counts(),
        list(Case.objects.values_list("status", "assigned_to")),
        list(FollowUp.objects.values_list("done_at")),
        list(Referral.objects.values_list("state")),
    )
    assert after == before


def test_every_write_url_is_tried_from_another_organization() -> None:
    posts = {p.name for p in patterns() if "pk" in p.pattern.converters} - {
        "case-detail",
        "case-history",
        "case-export",
        "referral-detail",
        "emergency-review",
    }
    assert posts == set(WRITE_DATA)
