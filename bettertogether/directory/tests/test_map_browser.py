"""The service map in Chromium: markers from the GeoJSON, text shown as text, phone tabs, no-JS list."""

from typing import Any

import pytest

from bettertogether.core.tests.browser.harness import PHONE, network, visit
from bettertogether.directory.tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'


@pytest.fixture
def hostile_service() -> Any:
    service = f.located_service(45.0775, -64.4945, name=HOSTILE, organization__name=HOSTILE)
    f.AttributeFactory(service=service, taxonomy_term=f.TaxonomyTermFactory(code="legal", name=HOSTILE))
    f.PhoneFactory(service=service, number="902-555-0100")
    return service


def test_marker_popup_shows_data_as_text(page: Any, hostile_service: Any) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    visit(page, "/en/services/?near=45.07,-64.49")
    assert any("services.geojson" in r.url for r in network(page).responses)
    page.locator(".leaflet-marker-icon").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert HOSTILE in popup.inner_text()
    assert popup.locator("img, script").count() == 0
    link = popup.locator("a").first
    assert link.get_attribute("href") == f"/en/services/{hostile_service.id}/"
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []


def test_phone_shows_list_then_map_as_tabs(new_page: Any, hostile_service: Any) -> None:
    page = new_page(viewport=PHONE)
    visit(page, "/en/services/")
    results, box = page.locator("#results"), page.locator("#map")
    assert results.is_visible() and not box.is_visible()
    page.get_by_role("button", name="Map").click()
    page.locator(".leaflet-container").first.wait_for(state="visible")
    assert not results.is_visible()
    assert page.get_by_role("button", name="Map").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="List").click()
    assert results.is_visible() and not box.is_visible()


def test_without_javascript_the_list_is_the_page(new_page: Any, hostile_service: Any) -> None:
    page = new_page(javascript=False)
    visit(page, "/en/services/")
    assert not page.locator("#map").is_visible()
    assert not page.locator(".tabs").is_visible()
    assert not page.locator(".near-me").is_visible()  # needs the browser's location
    assert page.locator('#results a[href^="tel:"]').count() == 1
    assert HOSTILE in page.locator("#results").inner_text()


def test_near_me_fills_coordinates_and_searches(new_page: Any, hostile_service: Any) -> None:
    page = new_page(geolocation={"latitude": 45.08, "longitude": -64.5}, permissions=["geolocation"])
    visit(page, "/en/")
    with page.expect_navigation():
        page.get_by_role("button", name="Near me").click()
    assert "near=45.0800%2C-64.5000" in page.url
    assert "/en/services/" in page.url
    assert page.locator(".dist").first.inner_text().endswith(" m")


def test_the_sanctuary_network_is_its_own_layer_with_its_legend(page: Any) -> None:
    member = f.OrganizationFactory(name="Shelter House", in_sanctuary_network=True)
    f.located_service(45.0, -64.0, name="Night refuge", organization=member)
    f.located_service(46.0, -66.0, name="Reading room")
    visit(page, "/en/services/")
    legend = page.locator("#map .map-layers")
    legend.wait_for(state="visible")
    assert legend.get_by_label("Sanctuary network members").is_checked()
    rings = page.locator("#map path.leaflet-interactive")
    rings.first.wait_for(state="attached")
    assert rings.count() == 1  # the one member's service, drawn over the services' markers
    legend.get_by_label("Sanctuary network members").uncheck()
    assert rings.count() == 0
    legend.get_by_label("Services").uncheck()
    assert page.locator(".leaflet-marker-icon").count() == 0
    legend.get_by_label("Sanctuary network members").check()
    assert rings.count() == 1


def test_without_javascript_the_layer_legend_stays_hidden(new_page: Any) -> None:
    page = new_page(javascript=False)
    visit(page, "/en/services/")
    assert not page.locator("#map-layers").is_visible()
