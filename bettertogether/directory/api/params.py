"""Query-parameter parsing for the HSDS API: every malformed value becomes a 400 with a message."""

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

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 1000
MAX_PAGE = 1_000_000
MAX_TEXT = 200
MAX_PROXIMITY_M = 5_000_000.0  # farther than any two points in Canada
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}
_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
_POSTCODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]{1,19}$")


class Params:
    """Typed accessors over request.query_params; each raises ParseError naming the parameter."""

    def __init__(self, query: QueryDict) -> None:
        self.query = query
        for key, values in query.lists():
            for value in values:
                if find_control(value) or find_control(key):
                    raise ParseError(f"Parameter '{strip_control(key)}' contains a control character.")

    def text(self, name: str, max_length: int = MAX_TEXT) -> str:
        value = self.query.get(name, "").strip()
        if len(value) > max_length:
            raise ParseError(f"Parameter '{name}' is longer than {max_length} characters.")
        return value

    def integer(self, name: str, default: int, minimum: int, maximum: int) -> int:
        raw = self.query.get(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw.strip())
        except ValueError:
            raise ParseError(f"Parameter '{name}' must be an integer.") from None
        if not minimum <= value <= maximum:
            raise ParseError(f"Parameter '{name}' must be between {minimum} and {maximum}.")
        return value

    def boolean(self, name: str) -> bool:
        raw = self.query.get(name, "").strip().lower()
        if raw in _TRUE:
            return True
        if raw in _FALSE or raw == "":
            return False
        raise ParseError(f"Parameter '{name}' must be true or false.")

    def uuid(self, name: str) -> uuid.UUID | None:
        raw = self.query.get(name, "").strip()
        if not raw:
            return None
        try:
            return uuid.UUID(raw)
        except ValueError:
            raise ParseError(f"Parameter '{name}' must be a UUID.") from None

    def datetime(self, name: str) -> dt.datetime | None:
        raw = self.query.get(name, "").strip()
        if not raw:
            return None
        try:
            value = parse_datetime(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw)
            if value is None:
                day = parse_date(raw)
                value = dt.datetime.combine(day, dt.time()) if day else None
        except ValueError:
            value = None
        if value is None:
            raise ParseError(f"Parameter '{name}' must be an ISO 8601 date or date-time.")
        return timezone.make_aware(value, dt.UTC) if timezone.is_naive(value) else value

    def code(self, name: str) -> str:
        value = self.text(name).lower()
        if value and not _CODE.match(value):
            raise ParseError(f"Parameter '{name}' must be an ISO 639 language code.")
        return value

    def slug(self, name: str) -> str:
        value = self.text(name).lower()
        if value and not _SLUG.match(value):
            raise ParseError(f"Parameter '{name}' must be a category code such as 'health'.")
        return value

    def postcode(self) -> str:
        value = self.text("postcode", 20)
        if value and not _POSTCODE.match(value):
            raise ParseError("Parameter 'postcode' is not a postal code.")
        return value

    def proximity_km(self) -> float | None:
        """HSDS gives proximity in metres; the platform computes in kilometres."""
        raw = self.query.get("proximity", "").strip()
        if not raw:
            return None
        try:
            metres = float(raw)
        except ValueError:
            raise ParseError("Parameter 'proximity' must be a number of metres.") from None
        if not math.isfinite(metres) or metres <= 0 or metres > MAX_PROXIMITY_M:
            raise ParseError(f"Parameter 'proximity' must be between 0 and {MAX_PROXIMITY_M:.0f} metres.")
        return metres / 1000.0

    def output_format(self) -> str:
        value = self.text("format").lower() or "json"
        if value not in {"json", "ndjson"}:
            raise ParseError("Parameter 'format' must be 'json' or 'ndjson'.")
        return value

    def language(self, fallback: str) -> str:
        """Content language: ?lang= if given (must be one the content is stored in), else fallback."""
        supported = set(CONTENT_LANGUAGES)
        value = self.text("lang").lower()
        if value and value not in supported:
            raise ParseError(f"Parameter 'lang' must be one of: {', '.join(sorted(supported))}.")
        if value:
            return value
        base = (fallback or settings.LANGUAGE_CODE).split("-")[0].lower()
        return base if base in supported else settings.LANGUAGE_CODE
