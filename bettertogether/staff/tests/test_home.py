"""Every role's staff home: the sections and counts it shows, and what it must never show.

Counts are checked against the organization's own rows; the other organization has distinctive
numbers (7 and more) and a recognisable listing name that must not appear anywhere.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bettertogether.staff.home import Home, home_for
from bettertogether.support import services as support_services
from bettertogether.support.audit import Actor
from bettertogether.support.tests.factories import SECRET_NAME, member, signed_in

from .factories import OTHER_SERVICE

pytestmark = pytest.mark.django_db


def counts(home: Home) -> dict[str, dict[str, int | None]]:
    return {s.key: {i.label: i.count for i in s.items} for s in home.sections}


def page(client: Client) -> str:
    response = client.get(reverse("staff:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_partner_staff_sees_their_organization_only(world: dict[str, Any], orgs: dict[str, Any]) -> None:
    user = member("partner_staff", orgs["own"])
    home = home_for(user)
    got = counts(home)
    assert set(got) == {"directory", "outreach", "helpline", "program", "accounts"}
    assert [i.url for i in home.sections[-1].items] == [reverse("staff:organizations"), reverse("staff:people")]
    assert got["directory"] == {
        "Listings": 2,
        "Not verified in the last 12 months": 1,
        "Marked as needing verification": 1,
        "Suggested corrections waiting": 1,
    }
    assert got["outreach"]["Upcoming events"] == 1
    assert got["outreach"]["Registrations for upcoming events"] == 3
    assert got["outreach"]["Resources"] == 1
    assert got["outreach"]["Resources not published"] == 0
    assert got["helpline"]["Contacts logged in the last 30 days"] == 2
    assert [listing.name for listing in home.sections[0].listings] == ["Own listing 0", "Own listing 1"]
    html = page(signed_in(user))
    assert "Own listing 0" in html and OTHER_SERVICE not in html
    assert "Own Centre" in html and "Other Centre" not in html
    for number in ("7", "8", "9", "11"):
        assert f'<span class="n">{number}</span>' not in html
    # Nothing of cases, statistics, gaps or the emergency queue.
    for name in ("support:case-list", "support:statistics", "gaps:page", "support:emergency-queue"):
        assert reverse(name) not in html
    assert SECRET_NAME not in html


def test_case_worker_also_sees_the_case_desk_queues(world: dict[str, Any], orgs: dict[str, Any]) -> None:
    worker = world["own_worker"]
    # A referral from the other organization, sent to ours, waits for an answer.
    other_case = world["other"]["case"]
    actor = Actor(user=world["other_worker"], ip_address="192.0.2.11")
    support_services.record_consent(actor, other_case, orgs["own"].pk, ["language"])
    support_services.send_referral(actor, other_case, orgs["own"].pk, "Please help")
    client = signed_in(worker)
    response = client.get(reverse("staff:home"))
    home = response.context["home"]
    got = counts(home)
    assert [s.key for s in home.sections][:1] == ["cases"]
    assert got["cases"] == {
        "My open cases": 1,
        "Open cases of your organization": 1,
        "Overdue follow-ups": 1,
        "Referrals received awaiting an answer": 1,
        "Emergency requests awaiting the funder": 1,
        "Emergency requests decided in the last 90 days": 0,
    }
    assert got["directory"]["Listings"] == 2
    html = response.content.decode()
    assert SECRET_NAME not in html and "Please help" not in html  # counts, never contents
    assert OTHER_SERVICE not in html
    assert reverse("support:emergency-list") in html


def test_case_worker_without_second_factor_is_asked_for_it_first(world: dict[str, Any]) -> None:
    client = signed_in(world["own_worker"], second_factor=False)
    response = client.get(reverse("staff:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("support:otp-verify"))


def test_case_counts_wait_for_the_second_factor(world: dict[str, Any]) -> None:
    """Even if a page reached home_for unverified, the cases section would hold no count."""
    worker = world["own_worker"]
    worker.is_verified = lambda: False
    section = next(s for s in home_for(worker).sections if s.key == "cases")
    assert [i.count for i in section.items] == [None]


def test_coordinator_sees_program_queues_and_statistics_never_cases(world: dict[str, Any]) -> None:
    user = member("coordinator")
    user.is_staff = True  # the back office for LMIA files
    user.save()
    home = home_for(user)
    got = counts(home)
    assert set(got) == {"positions", "directory", "outreach", "program", "analysis", "accounts"}
    accounts = next(s for s in home.sections if s.key == "accounts")
    assert [i.url for i in accounts.items] == [reverse("staff:organizations"), reverse("staff:people")]
    assert got["directory"]["Listings"] == 11
    assert got["directory"]["Suggested corrections waiting"] == 8
    assert got["outreach"]["Upcoming events"] == 9
    assert got["positions"]["Places waiting to be placed"] == 0
    analysis = got["analysis"]
    assert analysis["Gap analysis"] is None  # a tool, no count
    stats = next(s for s in home.sections if s.key == "analysis")
    opened = next(i for i in stats.items if i.label.startswith("Cases opened"))
    assert opened.count is None and opened.suppressed  # 2 cases: shown as 1–5
    html = page(signed_in(user))
    assert "1–5" in html
    assert SECRET_NAME not in html
    assert reverse("support:case-list") not in html and reverse("support:helpline-list") not in html
    assert reverse("gaps:page") in html and reverse("positions:review") in html


def test_coordinator_without_back_office_access_has_no_positions_section(world: dict[str, Any]) -> None:
    assert "positions" not in counts(home_for(member("coordinator")))


def test_funder_approver_sees_only_the_emergency_queue(world: dict[str, Any]) -> None:
    user = member("funder_approver")
    home = home_for(user)
    assert counts(home) == {"review": {"Awaiting your decision": 2, "Decided in the last 90 days": 0}}
    html = page(signed_in(user))
    assert reverse("support:emergency-queue") in html
    assert SECRET_NAME not in html and OTHER_SERVICE not in html
    assert reverse("directory_manage:index") not in html


def test_administrator_also_reaches_the_site_administration(world: dict[str, Any]) -> None:
    user = member("administrator")
    home = home_for(user)
    keys = [s.key for s in home.sections]
    assert {"directory", "outreach", "analysis", "accounts"} <= set(keys)
    accounts = next(s for s in home.sections if s.key == "accounts")
    assert reverse("admin:index") in [i.url for i in accounts.items]


def test_a_partner_without_an_organization_is_told_what_to_do(db: Any) -> None:
    user = member("partner_staff")
    home = home_for(user)
    assert home.sections == ()
    assert "coordinator" in home.notice
    assert "Ask the program coordinator" in page(signed_in(user))


def test_french_home_is_translated(world: dict[str, Any], orgs: dict[str, Any]) -> None:
    client = signed_in(member("partner_staff", orgs["own"]))
    html = client.get("/fr/staff/").content.decode()
    assert "Accueil du personnel" in html and "Staff home" not in html
