"""Onboarding in headless Chromium: a coordinator invites a partner; the partner opens the link,
chooses a password, signs in and edits their listing. axe-core finds nothing on the invite and
join pages, at phone and desktop width."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from bettertogether.core.tests.browser.harness import PHONE, axe_violations, network, visit
from bettertogether.core.tests.factories import PASSWORD, CoordinatorFactory
from bettertogether.directory.models import Service
from bettertogether.directory.tests.factories import OrganizationFactory, ServiceFactory
from bettertogether.staff.models import Invitation
from bettertogether.support.tests.factories import device_for, token

from .helpers import LINK, NEW_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _press(page: Any, label: str) -> None:
    page.get_by_role("button", name=label).click()
    page.wait_for_load_state("load")


def test_coordinator_invites_a_partner_who_joins_and_edits_their_listing(new_page: Any) -> None:
    organization = OrganizationFactory(name="Harbour Newcomer Hub", name_en="Harbour Newcomer Hub")
    service = ServiceFactory(organization=organization, name="Drop-in legal clinic", name_en="Drop-in legal clinic")
    coordinator = CoordinatorFactory()
    device = device_for(coordinator)
    page = new_page(bypass_csp=True)  # for axe-core only
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    invite = reverse("staff:invite")
    visit(page, f"{reverse('login')}?next={invite}")
    page.get_by_label("Username").fill(coordinator.username)
    page.get_by_label("Password").fill(PASSWORD)
    _press(page, "Sign in")
    assert reverse("support:otp-verify") in page.url  # a coordinator needs the code too
    page.get_by_label("Six-digit code").fill(token(device))
    _press(page, "Continue")
    assert page.url.endswith(invite)
    assert axe_violations(page) == []
    page.locator("#id_email").fill("amira@harbourhub.example.org")
    page.locator("#id_role").select_option("partner_staff")
    page.locator("#id_organization").select_option(str(organization.pk))
    _press(page, "Send the invitation")
    assert page.url.endswith(reverse("staff:people"))
    assert "Invitation sent to amira@harbourhub.example.org" in page.locator(".messages").inner_text()
    assert Invitation.objects.get().state == "pending"

    match = LINK.search(mail.outbox[-1].body)
    assert match
    partner = new_page(bypass_csp=True)
    link = re.sub(r"^https?://[^/]+", "", match.group(0))
    visit(partner, link)
    assert "Harbour Newcomer Hub" in partner.locator("main").inner_text()
    assert axe_violations(partner) == []
    partner.set_viewport_size(PHONE)
    assert axe_violations(partner) == []
    assert partner.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    partner.locator("#id_password1").fill(NEW_PASSWORD)
    partner.locator("#id_password2").fill(NEW_PASSWORD)
    _press(partner, "Create my account")
    assert "Your account is ready" in partner.locator("h1").inner_text()
    # The token travels in no request but the link's own.
    assert not any(match.group(1) in url for url in network(partner).requests if link not in url)

    partner.get_by_role("link", name="Sign in").click()
    partner.wait_for_load_state("load")
    partner.get_by_label("Username").fill("amira@harbourhub.example.org")
    partner.get_by_label("Password").fill(NEW_PASSWORD)
    _press(partner, "Sign in")
    # They land on their staff home, which lists their organization's listings.
    assert partner.url.endswith(reverse("staff:home"))
    partner.locator("main").get_by_role("link", name="Drop-in legal clinic").first.click()
    partner.wait_for_load_state("load")
    partner.get_by_label("Alert (English)").fill("Closed on Monday 14 December.")
    _press(partner, "Save and mark as verified")
    assert "Saved" in partner.locator(".messages").inner_text()
    service.refresh_from_db()
    assert service.alert_en == "Closed on Monday 14 December."
    assert Service.objects.get(pk=service.pk).assured_by.username == "amira@harbourhub.example.org"
    assert errors == []
