"""Our HSDS 3.0 profile: what this API adds to, or says more precisely than, the official HSDS 3.0.

HSDS profiles state their changes as JSON merge patches (RFC 7386) over the official schema files
and the official openapi.json. `/api/hsds/profile` serves ours, built from the same parameter
definitions as /api/schema/ (api/schema.py), so the profile cannot drift from the API:

- `openapi`: the patch over the official openapi.json. It adds our parameters (`lang`, `language`,
  `category`, `status`; `postcode`/`proximity` on `/services`), states the constraints of the
  official ones (`page` 1 to 1,000,000, `per_page` 1 to 1000, `proximity` > 0, ...), adds the
  `304`, `400`, `404` and `429` answers and NDJSON lists, points `/service_at_locations/{id}` at
  the service-at-location schema, and adds `/profile`. Arrays are replaced whole by a merge patch,
  so each operation's parameter list is restated in full, as references.
- `schema`: patches over the official schema files, for fields whose meaning we make precise
  (the audit trail's `updated_by` names an organization, `last_modified` moves with related
  records, incomplete addresses travel as location attributes in tabular packages).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from .. import hsds
from . import views
from .schema import object_responses

RAW = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
PROFILE_VERSION = "1.0"
# Our views, by the official path they serve.
OPERATIONS: dict[str, type[views.HSDSView]] = {
    "/": views.RootView,
    "/services": views.ServiceListView,
    "/services/{id}": views.ServiceDetailView,
    "/organizations": views.OrganizationListView,
    "/organizations/{id}": views.OrganizationDetailView,
    "/service_at_locations": views.ServiceAtLocationListView,
    "/service_at_locations/{id}": views.ServiceAtLocationDetailView,
    "/taxonomies": views.TaxonomyListView,
    "/taxonomies/{id}": views.TaxonomyDetailView,
    "/taxonomy_terms": views.TaxonomyTermListView,
    "/taxonomy_terms/{id}": views.TaxonomyTermDetailView,
}
_ANSWERS = (("304", "NotModified"), ("400", "BadRequest"), ("404", "NotFound"), ("429", "TooManyRequests"))
_ERROR = {"type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}}}


def _parameter(parameter: OpenApiParameter) -> dict[str, Any]:
    return {
        "name": parameter.name,
        "in": parameter.location,
        "required": parameter.required,
        "description": str(parameter.description),
        "schema": parameter.type,
    }


def _error(text: str) -> dict[str, Any]:
    return {"description": text, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def openapi_patch() -> dict[str, Any]:
    """The merge patch that turns the official openapi.json into this API's description."""
    parameters: dict[str, Any] = {}
    paths: dict[str, Any] = {}
    for path, view in OPERATIONS.items():
        query = [p for p in view.query or [] if p.location == OpenApiParameter.QUERY]
        for parameter in query:
            parameters[parameter.name] = _parameter(parameter)
        responses: dict[str, Any] = {code: {"$ref": f"#/components/responses/{name}"} for code, name in _ANSWERS}
        if path != "/" and "{id}" not in path:
            responses["200"] = {"content": {"application/x-ndjson": {"schema": {"type": "string"}}}}
        paths[path] = {
            "get": {
                "parameters": [{"$ref": f"#/components/parameters/{p.name}"} for p in query],
                "responses": responses,
            }
        }
    paths["/service_at_locations/{id}"]["get"]["responses"]["200"] = {
        "content": {"application/json": {"schema": {"$ref": RAW + "compiled/service_at_location.json"}}}
    }
    paths["/profile"] = {
        "get": {
            "summary": "This API's HSDS profile: its changes to HSDS 3.0 as JSON merge patches.",
            "operationId": "getProfile",
            "responses": {
                "200": {"description": "The profile.", "content": {"application/json": {"schema": {"type": "object"}}}},
                "429": {"$ref": "#/components/responses/TooManyRequests"},
            },
        }
    }
    return {
        "info": {"description": "HSDS 3.0 with the Better Together profile (see /profile)."},
        "paths": paths,
        "components": {
            "parameters": parameters,
            "schemas": {"Error": _ERROR},
            "responses": {
                "NotModified": {"description": "Not modified: the copy named by If-None-Match / If-Modified-Since."},
                "BadRequest": _error("A malformed or unknown parameter (the detail says which)."),
                "NotFound": _error("No object with this id, or no such path."),
                "TooManyRequests": _error("Over the rate limit."),
            },
        },
    }


def schema_patches() -> dict[str, Any]:
    """Merge patches over the official schema files (by file name)."""
    return {
        "metadata.json": {
            "properties": {
                "updated_by": {
                    "description": "The organization of the person who changed the value (`Better Together` "
                    "for the platform's coordinators). People's names are never published."
                },
                "field_name": {
                    "description": "The HSDS field changed: `name`; `name:fr` for its French (`:es`, `:tl`) "
                    "translation; `address.city` for a location's address; `phones`, `schedules`, `attributes`."
                },
            }
        },
        "service.json": {
            "properties": {
                "last_modified": {
                    "description": "When the service or any related record (organization, locations, "
                    "addresses, phones, schedules, attributes, ...) last changed; millisecond precision."
                }
            }
        },
        "attribute.json": {
            "properties": {
                "link_entity": {
                    "description": "The table of the link identifier. In tabular packages, `location` with the "
                    "term `partial-address` carries an address without a street line or postal code; its "
                    "`value` is the address's fields as a JSON object."
                }
            }
        },
    }


def profile_document(uri: str) -> dict[str, Any]:
    return {
        "uri": uri,
        "title": "Better Together HSDS 3.0 profile",
        "version": PROFILE_VERSION,
        "hsds_version": hsds.HSDS_VERSION,
        "base": hsds.HSDS_PROFILE,
        "description": (
            "A service directory for migrant workers in Canada's Maritime provinces: HSDS 3.0 in four "
            "content languages (lang), with filters by spoken language, category, status and postcode, "
            "strict parameters (400), ETag/Last-Modified (304) and a rate limit (429). Changes to the "
            "official documents are JSON merge patches (RFC 7386)."
        ),
        "openapi": openapi_patch(),
        "schema": schema_patches(),
    }


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386: apply patch to target (a new value; target is not changed)."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


class ProfileView(views.HSDSView):
    query: list[OpenApiParameter] = []

    @extend_schema(operation_id="hsds_profile", parameters=query, responses=object_responses(), tags=["hsds"])
    def get(self, request: Request) -> Response:
        return Response(profile_document(request.build_absolute_uri("/api/hsds/profile")))
