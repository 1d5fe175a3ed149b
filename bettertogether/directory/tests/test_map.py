"""/api/map/services.geojson: located services only, same filters as the list, text kept as data."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from bettertogether.directory.models import Service
from bettertogether.directory.tests import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/map/services.geojson"


def _get(client: Client, **params) -> dict:
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert not response.cookies
    return json.loads(response.content)


def test_feature_collection_of_located_services(client: Client) -> None:
    term = f.TaxonomyTermFactory(code="health", name="Health")
    located = f.located_service(45.0775, -64.4945, name="Clinic", organization__name="Health Org")
    f.AttributeFactory(service=located, taxonomy_term=term)
    f.ServiceFactory(name="Phone line only")
    f.located_service(45.0, -64.0, name="Closed", status=Service.Status.INACTIVE)
    data = _get(client)
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 1
    feature = data["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [-64.4945, 45.0775]}
    assert feature["properties"] == {
        "id": str(located.id),
        "name": "Clinic",
        "organization": "Health Org",
        "url": f"/en/services/{located.id}/",
        "categories": ["Health"],
        "sanctuary": False,
    }


def test_one_feature_per_location(client: Client) -> None:
    service = f.located_service(45.0, -64.0)
    f.ServiceAtLocationFactory(service=service, location=f.LocationFactory(latitude=46.0, longitude=-63.0))
    assert len(_get(client)["features"]) == 2


def test_filters_match_the_list(client: Client) -> None:
    term = f.TaxonomyTermFactory(code="legal")
    legal = f.located_service(45.0, -64.0, name="Legal aid office", is_free=True)
    f.AttributeFactory(service=legal, taxonomy_term=term)
    f.LanguageFactory(service=legal, code="es")
    f.ServiceAreaFactory(service=legal, province="NB")
    f.located_service(45.0, -64.0, name="Housing office")

    def names(**params) -> set[str]:
        return {feat["properties"]["name"] for feat in _get(client, **params)["features"]}

    assert names() == {"Legal aid office", "Housing office"}
    assert names(category="legal") == {"Legal aid office"}
    assert names(language="es") == {"Legal aid office"}
    assert names(province="NB") == {"Legal aid office"}
    assert names(free="1") == {"Legal aid office"}
    assert names(q="housing") == {"Housing office"}
    assert names(category="nothing-like-this") == set()


def test_language_of_names_and_links(client: Client) -> None:
    service = f.located_service(45.0, -64.0, name="Housing help")
    service.name_es = "Ayuda con vivienda"
    service.save()
    props = _get(client, lang="es")["features"][0]["properties"]
    assert props["name"] == "Ayuda con vivienda"
    assert props["url"] == f"/es/services/{service.id}/"
    assert _get(client, lang="fr")["features"][0]["properties"]["name"] == "Housing help"


def test_hostile_strings_stay_data(client: Client) -> None:
    hostile = "<script>alert(1)</script>"
    term = f.TaxonomyTermFactory(name=hostile)
    service = f.located_service(45.0, -64.0, name=hostile, organization__name=hostile)
    f.AttributeFactory(service=service, taxonomy_term=term)
    response = client.get(URL)
    # JSON keeps the text as text (the map script inserts it with textContent); no raw tag in the body.
    assert b"<script>" not in response.content
    props = json.loads(response.content)["features"][0]["properties"]
    assert props["name"] == props["organization"] == hostile


def test_map_script_uses_text_content_only() -> None:
    source = (Path(settings.PACKAGE_DIR) / "static" / "js" / "map.js").read_text()
    assert "innerHTML" not in source
    assert "textContent" in source


def test_list_page_points_the_map_at_the_same_filters(client: Client) -> None:
    html = client.get(
        "/en/services/", {"category": "legal", "q": "aid", "near": "45,-64", "page": "2"}
    ).content.decode()
    assert 'data-geojson="/api/map/services.geojson?' in html
    start = html.index('data-geojson="') + len('data-geojson="')
    url = html[start : html.index('"', start)].replace("&amp;", "&")
    assert "category=legal" in url and "q=aid" in url and "lang=en" in url
    assert "page=" not in url
    assert "near=45.00000%2C-64.00000" in url and "limit=1500" in url
    assert "js/map.js" in html and "vendor/leaflet-1.9.4/leaflet.js" in html
    # The map code loads only on the list page.
    service = f.located_service(45.0, -64.0)
    for other in ("/en/", f"/en/services/{service.id}/"):
        assert "leaflet" not in client.get(other).content.decode()


def test_nearest_limit_bounds_the_payload(client: Client) -> None:
    for i in range(6):
        f.located_service(45.0 + i, -64.0, name=f"Row {i}")
    data = _get(client, near="45.1,-64", limit="2")
    assert [feat["properties"]["name"] for feat in data["features"]] == ["Row 0", "Row 1"]
    assert len(_get(client, near="45.1,-64")["features"]) == 6  # no limit: every marker
    assert len(_get(client, near="nowhere at all", limit="2")["features"]) == 6  # unknown place: no cut


def test_list_page_without_place_asks_for_markers_nearest_the_maritimes(client: Client) -> None:
    html = client.get("/en/services/").content.decode()
    assert "near=45.60000%2C-63.50000&amp;limit=1500" in html
    assert "data-lat" not in html  # the map frames its markers, not a place


def test_answers_follow_directory_changes(client: Client) -> None:
    service = f.located_service(45.0, -64.0, name="First name")
    assert _get(client)["features"][0]["properties"]["name"] == "First name"
    assert _get(client)["features"][0]["properties"]["name"] == "First name"  # a kept answer
    service.name = service.name_en = "Second name"
    service.save()
    assert _get(client)["features"][0]["properties"]["name"] == "Second name"
