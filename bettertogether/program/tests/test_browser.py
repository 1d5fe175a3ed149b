"""In headless Chromium, under the real CSP: a coordinator records and signs an agreement and
schedules a report; the partner fills it in and submits; the coordinator accepts it and reads the
results. At phone width nothing scrolls sideways; axe-core finds nothing on the results page."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.urls import reverse

from bettertogether.core.tests.browser.harness import PHONE, axe_violations, network, visit
from bettertogether.core.tests.factories import PASSWORD
from bettertogether.program.models import PartnerReport, SubAgreement
from bettertogether.support.permissions import needs_second_factor
from bettertogether.support.tests.factories import device_for, member, organization, token

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page: Any, user: Any) -> None:
    """Password, then for coordinators the code of their authenticator (a fresh one each time: a
    code is accepted once)."""
    device = device_for(user) if needs_second_factor(user) else None
    visit(page, reverse("login"))
    page.fill('input[name="username"]', user.username)
    page.fill('input[name="password"]', PASSWORD)
    _submit(page, "Sign in")
    if device is not None:
        device.refresh_from_db()
        used = device.last_t >= int((time.time() - device.t0) // device.step)
        page.get_by_label("Six-digit code").fill(token(device, steps_ahead=int(used)))
        _submit(page, "Continue")


def _submit(page: Any, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state("load")


def test_agreement_to_report_to_results(new_page: Any) -> None:
    own = organization("Harbour Workers Centre")
    coordinator, partner = member("coordinator"), member("partner_staff", own)
    page = new_page()
    _sign_in(page, coordinator)
    visit(page, reverse("program:agreement-new"))
    page.select_option('select[name="organization"]', label="Harbour Workers Centre")
    page.select_option('select[name="kind"]', "new")
    page.fill('input[name="title"]', "Rights sessions on the South Shore")
    page.fill('input[name="starts_on"]', "2023-04-01")
    page.fill('input[name="ends_on"]', "2024-03-31")
    page.fill('input[name="amount"]', "40000")
    _submit(page, "Save as a draft")
    agreement = SubAgreement.objects.get()
    for status in ("signed", "active"):
        page.select_option('select[name="status"]', status)
        _submit(page, "Change the status")
    page.get_by_role("link", name="Schedule a report").click()
    page.fill('input[name="period_start"]', "2023-04-01")
    page.fill('input[name="period_end"]', "2023-09-30")
    page.fill('input[name="due_on"]', "2023-10-31")
    _submit(page, "Schedule")
    report = PartnerReport.objects.get()
    assert not network(page).blocked
    page.get_by_role("button", name="Sign out").click()

    _sign_in(page, partner)
    visit(page, reverse("program:report", args=[report.pk]))
    page.fill('textarea[name="successes"]', "Four sessions with 60 workers")
    _submit(page, "Save")
    _submit(page, "Submit to the program coordinator")
    assert "Report submitted" in page.locator("main").inner_text()
    page.get_by_role("button", name="Sign out").click()

    _sign_in(page, coordinator)
    visit(page, reverse("program:report", args=[report.pk]))
    page.select_option('select[name="decision"]', "accept")
    _submit(page, "Record the review")
    report.refresh_from_db()
    assert report.status == "accepted"
    visit(page, reverse("program:results"))
    # One signed agreement, below the target of 4–6.
    assert page.locator("td.not-met").first.inner_text() == "1"
    assert agreement.organization.name in page.locator("main").inner_text()


def test_program_pages_at_phone_width_and_axe(new_page: Any) -> None:
    coordinator = member("coordinator")
    page = new_page(viewport=PHONE, bypass_csp=True)
    _sign_in(page, coordinator)
    for url in (
        reverse("program:results"),
        reverse("program:agreements"),
        reverse("program:milestones"),
        reverse("program:knowledge"),
        reverse("program:advocacy"),
        reverse("program:evaluation-new"),
        "/en/program/",
    ):
        visit(page, url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
    for url in (reverse("program:results"), reverse("program:advocacy"), reverse("program:knowledge")):
        visit(page, url)
        assert axe_violations(page) == [], url
