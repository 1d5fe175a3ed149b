"""Never stale across processes: two servers on one database (each with its own memory cache, as
gunicorn workers have) both show an edit and an unpublish on their next request."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PAGE = "/en/services/?near=B4N%201A1"
API = "/api/hsds/service_at_locations?postcode=B4N1A1&proximity=60000&per_page=30"
TEXT = "/en/services/?q=harvest"  # words: the texts kept in the database
NEW_WORD = "/en/services/?q=rights"  # a word only the edit brings
IN_PROVINCE = "/en/services/?q=harvest&province=NS"  # the search index, built in gunicorn's master before the edit

SETUP = """
from bettertogether.directory.models import Organization, Service, ServiceArea, Location, ServiceAtLocation
org = Organization.objects.create(name="Valley Help", name_en="Valley Help")
for n, name in enumerate(["Harvest Legal Clinic", "Orchard Health Line"]):
    service = Service.objects.create(organization=org, name=name, name_en=name, status="active")
    ServiceArea.objects.create(service=service, province="NS")
    location = Location.objects.create(name="Office", latitude=45.0775 + n / 100, longitude=-64.4945)
    ServiceAtLocation.objects.create(service=service, location=location)
"""
RENAME = """
from bettertogether.directory.models import Service
service = Service.objects.get(name_en="Harvest Legal Clinic")
service.name = service.name_en = "Harvest Rights Clinic"
service.save()
"""
UNPUBLISH = """
from bettertogether.directory.models import Service
service = Service.objects.get(name_en="Orchard Health Line")
service.status = "inactive"
service.save()
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(port: int, path: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers={"Accept-Language": "en"})
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    assert response.status == 200, body[:300]
    return body


def _api_names(port: int) -> list[str]:
    return sorted(item["service"]["name"] for item in json.loads(_get(port, API))["contents"])


@contextlib.contextmanager
def _server(env: dict[str, str]) -> Iterator[int]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}", "bettertogether.wsgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_two_servers_see_every_change_on_their_next_request(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/directory.sqlite3",
        "DJANGO_SETTINGS_MODULE": "bettertogether.settings.test",
        "BT_API_RATE": "1000000/minute",
    }

    def manage(*args: str) -> None:
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)

    manage("migrate", "--noinput", "-v", "0")
    manage("shell", "-c", SETUP)
    with _server(env) as first, _server(env) as second:
        for port in (first, second):  # both answer, and keep the answers in their own caches
            for _ in range(2):
                assert "Harvest Legal Clinic" in _get(port, PAGE)
                assert "Harvest Legal Clinic" in _get(port, TEXT)
                assert "Harvest Legal Clinic" in _get(port, IN_PROVINCE)
                assert "Harvest" not in _get(port, NEW_WORD)
                assert _api_names(port) == ["Harvest Legal Clinic", "Orchard Health Line"]
        manage("shell", "-c", RENAME)
        for port in (first, second):
            page = _get(port, PAGE)
            assert "Harvest Rights Clinic" in page and "Harvest Legal Clinic" not in page
            for path in (TEXT, IN_PROVINCE, NEW_WORD):
                found = _get(port, path)
                assert "Harvest Rights Clinic" in found and "Harvest Legal Clinic" not in found, path
            assert _api_names(port) == ["Harvest Rights Clinic", "Orchard Health Line"]
        manage("shell", "-c", UNPUBLISH)
        for port in (first, second):
            assert "Orchard Health Line" not in _get(port, PAGE)
            # The API lists inactive services (HSDS status), with their new status.
            contents = json.loads(_get(port, API))["contents"]
            assert sorted(c["service"]["status"] for c in contents) == ["active", "inactive"]
