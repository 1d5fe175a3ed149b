"""The gap page in headless Chromium under the real CSP: the map draws places and services from the
JSON, changing a filter updates the tables without a reload, and axe-core finds nothing."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from bettertogether.core.tests.browser.harness import axe_violations, network, visit
from bettertogether.core.tests.factories import PASSWORD, CoordinatorFactory
from bettertogether.support.tests.factories import device_for, token

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
QUERY = "from=2021Q3&to=2021Q3&province=NS&radius=30&category=health"


def _sign_in(page: Any, coordinator: Any, next_url: str) -> None:
    """Password, then the code of the coordinator's authenticator (coordinators need both)."""
    device = device_for(coordinator)
    visit(page, reverse("login") + "?next=" + quote(next_url))
    page.fill('input[name="username"]', coordinator.username)
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_load_state("load")
    page.fill('input[name="token"]', token(device))
    page.press('input[name="token"]', "Enter")
    page.wait_for_load_state("load")


def test_map_and_live_filters(new_page: Any, world: None) -> None:
    coordinator = CoordinatorFactory()
    page = new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _sign_in(page, coordinator, f"/en/gaps/?{QUERY}")
    assert "/en/gaps/" in page.url
    page.wait_for_selector("#gap-map .leaflet-interactive")
    assert page.locator("#gap-map path.leaflet-interactive").count() == 3  # the three placed places
    assert page.locator("#gap-map .gap-service-icon").count() == 1  # the one active health service
    assert "Valley clinic" in page.locator(".gap-ranked").inner_text()

    page.select_option('select[name="category"]', "legal")
    page.locator(".gap-ranked h2", has_text="Legal").wait_for()
    assert "category=legal" in page.url
    page.locator("#gap-map .gap-service-icon[title='Halifax legal aid']").wait_for()
    expect(page.locator("#gap-map .gap-service-icon")).to_have_count(1)
    ranked = page.locator(".gap-ranked").inner_text()
    assert "Halifax legal aid" in ranked and "Kentville" in ranked
    assert network(page).blocked == []
    assert errors == []


def test_page_is_accessible(new_page: Any, world: None) -> None:
    coordinator = CoordinatorFactory()
    page = new_page(bypass_csp=True)
    _sign_in(page, coordinator, f"/en/gaps/?{QUERY}")
    page.wait_for_selector("#gap-map .leaflet-interactive")
    violations = axe_violations(page)
    assert violations == [], "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n  {v['nodes']}" for v in violations)


def test_works_without_javascript(new_page: Any, world: None) -> None:
    coordinator = CoordinatorFactory()
    page = new_page(javascript=False)
    _sign_in(page, coordinator, f"/en/gaps/?{QUERY}")
    assert page.locator("#gap-map").is_hidden()
    page.select_option('select[name="category"]', "legal")
    page.click('#gap-filters button[type="submit"]')
    page.wait_for_load_state("load")
    assert "category=legal" in page.url
    assert "Halifax legal aid" in page.locator(".gap-ranked").inner_text()
