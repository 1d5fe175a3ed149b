"""Contract test: Schemathesis, driven by our own OpenAPI document (/api/schema/), every check.

The document is generated at module level (Schemathesis' fixture loader does not work with this
pytest), as drf-spectacular serves it. Valid and invalid requests (positive and negative data) are
sent through the WSGI application; `checks=ALL_CHECKS` covers server errors, status codes, content
types, response headers, response bodies and that invalid data is refused. Bounded and
deterministic (derandomize).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis import DataGenerationMethod
from schemathesis.checks import ALL_CHECKS

from .test_api_schemathesis import KNOWN, _wsgi_app, populated  # noqa: F401 - the fixture

schemathesis.experimental.OPEN_API_3_1.enable()


def _document() -> dict[str, Any]:
    document: dict[str, Any] = SchemaGenerator().get_schema(request=None, public=True)
    for path, known in KNOWN.items():
        for parameter in document["paths"]["/api/hsds" + path]["get"]["parameters"]:
            if parameter["name"] == "id":
                parameter["examples"] = {"known": {"value": str(known)}}
    return document


schema = schemathesis.from_dict(
    _document(),
    app=_wsgi_app(),
    data_generation_methods=[DataGenerationMethod.positive, DataGenerationMethod.negative],
)


@schema.hook("filter_query")
def _sent_as_generated(context: Any, query: dict[str, Any] | None) -> bool:
    """A list of one value is sent as that value and an empty list not at all, so a "negative" case
    made of one may really be a valid request (longer lists repeat the parameter: always a 400)."""
    return not any(isinstance(value, list) and len(value) <= 1 for value in (query or {}).values())


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=30, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_hsds_api_conforms_to_our_own_openapi(case: schemathesis.Case, populated: None) -> None:  # noqa: F811
    response = case.call()
    case.validate_response(response, checks=ALL_CHECKS)
