"""A case worker's whole flow in headless Chromium under the real CSP: sign in with password and a
second-factor code, intake, note, follow-up, consent and referral, emergency request; axe-core
finds nothing on the case page; the confidential values never appear in a URL."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.urls import reverse

from bettertogether.core.tests.browser.harness import axe_violations, network, visit
from bettertogether.core.tests.factories import PASSWORD
from bettertogether.support.models import Case, EmergencyRequest, Referral

from .factories import SECRET_EMPLOYER, SECRET_NAME, SECRET_NOTE, device_for, fill_case, member, organization, token

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(page: Any, label: str) -> None:
    page.get_by_role("button", name=label).click()
    page.wait_for_load_state("load")


def test_case_worker_full_flow(new_page: Any) -> None:
    own, partner = organization("Own Centre"), organization("Partner Legal Clinic")
    worker = member("case_worker", own)
    device = device_for(worker)
    page = new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    cases = reverse("support:case-list")
    visit(page, reverse("login") + "?next=" + quote(cases))
    page.fill('input[name="username"]', worker.username)
    page.fill('input[name="password"]', PASSWORD)
    _submit(page, "Sign in")
    assert reverse("support:otp-verify") in page.url  # the second factor comes before any case
    page.get_by_label("Six-digit code").fill(token(device))
    _submit(page, "Continue")
    assert page.url.endswith(cases)

    page.get_by_role("link", name="New case").click()
    page.get_by_label("Name or alias the worker chose").fill(SECRET_NAME)
    page.get_by_label("Contact").fill("WhatsApp +1 902 555 0199")
    page.locator("#id_language").select_option("es")
    page.locator("#id_province").select_option("NS")
    page.get_by_label("Workplace safety", exact=False).first.check()
    page.get_by_label("Employer (only when needed)").fill(SECRET_EMPLOYER)
    page.get_by_label("The worker agreed that we keep this record").check()
    _submit(page, "Open the case")
    case = Case.objects.get()
    assert page.url.endswith(reverse("support:case-detail", args=[case.pk]))
    assert page.locator("h1").inner_text().startswith(SECRET_NAME)

    page.get_by_role("link", name="Add a note").click()
    page.get_by_label("Note").fill(SECRET_NOTE)
    _submit(page, "Save")
    page.get_by_role("link", name="Add a follow-up").click()
    page.get_by_label("Task").fill("Call back about the claim")
    page.get_by_label("Due on").fill("2030-01-15")
    _submit(page, "Save")

    page.get_by_role("link", name="Refer to another organization", exact=True).click()  # without consent: refused
    page.get_by_label("Refer to").select_option(label=partner.name)
    _submit(page, "Save")
    assert "consent" in page.locator(".errorlist").inner_text().lower()
    assert not Referral.objects.exists()
    page.get_by_role("link", name="Back to the case").click()

    page.get_by_role("link", name="Record consent to share").click()
    page.get_by_label("With").select_option(label=partner.name)
    page.locator('input[name="shared_fields"][value="language"]').check()
    page.locator('input[name="shared_fields"][value="issue_types"]').check()
    _submit(page, "Save")
    page.get_by_role("link", name="Refer to another organization", exact=True).click()
    page.get_by_label("Refer to").select_option(label=partner.name)
    _submit(page, "Save")
    assert Referral.objects.get().to_organization == partner

    page.get_by_role("link", name="Request emergency support").click()
    page.get_by_label("Need").select_option("housing")
    page.get_by_label("Amount (CAD)").fill("300")
    page.get_by_label("Justification").fill("Two nights of lodging")
    _submit(page, "Save")
    assert EmergencyRequest.objects.get().state == "requested"

    body = page.locator("main").inner_text()
    for text in (SECRET_NOTE, "Call back about the claim", partner.name, "Awaiting the funder"):
        assert text in body, text
    assert errors == []
    for url in network(page).requests:
        for secret in (SECRET_NAME, SECRET_EMPLOYER, SECRET_NOTE, quote(SECRET_NAME)):
            assert secret not in url, url


def _sign_in_with_code(page: Any, worker: Any, next_url: str) -> None:
    device = device_for(worker)
    visit(page, reverse("login") + "?next=" + quote(next_url))
    page.fill('input[name="username"]', worker.username)
    page.fill('input[name="password"]', PASSWORD)
    _submit(page, "Sign in")
    page.get_by_label("Six-digit code").fill(token(device))
    _submit(page, "Continue")


@pytest.mark.parametrize("name", ["case-detail", "case-list", "helpline-new", "case-new"])
def test_case_desk_pages_have_no_axe_violations(new_page: Any, name: str) -> None:
    own, third = organization("Own Centre"), organization("Third")
    worker = member("case_worker", own)
    case = fill_case(worker, to_org=third)["case"]
    url = reverse(f"support:{name}", args=[case.pk] if name == "case-detail" else [])
    page = new_page(bypass_csp=True)  # axe-core is injected as an inline script
    _sign_in_with_code(page, worker, url)
    assert page.url.endswith(url)
    violations = axe_violations(page)
    assert violations == [], "\n".join(f"{v['id']}: {v['help']} {v['nodes']}" for v in violations)
