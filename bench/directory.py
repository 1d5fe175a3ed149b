"""Directory benchmark on the national-scale HSDS data set (../shared/data/bench/directory-20k).

For a fresh temporary SQLite database (and PostgreSQL when BENCH_DATABASE_URL is set):
1. `import_hsds` of the 20,000-service data package (wall time);
2. in-process, after `bettertogether.warm.warm()` as a gunicorn worker starts (preloaded and warmed
   in the master): `search_services(near=<postal code's point>, category=<term>, limit=30)` around
   varied Canadian postal codes (Annapolis Valley first, then across the country), p50/p95; on
   PostgreSQL with PostGIS, the circle sized by its nearest-neighbour search against widening ones;
3. over HTTP: gunicorn (4 workers, 127.0.0.1, a free port, stopped afterwards): the first search of
   a freshly started worker of each kind (page, French page, API, text search, map), then 10
   concurrent clients on the API root `/api/hsds/` (the
   framework's own ceiling on this machine), `/en/services/?near=B4N 1A1`,
   `/api/hsds/service_at_locations?postcode=B4N1A1&proximity=60000&per_page=30` (HSDS proximity is
   in metres: 60 km), and both again over 240 postal codes: requests/s, p50, p95 and the share of
   the ceiling; then the workers' memory (RSS, and PSS: what each adds beside the others);
4. BENCH_SCALE (10) times the directory, made of jittered copies (200,000 services): in-process
   search p50/p95 with and without the category, the process's resident memory, and a fresh
   gunicorn on it: time to ready, first requests, memory per worker.
Each database runs in a child process so Django is configured for it alone. Figures are printed,
never asserted (this machine is shared: they move with its load). The peer figures from the data
set's README are printed beside ours.
"""

from __future__ import annotations

import contextlib
import csv
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from bettertogether.core.shared_data import shared_data

ROOT = Path(__file__).resolve().parent.parent
DATA = shared_data("bench", "directory-20k")
QUERIES = 240
HTTP_REQUESTS = int(os.environ.get("BENCH_REQUESTS", "400"))  # per endpoint, spread over the clients
CLIENTS = 10
WORKERS = 4
PEER = {"peer_in_process_p50_ms": 84, "peer_in_process_p95_ms": 177, "peer_http_rps": 20.5}
KENTVILLE = (45.077, -64.495)
SCALE = int(os.environ.get("BENCH_SCALE", "10"))  # 200,000 services for the last step


def run() -> Iterable[dict[str, Any]]:
    if not DATA.is_dir():
        yield {"skipped": f"{DATA} not found"}
        return
    targets = []
    with tempfile.TemporaryDirectory(prefix="bt-bench-") as tmp:
        targets.append(("sqlite", f"sqlite:///{tmp}/bench.sqlite3"))
        if os.environ.get("BENCH_DATABASE_URL"):
            targets.append(("postgresql", os.environ["BENCH_DATABASE_URL"]))
        for name, url in targets:
            yield from _child(name, url)


def _child(name: str, url: str) -> Iterator[dict[str, Any]]:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bettertogether.settings.test"}
    env.setdefault("SECRET_KEY", "bench-only")
    env["BT_API_RATE"] = "1000000/minute"
    process = subprocess.run(
        [sys.executable, "-m", "bench.directory", "--child", name],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=int(os.environ.get("BENCH_CHILD_TIMEOUT", "5400")),  # the 200,000-service step writes a million rows
    )
    for line in process.stdout.splitlines():
        if line.startswith("{"):
            yield json.loads(line)
    if process.returncode:
        yield {"database": name, "error": process.stderr.strip().splitlines()[-1:] or "child failed"}


# ---------------------------------------------------------------- child process


def _emit(record: dict[str, Any]) -> None:
    print(json.dumps(record), flush=True)


def _ms(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000, 1),
    }


