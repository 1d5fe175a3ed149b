"""In headless Chromium, under the real CSP, the program's whole cycle: a coordinator prepares and
opens a call; partner staff apply, attach a file and submit; the coordinator screens; a reviewer
scores; the coordinator closes the call, reads the ranked summary and decides (the applicant is
mailed); the funded application becomes a sub-agreement, signed and active, with a report; the
partner reports; the coordinator accepts it and the results count the agreement."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from bettertogether.core.tests.browser.harness import PHONE, axe_violations, network, visit
from bettertogether.program.calls_models import Application
from bettertogether.program.models import PartnerReport
from bettertogether.support.tests.factories import member, organization

from .factories_calls import PDF, call
from .test_browser import _sign_in, _submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("load")


def _prepare_call(page: Any, reviewer: Any) -> None:
    today = timezone.localdate()
    visit(page, reverse("program:call-new"))
    page.fill('input[name="slug"]', "projects-next-year")
    page.fill('input[name="title"]', "Projects for migrant workers next year")
    page.fill('textarea[name="objectives"]', "Inform migrant workers of their rights.")
    page.fill('textarea[name="eligibility"]', "Non-profit organizations in the Maritimes.")
    page.fill('textarea[name="how_to_apply"]', "Apply online before the deadline.")
    page.fill('input[name="opens_on"]', str(today - dt.timedelta(days=1)))
    page.fill('input[name="closes_on"]', str(today + dt.timedelta(days=20)))
    page.fill('input[name="projects_start"]', str(today + dt.timedelta(days=60)))
    page.fill('input[name="projects_end"]', str(today + dt.timedelta(days=400)))
    page.fill('input[name="budget"]', "300000")
    page.fill('input[name="projects_min"]', "4")
    page.fill('input[name="projects_max"]', "6")
    page.fill('textarea[name="criteria"]', "3 Reach of migrant workers\n2 Capacity of the organization")
    page.check(f'input[name="reviewers"][value="{reviewer.pk}"]')
    _submit(page, "Save as a draft")
    page.select_option('select[name="status"]', "open")
    _submit(page, "Change the status")


def _apply(page: Any, tmp_path: Any) -> Application:
    visit(page, reverse("program:call", args=["projects-next-year"]))
    assert "Reach of migrant workers" in page.locator("main").inner_text()
    page.fill('input[name="title"]', "Rights sessions on farms")
    _submit(page, "Start an application")
    page.fill('textarea[name="summary"]', "Twelve information sessions on farms and in plants.")
    page.fill('textarea[name="activities"]', "Sessions, helpline, referrals.")
    page.fill('input[name="amount_requested"]', "55000")
    _submit(page, "Save")
    plan = tmp_path / "work-plan.pdf"
    plan.write_bytes(PDF)
    page.set_input_files('input[name="file"]', str(plan))
    _submit(page, "Attach")
    assert "work-plan.pdf" in page.locator("main").inner_text()
    _submit(page, "Submit the application")
    assert "Application submitted" in page.locator("main").inner_text()
    return Application.objects.get()


def test_call_to_application_to_review_to_decision_to_agreement_to_report_to_results(
    new_page: Any, tmp_path: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    own = organization("Harbour Workers Centre")
    coordinator, partner, reviewer = member("coordinator"), member("partner_staff", own), member("funder_approver")
    partner.email = "lead@harbour.example"
    partner.save()
    page = new_page()

    _sign_in(page, coordinator)
    _prepare_call(page, reviewer)
    assert not network(page).blocked
    _sign_out(page)

    _sign_in(page, partner)
    application = _apply(page, tmp_path)
    assert application.status == "submitted" and application.attachments.count() == 1
    _sign_out(page)

    _sign_in(page, coordinator)
    visit(page, reverse("program:application", args=[application.pk]))
    page.select_option('select[name="outcome"]', "eligible")
    _submit(page, "Record the screening")
    _sign_out(page)

    _sign_in(page, reviewer)
    visit(page, reverse("program:calls-office"))
    page.get_by_role("link", name="Projects for migrant workers next year").click()
    page.get_by_role("link", name="To review").click()
    for select in page.locator('select[name^="score_"]').all():
        select.select_option("4")
    page.fill('textarea[name="comments"]', "Realistic plan.")
    _submit(page, "Save the review")
    assert "Review saved" in page.locator("main").inner_text()
    _sign_out(page)

    _sign_in(page, coordinator)
    visit(page, reverse("program:call-applications", args=["projects-next-year"]))
    page.select_option('select[name="status"]', "closed")
    _submit(page, "Change the status")
    page.get_by_role("link", name="Ranked summary and decisions").click()
    row = page.locator("tbody tr").first
    assert "Harbour Workers Centre" in row.inner_text() and "80.0" in row.inner_text()
    page.select_option('select[name="decision"]', "funded")
    page.fill('textarea[name="reason"]', "Strong reach on farms.")
    _submit(page, "Record the decision")
    assert [m.to for m in mail.outbox] == [["lead@harbour.example"]]
    page.get_by_role("link", name="Rights sessions on farms").click()
    _submit(page, "Record a sub-agreement from this application")
    for status in ("signed", "active"):
        page.select_option('select[name="status"]', status)
        _submit(page, "Change the status")
    page.get_by_role("link", name="Schedule a report").click()
    page.fill('input[name="period_start"]', str(timezone.localdate()))
    page.fill('input[name="period_end"]', str(timezone.localdate() + dt.timedelta(days=180)))
    page.fill('input[name="due_on"]', str(timezone.localdate() + dt.timedelta(days=210)))
    _submit(page, "Schedule")
    report = PartnerReport.objects.get()
    _sign_out(page)

    _sign_in(page, partner)
    visit(page, reverse("program:application", args=[application.pk]))
    assert "Strong reach on farms." in page.locator("main").inner_text()
    visit(page, reverse("program:report", args=[report.pk]))
    page.fill('textarea[name="successes"]', "Six sessions with 80 workers")
    _submit(page, "Save")
    _submit(page, "Submit to the program coordinator")
    _sign_out(page)

    _sign_in(page, coordinator)
    visit(page, reverse("program:report", args=[report.pk]))
    page.select_option('select[name="decision"]', "accept")
    _submit(page, "Record the review")
    visit(page, reverse("program:results"))
    # The one signed agreement, below the target of 4–6; its organization among the partners reached.
    assert page.locator("td.not-met").first.inner_text() == "1"
    assert "Harbour Workers Centre" in page.locator("main").inner_text()
    assert not network(page).blocked


def test_call_pages_at_phone_width_and_axe(new_page: Any) -> None:
    reviewer = member("funder_approver")
    the_call = call(slug="phone-call", reviewers=(reviewer,))
    page = new_page(viewport=PHONE, bypass_csp=True)
    for url in (
        reverse("program:calls"),
        reverse("program:call", args=[the_call.slug]),
        "/fr/program/calls/phone-call/",
    ):
        visit(page, url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
        assert not network(page).blocked
    assert axe_violations(page) == []
    _sign_in(page, member("coordinator"))
    visit(page, reverse("program:call-ranking", args=[the_call.slug]))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []
