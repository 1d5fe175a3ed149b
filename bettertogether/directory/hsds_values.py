"""Values as HSDS documents carry them: typed, formatted, empty optional ones left out (used by hsds)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.utils import timezone

Doc = dict[str, Any]

_NUMBER_FIELDS = {"timezone", "count", "interval", "year_incorporated", "minimum_age", "maximum_age", "extension"}
_URI_FIELDS = {"url", "website", "uri", "term_uri", "schedule_link", "logo"}
_ID_SUFFIX = "_id"


# ---------------------------------------------------------------- value helpers


def is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def as_uri(value: str) -> str:
    """An IRI made a URI (non-ASCII percent-encoded), so `format: uri` holds for imported IDN hosts."""
    return quote(value, safe=":/?#[]@!$&'()*+,;=%~") if value else ""


def iso_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    spec = "milliseconds" if value.microsecond % 1000 == 0 else "microseconds"
    return value.astimezone(dt.UTC).isoformat(timespec=spec).replace("+00:00", "Z")


def number_text(value: object) -> str:
    """A number as text that parses back to the same value."""
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def parse_number(text: str) -> int | float | None:
    try:
        number = float(text)
    except (TypeError, ValueError):
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number


def clean_doc(doc: Doc, required: Iterable[str] = ()) -> Doc:
    """Drop empty optional values (HSDS types have no null) and keep required keys as ''."""
    keep = set(required)
    return {k: v for k, v in doc.items() if k in keep or (v is not None and v != "" and v != [])}


def api_value(key: str, value: Any) -> Any:
    """A stored text value typed as the HSDS schema expects it, or None when it cannot be."""
    if value is None or value == "":
        return None
    if key in _NUMBER_FIELDS:
        return parse_number(str(value))
    if key == "id" or key.endswith(_ID_SUFFIX):
        return str(value) if is_uuid(value) else None
    if key in _URI_FIELDS:
        return as_uri(str(value))
    if "email" in key:
        return str(value) if "@" in str(value) else None
    return str(value) if not isinstance(value, str) else value


def date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def time_text(value: dt.time | None) -> str:
    return value.isoformat() if value else ""


def id_text(value: object) -> str:
    return str(value) if value else ""
