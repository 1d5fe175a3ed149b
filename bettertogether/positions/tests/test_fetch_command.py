"""fetch_lmia against a CKAN portal on loopback that serves the shared files, and against a dead one."""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command

from bettertogether.positions.fetch import DATASET_ID
from bettertogether.positions.models import ApprovedPosition, ImportRun

pytestmark = pytest.mark.django_db

# Served name → shared file. The 2021Q4 list is published under a `useb-…` name that does not give its period.
USEB_2021Q4 = "useb-dgcetfw-tetdip-piddiviaionline-publicationemployer-list2021-employer-list2021q4finaltfwp_2.xlsx"
SERVED = {
    "TFWP_2021Q3_Positive_EN.xlsx": "tfwp_2021q3_positive_en.xlsx",
    USEB_2021Q4: "tfwp_2021q4_positive_en.xlsx",
    "tfwp_2022q1_positive_en.xlsx": "tfwp_2022q1_positive_en.xlsx",
    "tfwp_2022q2_positive_en.xlsx": "tfwp_2022q2_positive_en.xlsx",
    "tfwp_2022q3_positive_en.xlsx": "tfwp_2022q3_positive_en.xlsx",
    "2016_positive_employer_fr.csv": "tfwp_2016_positive_fr.csv",
    "tfwp_2022q1_positive_fr.xlsx": "tfwp_2022q1_positive_en.xlsx",
}


def _package(base: str) -> dict:
    def res(name, language, title, fmt="XLSX"):
        return {"id": name, "name": title, "url": f"{base}/files/{name}", "language": [language], "format": fmt}

    return {
        "success": True,
        "result": {
            "id": DATASET_ID,
            "resources": [
                res("2016_positive_employer_fr.csv", "fr", "2016 Positive LMIA Employers List (FR)", "CSV"),
                res("TFWP_2021Q3_Positive_EN.xlsx", "en", "2021Q3 Positive LMIA Employers List"),
                res(USEB_2021Q4, "en", "Positive LMIA Employers List"),
                res("tfwp_2022q1_positive_en.xlsx", "en", "2022Q1 Positive LMIA Employers List"),
                res("tfwp_2022q1_positive_fr.xlsx", "fr", "2022Q1 Liste des employeurs EIMT positives"),
                res("tfwp_2022q2_positive_en.xlsx", "en", "2022Q2 Positive LMIA Employers List"),
                res("tfwp_2022q3_positive_en.xlsx", "en", "2022Q3 Positive LMIA Employers List"),
                {
                    "id": "dict",
                    "name": "Data dictionary",
                    "url": f"{base}/files/dictionary.pdf",
                    "format": "PDF",
                    "language": ["en"],
                },
            ],
        },
    }


@pytest.fixture
def portal(shared_data):
    requested: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            path = urlsplit(self.path).path
            requested.append(path)
            if path == "/api/3/action/package_show":
                body = json.dumps(_package(f"http://127.0.0.1:{self.server.server_port}")).encode()
                kind = "application/json"
            elif path.startswith("/files/") and path[7:] in SERVED:
                body = (shared_data / "lmia" / SERVED[path[7:]]).read_bytes()
                kind = "application/octet-stream"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/api/3/action/", requested
    server.shutdown()
    server.server_close()


def _fetch(*args):
    out = StringIO()
    call_command("fetch_lmia", *args, stdout=out)
    return out.getvalue()


