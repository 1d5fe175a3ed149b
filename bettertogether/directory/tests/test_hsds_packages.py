"""HSDS JSON packages, .zip packages and pulling a directory from another HSDS API (loopback servers)."""

from __future__ import annotations

import io
import json
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from bettertogether.directory import hsds_fetch, hsds_io, hsds_json, models

from . import factories
from .test_hsds_io import files, rows, wipe
from .test_hsds_support import HSDS_DIR

pytestmark = pytest.mark.django_db


def _everything() -> dict[type, int]:
    return {m: m.objects.count() for m in (models.Organization, models.Service, models.Location, models.Phone)}


def _directory() -> models.Service:
    service = factories.full_service()
    factories.located_service(46.09, -64.77, status="defunct", minimum_age=18)
    location = service.service_at_locations.get().location
    factories.AddressFactory(location=location, address_1="", postal_code="", city="Moncton", state_province="NB")
    return service


def _unused_terms() -> set[str]:
    return {str(t) for t in models.TaxonomyTerm.objects.filter(attributes=None).values_list("id", flat=True)}


def test_json_package_round_trip_loses_only_unused_taxonomy_terms(tmp_path: Path) -> None:
    _directory()
    unused = _unused_terms()
    assert unused  # the parent category no service carries
    hsds_io.export_package(tmp_path / "before")
    out = io.StringIO()
    call_command("export_hsds", str(tmp_path / "directory.json"), "--format", "json", stdout=out)
    assert "2 organizations" in out.getvalue()
    documents = json.loads((tmp_path / "directory.json").read_text(encoding="utf-8"))
    assert len(documents) == 2 and all("services" in d for d in documents)
    wipe()
    call_command("import_hsds", str(tmp_path / "directory.json"), stdout=io.StringIO(), stderr=io.StringIO())
    hsds_io.export_package(tmp_path / "after")
    before, after = files(tmp_path / "before"), files(tmp_path / "after")
    for name in before:
        if name != "taxonomy_terms.csv":
            assert after[name] == before[name], name
    kept = {r["id"] for r in rows(tmp_path / "after" / "taxonomy_terms.csv")}
    assert {r["id"] for r in rows(tmp_path / "before" / "taxonomy_terms.csv")} - kept == unused


@pytest.mark.shared_data
@pytest.mark.parametrize("name", ["organization_full.json", "service_full.json", "service_at_location_full.json"])
def test_official_json_examples_come_back_whole(tmp_path: Path, name: str) -> None:
    path = HSDS_DIR / "examples" / name
    report = hsds_json.import_json_package(path, 10**8)
    assert report.warnings == []
    hsds_json.export_json_package(tmp_path / "out.json")
    official = hsds_json.flatten([("", None, hsds_json.read_json_package(path, 10**8))])
    ours = hsds_json.flatten([("", None, json.loads((tmp_path / "out.json").read_text(encoding="utf-8")))])
    lost = []
    for table, found in official.rows.items():
        for key, row in found.items():
            got = ours.rows[table].get(key, {})
            lost += [(table, c, v) for c, v in row.items() if v and _same(got.get(c, "")) != _same(v)]
    assert lost == []


def _same(value: str) -> str:
    """What the import normalizes: surrounding spaces, number spelling (35 / 35.0)."""
    try:
        return str(float(value))
    except ValueError:
        return value.strip()


def test_invalid_json_objects_name_their_place_and_import_nothing(tmp_path: Path) -> None:
    service = _directory()
    hsds_json.export_json_package(tmp_path / "d.json")
    documents = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    index = next(i for i, d in enumerate(documents) if d["id"] == str(service.organization_id))
    documents[index]["services"][0]["status"] = "open"
    documents[index]["services"][0]["phones"].append({"number": "no id"})
    (tmp_path / "d.json").write_text(json.dumps(documents), encoding="utf-8")
    wipe()
    with pytest.raises(hsds_io.HSDSImportError) as caught:
        hsds_json.import_json_package(tmp_path / "d.json", 10**8)
    assert caught.value.messages == [f"[{index}].services[0].phones[1]: a phone without an 'id'"]
    del documents[index]["services"][0]["phones"][1]
    (tmp_path / "d.json").write_text(json.dumps(documents), encoding="utf-8")
    with pytest.raises(hsds_io.HSDSImportError) as caught:
        hsds_json.import_json_package(tmp_path / "d.json", 10**8)
    assert caught.value.messages == [
        f"[{index}].services[0] (services), column status: must be one of active, inactive, defunct, "
        "temporarily closed: 'open'"
    ]
    assert not models.Service.objects.exists()


# ---------------------------------------------------------------- zip


def _zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    return path


