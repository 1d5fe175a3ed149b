"""Our published HSDS profile: served, linked from /api/hsds/, and a true description of the API.

The official openapi.json with our profile's merge patch applied must describe every parameter the
API takes and every answer it gives: Schemathesis runs against that patched document (bounded).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, settings
from jsonschema import Draft202012Validator
from schemathesis.checks import ALL_CHECKS

from bettertogether.directory.api import profile

from .test_api_schemathesis import KNOWN, _wsgi_app, populated  # noqa: F401 - the fixture
from .test_hsds_support import HSDS_DIR, _inline

schemathesis.experimental.OPEN_API_3_1.enable()


def test_the_profile_is_served_and_named_by_the_api(client: Client) -> None:
    root = client.get("/api/hsds/")
    assert root.json()["profile"] == "http://testserver/api/hsds/profile"
    response = client.get("/api/hsds/profile")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    assert document["uri"] == "http://testserver/api/hsds/profile"
    assert document["hsds_version"] == "3.0"
    services = document["openapi"]["paths"]["/services"]["get"]
    names = [p["$ref"].rsplit("/", 1)[1] for p in services["parameters"]]
    assert {"lang", "language", "category", "status", "postcode", "proximity", "page", "per_page"} <= set(names)
    parameters = document["openapi"]["components"]["parameters"]
    assert parameters["page"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 1_000_000, "default": 1}
    assert parameters["per_page"]["schema"]["maximum"] == 1000
    assert parameters["lang"]["schema"]["enum"] == ["en", "fr", "es", "tl"]
    assert parameters["proximity"]["schema"]["exclusiveMinimum"] == 0
    assert set(services["responses"]) == {"200", "304", "400", "404", "429"}
    assert "updated_by" in document["schema"]["metadata.json"]["properties"]


def test_merge_patch_follows_rfc_7386() -> None:
    target = {"a": "b", "c": {"d": "e", "f": "g"}, "list": [1, 2]}
    patch = {"a": "z", "c": {"f": None}, "list": [3], "new": {"x": 1}}
    assert profile.merge_patch(target, patch) == {"a": "z", "c": {"d": "e"}, "list": [3], "new": {"x": 1}}
    assert target["c"] == {"d": "e", "f": "g"}


def _patched_official() -> dict[str, Any]:
    official = json.loads((HSDS_DIR / "openapi.json").read_text(encoding="utf-8"))
    document = profile.merge_patch(official, profile.openapi_patch())
    for path, known in KNOWN.items():
        for parameter in document["paths"][path].get("parameters", []):
            if parameter["name"] == "id":
                parameter["examples"] = {"known": {"value": str(known)}}
    return _inline(document, "")


@pytest.mark.shared_data
def test_patched_official_documents_describe_exactly_what_each_view_takes() -> None:
    document = _patched_official()
    for path, view in profile.OPERATIONS.items():
        operation = document["paths"][path]["get"]
        components = document["components"]["parameters"]
        names = {components[p["$ref"].rsplit("/", 1)[1]]["name"] for p in operation["parameters"]}
        assert names == {p.name for p in view.query or [] if p.location == "query"}, path
        assert {"304", "400", "404", "429"} <= set(operation["responses"]), path
    detail = document["paths"]["/service_at_locations/{id}"]["get"]["responses"]["200"]
    assert detail["content"]["application/json"]["schema"]["name"] == "service_at_location"
    for name, patch in profile.schema_patches().items():
        official = json.loads((HSDS_DIR / name).read_text(encoding="utf-8"))
        patched = profile.merge_patch(official, patch)
        Draft202012Validator.check_schema(patched)
        assert set(patched["properties"]) == set(official["properties"])  # meanings made precise, no new fields


if (HSDS_DIR / "openapi.json").exists():
    schema = schemathesis.from_dict(_patched_official(), app=_wsgi_app(), base_url="/api/hsds")

    @pytest.mark.shared_data
    @pytest.mark.django_db
    @schema.parametrize()
    @settings(max_examples=25, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def test_hsds_api_conforms_to_the_official_openapi_with_our_profile(case: Any, populated: None) -> None:
        response = case.call()
        case.validate_response(response, checks=ALL_CHECKS)

else:
    # Without the official document there is nothing to generate cases from; the shared_data mark
    # makes the suite list this test as skipped (or fail it where the shared data is required).
    @pytest.mark.shared_data
    def test_hsds_api_conforms_to_the_official_openapi_with_our_profile() -> None:
        pytest.fail(f"{HSDS_DIR / 'openapi.json'} not found")