@pytest.mark.shared_data
def test_fetch_downloads_the_english_quarters_in_range_and_imports_them(portal, tmp_path):
    url, requested = portal
    output = _fetch("--from", "2021Q3", "--to", "2022Q2", "--portal", url, "--dest", str(tmp_path), "--timeout", "10")
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == sorted(
        ["TFWP_2021Q3_Positive_EN.xlsx", USEB_2021Q4, "tfwp_2022q1_positive_en.xlsx", "tfwp_2022q2_positive_en.xlsx"]
    )
    assert not any("_fr" in path or "2022q3" in path or "dictionary" in path for path in requested)
    runs = ImportRun.objects.filter(status="ok").order_by("period_start")
    assert [r.period for r in runs] == ["2021Q3", "2021Q4", "2022Q1", "2022Q2"]
    assert {code: sum(r.per_province[code]["positions"] for r in runs) for code in ("NS", "NB", "PE")} == {
        "NS": 3617,
        "NB": 5197,
        "PE": 1732,
    }
    maritime = ApprovedPosition.objects.filter(province__in=["NS", "NB", "PE"])
    assert sum(maritime.values_list("positions", flat=True)) == 10_546
    assert "4 downloaded" in output

    # Idempotent: a second run downloads nothing and changes nothing.
    requested.clear()
    rows = ApprovedPosition.objects.count()
    again = _fetch("--from", "2021Q3", "--to", "2022Q2", "--portal", url, "--dest", str(tmp_path))
    assert requested == ["/api/3/action/package_show"]
    assert "0 downloaded" in again and "already loaded" in again
    assert ApprovedPosition.objects.count() == rows
    assert ImportRun.objects.count() == 4


@pytest.mark.shared_data
def test_a_single_quarter_and_the_useb_file_read_by_its_title(portal, tmp_path):
    url, requested = portal
    _fetch("--from", "2021Q4", "--to", "2021Q4", "--portal", url, "--dest", str(tmp_path))
    # The useb file had to be downloaded to know its period; the 2021Q3 and 2022 files were never requested.
    assert [p.name for p in tmp_path.iterdir()] == [USEB_2021Q4]
    assert [r.period for r in ImportRun.objects.all()] == ["2021Q4"]
    assert not any("2021Q3" in path or "2022q" in path for path in requested)


def test_a_portal_that_never_answers_times_out_clearly(tmp_path):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts connections into the backlog, never answers
    port = silent.getsockname()[1]
    try:
        with pytest.raises(CommandError) as error:
            _fetch("--portal", f"http://127.0.0.1:{port}/api/3/action/", "--timeout", "0.5", "--dest", str(tmp_path))
    finally:
        silent.close()
    assert "no answer within 0.5 s" in str(error.value)
    assert "Nothing was imported" in str(error.value)
    assert not ImportRun.objects.exists() and not ApprovedPosition.objects.exists()
    assert list(tmp_path.iterdir()) == []


def test_an_unreachable_portal_fails_clearly(tmp_path):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there any more: connection refused
    with pytest.raises(CommandError) as error:
        _fetch("--portal", f"http://127.0.0.1:{port}/api/3/action/", "--timeout", "2", "--dest", str(tmp_path))
    assert "cannot reach the open data portal" in str(error.value)
    assert not ImportRun.objects.exists()


def test_bad_range_is_refused(tmp_path):
    with pytest.raises(CommandError, match="before it starts"):
        _fetch("--from", "2022Q2", "--to", "2021Q3", "--portal", "http://127.0.0.1:9/", "--dest", str(tmp_path))
    with pytest.raises(CommandError, match="not a period"):
        _fetch("--from", "2022Q7", "--portal", "http://127.0.0.1:9/", "--dest", str(tmp_path))


@pytest.mark.shared_data
def test_an_oversized_download_is_refused_and_leaves_nothing(portal, tmp_path, settings):
    url, _requested = portal
    settings.BT_MAX_UPLOAD_BYTES = 10_000
    with pytest.raises(CommandError, match="larger than the limit"):
        _fetch("--from", "2022Q1", "--to", "2022Q1", "--portal", url, "--dest", str(tmp_path))
    assert list(tmp_path.iterdir()) == []  # no partial file
    assert not ImportRun.objects.exists()


def test_a_portal_answering_nonsense_fails_clearly(tmp_path):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"<html>maintenance</html>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(CommandError, match="the answer is not JSON.*Nothing was imported"):
            _fetch("--portal", f"http://127.0.0.1:{server.server_port}/api/3/action/", "--dest", str(tmp_path))
    finally:
        server.shutdown()
        server.server_close()
