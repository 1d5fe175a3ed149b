"""A server warmed before it forks (bettertogether.warm, gunicorn's preload): its workers answer
their first searches without building anything again, and share no database connection."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SETUP = """
from bettertogether.directory.models import Organization, Service, Location, ServiceAtLocation
org = Organization.objects.create(name="Valley Help", name_en="Valley Help")
service = Service.objects.create(organization=org, name="Harvest Legal Clinic", name_en="Harvest Legal Clinic",
                                 status="active")
location = Location.objects.create(name="Office", latitude=45.0775, longitude=-64.4945)
ServiceAtLocation.objects.create(service=service, location=location)
"""

# Warm, then fork a "worker" in which building the postal-code tables fails: its first page, map
# and text search must still answer, from what the master built (the searches need nothing else
# built per process: the database answers them).
WORKER = """
import json, os
import django
django.setup()
from django.db import connections
from bettertogether.warm import warm
from bettertogether.core.geodata import tables as geodata_tables

spent = warm()
open_connections = [alias for alias in connections if connections[alias].connection is not None]
pid = os.fork()
if pid == 0:
    def refuse(*args, **kwargs):
        raise AssertionError("built again in a worker")
    geodata_tables.Tables.__init__ = refuse
    from django.test import Client
    client = Client(HTTP_HOST="127.0.0.1")
    pages = ["/en/services/?near=B4N%201A1", "/fr/services/?near=B4N%201A1", "/en/services/?q=harvest",
             "/api/map/services.geojson?lang=en&near=45.07,-64.49&limit=1500",
             "/api/hsds/service_at_locations?postcode=B4N1A1&proximity=60000&per_page=30"]
    answers = [client.get(path) for path in pages]
    ok = all(a.status_code == 200 for a in answers) and b"Harvest Legal Clinic" in answers[2].content
    os._exit(0 if ok else 3)
_, status = os.waitpid(pid, 0)
print(json.dumps({"spent": spent, "open_connections": open_connections, "worker": os.waitstatus_to_exitcode(status)}))
"""


def test_a_forked_worker_answers_its_first_searches_from_what_the_master_built(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/directory.sqlite3",
        "DJANGO_SETTINGS_MODULE": "bettertogether.settings.test",
        "BT_API_RATE": "1000000/minute",
    }

    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
        return done.stdout

    run("manage.py", "migrate", "--noinput", "-v", "0")
    run("manage.py", "shell", "-c", SETUP)
    report = json.loads(run("-c", WORKER).strip().splitlines()[-1])
    assert report["worker"] == 0
    assert report["open_connections"] == []
    assert set(report["spent"]) >= {"urls", "templates", "languages", "core", "directory"}
