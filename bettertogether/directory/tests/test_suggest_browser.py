"""The suggestion form and the management area in headless Chromium: axe-core finds nothing, the
public form sets only the CSRF cookie, and a partner can sign in and edit a listing."""

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from bettertogether.core.tests.browser.harness import PHONE, axe_violations, network, visit
from bettertogether.core.tests.factories import PASSWORD, PartnerStaffFactory
from bettertogether.directory.models import Service
from bettertogether.directory.tests.factories import (
    AddressFactory,
    LocationFactory,
    OrganizationFactory,
    PhoneFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def listing() -> dict[str, Any]:
    org = OrganizationFactory()
    service = ServiceFactory(organization=org)
    PhoneFactory(service=service)
    location = LocationFactory(organization=org)
    AddressFactory(location=location)
    ServiceAtLocationFactory(service=service, location=location)
    return {"service": service, "location": location, "partner": PartnerStaffFactory(organization=org)}


def _no_violations(page: Any) -> None:
    violations = axe_violations(page)
    assert violations == [], "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n  {v['nodes']}" for v in violations)


def test_suggest_page_is_accessible_and_sets_only_the_csrf_cookie(new_page: Any, listing: dict[str, Any]) -> None:
    path = reverse("directory:suggest", args=[listing["service"].pk])
    page = new_page(viewport=PHONE)
    assert visit(page, path).status == 200
    assert {c["name"] for c in page.context.cookies()} == {"csrftoken"}
    assert network(page).blocked == []
    assert not page.locator('input[name="website"]').is_visible()
    audited = new_page(bypass_csp=True, viewport=PHONE)
    visit(audited, path)
    _no_violations(audited)


def _sign_in(page: Any, username: str) -> None:
    visit(page, reverse("login") + "?next=" + reverse("directory_manage:index"))
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_load_state("load")


def test_partner_signs_in_and_edits_a_listing(new_page: Any, listing: dict[str, Any]) -> None:
    service = listing["service"]
    page = new_page(bypass_csp=True)
    _sign_in(page, listing["partner"].username)
    assert page.url.endswith(reverse("directory_manage:index"))
    _no_violations(page)
    page.click(f'a[href="{reverse("directory_manage:service", args=[service.pk])}"]')
    page.wait_for_load_state("load")
    _no_violations(page)
    page.fill('input[name="name_fr"]', "Aide aux travailleurs")
    page.check('input[name="phones-0-whatsapp"]')
    page.click('button[type="submit"]:has-text("verified")')
    page.wait_for_load_state("load")
    assert page.locator(".messages").count() == 1
    service = Service.objects.get(pk=service.pk)
    assert service.name_fr == "Aide aux travailleurs"
    assert service.phones.get().whatsapp
    assert service.assured_date == timezone.localdate()
    visit(page, reverse("directory_manage:location", args=[listing["location"].pk]))
    _no_violations(page)
