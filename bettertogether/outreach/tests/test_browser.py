"""Issue 6 in headless Chromium: budgets, cookies, hosts and axe-core on the outreach and program pages.

First HTML ≤ 14 KB gzip, whole page ≤ 100 KB gzip; public pages without a form set no cookie and
form pages only the CSRF cookie; no request leaves this host; zero axe-core violations.
"""

from typing import Any

import pytest
from django.core.management import call_command

from bettertogether.core.tests.browser.harness import (
    PHONE,
    axe_violations,
    first_html_gzip_bytes,
    network,
    page_weight,
    visit,
)
from bettertogether.outreach.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KB = 1024
PAGES = ["events", "event", "resources", "program", "rights", "register", "contact"]
FORM_PAGES = {"register", "contact"}


@pytest.fixture
def paths() -> dict[str, str]:
    call_command("load_demo", verbosity=0)
    event = Event.objects.public().upcoming().filter(latitude__isnull=False).first()
    assert event is not None
    return {
        "events": "/en/events/",
        "event": f"/en/events/{event.pk}/",
        "resources": "/en/resources/",
        "program": "/en/program/",
        "rights": "/en/rights/",
        "register": f"/en/events/{event.pk}/register/",
        "contact": "/en/contact/",
    }


@pytest.mark.parametrize("name", PAGES)
def test_budgets_cookies_and_hosts(new_page: Any, paths: dict[str, str], page_figures: Any, name: str) -> None:
    page = new_page(viewport=PHONE)
    response = visit(page, paths[name])
    assert response.status == 200
    figures = {"first_html_gzip": first_html_gzip_bytes(response), **page_weight(page)}
    page_figures(f"phone {name} {paths[name]}", figures)
    assert figures["first_html_gzip"] <= 14 * KB, figures
    assert figures["total"] <= 100 * KB, figures
    assert network(page).blocked == []
    cookies = {c["name"] for c in page.context.cookies()}
    assert cookies == ({"csrftoken"} if name in FORM_PAGES else set()), cookies


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_violation(
    new_page: Any, paths: dict[str, str], page_figures: Any, name: str, viewport: Any
) -> None:
    page = new_page(bypass_csp=True, **({"viewport": viewport} if viewport else {}))
    visit(page, paths[name])
    violations = axe_violations(page)
    page_figures(f"axe {name}{' phone' if viewport else ''}", {"violations": len(violations)})
    assert violations == [], "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n  {v['nodes']}" for v in violations)


def test_registration_works_without_javascript(new_page: Any, paths: dict[str, str]) -> None:
    page = new_page(javascript=False, viewport=PHONE)
    visit(page, paths["event"])
    with page.expect_navigation():
        page.get_by_role("link", name="Register (free, no account needed)").click()
    page.get_by_label("Name or alias").fill("Ana")
    page.get_by_label("I agree").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Register").click()
    assert "You are registered" in page.inner_text("main") or "waiting list" in page.inner_text("main")
    cancel = page.locator('a[href*="/events/cancel/"]').first
    with page.expect_navigation():
        cancel.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, cancel my registration").click()
    assert "cancelled" in page.inner_text("main")


def test_event_map_shows_the_place_within_budget(new_page: Any, paths: dict[str, str], page_figures: Any) -> None:
    page = new_page(viewport=PHONE)
    response = visit(page, paths["event"])
    page.locator("#event-map.leaflet-container").wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    figures = {"first_html_gzip": first_html_gzip_bytes(response), **page_weight(page)}
    page_figures(f"phone event+map {paths['event']}", figures)
    assert not network(page).tiles, "street tiles were asked for on page load"
    assert any("basemap-maritimes.geojson" in r.url for r in network(page).responses), "no offline basemap"
    assert network(page).blocked == []
    assert figures["total"] <= 100 * KB, figures
