"""How /api/schema/ describes the HSDS API: every parameter with its exact constraints, every answer.

The constraints here are the ones params.Params enforces (a value outside them is a 400), so a
client generating requests from the document never meets a surprise (checked with Schemathesis,
all checks, in test_api_own_schema.py).
"""

from __future__ import annotations

from typing import Any, Literal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from .params import (
    BOOLEAN_VALUES,
    DEFAULT_PER_PAGE,
    LANGUAGE_PATTERN,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_PROXIMITY_M,
    MAX_TEXT,
    POSTCODE_PATTERN,
    SLUG_PATTERN,
    STATUSES,
    UUID_PATTERN,
    content_languages,
)
from .serializers import ErrorSerializer, PageSerializer


def _p(
    name: str, schema: dict[str, Any], description: str, where: Literal["query", "path"] = "query"
) -> OpenApiParameter:
    return OpenApiParameter(name, schema, where, required=where == OpenApiParameter.PATH, description=description)


_TEXT = {"type": "string", "maxLength": MAX_TEXT, "pattern": "^[^\\u0000]*$"}
_UUID = {"type": "string", "format": "uuid", "pattern": UUID_PATTERN}
_BOOL = {"type": "string", "enum": list(BOOLEAN_VALUES)}

P_SEARCH = _p("search", _TEXT, f"Text in names and descriptions (at most {MAX_TEXT} characters).")
P_PAGE = _p("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}, "Page number.")
P_PER_PAGE = _p(
    "per_page",
    {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE},
    "Results per page.",
)
P_FORMAT = _p(
    "format",
    {"type": "string", "enum": ["json", "ndjson"], "default": "json"},
    "`json`, or `ndjson`: every result, one JSON object a line, no paging.",
)
P_TERM = _p("taxonomy_term_id", _UUID, "Services with this taxonomy term.")
P_TAXONOMY = _p("taxonomy_id", _UUID, "Services with any term of this taxonomy.")
P_ORG = _p("organization_id", _UUID, "Services of this organization.")
P_MODIFIED = _p(
    "modified_after",
    {"type": "string", "format": "date-time"},
    "Modified on or after this date-time (RFC 3339; a date alone is also accepted).",
)
P_MINIMAL = _p("minimal", _BOOL, "Only id, name, status and last_modified of each service.")
P_FULL = _p("full", _BOOL, "Fully nested objects.")
P_FULL_SERVICE = _p("full_service", _BOOL, "Nest fully detailed services.")
P_POSTCODE = _p(
    "postcode",
    {"type": "string", "pattern": POSTCODE_PATTERN},
    "Canadian postal code or FSA: coverage by service area; with proximity, distance. Unknown: 400.",
)
P_PROXIMITY = _p(
    "proximity",
    {"type": "number", "minimum": 0, "exclusiveMinimum": 0, "maximum": MAX_PROXIMITY_M},
    "Metres from the postcode's centroid (needs postcode, else 400).",
)
P_LANGUAGE = _p(
    "language",
    {"type": "string", "pattern": LANGUAGE_PATTERN},
    "Profile extension: ISO 639 code of a language spoken at the service (`es`, `tl`, `mul`).",
)
P_CATEGORY = _p(
    "category",
    {"type": "string", "pattern": SLUG_PATTERN},
    "Profile extension: category code (e.g. `health`), sub-categories included.",
)
P_STATUS = _p(
    "status",
    {"type": "string", "enum": list(STATUSES)},
    "Profile extension: only services with this status (defunct ones are listed only so).",
)
P_LANG = _p(
    "lang",
    {"type": "string", "enum": list(content_languages())},
    "Profile extension: content language; default from Accept-Language.",
)
P_TOP_ONLY = _p("top_only", _BOOL, "Only top-level terms (terms without a parent).")
P_PARENT = _p("parent_id", _UUID, "Terms whose parent has this id.")
P_ID = _p("id", {"type": "string"}, "Object id (a UUID; anything else is a 404).", "path")

SERVICE_FILTERS = [P_TERM, P_TAXONOMY, P_ORG, P_MODIFIED, P_LANGUAGE, P_CATEGORY, P_STATUS]
COMMON = [P_SEARCH, P_PAGE, P_PER_PAGE, P_FORMAT, P_LANG]

_ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="A malformed parameter (the detail says which)."),
    404: OpenApiResponse(ErrorSerializer, description="No object with this id."),
    429: OpenApiResponse(ErrorSerializer, description="Over the rate limit."),
}
_NOT_MODIFIED = {304: OpenApiResponse(description="Not modified (If-None-Match / If-Modified-Since).")}


def list_responses() -> dict[Any, Any]:
    return {
        (200, "application/json"): PageSerializer,
        (200, "application/x-ndjson"): OpenApiResponse(OpenApiTypes.STR, description="One object a line."),
        **_NOT_MODIFIED,
        **_ERRORS,
    }


def object_responses() -> dict[Any, Any]:
    return {200: OpenApiTypes.OBJECT, **_NOT_MODIFIED, **_ERRORS}
