"""What every log line we write or configure goes through: one filter that removes secrets and
personal data, and one formatter that writes a JSON object per line.

`RedactFilter` is attached to every handler: the project's (settings.LOGGING, which also carries
Django's request log and runserver's access log) and gunicorn's (gunicorn.conf.py). It rewrites
the message of each record before any formatter sees it:

- the token segments of password-reset and event-cancellation links become `[redacted]`;
- query strings become `?[redacted]` (search words and postal codes are a visitor's own);
- IP addresses become `ip:` and a short keyed hash (HMAC with SECRET_KEY), so one client's lines
  can still be told apart without the address being recoverable.

`JsonFormatter` writes time, level, logger and the (already redacted) message, plus the exception
when there is one; never the request object, its body or its headers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import json
import logging
import os
import re
from typing import Any

from django.conf import settings

REDACTED = "[redacted]"

# Paths whose segments are secrets: a reset link's user id and token (and the page Django moves
# the token to), an event registration's cancellation token.
TOKEN_PATHS = [
    re.compile(r"(/accounts/password/reset/)(?!sent/|done/)[^/\s?#\"']+/[^/\s?#\"']+"),
    re.compile(r"(/events/cancel/)[^/\s?#\"']+"),
    re.compile(r"(/staff/join/)[^/\s?#\"']+"),
]
QUERY = re.compile(r"\?[^\s\"'#]+")
IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])")
# Candidates only: a match is hashed when `ipaddress` reads it as an address (not a clock time).
IPV6 = re.compile(r"(?<![\w:.])[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:]*:[0-9A-Fa-f]{0,4}(?![\w:])")


def _key() -> bytes:
    # Read at use, not import: gunicorn loads this module before Django's settings exist.
    secret = os.environ.get("SECRET_KEY", "")
    if not secret:
        try:
            secret = str(settings.SECRET_KEY)
        except Exception:  # settings not configured (gunicorn's master before the app loads)
            secret = ""
    return hashlib.sha256(f"bettertogether.logs.{secret}".encode()).digest()


def hash_address(address: str) -> str:
    """A short keyed hash of an IP address: stable for one key, not reversible without it."""
    return "ip:" + hmac.new(_key(), address.encode(), hashlib.sha256).hexdigest()[:12]


def _hash_if_address(text: str) -> str:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return text
    return hash_address(text)


def redact(text: str) -> str:
    """The text with token path segments, query strings and IP addresses removed."""
    for pattern in TOKEN_PATHS:
        text = pattern.sub(lambda m: m.group(1) + REDACTED, text)
    text = QUERY.sub("?" + REDACTED, text)
    text = IPV4.sub(lambda m: _hash_if_address(m.group(0)), text)
    return IPV6.sub(lambda m: _hash_if_address(m.group(0)), text)


class RedactFilter(logging.Filter):
    """Rewrite each record's message (and exception text) through `redact()`; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_bt_redacted", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: keep its template only
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        # Django attaches the request to its request-log records; nothing should format it.
        if hasattr(record, "request"):
            record.request = None
        record._bt_redacted = True
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, [exception], [status]."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            entry["status"] = status
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)
