"""Our own 403, 404 and 500 pages in every site language; a static 503 while the database is down,
and recovery without a restart; the health check."""

from __future__ import annotations

import copy
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client, RequestFactory
from django.utils import translation

from bettertogether.core import errors
from bettertogether.core.tests.factories import FunderApproverFactory, sign_in

LANGUAGES = ["en", "fr", "es", "tl"]
NOT_FOUND = {"en": "Page not found", "fr": "Page introuvable", "es": "Página no encontrada", "tl": "Hindi nahanap"}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_is_our_page_in_the_visitors_language(client: Client, lang: str) -> None:
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html and NOT_FOUND[lang] in html
    assert f'href="/{lang}/services/"' in html  # a way on: the search
    if lang != "en":
        assert "Page not found" not in html and "Back to the home page" not in html


@pytest.mark.django_db
def test_404_does_not_echo_the_address(client: Client) -> None:
    html = client.get("/en/events/cancel/Secret-Token-1234567890/").content.decode()
    assert "Secret-Token" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_403_says_what_to_do(client: Client, lang: str) -> None:
    sign_in(client, FunderApproverFactory())
    response = client.get(f"/{lang}/manage/")
    assert response.status_code == 403
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert f'action="/{lang}/accounts/logout/"' in html  # sign in with another account…
    assert f'value="/{lang}/accounts/login/?next=/{lang}/manage/"' in html
    with translation.override(lang):
        assert translation.gettext("Sign in with another account") in html
        assert (
            translation.gettext(
                "If you think you need access, ask your coordinator to give your account the right role."
            )
            in html
        )
    if lang != "en":
        assert "Sign in with another account" not in html


@pytest.mark.django_db
@pytest.mark.urls("bettertogether.core.tests.crash_urls")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_500_is_static_and_translated(lang: str, django_assert_num_queries) -> None:
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=lang)
    response = client.get("/crash/")
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html and "In an emergency" not in html or lang == "en"
    with translation.override(lang):
        assert translation.gettext("Something went wrong") in html
    # Rendered without the database: no query, even with the connection unusable.
    request = RequestFactory().get("/crash/")
    with translation.override(lang), django_assert_num_queries(0):
        page = errors.server_error(request)
    assert page.status_code == 500 and page.content.decode() == html


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(path: str, lang: str = "en", cookie: str = "") -> tuple[int, dict[str, str], str]:
    """One request through the production WSGI handler (request_started/finished signals and all,
    which the test client switches off), in this thread so it uses this thread's connection."""
    environ = RequestFactory().get(path, HTTP_ACCEPT_LANGUAGE=lang, HTTP_COOKIE=cookie).environ
    captured: dict[str, object] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> None:
        captured["status"], captured["headers"] = status, dict(headers)

    response = WSGIHandler()(environ, start_response)
    try:
        body = b"".join(response).decode()
    finally:
        response.close()  # request_finished: Django closes a broken connection here
    return int(str(captured["status"]).split()[0]), captured["headers"], body  # type: ignore[return-value]


@pytest.fixture
def database_outage(transactional_db, tmp_path: Path) -> Iterator[tuple[BaseDatabaseWrapper, dict]]:
    """This thread's database connection pointed at a database that does not answer (a closed port on
    PostgreSQL, a folder that does not exist for SQLite); yields it and the settings that repair it."""
    original = connections[DEFAULT_DB_ALIAS]
    good = copy.deepcopy(original.settings_dict)
    bad = copy.deepcopy(good)
    if original.vendor == "postgresql":
        bad["PORT"] = str(_free_port())
        bad["HOST"] = "127.0.0.1"
        wrapper = original
        wrapper.close()
    else:
        bad["NAME"] = str(tmp_path / "gone" / "db.sqlite3")
        wrapper = original.__class__(bad, alias=DEFAULT_DB_ALIAS)
        connections[DEFAULT_DB_ALIAS] = wrapper
    wrapper.settings_dict.update(bad)
    try:
        yield wrapper, good
    finally:
        wrapper.close()
        wrapper.settings_dict.update(good)
        connections[DEFAULT_DB_ALIAS] = original


@pytest.mark.parametrize("lang", LANGUAGES)
def test_database_down_gives_a_static_503_then_recovers_without_restart(database_outage, lang: str) -> None:
    wrapper, good = database_outage
    status, headers, body = _serve(f"/{lang}/", lang)
    assert status == 503
    assert headers["Retry-After"] == str(errors.RETRY_AFTER_SECONDS) and "no-store" in headers["Cache-Control"]
    assert f'<html lang="{lang}">' in body
    with translation.override(lang):
        assert translation.gettext("Briefly unavailable") in body
    # A signed-in visitor: a middleware reads the session from the database before any view runs.
    status, _, body = _serve(f"/{lang}/services/?q=clinic", lang, cookie="sessionid=abcdefghijklmnopqrstuvwxyz012345")
    assert status == 503 and f'<html lang="{lang}">' in body
    # The database comes back: the same process serves again.
    wrapper.settings_dict.update(good)
    status, _, body = _serve(f"/{lang}/", lang)
    assert status == 200 and "Better Together" in body


def test_a_faulty_query_is_not_taken_for_an_outage(transactional_db) -> None:
    with pytest.raises(DatabaseError) as raised, connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table")
    assert not errors.database_unreachable(raised.value)


@pytest.mark.postgres
def test_a_connection_killed_by_the_server_is_replaced_at_the_next_request(transactional_db) -> None:
    assert _serve("/en/")[0] == 200
    pid = connection.connection.info.backend_pid
    wrapper = connections[DEFAULT_DB_ALIAS]
    other = wrapper.__class__(copy.deepcopy(wrapper.settings_dict), alias="killer")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    status, _, _ = _serve("/en/")
    assert status == 200  # CONN_HEALTH_CHECKS: the dead connection is noticed and replaced
    assert connection.connection.info.backend_pid != pid


def test_healthz_reports_each_part_and_is_not_cached(client: Client, db) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "migrations": "ok"}
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert set(response.cookies) == set()


def test_healthz_says_when_a_migration_is_pending(client: Client, db) -> None:
    MigrationRecorder.Migration.objects.filter(app="core").order_by("-id").first().delete()
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["migrations"] == "pending"


def test_healthz_says_when_the_cache_is_down(client: Client, db, settings, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    backend = "django.core.cache.backends.filebased.FileBasedCache"
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": str(blocker / "cache")}}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "down", "migrations": "ok"}


def test_healthz_answers_503_json_while_the_database_is_down(database_outage) -> None:
    status, headers, body = _serve("/healthz")
    assert status == 503 and headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"status": "unavailable", "database": "down", "cache": "ok", "migrations": "down"}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_refused_form_says_what_to_do_in_the_visitors_language(lang: str) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{lang}/contact/", {"message": "Hello"})
    assert response.status_code == 403
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    with translation.override(lang):
        assert translation.gettext("Please send the form again") in html
    if lang != "en":
        assert "Please send the form again" not in html and "CSRF" not in html
