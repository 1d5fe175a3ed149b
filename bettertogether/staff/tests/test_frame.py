"""One staff frame on every staff page: the role's menu, "Signed in as NAME · ORGANIZATION" and the
sign-out form in the header (never in the content), the language switcher."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from bettertogether.staff.frame import navigation, optional_url
from bettertogether.support.tests.factories import member, signed_in

pytestmark = pytest.mark.django_db

# (URL name, kwargs key in the desk fixture or None, role that may open it)
PAGES = [
    ("staff:home", None, "partner_staff"),
    ("directory_manage:index", None, "partner_staff"),
    ("directory_manage:suggestions", None, "partner_staff"),
    ("outreach:manage", None, "partner_staff"),
    ("outreach:manage_new", None, "partner_staff"),
    ("outreach:resource_manage", None, "partner_staff"),
    ("outreach:resource_manage_new", None, "partner_staff"),
    ("support:home", None, "partner_staff"),
    ("support:helpline-list", None, "partner_staff"),
    ("support:helpline-new", None, "partner_staff"),
    ("support:case-list", None, "case_worker"),
    ("support:case-new", None, "case_worker"),
    ("support:overdue", None, "case_worker"),
    ("support:referral-list", None, "case_worker"),
    ("support:emergency-list", None, "case_worker"),
    ("support:case-detail", "case", "case_worker"),
    ("support:note-new", "case", "case_worker"),
    ("support:emergency-queue", None, "funder_approver"),
    ("support:emergency-review", "emergency", "funder_approver"),
    ("support:statistics", None, "coordinator"),
    ("gaps:page", None, "coordinator"),
]


def _client(role: str, orgs: dict[str, Any], desk: dict[str, Any]) -> Any:
    if role == "case_worker":
        return signed_in(desk["own_worker"])
    if role == "partner_staff":
        return signed_in(member(role, orgs["own"]))
    return signed_in(member(role))


@pytest.mark.parametrize(("name", "obj", "role"), PAGES)
def test_every_staff_page_has_the_frame(name: str, obj: str | None, role: str, orgs: Any, desk: Any) -> None:
    kwargs = {"pk": desk["own"][obj].pk} if obj else {}
    response = _client(role, orgs, desk).get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200, (name, response.status_code)
    html = response.content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    main = html[html.index("<main") : html.index("</main>")]
    logout = f'action="{reverse("logout")}"'
    assert "Signed in as" in header and logout in header and 'method="post"' in header
    assert logout not in main
    if role in ("partner_staff", "case_worker"):
        assert "Own Centre" in header
    assert 'class="langs"' in header and 'hreflang="fr"' in header
    nav = re.search(r'<nav class="staff-nav".*?</nav>', main, re.S)
    assert nav is not None and f'href="{reverse("staff:home")}"' in nav.group(0)
    assert nav.group(0).count('aria-current="page"') == 1


def test_the_menu_is_the_roles(orgs: Any) -> None:
    partner = navigation(member("partner_staff", orgs["own"]), "/en/staff/")
    coordinator = navigation(member("coordinator"), "/en/staff/")
    funder = navigation(member("funder_approver"), "/en/staff/")
    labels = {"partner": [n.label for n in partner], "coordinator": [n.label for n in coordinator]}
    assert labels["partner"] == [
        "Staff home",
        "Directory",
        "Events",
        "Resources",
        "Case desk",
        "Sub-agreements",
        "People",
        "Organizations",
    ]
    urls = {n.label: n.url for n in (*partner, *coordinator)}
    assert (urls["People"], urls["Organizations"]) == (reverse("staff:people"), reverse("staff:organizations"))
    assert "People" in labels["coordinator"] and "Organizations" in labels["coordinator"]
    assert "Program results" in labels["coordinator"] and "Program results" not in labels["partner"]
    assert "Gap analysis" in labels["coordinator"] and "Case statistics" in labels["coordinator"]
    assert "Case desk" not in labels["coordinator"]
    assert [n.label for n in funder] == ["Staff home", "Emergency requests"]  # funders onboard nobody
    assert [n.label for n in partner if n.current] == ["Staff home"]


def test_the_current_page_is_the_longest_matching_link(orgs: Any) -> None:
    links = navigation(member("coordinator"), reverse("support:statistics") + "?year=2025")
    assert [n.label for n in links if n.current] == ["Case statistics"]


def test_a_page_of_another_part_is_linked_only_when_it_exists() -> None:
    assert optional_url("staff:home") == reverse("staff:home")
    assert optional_url("staff:no-such-page") is None


def test_both_positions_pages_are_in_the_positions_area(orgs: Any) -> None:
    coordinator = member("coordinator")
    coordinator.is_staff = True
    for name in ("positions:imports", "positions:review"):
        links = navigation(coordinator, reverse(name))
        assert [n.label for n in links if n.current] == ["Positions data"], name
