"""Load and faults under gunicorn + PostgreSQL, on loopback (issue 14).

Needs PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else DATABASE_URL when it is a
postgres:// URL (its role needs CREATEDB). Without one it prints a "skipped" line. It creates the
database `<name>_loadbench` (dropped at the end), migrates it, loads the demo directory and one LMIA
quarter from ../shared/data/lmia, starts gunicorn (the checkout's gunicorn.conf.py) and runs:

1. steady load: BENCH_CLIENTS (50) clients for BENCH_SECONDS (60) against the home page, a directory
   search, a service page, the HSDS API and the positions GeoJSON: per endpoint and overall,
   requests, errors (failed connections and 5xx), p50/p95 in ms, requests/s;
2. the same load while one worker is killed with SIGKILL a third of the way in (gunicorn starts
   another): errors during the phase and whether the worker count came back;
3. the same load while `import_lmia` loads another quarter: the import's time and exit status;
4. `kill -9` of `import_lmia` while it is writing (its transaction seen open in pg_stat_activity):
   positions and import runs before and after (no partial rows), then a re-run and its result.

Figures are printed, never asserted: they vary with the machine and what else runs on it.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bettertogether.core.shared_data import shared_data

ROOT = Path(__file__).resolve().parent.parent
LMIA = shared_data("lmia")
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "50"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
BASE_FILE = "tfwp_2021q3_positive_en.xlsx"  # loaded before the load, so the map has positions
DURING_LOAD_FILE = "tfwp_2021q4_positive_en.xlsx"  # imported while the clients run
KILLED_FILE = "tfwp_2016_positive_fr.csv"  # the largest: killed while it writes, then imported again


def postgres_url() -> str | None:
    for name in ("BENCH_DATABASE_URL", "TEST_DATABASE_URL", "DATABASE_URL"):
        url = os.environ.get(name, "")
        if url.startswith(("postgres://", "postgresql://")):
            return url
    return None


def run() -> Iterable[dict[str, Any]]:
    url = postgres_url()
    if url is None:
        yield {"skipped": "no PostgreSQL: set TEST_DATABASE_URL=postgres://user:password@host:port/name"}
        return
    if not (LMIA / BASE_FILE).is_file():
        yield {"skipped": f"{LMIA / BASE_FILE} not found"}
        return
    yield {"note": "shared machine: figures are disturbed by other work running on it", "clients": CLIENTS,
           "seconds": SECONDS, "workers": WORKERS}  # fmt: skip
    with bench_database(url) as bench_url:
        env = _env(bench_url)
        started = time.perf_counter()
        for command in (["migrate", "--noinput", "-v", "0"], ["load_demo"], ["import_lmia", str(LMIA / BASE_FILE)]):
            _manage(env, command)
        yield {"case": "setup (migrate, load_demo, one LMIA quarter)", "s": round(time.perf_counter() - started, 1)}
        paths = _endpoints(bench_url)
        with gunicorn(env) as server:
            _load(server.port, paths, clients=min(CLIENTS, 10), seconds=min(5.0, SECONDS))  # warm the workers
            yield {"case": "steady", **_load(server.port, paths, CLIENTS, SECONDS)}
            yield {"case": "worker killed", **_worker_killed(server, paths)}
            yield {"case": "import during load", **_import_during_load(server, env, paths)}
        yield {"case": "kill -9 during import", **_kill_during_import(env, bench_url)}


# ------------------------------------------------------------------ database and processes


@contextlib.contextmanager
def bench_database(url: str) -> Iterator[str]:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/") + "_loadbench"
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env(database_url: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "bettertogether.settings.test"}
    env.setdefault("SECRET_KEY", "bench-only")
    env["BT_API_RATE"] = "100000000/minute"  # measure the site, not the throttle
    env["BT_LMIA_DIR"] = str(LMIA)
    return env


def _manage(env: dict[str, str], command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )


def _query(url: str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        return list(connection.execute(sql, params).fetchall())


def _endpoints(url: str) -> dict[str, str]:
    service_id = _query(url, "SELECT id FROM directory_service WHERE status = 'active' ORDER BY id LIMIT 1")[0][0]
    return {
        "home": "/en/",
        "directory search": "/en/services/?q=health&province=NS",
        "service page": f"/en/services/{service_id}/",
        "hsds api": "/api/hsds/services?per_page=20",
        "positions geojson": "/api/map/positions.geojson",
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []


@contextlib.contextmanager
def gunicorn(env: dict[str, str]) -> Iterator[Server]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "bettertogether.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(WORKERS), "--timeout", "60", "--access-logfile", "/dev/null"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    server = Server(process, port)
    try:
        deadline = time.monotonic() + 60
        while len(server.workers()) < WORKERS or not _listening(port):
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.2)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


# ------------------------------------------------------------------ the load


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    statuses: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, status: int | None, seconds: float) -> None:
        with self.lock:
            if status is None or status >= 500:
                self.errors[name] = self.errors.get(name, 0) + 1
            else:
                self.latencies.setdefault(name, []).append(seconds)
            key = status if status is not None else 0
            self.statuses[key] = self.statuses.get(key, 0) + 1


def _client(port: int, paths: dict[str, str], deadline: float, tally: Tally, seed: int, stop: threading.Event) -> None:
    names = list(paths)
    rng = random.Random(seed)  # not for security: spreads the clients over the endpoints
    connection: http.client.HTTPConnection | None = None
    while time.monotonic() < deadline and not stop.is_set():
        name = rng.choice(names)
        started = time.perf_counter()
        status: int | None
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", paths[name], headers={"Accept-Language": "en"})
            response = connection.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException):
            status = None
            if connection is not None:
                connection.close()
            connection = None
        tally.add(name, status, time.perf_counter() - started)
    if connection is not None:
        connection.close()


def _ms(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


def _summary(tally: Tally, elapsed: float) -> dict[str, Any]:
    endpoints = {}
    everything: list[float] = []
    for name in sorted(set(tally.latencies) | set(tally.errors)):
        values = tally.latencies.get(name, [])
        everything += values
        count = len(values) + tally.errors.get(name, 0)
        endpoints[name] = {
            "requests": count,
            "errors": tally.errors.get(name, 0),
            "p50_ms": _ms(values, 0.5),
            "p95_ms": _ms(values, 0.95),
            "rps": round(count / elapsed, 1),
        }
    total = sum(e["requests"] for e in endpoints.values())
    return {
        "requests": total,
        "errors": sum(tally.errors.values()),
        "p50_ms": _ms(everything, 0.5),
        "p95_ms": _ms(everything, 0.95),
        "mean_ms": round(1000 * statistics.fmean(everything), 1) if everything else None,
        "rps": round(total / elapsed, 1),
        "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "endpoints": endpoints,
    }


def _load(
    port: int, paths: dict[str, str], clients: int, seconds: float, stop: threading.Event | None = None
) -> dict[str, Any]:
    """`clients` threads for `seconds`, or until `stop` is set when one is given."""
    tally = Tally()
    started = time.monotonic()
    deadline = started + seconds
    stop = stop or threading.Event()
    threads = [
        threading.Thread(target=_client, args=(port, paths, deadline, tally, seed, stop), daemon=True)
        for seed in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _summary(tally, time.monotonic() - started)


def _in_background(call: Any) -> tuple[threading.Thread, dict[str, Any]]:
    result: dict[str, Any] = {}
    thread = threading.Thread(target=lambda: result.update(call()), daemon=True)
    thread.start()
    return thread, result


# ------------------------------------------------------------------ faults


def _worker_killed(server: Server, paths: dict[str, str]) -> dict[str, Any]:
    thread, figures = _in_background(lambda: _load(server.port, paths, CLIENTS, SECONDS))
    time.sleep(SECONDS / 3)
    before = server.workers()
    victim = before[0]
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    replaced_s = None
    while time.monotonic() - killed_at < SECONDS:
        now = server.workers()
        if len(now) >= WORKERS and victim not in now:
            replaced_s = round(time.monotonic() - killed_at, 2)
            break
        time.sleep(0.05)
    thread.join()
    return {"killed_worker": True, "worker_replaced_after_s": replaced_s, **figures}


def _import_during_load(server: Server, env: dict[str, str], paths: dict[str, str]) -> dict[str, Any]:
    """The load runs from just before the import until it ends (at least BENCH_SECONDS)."""
    stop = threading.Event()
    thread, figures = _in_background(lambda: _load(server.port, paths, CLIENTS, 3600, stop))
    load_started = time.monotonic()
    time.sleep(min(2.0, SECONDS / 10))
    started = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "manage.py", "import_lmia", "--json", str(LMIA / DURING_LOAD_FILE)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    import_s = round(time.perf_counter() - started, 2)
    time.sleep(max(0.0, SECONDS - (time.monotonic() - load_started)))
    stop.set()
    thread.join()
    return {"import_file": DURING_LOAD_FILE, "import_exit": process.returncode, "import_s": import_s, **figures}


def _counts(url: str) -> dict[str, int]:
    positions = _query(url, "SELECT count(*) FROM positions_approvedposition")[0][0]
    runs = _query(url, "SELECT count(*) FROM positions_importrun")[0][0]
    return {"positions": int(positions), "import_runs": int(runs)}


def _import_transaction_open(url: str, database: str) -> bool:
    rows = _query(
        url,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
        " AND xact_start IS NOT NULL AND backend_xid IS NOT NULL",
        (database,),
    )
    return bool(rows[0][0])


def _kill_during_import(env: dict[str, str], url: str) -> dict[str, Any]:
    database = urllib.parse.urlsplit(url).path.lstrip("/")
    before = _counts(url)
    process = subprocess.Popen(
        [sys.executable, "manage.py", "import_lmia", str(LMIA / KILLED_FILE)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    started = time.monotonic()
    writing = False
    while process.poll() is None and time.monotonic() - started < 300:
        if _import_transaction_open(url, database):  # it has written inside its transaction: kill it now
            writing = True
            break
        time.sleep(0.02)
    finished_first = process.poll() is not None
    if not finished_first:
        process.send_signal(signal.SIGKILL)
    process.wait()
    time.sleep(0.5)  # PostgreSQL notices the dropped connection and rolls back
    after_kill = _counts(url)
    started_rerun = time.perf_counter()
    rerun = subprocess.run(
        [sys.executable, "manage.py", "import_lmia", "--json", str(LMIA / KILLED_FILE)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    after_rerun = _counts(url)
    return {
        "file": KILLED_FILE,
        "killed_while_writing": writing and not finished_first,
        "killed_after_s": round(time.monotonic() - started, 2),
        "before": before,
        "after_kill": after_kill,
        # The kill can land just after the commit (a whole file, not a part): only a count that is
        # neither the one before nor the one a complete import gives would be partial rows.
        "outcome": "rolled back"
        if after_kill == before
        else "committed whole before the kill"
        if after_kill == after_rerun
        else "partial rows left",
        "rerun_exit": rerun.returncode,
        "rerun_s": round(time.perf_counter() - started_rerun, 2),
        "after_rerun": after_rerun,
    }
