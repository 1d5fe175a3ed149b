"""HTTP around the HSDS API: read-only CORS, ETag / Last-Modified with 304, organization search."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils.http import http_date

from bettertogether.directory import models

from . import factories

pytestmark = pytest.mark.django_db
API = "/api/hsds"
ORIGIN = {"HTTP_ORIGIN": "https://portal.example.org"}


def test_any_origin_may_read_and_nothing_else(client: Client) -> None:
    service = factories.located_service(45.07, -64.49)
    for path, status in ((f"/services/{service.id}", 200), ("/services?page=0", 400), ("/nowhere", 404)):
        response = client.get(API + path, **ORIGIN)
        assert response.status_code == status
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(API + "/services", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", **ORIGIN)
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    assert "ETag" in preflight["Access-Control-Expose-Headers"]
    assert client.post(API + "/services", **ORIGIN).status_code == 405
    assert client.delete(API + f"/services/{service.id}", **ORIGIN).status_code == 405
    assert models.Service.objects.filter(id=service.id).exists()


def test_etag_answers_304_until_the_content_changes(client: Client) -> None:
    service = factories.located_service(45.07, -64.49, name="Clinic", name_en="Clinic")
    for path in (f"/services/{service.id}", "/services", "/organizations", f"/organizations/{service.organization_id}"):
        first = client.get(API + path)
        etag = first["ETag"]
        assert etag.startswith('"') and len(etag) > 20
        again = client.get(API + path, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304 and again.content == b"", path
        assert again["ETag"] == etag and again["Access-Control-Allow-Origin"] == "*"
    french = client.get(API + "/services?lang=fr", HTTP_IF_NONE_MATCH=first["ETag"])
    assert french.status_code == 200  # another language, another body
    etag = client.get(API + f"/services/{service.id}")["ETag"]
    service.name_en = "Farm clinic"
    service.save()
    changed = client.get(API + f"/services/{service.id}", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_last_modified_of_a_service_and_if_modified_since(client: Client) -> None:
    service = factories.located_service(45.07, -64.49)
    when = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
    models.Service.objects.filter(id=service.id).update(updated_at=when)
    response = client.get(API + f"/services/{service.id}")
    assert response["Last-Modified"] == http_date(when.timestamp())
    assert response.json()["last_modified"] == "2026-03-01T12:00:00.000Z"
    fresh = client.get(API + f"/services/{service.id}", HTTP_IF_MODIFIED_SINCE=http_date(when.timestamp()))
    assert fresh.status_code == 304
    stale = client.get(API + f"/services/{service.id}", HTTP_IF_MODIFIED_SINCE=http_date(when.timestamp() - 60))
    assert stale.status_code == 200


def test_organization_search_covers_the_alternate_name(client: Client) -> None:
    factories.OrganizationFactory(name="Multicultural Association", alternate_name="MAGMA")
    factories.OrganizationFactory(name="Other")
    names = [o["name"] for o in client.get(API + "/organizations?search=magma").json()["contents"]]
    assert names == ["Multicultural Association"]
