"""In headless Chromium, under the real CSP: from a public page's footer to the staff home.

A partner signs in from the "Staff sign-in" link, lands on their home, and finds their tools in the
frame; at phone width (360 px) nothing scrolls sideways on the staff pages; axe-core finds nothing
on the home.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from bettertogether.core.tests.browser.harness import PHONE, axe_violations, network, visit
from bettertogether.core.tests.factories import PASSWORD
from bettertogether.support.permissions import needs_second_factor
from bettertogether.support.tests.factories import device_for, member, organization, token

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in_from_the_footer(page: Any, user: Any) -> None:
    """Password, then for coordinators the code of their authenticator."""
    device = device_for(user) if needs_second_factor(user) else None
    visit(page, "/en/")
    page.locator("footer").get_by_role("link", name="Staff sign-in").click()
    page.wait_for_load_state("load")
    page.fill('input[name="username"]', user.username)
    page.fill('input[name="password"]', PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")
    if device is not None:
        assert reverse("support:otp-verify") in page.url
        page.get_by_label("Six-digit code").fill(token(device))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state("load")


@pytest.mark.parametrize("viewport", [PHONE, None], ids=["phone", "desktop"])
def test_partner_signs_in_from_the_footer_and_lands_on_their_home(new_page: Any, viewport: Any) -> None:
    own = organization("Harbour Workers Centre")
    partner = member("partner_staff", own)
    page = new_page(viewport=viewport) if viewport else new_page()
    _sign_in_from_the_footer(page, partner)
    assert page.url.endswith(reverse("staff:home"))
    assert page.locator("h1").inner_text() == "Staff home"
    header = page.locator("header")
    assert "Harbour Workers Centre" in header.inner_text()
    nav = page.get_by_role("navigation", name="Staff workspace")
    assert nav.get_by_role("link", name="Directory").count() == 1
    assert nav.get_by_role("link", name="Gap analysis").count() == 0
    assert not network(page).blocked
    if viewport == PHONE:
        for url in (reverse("staff:home"), reverse("directory_manage:index"), reverse("support:helpline-list")):
            visit(page, url)
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
    # Sign out from the header: back on the public site, the home asks for sign-in again.
    header.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("load")
    visit(page, reverse("staff:home"))
    assert reverse("login") in page.url


def test_coordinator_home_at_phone_width_has_no_sideways_scroll(new_page: Any) -> None:
    coordinator = member("coordinator")
    page = new_page(viewport=PHONE)
    _sign_in_from_the_footer(page, coordinator)
    assert page.url.endswith(reverse("staff:home"))
    for url in (reverse("staff:home"), reverse("gaps:page"), reverse("support:statistics")):
        visit(page, url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url


def test_staff_home_has_no_axe_violations(new_page: Any) -> None:
    partner = member("partner_staff", organization("Harbour Workers Centre"))
    page = new_page(bypass_csp=True)
    _sign_in_from_the_footer(page, partner)
    assert page.url.endswith(reverse("staff:home"))
    assert axe_violations(page) == []