def test_zip_packages_import_like_folders(tmp_path: Path) -> None:
    _directory()
    hsds_io.export_package(tmp_path / "pkg")
    hsds_json.export_json_package(tmp_path / "d.json")
    members = {f"pkg/{p.name}": p.read_bytes() for p in (tmp_path / "pkg").iterdir()}
    csv_zip = _zip(tmp_path / "csv.zip", members)
    json_zip = _zip(tmp_path / "json.zip", {"d.json": (tmp_path / "d.json").read_bytes()})
    counts = _everything()
    for archive in (csv_zip, json_zip):
        wipe()
        call_command("import_hsds", str(archive), stdout=io.StringIO(), stderr=io.StringIO())
        assert _everything() == counts, archive.name


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"../services.csv": b"id\n"}, "a path outside the package"),
        ({"/etc/services.csv": b"id\n"}, "a path outside the package"),
        ({f"t{i}.csv": b"id\n" for i in range(101)}, "101 files, more than 100"),
        ({"services.csv": b"id\n" + b"0" * 3_000_000}, "compressed more than 200 to 1"),
        ({"a/services.csv": b"id\n", "b/phones.csv": b"id\n"}, "tables must be in one folder"),
        ({"readme.txt": b"hello"}, "no datapackage.json, CSV or JSON file inside"),
    ],
)
def test_zip_bounds_are_checked_before_anything_is_written(
    tmp_path: Path, members: dict[str, bytes], message: str
) -> None:
    factories.full_service()
    counts = _everything()
    archive = _zip(tmp_path / "bad.zip", members)
    with pytest.raises(CommandError, match=message):
        call_command("import_hsds", str(archive), stdout=io.StringIO(), stderr=io.StringIO())
    assert _everything() == counts
    assert list(tmp_path.iterdir()) == [archive]


def test_zip_links_and_oversized_archives_are_refused(tmp_path: Path) -> None:
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        info = zipfile.ZipInfo("services.csv")
        info.external_attr = 0o120777 << 16  # a symbolic link
        bundle.writestr(info, "/etc/passwd")
    with pytest.raises(hsds_io.HSDSImportError, match="not a regular file"):
        hsds_fetch.import_path(archive, 10**8)
    with pytest.raises(hsds_io.HSDSImportError, match="more than the limit of 10"):
        hsds_fetch.import_path(archive, 10)
    (tmp_path / "broken.zip").write_bytes(b"PK not really")
    with pytest.raises(hsds_io.HSDSImportError, match="not a zip archive"):
        hsds_fetch.import_path(tmp_path / "broken.zip", 10**8)


# ---------------------------------------------------------------- another HSDS API, on loopback

Handler = Callable[[BaseHTTPRequestHandler], None]


@pytest.fixture
def serve() -> Iterator[Callable[[Handler], str]]:
    servers: list[ThreadingHTTPServer] = []

    def start(handle: Handler) -> str:
        class RequestHandler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # the http.server API
                handle(self)

            def log_message(self, *args: Any) -> None:
                return

        server = ThreadingHTTPServer(("127.0.0.1", 0), RequestHandler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/api/hsds"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _send(handler: BaseHTTPRequestHandler, body: Any, status: int = 200) -> None:
    data = json.dumps(body).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def _recorded_api(client: Client, per_page: int) -> dict[str, Any]:
    """Our own API's pages, recorded before the database is emptied, keyed by path and query."""
    pages: dict[str, Any] = {}
    for path, query in (("organizations", "full_service=true&"), ("taxonomies", ""), ("taxonomy_terms", "")):
        page = 1
        while True:
            key = f"/api/hsds/{path}?{query}page={page}&per_page={per_page}"
            pages[key] = client.get(key).json()
            if pages[key]["last_page"]:
                break
            page += 1
    return pages


def test_a_whole_directory_is_pulled_page_by_page(client: Client, tmp_path: Path, serve: Any) -> None:
    _directory()
    hsds_io.export_package(tmp_path / "before")
    pages = _recorded_api(client, per_page=1)
    assert sum(1 for k in pages if "organizations" in k) == 2
    requested: list[str] = []

    def handle(handler: BaseHTTPRequestHandler) -> None:
        requested.append(handler.path)
        if handler.path in pages:
            _send(handler, pages[handler.path])
        else:
            _send(handler, {"detail": "no"}, 404)

    url = serve(handle)
    wipe()
    out = io.StringIO()
    call_command("import_hsds", "--from-api", url, "--per-page", "1", stdout=out, stderr=io.StringIO())
    assert set(requested) == set(pages)
    hsds_io.export_package(tmp_path / "after")
    for name in files(tmp_path / "before"):  # terms come from /taxonomy_terms
        old, new = rows(tmp_path / "before" / name), rows(tmp_path / "after" / name)
        if name in ("services.csv", "service_at_location.csv"):  # lists leave defunct services out
            gone = [r for r in old if r not in new]
            assert len(gone) == 1 and (gone[0].get("status") == "defunct" or name != "services.csv")
            old = [r for r in old if r in new]
        assert new == old, name


def _paged(items: list[Any], page: int, total_pages: int, total_items: int) -> dict[str, Any]:
    return {
        "contents": items,
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(items),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not items,
    }


def _query_page(handler: BaseHTTPRequestHandler) -> int:
    return int(parse_qs(urlsplit(handler.path).query).get("page", ["1"])[0])


_GOOD = {"id": "0c8a4c3e-2b8f-4f7e-9a57-3d8b0c1e5f99", "name": "Elsewhere", "description": "x", "services": []}


def _misbehave_in_transport(handler: BaseHTTPRequestHandler, behaviour: str, page: int) -> bool:
    """Stall, trickle, page without end or redirect away; False for the behaviours that answer badly."""
    good = _GOOD
    if behaviour == "stall":
        time.sleep(2)
        return True
    if behaviour == "trickle":
        handler.send_response(200)
        handler.send_header("Content-Length", "1000")
        handler.end_headers()
        for _ in range(30):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.1)
        return True
    if behaviour == "endless":  # ever more pages, each within the rules
        _send(handler, _paged([good] * 50, page, 10_000, 500_000))
        return True
    if behaviour == "redirect":
        handler.send_response(302)
        handler.send_header("Location", "ftp://127.0.0.1/directory.json")
        handler.end_headers()
        return True
    return False


