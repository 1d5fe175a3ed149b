"""The HSDS 3.0 API: real responses from a populated database validate against the official schemas."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bettertogether.directory import hsds_io, models
from bettertogether.directory.demo.loader import load_directory

from . import factories
from .test_hsds_support import assert_page, assert_valid

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]
API = "/api/hsds"


@pytest.fixture
def directory() -> dict[str, Any]:
    service = factories.full_service()
    defunct = factories.ServiceFactory(name="Closed clinic", name_en="Closed clinic", status="defunct")
    other = factories.located_service(46.09, -64.77, name="Moncton desk", name_en="Moncton desk")
    factories.LanguageFactory(service=other, code="pt")
    return {"service": service, "defunct": defunct, "other": other}


def get(client: Client, path: str, **headers: str) -> Any:
    response = client.get(API + path, **headers)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response


def ok(client: Client, path: str, **headers: str) -> dict[str, Any]:
    response = get(client, path, **headers)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_every_endpoint_validates_against_the_official_schemas(client: Client, directory: dict[str, Any]) -> None:
    service = directory["service"]
    sal = service.service_at_locations.get()
    term = service.attributes.get().taxonomy_term
    info = ok(client, "/")
    assert info["version"] == "3.0" and info["openapi_url"].endswith("/api/schema/")
    for lang in ("en", "fr", "es", "tl"):
        q = f"?lang={lang}"
        assert_page(ok(client, "/services" + q), "compiled/service_list.json")
        assert_page(ok(client, "/services" + q + "&full=true"), "compiled/service.json")
        assert_page(ok(client, "/services" + q + "&minimal=true"), "compiled/service_list.json")
        assert_valid(ok(client, f"/services/{service.id}" + q), "compiled/service.json")
        assert_page(ok(client, "/organizations" + q), "compiled/organization_list.json")
        assert_page(ok(client, "/organizations" + q + "&full=true"), "compiled/organization.json")
        assert_page(ok(client, "/organizations" + q + "&full_service=true"), "compiled/organization.json")
        assert_valid(ok(client, f"/organizations/{service.organization_id}" + q), "compiled/organization.json")
        full_org = ok(client, f"/organizations/{service.organization_id}{q}&full_service=true")
        assert_valid(full_org, "compiled/organization.json")
        assert_valid(full_org["services"][0], "compiled/service.json")
        assert_page(ok(client, "/service_at_locations" + q), "compiled/service_at_location_list.json")
        assert_page(ok(client, "/service_at_locations" + q + "&full=true"), "compiled/service_at_location.json")
        assert_valid(ok(client, f"/service_at_locations/{sal.id}" + q), "compiled/service_at_location.json")
        assert_page(ok(client, "/taxonomies" + q), "taxonomy.json")
        assert_valid(ok(client, f"/taxonomies/{term.taxonomy_id}" + q), "taxonomy.json")
        assert_page(ok(client, "/taxonomy_terms" + q), "taxonomy_term.json")
        assert_valid(ok(client, f"/taxonomy_terms/{term.id}" + q), "taxonomy_term.json")


def test_full_service_carries_every_related_object(client: Client, directory: dict[str, Any]) -> None:
    doc = ok(client, f"/services/{directory['service'].id}")
    for key in (
        "phones",
        "schedules",
        "service_areas",
        "service_at_locations",
        "languages",
        "cost_options",
        "attributes",
        "required_documents",
    ):
        assert doc[key], key
    location = doc["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "B4N 1A1"
    assert location["accessibility"] and location["phones"] and location["schedules"]
    assert doc["phones"][0]["extension"] == 12
    assert doc["attributes"][0]["taxonomy_term"]["code"] == "clinics"
    assert doc["organization"]["tax_status"] == "charity" and doc["wait_time"] == "2 days"
    assert doc["cost_options"][0]["amount"] == 12.5


def test_translated_fields_follow_lang_and_accept_language_with_english_fallback(
    client: Client, directory: dict[str, Any]
) -> None:
    service = directory["service"]
    assert ok(client, f"/services/{service.id}?lang=fr")["name"] == service.name_fr
    response = get(client, f"/services/{service.id}", HTTP_ACCEPT_LANGUAGE="es")
    assert response.json()["name"] == service.name_es and response["Content-Language"] == "es"
    models.Service.objects.filter(pk=service.pk).update(name_tl="")
    assert ok(client, f"/services/{service.id}?lang=tl")["name"] == service.name_en
    # Hostile strings come back verbatim (JSON, never HTML).
    assert "<script>alert(1)</script>" in ok(client, f"/services/{service.id}")["description"]


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=0",
        "page=-3",
        "per_page=-1",
        "per_page=0",
        "per_page=100000",
        "organization_id=not-a-uuid",
        "taxonomy_term_id=123",
        "modified_after=yesterday",
        "full=maybe",
        "minimal=2",
        "format=xml",
        "postcode=B4N1A1&proximity=far",
        "postcode=B4N1A1&proximity=-5",
        "postcode=B4N1A1&proximity=nan",
        "proximity=1000",
        "postcode=ZZZ9Z9Z",
        "postcode=%3Cscript%3E",
        "language=%3Cb%3E",
        "category=Not%20a%20slug!",
        "status=gone",
        "lang=de",
        "search=a%00b",
    ],
)
def test_malformed_parameters_are_400_with_a_json_message(
    client: Client, directory: dict[str, Any], query: str
) -> None:
    response = get(client, "/services?" + query)
    assert response.status_code == 400
    assert set(response.json()) == {"detail"} and response.json()["detail"]


def test_unknown_ids_and_paths_are_json_404(client: Client, directory: dict[str, Any]) -> None:
    for path in (
        "/services/00000000-0000-0000-0000-000000000000",
        "/services/not-a-uuid",
        "/organizations/x",
        "/taxonomies/%00",
        "/taxonomy_terms/1",
        "/service_at_locations/..",
        "/nowhere",
        "/services/a/b",
    ):
        response = get(client, path)
        assert response.status_code == 404, path
        assert "detail" in response.json()


def test_filters(client: Client, directory: dict[str, Any]) -> None:
    service, other, defunct = directory["service"], directory["other"], directory["defunct"]
    term = service.attributes.get().taxonomy_term

    def ids(query: str) -> set[str]:
        body = ok(client, "/services?" + query)
        assert_page(body, "compiled/service_list.json")
        return {item["id"] for item in body["contents"]}

    assert str(defunct.id) not in ids("")
    assert ids("status=defunct") == {str(defunct.id)}
    assert ids(f"taxonomy_term_id={term.id}") == {str(service.id)}
    assert ids(f"taxonomy_id={term.taxonomy_id}") == {str(service.id)}
    assert ids(f"organization_id={other.organization_id}") == {str(other.id)}
    assert ids("category=health") == {str(service.id)}  # the parent category includes its children
    assert ids("category=clinics") == {str(service.id)}
    assert ids("category=no-such-thing") == set()
    assert ids("language=pt") == {str(other.id)}
    assert ids("search=moncton") == {str(other.id)}
    future = (timezone.now() + dt.timedelta(days=1)).date().isoformat()
    assert ids(f"modified_after={future}") == set()
    assert str(other.id) in ids("modified_after=2000-01-01T00:00:00Z")
    # An offset Python parses but PostgreSQL refuses: compared in UTC, not a server error.
    assert str(other.id) in ids("modified_after=0062-10-11T16:16:56-22:07")
    minimal = ok(client, "/services?minimal=true")["contents"][0]
    assert set(minimal) == {"id", "name", "status", "last_modified"}
    terms = ok(client, "/taxonomy_terms?top_only=true")["contents"]
    assert [t["code"] for t in terms] == ["health"]
    children = ok(client, f"/taxonomy_terms?parent_id={term.parent_id}")["contents"]
    assert [t["code"] for t in children] == ["clinics"]


def test_postcode_and_proximity_in_metres(client: Client, directory: dict[str, Any]) -> None:
    service, other = directory["service"], directory["other"]  # Kentville NS; Moncton NB (~150 km)
    body = ok(client, "/services?postcode=B4N%201A1&proximity=60000")
    assert [s["id"] for s in body["contents"]] == [str(service.id)]
    body = ok(client, "/services?postcode=B4N1A1&proximity=400000")
    assert [s["id"] for s in body["contents"]] == [str(service.id), str(other.id)]  # nearest first
    body = ok(client, "/service_at_locations?postcode=B4N1A1&proximity=60000")
    assert_page(body, "compiled/service_at_location_list.json")
    assert [s["service_id"] for s in body["contents"]] == [str(service.id)]
    # Without proximity: coverage by service area (NS only) keeps a service without areas too.
    assert {s["id"] for s in ok(client, "/services?postcode=E1C4A1")["contents"]} == {str(other.id)}


def test_page_wrapper_and_ndjson(client: Client, directory: dict[str, Any]) -> None:
    for _ in range(3):
        factories.ServiceFactory()
    first = ok(client, "/services?per_page=2")
    assert (first["total_items"], first["total_pages"], first["size"]) == (5, 3, 2)
    assert first["first_page"] and not first["last_page"] and not first["empty"]
    last = ok(client, "/services?per_page=2&page=3")
    assert last["last_page"] and last["size"] == 1
    beyond = ok(client, "/services?per_page=2&page=9")
    assert beyond["empty"] and beyond["contents"] == []
    response = client.get(API + "/services?format=ndjson")
    assert response["Content-Type"] == "application/x-ndjson"
    lines = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    assert len(lines) == 5
    for line in lines:
        assert_valid(line, "compiled/service_list.json")


def test_platform_openapi_document(client: Client) -> None:
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    text = response.content.decode()
    assert "3.1.0" in text and "/api/hsds/services" in text


def test_demo_directory_validates_and_round_trips(client: Client, tmp_path: Any) -> None:
    load_directory()
    services = list(models.Service.objects.values_list("id", flat=True))
    assert len(services) >= 25
    for lang in ("en", "fr"):
        for service_id in services:
            assert_valid(ok(client, f"/services/{service_id}?lang={lang}"), "compiled/service.json")
        assert_page(ok(client, f"/services?full=true&per_page=1000&lang={lang}"), "compiled/service.json")
        assert_page(ok(client, f"/organizations?full_service=true&lang={lang}"), "compiled/organization.json")
        assert_page(ok(client, "/service_at_locations?full=true"), "compiled/service_at_location.json")
    categories = ok(client, "/taxonomy_terms?top_only=true&per_page=100")["contents"]
    assert {"health", "legal", "helpline"} <= {t["code"] for t in categories}
    assert ok(client, "/services?category=helpline")["total_items"] > 0
    first, second = tmp_path / "first", tmp_path / "second"
    hsds_io.export_package(first)
    hsds_io.import_package(first)
    hsds_io.export_package(second)
    assert {p.name: p.read_bytes() for p in first.iterdir()} == {p.name: p.read_bytes() for p in second.iterdir()}
