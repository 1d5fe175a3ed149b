"""The site's own error pages, and a 503 while the database cannot be reached.

403 and 404 are ordinary pages (base.html, the visitor's language). 500 and 503 are static: they
are rendered without a request, so without the context processors, and touch no database; they
still speak the language the request was in (LocaleMiddleware has activated it by then).

`DatabaseUnavailableMiddleware` answers 503 with `Retry-After` when a request fails because no
database connection could be made or kept; `server_error` does the same for a failure outside a
view (another middleware's), so the answer is a 503 however the outage shows. Django closes a broken
connection when the request ends, so the next request connects again: nothing needs a restart.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def database_unreachable(exc: BaseException | None) -> bool:
    """Whether `exc` comes from a database that could not be connected to (or whose connection broke),
    as opposed to a faulty query, which stays a 500."""
    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    for connection in connections.all(initialized_only=True):
        if connection.connection is None:  # connect() itself failed
            return True
        try:
            if not connection.is_usable():
                return True
        except DatabaseError:
            return True
    return False


def unavailable_response() -> HttpResponse:
    """The static 503 page, with Retry-After; no request, no context processor, no database."""
    response = HttpResponse(render_to_string("errors/503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """First in MIDDLEWARE: a view (or its template) that fails for want of a database gets the 503 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not database_unreachable(exception):
            return None
        logger.error("Database unreachable: %s", type(exception).__name__)
        return unavailable_response()


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the static 500 page, or the 503 page when the failure was the database's."""
    if database_unreachable(sys.exc_info()[1]):
        return unavailable_response()
    return HttpResponse(render_to_string("errors/500.html"), status=500)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 404 page; its language switcher leads to each language's home page, not to the same
    missing address (which could be a mistyped link holding a token)."""
    homes = [(code, name, f"/{code}/") for code, name in settings.LANGUAGES]
    return render(request, "errors/404.html", {"language_links": homes}, status=404)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return defaults.permission_denied(request, exception, template_name="errors/403.html")
