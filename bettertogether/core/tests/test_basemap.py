"""The offline basemap: served from this host, small, with the Maritimes' borders and main place names."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest

from bettertogether.core.basemap import ATTRIBUTION

MARITIMES_GZIP_BUDGET = 30 * 1024  # loaded by every map on page load: it counts in the pages' weight


def _features(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [f for f in data["features"] if f["properties"]["kind"] == kind]


def test_maritimes_basemap_is_small_and_has_borders_and_places(client: Any) -> None:
    response = client.get("/api/map/basemap-maritimes.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert response["Cache-Control"].startswith("public")
    assert not response.cookies
    assert len(gzip.compress(response.content)) <= MARITIMES_GZIP_BUDGET
    data = json.loads(response.content)
    provinces = {f["properties"]["code"]: f for f in _features(data, "province")}
    assert {"NS", "NB", "PE"} <= set(provinces) and set(provinces) <= {"NS", "NB", "PE", "QC", "NL", "ON"}
    for feature in provinces.values():
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    places = {f["properties"]["name"]: f for f in _features(data, "place")}
    for name in ("Halifax", "Moncton", "Saint John", "Fredericton", "Charlottetown", "Sydney", "Summerside"):
        assert name in places, name
    halifax = places["Halifax"]
    lon, lat = halifax["geometry"]["coordinates"]
    assert abs(lat - 44.65) < 0.1 and abs(lon + 63.6) < 0.15
    assert halifax["properties"]["rank"] == 1 and halifax["properties"]["province"] == "NS"


def test_canada_basemap_has_every_province(client: Any) -> None:
    data = json.loads(client.get("/api/map/basemap-canada.geojson").content)
    codes = {f["properties"]["code"] for f in _features(data, "province")}
    assert codes == {"NL", "PE", "NS", "NB", "QC", "ON", "MB", "SK", "AB", "BC", "YT", "NT", "NU"}
    places = {f["properties"]["name"]: f for f in _features(data, "place")}
    assert {"Toronto", "Vancouver", "Montreal"} <= set(places)
    assert "Halifax" not in places  # the Maritimes' names come with their own, detailed file
    lon, lat = places["Quebec"]["geometry"]["coordinates"]  # Quebec City, not the average of its homonyms
    assert abs(lat - 46.8) < 0.2 and abs(lon + 71.25) < 0.3


def test_unknown_region_is_not_found(client: Any) -> None:
    assert client.get("/api/map/basemap-world.geojson").status_code == 404
    assert client.post("/api/map/basemap-maritimes.geojson").status_code in (403, 405)


@pytest.mark.django_db
def test_map_pages_name_the_basemap_and_its_licence(client: Any) -> None:
    body = client.get("/en/positions/").content.decode()
    assert 'data-basemap="/api/map/basemap-maritimes.geojson"' in body
    assert "geoBoundaries" in body and "GeoNames" in body and "CC BY 4.0" in body
    assert "js/basemap.js" in body
    assert "geoBoundaries" in ATTRIBUTION