def _postal_codes() -> list[str]:
    """Distinct postal codes of the data set: those near Kentville first, then an even spread."""
    with (DATA / "addresses.csv").open(newline="", encoding="utf-8") as handle:
        codes = sorted({r["postal_code"] for r in csv.DictReader(handle) if len(r["postal_code"]) == 7})
    valley = [c for c in codes if c.startswith(("B4N", "B4P", "B0P", "B4R", "B4A"))]
    rest = [c for c in codes if c not in valley]
    step = max(1, len(rest) // (QUERIES * 4))
    return ["B4N 1A1", *valley[: QUERIES // 4], *rest[::step]]


def _child_main(name: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from bettertogether.core.geocode import geocode
    from bettertogether.directory import hsds_io
    from bettertogether.directory.models import TaxonomyTerm
    from bettertogether.directory.search import search_services

    with open(os.devnull, "w") as quiet:
        call_command("migrate", verbosity=0, skip_checks=True, stdout=quiet)
        # A database of an earlier run holds its copies: measure this run's data alone.
        call_command("flush", interactive=False, verbosity=0, stdout=quiet)
    started = time.perf_counter()
    report = hsds_io.import_package(DATA)
    _emit(
        {
            "database": name,
            "step": "import_hsds directory-20k",
            "seconds": round(time.perf_counter() - started, 1),
            "services": report.counts.get("service"),
            "attributes": report.counts.get("attribute"),
        }
    )
    term = TaxonomyTerm.objects.annotate(n=Count("attributes")).order_by("-n", "code").values_list("code", flat=True)[0]
    points = {}
    geo_times = []
    for code in _postal_codes():  # synthetic addresses: keep the codes that are real
        t = time.perf_counter()
        point = geocode(code)
        geo_times.append(time.perf_counter() - t)
        if point is not None:
            points[code] = point
        if len(points) == QUERIES:
            break
    codes = list(points)
    from bettertogether.warm import warm

    warm()  # as gunicorn's master does before it forks the workers
    search_services(near=KENTVILLE, category=term, limit=30)
    times, totals = [], []
    for point in points.values():
        t = time.perf_counter()
        result = search_services(near=point, category=term, limit=30)
        times.append(time.perf_counter() - t)
        totals.append(result.total)
    _emit(
        {
            "database": name,
            "step": "in-process search_services(near=postal code, category, limit=30)",
            "category": term,
            "queries": len(times),
            **_ms(times),
            "geocode_p50_ms": _ms(geo_times)["p50_ms"],
            "median_matches": statistics.median(totals) if totals else 0,
            **PEER,
        }
    )
    # The peer's query exactly: near Kentville, first page of 30, with and without the category.
    for label, category in (("no category", None), (term, term)):
        kentville = []
        for _ in range(200):
            t = time.perf_counter()
            search_services(near=KENTVILLE, category=category, limit=30)
            kentville.append(time.perf_counter() - t)
        _emit(
            {
                "database": name,
                "step": f"in-process search_services(near=Kentville 45.077,-64.495, limit=30), {label}",
                "queries": len(kentville),
                **_ms(kentville),
                **PEER,
            }
        )
    knn = _postgis_knn(name, list(points.values()))
    if knn:
        _emit(knn)
    connection.close()
    for record in _http(name, term, codes):
        _emit(record)
    if SCALE > 1:
        _emit(_at_scale(name, term, list(points.values())))
        knn = _postgis_knn(name, list(points.values()), f" at {SCALE}x")
        if knn:
            _emit(knn)
        connection.close()
        for record in _fresh_server(name, f" at {SCALE}x"):
            _emit(record)


def _postgis_knn(name: str, points: list[Any], label: str = "") -> dict[str, Any] | None:
    """The 30 services nearest each postal code by the two ways of sizing the circle: PostGIS's
    nearest-neighbour search on the GiST geography index (migration directory 0007), and the
    widening circles on the B-tree coordinates (SQLite's way, and PostgreSQL's without PostGIS)."""
    from django.db import connection

    from bettertogether.directory import search_near

    if connection.vendor != "postgresql":
        return None
    step = f"30 nearest services: circle sized by PostGIS KNN (GiST) against widening circles (B-tree){label}"
    if not search_near.knn_available():
        return {"database": name, "step": step, "skipped": "PostGIS or its index is missing on this server"}
    pairs = search_near.located_pairs(search_near.service_conditions())
    timings: dict[str, list[float]] = {"knn": [], "widening": []}
    try:
        for point in points:
            for engine, knn in (("knn", True), ("widening", False)):
                search_near._knn["default"] = knn
                t = time.perf_counter()
                search_near.nearest_services(pairs, point.latitude, point.longitude, 30)
                timings[engine].append(time.perf_counter() - t)
    finally:
        search_near._knn.pop("default", None)
    return {
        "database": name,
        "step": step,
        "queries": len(points),
        **{f"{engine}_{k}": v for engine, values in timings.items() for k, v in _ms(values).items()},
    }


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _at_scale(name: str, term: str, points: list[Any]) -> dict[str, Any]:
    """SCALE× the directory (jittered copies of every service, place and category), then search it."""
    from bettertogether.directory import search_near, search_text, version
    from bettertogether.directory.models import Attribute, Location, Service, ServiceAtLocation
    from bettertogether.directory.search import search_services

    rng = random.Random(20)
    started = time.perf_counter()
    services = list(Service.objects.values_list("id", "organization_id", "name", "status", "is_free"))
    places = list(Location.objects.values_list("id", "name", "latitude", "longitude", "geo_precision"))
    pairs = list(ServiceAtLocation.objects.values_list("service_id", "location_id"))
    attributes = list(Attribute.objects.values_list("service_id", "taxonomy_term_id"))
    for copy in range(1, SCALE):
        new_service = {sid: uuid.uuid4() for sid, *_rest in services}
        new_place = {lid: uuid.uuid4() for lid, *_rest in places}
        Service.objects.bulk_create(
            (Service(id=new_service[s], organization_id=o, name=f"{n} {copy}", name_en=f"{n} {copy}", status=st,
                     is_free=free) for s, o, n, st, free in services), batch_size=2000)  # fmt: skip
        Location.objects.bulk_create(
            (Location(id=new_place[lid], name=n, name_en=n, geo_precision=g,
                      latitude=None if lat is None else lat + rng.uniform(-0.05, 0.05),
                      longitude=None if lon is None else lon + rng.uniform(-0.05, 0.05))
             for lid, n, lat, lon, g in places), batch_size=2000)  # fmt: skip
        ServiceAtLocation.objects.bulk_create(
            (ServiceAtLocation(service_id=new_service[s], location_id=new_place[lid]) for s, lid in pairs),
            batch_size=5000,
        )
        Attribute.objects.bulk_create(
            (Attribute(service_id=new_service[s], taxonomy_term_id=t) for s, t in attributes), batch_size=5000
        )
    version.bump()
    texts_started = time.perf_counter()
    search_text.refresh()  # the copies' search texts, as the importer writes those of what it wrote
    texts_s = time.perf_counter() - texts_started
    search_near.refresh_statistics()  # as the importer does after its bulk writes
    built = time.perf_counter() - started
    from bettertogether.warm import warm

    warm_s = warm()  # as gunicorn's master does before it forks the workers
    results: dict[str, Any] = {}
    for label, category in (("", None), ("_category", term)):
        search_services(near=points[0], category=category, limit=30)
        times = []
        for point in points:
            t = time.perf_counter()
            search_services(near=point, category=category, limit=30)
            times.append(time.perf_counter() - t)
        results.update({f"{k}{label}": v for k, v in _ms(times).items()})
    # Text searches, each word new to the directory's version (nothing cached yet), near a place.
    times = []
    for word, point in zip(TEXT_WORDS, points, strict=False):
        t = time.perf_counter()
        search_services(q=word, near=point, limit=30)
        times.append(time.perf_counter() - t)
    results.update({f"{k}_text": v for k, v in _ms(times).items()})
    return {
        "database": name,
        "step": f"in-process search_services(near=postal code, limit=30) at {SCALE}x: jittered copies",
        "services": Service.objects.count(),
        "service_at_locations": ServiceAtLocation.objects.count(),
        "copies_written_s": round(built, 1),
        "search_texts_written_s": round(texts_s, 1),
        "text_queries": len(times),
        "warm_s": warm_s,
        "queries": len(points),
        **results,
        "process_rss_mb": _rss_mb(),
    }


def _free_port() -> int:
    for port in range(8150, 8200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8150-8199")


@contextlib.contextmanager
def _gunicorn() -> Iterator[tuple[int, int]]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", "--timeout", "120", "bettertogether.wsgi:application"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 600  # the master warms up before it opens the port
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            time.sleep(0.2)
        yield port, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _load(port: int, paths: list[str], requests: int) -> dict[str, Any]:
    """CLIENTS threads with keep-alive connections share `requests` requests over the paths."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    counter = iter(range(requests))

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for i in counter:
            path = paths[i % len(paths)]
            t = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept-Language": "en"})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                status = 0
            elapsed = time.perf_counter() - t
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {"requests": len(latencies), "requests_per_s": round(len(latencies) / wall, 1), **_ms(latencies),
            "statuses": {str(k): v for k, v in sorted(statuses.items())}}  # fmt: skip


FIXED_PAGE = "/en/services/?near=" + urllib.parse.quote("B4N 1A1")
FIXED_API = "/api/hsds/service_at_locations?postcode=B4N1A1&proximity=60000&per_page=30"
CEILING = "/api/hsds/"


def _first_request(port: int, path: str) -> float:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    t = time.perf_counter()
    conn.request("GET", path, headers={"Accept-Language": "en"})
    conn.getresponse().read()
    conn.close()
    return round((time.perf_counter() - t) * 1000, 1)


def _worker_memory_mb(server_pid: int) -> dict[str, list[float]]:
    """Each worker's resident memory (RSS) and its proportional share (PSS: pages shared with the
    master and the other workers are divided between them, so PSS is what a worker adds)."""
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children")
    found: dict[str, list[float]] = {"rss_mb": [], "pss_mb": []}
    for pid in children.read_text().split() if children.exists() else []:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                key = {"Rss:": "rss_mb", "Pss:": "pss_mb"}.get(line.split(":")[0] + ":")
                if key:
                    found[key].append(round(int(line.split()[1]) / 1024, 1))
    return found


# Words of the data set's services, common and rare, and one it does not hold.
TEXT_WORDS = ["legal", "food bank", "employment", "english", "health", "youth", "housing", "women",
              "newcomer", "counselling", "tax", "zzqx", "senior", "career", "mental health", "child"]  # fmt: skip

FIRST_REQUESTS = {  # a fresh worker's first request of each kind
    "page near a postal code": FIXED_PAGE,
    "page in French": "/fr/services/?near=" + urllib.parse.quote("B3H 1A1"),
    "HSDS proximity": FIXED_API.replace("B4N1A1", "E1C4M3"),
    "text search": "/en/services/?q=legal&near=" + urllib.parse.quote("B4N 1A1"),
    "open now in a province": "/en/services/?open_now=on&province=NB&near=" + urllib.parse.quote("E1C 4M3"),
    "map markers": "/api/map/services.geojson?lang=en&near=45.07700,-64.49500&limit=1500",
}


def _fresh_server(name: str, label: str) -> Iterator[dict[str, Any]]:
    """Start gunicorn, time until it answers and each kind of first request, and its memory after
    searches near a place, then after text searches."""
    started = time.perf_counter()
    with _gunicorn() as (port, pid):
        ready = round(time.perf_counter() - started, 2)
        others = {kind: path for kind, path in FIRST_REQUESTS.items() if kind != "text search"}
        firsts = {kind: _first_request(port, path) for kind, path in others.items()}
        _load(port, list(others.values()) * 20, 100)
        memory = _worker_memory_mb(pid)
        firsts["text search"] = _first_request(port, FIRST_REQUESTS["text search"])
        yield {"database": name, "step": f"HTTP first requests of fresh workers{label}",
               "server_ready_s": ready, "ms": firsts}  # fmt: skip
        yield {"database": name, "step": f"gunicorn worker memory{label}, searches near a place", **memory}
        _load(port, [FIRST_REQUESTS["text search"]] * 20, 20)
        yield {"database": name, "step": f"gunicorn worker memory{label}, after text searches",
               **_worker_memory_mb(pid)}  # fmt: skip


def _http(name: str, term: str, codes: list[str]) -> Iterator[dict[str, Any]]:
    quote = urllib.parse.quote
    endpoints = {
        f"ceiling {CEILING}": [CEILING],
        FIXED_PAGE: [FIXED_PAGE],
        FIXED_API: [FIXED_API],
        "/en/services/?near=<240 postal codes>&category": [
            f"/en/services/?near={quote(c)}&category={quote(term)}" for c in codes
        ],
        "/api/hsds/service_at_locations?postcode=<240 postal codes>&proximity=60000&per_page=30": [
            f"/api/hsds/service_at_locations?postcode={quote(c.replace(' ', ''))}&proximity=60000&per_page=30"
            for c in codes
        ],
    }
    yield from _fresh_server(name, "")
    with _gunicorn() as (port, pid):
        ceiling = None
        for label, paths in endpoints.items():
            _load(port, paths[:40], 40)  # every worker has answered before it is measured
            result = _load(port, paths, HTTP_REQUESTS)
            if ceiling is None:
                ceiling = result["requests_per_s"]
            yield {
                "database": name,
                "step": f"HTTP {label}",
                "clients": CLIENTS,
                "workers": WORKERS,
                **result,
                "share_of_ceiling": round(result["requests_per_s"] / ceiling, 3) if ceiling else None,
                **PEER,
            }
        yield {"database": name, "step": "gunicorn worker memory after the runs", **_worker_memory_mb(pid)}


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        _child_main(sys.argv[2])
    else:
        for item in run():
            print(json.dumps(item), flush=True)
