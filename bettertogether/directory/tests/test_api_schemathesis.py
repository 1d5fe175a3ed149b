"""Contract test: Schemathesis, driven by the official HSDS openapi.json, against /api/hsds/ (WSGI).

The schema is loaded at module level (Schemathesis' fixture loader does not work with this pytest).
Remote $refs are inlined from the local copies and two corrections are applied in memory; see
test_hsds_support.local_openapi and docs/api.md. Bounded and deterministic (derandomize).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance

from . import factories
from .test_hsds_support import HSDS_DIR, openapi_copy

schemathesis.experimental.OPEN_API_3_1.enable()


def _wsgi_app() -> Any:
    return get_wsgi_application()


# Objects with these ids exist during the test, and each {id} parameter offers its id as an
# explicit example, so the detail endpoints are exercised with hits as well as misses.
KNOWN = {
    "/services/{id}": uuid.UUID("5e7a1c1e-0000-4000-8000-000000000001"),
    "/organizations/{id}": uuid.UUID("5e7a1c1e-0000-4000-8000-000000000002"),
    "/service_at_locations/{id}": uuid.UUID("5e7a1c1e-0000-4000-8000-000000000003"),
    "/taxonomies/{id}": uuid.UUID("5e7a1c1e-0000-4000-8000-000000000004"),
    "/taxonomy_terms/{id}": uuid.UUID("5e7a1c1e-0000-4000-8000-000000000005"),
}


def _with_known_ids(document: dict[str, Any]) -> dict[str, Any]:
    for path, known in KNOWN.items():
        for parameter in document["paths"][path].get("parameters", []):
            if parameter["name"] == "id":
                parameter["examples"] = {"known": {"value": str(known)}}
    return document


HAVE_SCHEMA = (HSDS_DIR / "openapi.json").exists()
schema = (
    schemathesis.from_dict(_with_known_ids(openapi_copy()), app=_wsgi_app(), base_url="/api/hsds")
    if HAVE_SCHEMA
    # Any one operation, so that the parametrized test below still collects (and then skips, as
    # shared_data) when the official schema is absent: with none, Schemathesis fails collection.
    else schemathesis.from_dict(
        {
            "openapi": "3.1.0",
            "info": {"title": "", "version": ""},
            "paths": {"/": {"get": {"responses": {"200": {"description": ""}}}}},
        }
    )
)
CHECKS = (not_a_server_error, status_code_conformance, response_schema_conformance)


@pytest.fixture
def populated(db: None) -> Iterator[None]:
    factories.full_service()
    factories.located_service(46.09, -64.77)
    org = factories.OrganizationFactory(id=KNOWN["/organizations/{id}"])
    service = factories.ServiceFactory(id=KNOWN["/services/{id}"], organization=org)
    taxonomy = factories.TaxonomyFactory(id=KNOWN["/taxonomies/{id}"])
    term = factories.TaxonomyTermFactory(id=KNOWN["/taxonomy_terms/{id}"], taxonomy=taxonomy)
    factories.AttributeFactory(service=service, taxonomy_term=term)
    location = factories.LocationFactory(organization=org)
    factories.ServiceAtLocationFactory(id=KNOWN["/service_at_locations/{id}"], service=service, location=location)
    # As Django's test client does: the raw WSGI app would close the test's database connection
    # at the end of each request (PostgreSQL then fails the next query inside the test transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.shared_data
@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=50,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_hsds_api_conforms_to_the_official_openapi(case: schemathesis.Case, populated: None) -> None:
    response = case.call()  # WSGI transport: the schema was loaded with app=
    case.validate_response(response, checks=CHECKS)
    assert response.status_code in (200, 400, 404)
    if case.path_parameters and case.path_parameters.get("id") == str(KNOWN.get(case.operation.path)):
        assert response.status_code == 200
