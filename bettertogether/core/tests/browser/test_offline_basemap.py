"""Maps without a third party: on page load the directory map, the service page and the positions map ask
nothing of any host but this one (the basemap comes from /api/map/); street tiles come only when the
visitor presses "Show streets" or zooms in past BT_TILE_MIN_ZOOM."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from bettertogether.directory.models import Service

from .harness import PHONE, network, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages() -> dict[str, str]:
    call_command("load_demo", verbosity=0)
    service = Service.objects.order_by("name").first()
    assert service is not None
    return {
        "directory": "/en/services/?near=B4N+1A1",
        "service": reverse("directory:detail", args=[service.pk]),
        "positions": "/en/positions/",
    }


def _hosts(page: Any) -> set[str]:
    return {urlsplit(url).netloc for url in network(page).requests if not url.startswith(("data:", "blob:"))}


@pytest.mark.parametrize("name", ["directory", "service", "positions"])
@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_no_third_party_request_on_page_load(
    new_page: Any, live_server: Any, pages: dict[str, str], name: str, viewport: Any
) -> None:
    page = new_page(viewport=viewport) if viewport else new_page()
    visit(page, pages[name])
    page.wait_for_timeout(500)
    assert _hosts(page) == {urlsplit(live_server.url).netloc}, network(page).requests
    assert network(page).tiles == [] and network(page).blocked == []
    if name != "service":  # the service page has no map; the two maps draw the offline basemap
        assert any("/api/map/basemap-maritimes.geojson" in url for url in network(page).requests)
        if viewport is None:
            page.locator(".bt-place").first.wait_for(state="attached")
            outlines = page.locator(".leaflet-btLand-pane path, .leaflet-btLand-pane canvas")
            assert outlines.count() > 0, "no province outline drawn"
            assert "geoBoundaries" in page.locator(".leaflet-control-attribution").inner_text()


def test_street_tiles_come_on_request_and_on_zoom(new_page: Any, pages: dict[str, str]) -> None:
    page = new_page()
    visit(page, pages["positions"])
    button = page.get_by_role("button", name=re.compile("^Show streets$"))
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    page.wait_for_timeout(500)
    assert network(page).tiles, "pressing Show streets asked for no tile"
    assert button.get_attribute("aria-pressed") == "true"
    assert network(page).blocked == []

    page = new_page()
    visit(page, pages["positions"])
    zoom_in = page.locator(".leaflet-control-zoom-in")
    for _ in range(3):  # 6 → 9: still below the street level
        zoom_in.click()
        page.wait_for_timeout(350)
    assert network(page).tiles == []
    for _ in range(2):  # → 11
        zoom_in.click()
        page.wait_for_timeout(350)
    page.wait_for_timeout(500)
    assert network(page).tiles, "zooming in to street level asked for no tile"


def test_zooming_out_of_the_maritimes_brings_canada(new_page: Any, pages: dict[str, str]) -> None:
    page = new_page()
    visit(page, pages["positions"] + "?province=all")
    for _ in range(3):  # 6 → 3: beyond the Maritimes' detailed file
        page.locator(".leaflet-control-zoom-out").click()
        page.wait_for_timeout(400)  # the zoom animation, then `moveend`
    page.wait_for_timeout(500)
    page.wait_for_load_state("networkidle")
    assert any("/api/map/basemap-canada.geojson" in url for url in network(page).requests)
    assert network(page).tiles == []
