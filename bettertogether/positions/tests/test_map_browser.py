"""The positions map in headless Chromium: circles drawn (approximate places as areas), the services overlay,
budgets, privacy, accessibility, and the page without JavaScript."""

from typing import Any

import pytest

from bettertogether.core.tests.browser.harness import axe_violations, first_html_gzip_bytes, network, page_weight, visit

from .factories import ApprovedPositionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOSTILE = '<img src=x onerror="window.pwned=1">'


@pytest.fixture
def rows() -> None:
    ApprovedPositionFactory(positions=40, employer=HOSTILE, place=HOSTILE)
    ApprovedPositionFactory(positions=6, geo_precision="fsa", latitude=45.2, longitude=-64.2, fsa="B0P", place="")
    ApprovedPositionFactory(
        positions=3, geo_precision="place", latitude=46.3, longitude=-63.1, province="PE", place="Cornwall"
    )
    ApprovedPositionFactory(positions=2, latitude=None, longitude=None, geo_precision="", employer="Unplaced Farm")


def test_map_draws_places_and_overlay(new_page: Any, rows: None, page_figures: Any) -> None:
    page = new_page(bypass_csp=True)
    response = visit(page, "/en/positions/")
    assert response.status == 200
    page.wait_for_selector("#pos-map[data-drawn]")
    box = page.locator("#pos-map")
    assert box.get_attribute("data-drawn") == "3"
    assert box.get_attribute("data-drawn-approximate") == "2"
    # Open every tooltip and popup: the hostile label must arrive as text only.
    texts = page.evaluate(
        """() => {
            const map = document.getElementById("pos-map").leafletMap, out = [];
            map.eachLayer(layer => {
                if (layer.getTooltip && layer.getTooltip()) {
                    layer.openTooltip();
                    out.push(layer.getTooltip().getElement().textContent);
                }
                if (layer.getPopup && layer.getPopup()) {
                    layer.openPopup();
                    out.push(layer.getPopup().getElement().textContent);
                }
            });
            return out;
        }"""
    )
    assert any(HOSTILE in text for text in texts)
    assert any("approximate (postal area)" in text for text in texts)
    assert page.locator("#pos-map img[src=x]").count() == 0
    assert page.evaluate("window.pwned") is None
    figures = {"first_html_gzip": first_html_gzip_bytes(response), **page_weight(page)}
    page_figures("positions map /en/positions/", figures)
    assert figures["first_html_gzip"] <= 14 * 1024
    assert figures["html_css_js"] <= 100 * 1024
    assert network(page).blocked == []
    assert page.context.cookies() == []
    assert axe_violations(page) == []

    page.get_by_label("Show support services").check()
    page.wait_for_selector("#pos-map[data-services-drawn]")
    assert any("/api/map/services.geojson" in r.url for r in network(page).responses)


def test_page_without_javascript(new_page: Any, rows: None) -> None:
    page = new_page(javascript=False)
    visit(page, "/en/positions/")
    assert page.locator("#pos-map").is_hidden()
    assert page.locator("#per-province").is_visible()
    assert "Unplaced Farm" in page.locator(".pos-unplaced").inner_text()
    page.locator("summary", has_text="Filters").click()
    page.get_by_label("Employer").fill("Unplaced")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert "employer=Unplaced" in page.url
    assert page.locator('[data-total="positions"]').inner_text() == "2"


@pytest.mark.parametrize(("motion", "animated"), [("no-preference", True), ("reduce", False)])
def test_map_honours_reduced_motion(new_page: Any, rows: None, motion: str, animated: bool) -> None:
    page = new_page(reduced_motion=motion)
    visit(page, "/en/positions/")
    page.wait_for_selector("#pos-map[data-drawn]")
    # Leaflet marks the map's box when its popups fade, and keeps on the map whether zooms slide.
    assert ("leaflet-fade-anim" in (page.locator("#pos-map").get_attribute("class") or "")) is animated
    assert page.evaluate("document.getElementById('pos-map').leafletMap._zoomAnimated") is animated