def _send_bad_answer(handler: BaseHTTPRequestHandler, behaviour: str, page: int) -> None:
    good = _GOOD
    if behaviour == "http_error":
        _send(handler, {"detail": "boom"}, 500)
    elif behaviour == "not_json":
        handler.send_response(200)
        handler.end_headers()
        handler.wfile.write(b"<html>")
    elif behaviour == "not_a_page":
        _send(handler, [good])
    elif behaviour == "more_pages":  # says 3 pages, the second is empty
        _send(handler, _paged([good] if page == 1 else [], page, 3, 3))
    elif behaviour == "changing_total":
        _send(handler, _paged([good], page, 2 if page == 1 else 5, 2 if page == 1 else 5))
    elif behaviour == "huge_total":
        _send(handler, _paged([good], page, 10**9, 10**9))
    elif behaviour == "wrong_page":
        _send(handler, _paged([good], 1, 2, 2))
    elif behaviour == "invalid_objects":
        items = [good, {"name": "no id"}] if "organizations" in handler.path else []
        _send(handler, _paged(items, 1, 1, len(items)))


@pytest.mark.parametrize(
    ("behaviour", "message"),
    [
        ("stall", "no answer within 0.5 s"),
        ("trickle", "no complete answer within 0.5 s"),
        ("more_pages", "total_items says 3, 3 pages gave 1"),
        ("changing_total", "total_pages/total_items changed from 2/2 to 5/5 while reading"),
        ("huge_total", "1000000000 pages, more than the limit of 10000"),
        ("wrong_page", "answered page 1 for page 2"),
        ("not_a_page", "not an HSDS page"),
        ("not_json", "not JSON"),
        ("invalid_objects", "organizations[1]: a organization without an 'id'"),
        ("http_error", "HTTP 500"),
        ("endless", "the answers so far pass the limit of the import's size"),
        ("redirect", "not an http(s) URL"),
    ],
)
def test_a_bad_api_gives_a_clear_error_and_imports_nothing(serve: Any, behaviour: str, message: str) -> None:
    factories.full_service()
    counts = _everything()

    def handle(handler: BaseHTTPRequestHandler) -> None:
        page = _query_page(handler)
        if not _misbehave_in_transport(handler, behaviour, page):
            _send_bad_answer(handler, behaviour, page)

    url = serve(handle)
    started = time.monotonic()
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_hsds", "--from-api", url, "--timeout", "0.5", "--max-bytes", "200000", stdout=io.StringIO()
        )
    assert time.monotonic() - started < 10
    assert message in str(caught.value) and str(caught.value).startswith("Nothing imported")
    assert _everything() == counts


def test_from_api_refuses_other_schemes_and_both_sources() -> None:
    with pytest.raises(CommandError, match="not an http"):
        call_command("import_hsds", "--from-api", "file:///etc/passwd", stdout=io.StringIO())
    with pytest.raises(CommandError, match="one of them"):
        call_command("import_hsds", "x", "--from-api", "http://127.0.0.1:9/", stdout=io.StringIO())
