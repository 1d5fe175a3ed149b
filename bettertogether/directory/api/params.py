"""Query-parameter parsing for the HSDS API: every malformed value becomes a 400 with a message.

Values are taken as given (no trimming, except around search text), and every rule here is stated
in /api/schema/ (api/schema.py uses these constants), so what the document allows is what is
accepted. A parameter given empty (`?page=`) is malformed, except `search`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework.exceptions import ParseError

from bettertogether.core.languages import CONTENT_LANGUAGES
from bettertogether.core.text import find_control, strip_control

from ..models import Service

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 1000
MAX_PAGE = 1_000_000
MAX_TEXT = 200
MAX_PROXIMITY_M = 5_000_000.0  # farther than any two points in Canada
BOOLEAN_VALUES = ("true", "false", "1", "0", "yes", "no")
_TRUE = {"true", "1", "yes"}
STATUSES = tuple(Service.Status.values)
LANGUAGE_PATTERN = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$"
SLUG_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$"
POSTCODE_PATTERN = "^[A-Za-z0-9][A-Za-z0-9 -]{1,19}$"
UUID_PATTERN = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
_INTEGER = re.compile(r"^-?[0-9]+$")
_NUMBER = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")
_CODE = re.compile(LANGUAGE_PATTERN)
_SLUG = re.compile(SLUG_PATTERN)
_POSTCODE = re.compile(POSTCODE_PATTERN)
_UUID = re.compile(UUID_PATTERN)


def content_languages() -> tuple[str, ...]:
    """The values of `lang`: the languages content is stored in (the interface has more)."""
    return CONTENT_LANGUAGES


class Params:
    """Typed accessors over request.query_params; each raises ParseError naming the parameter."""

    def __init__(self, query: QueryDict) -> None:
        self.query = query
        for key, values in query.lists():
            for value in values:
                if find_control(value) or find_control(key):
                    raise ParseError(f"Parameter '{strip_control(key)}' contains a control character.")

    def text(self, name: str, max_length: int = MAX_TEXT) -> str:
        value = self.query.get(name, "")
        if len(value) > max_length:
            raise ParseError(f"Parameter '{name}' is longer than {max_length} characters.")
        return value.strip()

    def given(self, name: str) -> str | None:
        """The value as given, None when absent; a 400 when present but empty."""
        raw = self.query.get(name)
        if raw == "":
            raise ParseError(f"Parameter '{name}' is empty.")
        return raw

    def integer(self, name: str, default: int, minimum: int, maximum: int) -> int:
        raw = self.given(name)
        if raw is None:
            return default
        if not _INTEGER.match(raw):
            raise ParseError(f"Parameter '{name}' must be an integer.")
        value = int(raw)
        if not minimum <= value <= maximum:
            raise ParseError(f"Parameter '{name}' must be between {minimum} and {maximum}.")
        return value

    def boolean(self, name: str) -> bool:
        raw = self.given(name)
        if raw is None:
            return False
        if raw not in BOOLEAN_VALUES:
            raise ParseError(f"Parameter '{name}' must be true or false.")
        return raw in _TRUE

    def uuid(self, name: str) -> uuid.UUID | None:
        raw = self.given(name)
        if raw is None:
            return None
        if not _UUID.match(raw):
            raise ParseError(f"Parameter '{name}' must be a UUID.")
        return uuid.UUID(raw)

    def datetime(self, name: str) -> dt.datetime | None:
        raw = self.given(name)
        if raw is None:
            return None
        raw = raw.upper()  # RFC 3339 allows t and z
        try:
            value = parse_datetime(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw)
            if value is None:
                day = parse_date(raw)
                value = dt.datetime.combine(day, dt.time()) if day else None
        except ValueError:
            value = None
        if value is None:
            raise ParseError(f"Parameter '{name}' must be an ISO 8601 date or date-time.")
        if timezone.is_naive(value):
            return timezone.make_aware(value, dt.UTC)
        # Compared in UTC: PostgreSQL refuses offsets beyond ±15:59 that Python's parser accepts.
        try:
            return value.astimezone(dt.UTC)
        except OverflowError:
            raise ParseError(f"Parameter '{name}' is out of range.") from None

    def code(self, name: str) -> str:
        value = self.given(name)
        if value is not None and not _CODE.match(value):
            raise ParseError(f"Parameter '{name}' must be an ISO 639 language code.")
        return (value or "").lower()

    def slug(self, name: str) -> str:
        value = self.given(name)
        if value is not None and not _SLUG.match(value):
            raise ParseError(f"Parameter '{name}' must be a category code such as 'health'.")
        return (value or "").lower()

    def choice(self, name: str, allowed: tuple[str, ...]) -> str:
        value = self.given(name)
        if value is not None and value not in allowed:
            raise ParseError(f"Parameter '{name}' must be one of: {', '.join(allowed)}.")
        return value or ""

    def postcode(self) -> str:
        value = self.given("postcode")
        if value is not None and not _POSTCODE.match(value):
            raise ParseError("Parameter 'postcode' is not a postal code.")
        return value or ""

    def proximity_km(self) -> float | None:
        """HSDS gives proximity in metres; the platform computes in kilometres."""
        raw = self.given("proximity")
        if raw is None:
            return None
        if not _NUMBER.match(raw):
            raise ParseError("Parameter 'proximity' must be a number of metres.")
        metres = float(raw)
        if not math.isfinite(metres) or metres <= 0 or metres > MAX_PROXIMITY_M:
            raise ParseError(f"Parameter 'proximity' must be between 0 and {MAX_PROXIMITY_M:.0f} metres.")
        return metres / 1000.0

    def output_format(self) -> str:
        return self.choice("format", ("json", "ndjson")) or "json"

    def language(self, fallback: str) -> str:
        """Content language: ?lang= if given (must be one of the content languages), else fallback."""
        supported = content_languages()
        value = self.choice("lang", supported)
        if value:
            return value
        base = (fallback or settings.LANGUAGE_CODE).split("-")[0].lower()
        return base if base in supported else settings.LANGUAGE_CODE
