"""Logs: one JSON object per line, and no reset or cancellation token, query string or client
address in clear, in our own log, Django's request log, runserver's and gunicorn's access logs."""

from __future__ import annotations

import http.client
import io
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core import mail
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer

from bettertogether.core.logs import JsonFormatter, RedactFilter, redact
from bettertogether.core.tests.factories import CaseWorkerFactory
from bettertogether.outreach.tests.factories import EventFactory

ROOT = Path(__file__).resolve().parents[3]
RESET_LINK = re.compile(r"http://[^/\s]+(/en/accounts/password/reset/[0-9A-Za-z_-]+/[0-9a-z]+-[0-9a-f]+/)")
CANCEL_LINK = re.compile(r'href="(/en/events/cancel/[^"]+/)"')


def test_redact_removes_tokens_queries_and_addresses() -> None:
    line = (
        '203.0.113.7 "GET /fr/accounts/password/reset/MQ/cb1x2-0123456789abcdef/ HTTP/1.1" 302 '
        '"http://site/en/events/cancel/Zz9_-aB/" /en/services/?q=Ana+Cruz&near=B3H 2001:db8::1 at 17:43:24'
    )
    out = redact(line)
    for secret in ("MQ", "cb1x2-0123456789abcdef", "Zz9_-aB", "Ana", "B3H", "203.0.113.7", "2001:db8::1"):
        assert secret not in out
    assert "/fr/accounts/password/reset/[redacted]/" in out and "/en/events/cancel/[redacted]/" in out
    assert "/en/services/?[redacted]" in out and "17:43:24" in out  # a clock time is not an address
    assert re.search(r"ip:[0-9a-f]{12} ", out)
    # Pages without secrets stay readable.
    assert redact("/en/accounts/password/reset/sent/") == "/en/accounts/password/reset/sent/"


def test_json_formatter_writes_one_object_per_line_without_the_request() -> None:
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/x/",), None)
    record.request = object()
    record.status_code = 404
    RedactFilter().filter(record)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "Not Found: /x/" and entry["status"] == 404 and entry["level"] == "WARNING"
    assert set(entry) == {"time", "level", "logger", "message", "status"}


@pytest.fixture
def project_log() -> Iterator[io.StringIO]:
    """What the project's configured console handler writes, as settings.LOGGING set it up."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    # Swapped by hand: setStream() would flush the old stream, which pytest may have closed already.
    with handler.lock:  # type: ignore[union-attr]
        previous, handler.stream = handler.stream, buffer
    try:
        yield buffer
    finally:
        with handler.lock:  # type: ignore[union-attr]
            handler.stream = previous


@pytest.fixture
def runserver_url(transactional_db) -> Iterator[str]:
    """The app behind runserver's own request handler (which logs each request to django.server)."""
    server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler, allow_reuse_address=True)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _request(host: str, method: str, path: str, body: str = "", headers: dict[str, str] | None = None):
    connection = http.client.HTTPConnection(host, timeout=30)
    connection.request(method, path, body=body.encode(), headers=headers or {})
    response = connection.getresponse()
    content = response.read().decode()
    connection.close()
    return response, content


def test_real_reset_and_cancel_links_never_reach_the_log(client, runserver_url: str, project_log: io.StringIO) -> None:
    staff = CaseWorkerFactory(email="m.delacruz@partner.example.org")
    client.post("/en/accounts/password/reset/", {"email": staff.email})
    reset_path = RESET_LINK.search(str(mail.outbox[0].body)).group(1)
    event = EventFactory(capacity=5)
    html = client.post(f"/en/events/{event.pk}/register/", {"name": "Ana", "consent": "on"}).content.decode()
    cancel_path = CANCEL_LINK.search(html).group(1)
    uid, token = reset_path.rstrip("/").split("/")[-2:]
    cancel_token = cancel_path.rstrip("/").split("/")[-1]

    # Through runserver's handler: the reset link, the cancel link (page and POST), a used or
    # mistyped link (Django's request log writes "Not Found: <path>"), a search with a query.
    response, content = _request(runserver_url, "GET", reset_path)
    assert response.status == 200 and "new_password1" in content
    response, _ = _request(runserver_url, "GET", cancel_path)
    assert response.status == 200
    assert client.post(cancel_path).status_code == 200
    response, _ = _request(runserver_url, "GET", cancel_path[:-3] + "xx/")
    assert response.status == 404
    client.get(reset_path)
    _request(runserver_url, "GET", "/en/services/?q=Dela+Cruz")
    logging.getLogger("bettertogether").warning("Worker opened %s", cancel_path)
    # runserver's thread writes its access line just after the response has gone: wait for the last one.
    deadline = time.monotonic() + 10
    while "/en/services/" not in project_log.getvalue() and time.monotonic() < deadline:
        time.sleep(0.05)

    written = project_log.getvalue()
    lines = [json.loads(line) for line in written.splitlines()]
    messages = [entry["message"] for entry in lines]
    assert any("/en/accounts/password/reset/[redacted]/" in m and "200" in m for m in messages)
    assert any("/en/events/cancel/[redacted]/" in m and "200" in m for m in messages)
    assert any(m.startswith("Not Found: /en/events/cancel/[redacted]/") for m in messages)
    assert any("/en/services/?[redacted]" in m for m in messages)
    for secret in (token, uid + "/", cancel_token, cancel_token[:-2], "Dela", "127.0.0.1"):
        assert secret not in written


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_gunicorn_access_log_through_the_shipped_config_has_no_token(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bettertogether.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'none.sqlite3'}",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "bettertogether.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        host = f"127.0.0.1:{port}"
        referer = "http://example.org/en/events/cancel/RefererSecret42/"
        _request(host, "GET", "/en/accounts/password/reset/MQ/cb1x2-SecretToken0123/", headers={"Referer": referer})
        _request(host, "GET", "/fr/events/cancel/CancelSecret0123456789/")
        _request(host, "GET", "/healthz?token=QuerySecret")
    finally:
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=30)[0].decode()
    entries = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    access = [e for e in entries if e["logger"] == "gunicorn.access"]
    assert any("/accounts/password/reset/[redacted]/" in e["message"] for e in access)
    assert any("/fr/events/cancel/[redacted]/" in e["message"] for e in access)
    for secret in ("SecretToken0123", "CancelSecret", "RefererSecret42", "QuerySecret", "127.0.0.1 "):
        assert secret not in output


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_an_invitation_link_is_redacted(lang: str) -> None:
    token = "Zq3-very_secret_invitation_token"
    line = redact(f'"GET /{lang}/staff/join/{token}/ HTTP/1.1" 302 0')
    assert token not in line and f"/{lang}/staff/join/" in line
