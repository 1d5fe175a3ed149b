"""Packages from elsewhere: .zip archives, and a whole directory pulled from another HSDS 3.0 API.

Both end in the same all-or-nothing import as a package on disk; nothing is written until every
byte is in and checked.

Zip archives are bounded before anything is extracted: the archive's size, the number of members,
the total uncompressed size (both `max_bytes`), each member's compression ratio, and its path
(no absolute paths, `..`, links or devices; members under one top folder are fine). Only
`datapackage.json`, `*.csv` and `*.json` members are read.

`pull_api(url)` reads `/organizations?full_service=true`, `/taxonomies` and `/taxonomy_terms`
page by page. Every request has a timeout (connect and each read) and a deadline for the whole
answer, so a server that stalls or trickles fails cleanly; a page must be an HSDS page whose
`page_number` is the one asked for and whose `total_pages`/`total_items` agree with the first
page's; the item count must match `total_items` at the end; `total_pages` above `max_pages` is
refused. Any of these is an HSDSImportError naming the URL, and nothing is imported.
"""

from __future__ import annotations

import json
import stat
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from bettertogether.core.imports import ImportReport

from .hsds_import import import_package
from .hsds_json import import_documents, import_json_package, named_after_file, read_json_package
from .hsds_read import HSDSImportError

MAX_MEMBERS = 100
MAX_RATIO = 200  # uncompressed / compressed, per member
PER_PAGE = 200
MAX_PAGES = 10_000
MAX_PAGE_BYTES = 64 * 1024 * 1024
_READ = 64 * 1024


# ---------------------------------------------------------------- zip


def _safe_member(info: zipfile.ZipInfo) -> PurePosixPath:
    name = info.filename
    path = PurePosixPath(name)
    mode = info.external_attr >> 16
    if name.startswith(("/", "\\")) or ":" in name or "\\" in name or ".." in path.parts:
        raise HSDSImportError([f"zip member {name!r}: a path outside the package"])
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):  # 0: no type recorded
        raise HSDSImportError([f"zip member {name!r}: not a regular file (link or device)"])
    return path


def _wanted_members(bundle: zipfile.ZipFile, name: str, max_bytes: int) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """The package's CSV and JSON members with their safe paths, once every member passed the bounds."""
    members = [i for i in bundle.infolist() if not i.is_dir()]
    if len(members) > MAX_MEMBERS:
        raise HSDSImportError([f"{name}: {len(members)} files, more than {MAX_MEMBERS}"])
    total = sum(i.file_size for i in members)
    if total > max_bytes:
        raise HSDSImportError([f"{name}: {total} bytes uncompressed, more than the limit of {max_bytes}"])
    wanted = []
    for info in members:
        path = _safe_member(info)
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1024 * 1024:
            raise HSDSImportError([f"zip member {info.filename!r}: compressed more than {MAX_RATIO} to 1"])
        if path.suffix.lower() in (".csv", ".json"):
            wanted.append((info, path))
    if not wanted:
        raise HSDSImportError([f"{name}: no datapackage.json, CSV or JSON file inside"])
    return wanted


def extract_zip(archive: Path, target: Path, max_bytes: int) -> Path:
    """Extract the package's members into target after checking every bound; return the package root."""
    size = archive.stat().st_size
    if size > max_bytes:
        raise HSDSImportError([f"{archive.name}: {size} bytes, more than the limit of {max_bytes}"])
    try:
        bundle = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise HSDSImportError([f"{archive.name}: not a zip archive ({exc})"]) from None
    with bundle:
        wanted = _wanted_members(bundle, archive.name, max_bytes)
        tops = {p.parts[0] for _, p in wanted}
        strip = len(tops) == 1 and all(len(p.parts) > 1 for _, p in wanted)
        for info, path in wanted:
            relative = PurePosixPath(*path.parts[1:]) if strip else path
            if len(relative.parts) != 1:
                raise HSDSImportError([f"zip member {info.filename!r}: tables must be in one folder"])
            written = 0
            with bundle.open(info) as source, (target / relative.name).open("wb") as sink:
                while chunk := source.read(_READ):
                    written += len(chunk)
                    if written > info.file_size:  # a member larger than its header says
                        raise HSDSImportError([f"zip member {info.filename!r}: larger than declared"])
                    sink.write(chunk)
    return target


def import_path(path: Path, max_bytes: int, lang: str | None = None) -> ImportReport:
    """Import a package directory, a .zip of one, or a JSON package file."""
    if path.is_dir():
        return import_package(path, max_bytes=max_bytes, lang=lang)
    if path.suffix.lower() == ".json" and path.is_file():
        return import_json_package(path, max_bytes, lang)
    if path.suffix.lower() == ".zip" and path.is_file():
        return named_after_file(path, lambda: _import_zip(path, max_bytes, lang))
    raise HSDSImportError([f"{path}: not a package folder, .zip or .json file"])


def _import_zip(path: Path, max_bytes: int, lang: str | None) -> ImportReport:
    with tempfile.TemporaryDirectory(prefix="hsds-zip-") as tmp:
        root = extract_zip(path, Path(tmp), max_bytes)
        jsons = [p for p in root.glob("*.json") if p.name != "datapackage.json"]
        if jsons and not any(root.glob("*.csv")):
            groups = [(item.name, None, read_json_package(item, max_bytes)) for item in sorted(jsons)]
            return import_documents(groups, max_bytes, lang)
        return import_package(root, max_bytes=max_bytes, lang=lang)


# ---------------------------------------------------------------- another HSDS API


Fetch = Callable[[str, float], bytes]


class _HTTPOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another http(s) URL."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise HSDSImportError([f"{req.full_url}: redirected to {newurl[:100]!r}, not an http(s) URL"])
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HTTPOnlyRedirects)


def fetch(url: str, timeout: float) -> bytes:
    """GET url within timeout seconds in all (connect, each read and the whole body)."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise HSDSImportError([f"{url}: not an http(s) URL"])
    deadline = time.monotonic() + timeout
    headers = {"Accept": "application/json", "User-Agent": "BetterTogether"}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http(s) only, checked above
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            body = bytearray()
            while chunk := response.read1(_READ):  # read1: one read at a time, so a trickle meets the deadline
                body += chunk
                if len(body) > MAX_PAGE_BYTES:
                    raise HSDSImportError([f"{url}: answer larger than {MAX_PAGE_BYTES} bytes"])
                if time.monotonic() > deadline:
                    raise HSDSImportError([f"{url}: no complete answer within {timeout:g} s"])
            return bytes(body)
    except urllib.error.HTTPError as exc:
        raise HSDSImportError([f"{url}: HTTP {exc.code}"]) from None
    except (TimeoutError, urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise HSDSImportError([f"{url}: no answer within {timeout:g} s"]) from None
        raise HSDSImportError([f"{url}: {reason}"]) from None


@dataclass(frozen=True)
class Pull:
    base: str
    timeout: float = 30.0
    max_pages: int = MAX_PAGES
    per_page: int = PER_PAGE


def _page_url(base: str, path: str, query: dict[str, Any]) -> str:
    return f"{base.rstrip('/')}/{path}?{urllib.parse.urlencode(query)}"


def _read_pages(pull: Pull, path: str, query: dict[str, Any], get: Fetch, budget: list[int]) -> list[Any]:
    """Every item of a paged list; budget[0] is the number of bytes still allowed in all."""
    items: list[Any] = []
    first: dict[str, Any] | None = None
    page = 1
    while True:
        url = _page_url(pull.base, path, {**query, "page": page, "per_page": pull.per_page})
        try:
            raw = get(url, pull.timeout)
            budget[0] -= len(raw)
            if budget[0] < 0:
                raise HSDSImportError([f"{url}: the answers so far pass the limit of the import's size"])
            body = json.loads(raw)
        except ValueError:
            raise HSDSImportError([f"{url}: not JSON"]) from None
        if not isinstance(body, dict) or not isinstance(body.get("contents"), list):
            raise HSDSImportError([f"{url}: not an HSDS page (no 'contents' list)"])
        pages, total = body.get("total_pages"), body.get("total_items")
        if not isinstance(pages, int) or not isinstance(total, int) or pages < 1 or total < 0:
            raise HSDSImportError([f"{url}: 'total_pages'/'total_items' missing or not counts"])
        if body.get("page_number") not in (None, page):
            raise HSDSImportError([f"{url}: answered page {body.get('page_number')!r} for page {page}"])
        if first is None:
            first = body
            if pages > pull.max_pages:
                raise HSDSImportError([f"{url}: {pages} pages, more than the limit of {pull.max_pages}"])
        elif (pages, total) != (first["total_pages"], first["total_items"]):
            raise HSDSImportError(
                [f"{url}: total_pages/total_items changed from {first['total_pages']}/{first['total_items']} "
                 f"to {pages}/{total} while reading"]
            )  # fmt: skip
        items += body["contents"]
        if page >= pages or not body["contents"]:
            break
        page += 1
    if len(items) != first["total_items"]:
        raise HSDSImportError(
            [f"{_page_url(pull.base, path, query)}: total_items says {first['total_items']}, "
             f"{first['total_pages']} pages gave {len(items)}"]
        )  # fmt: skip
    return items


def pull_api(pull: Pull, max_bytes: int, get: Fetch = fetch) -> ImportReport:
    """Import a whole directory from another HSDS 3.0 API, all or nothing."""
    if urllib.parse.urlsplit(pull.base).scheme not in ("http", "https"):
        raise HSDSImportError([f"{pull.base}: not an http(s) URL"])
    budget = [max_bytes]
    groups = [
        ("organizations", "organization", _read_pages(pull, "organizations", {"full_service": "true"}, get, budget)),
        ("taxonomies", "taxonomy", _read_pages(pull, "taxonomies", {}, get, budget)),
        ("taxonomy_terms", "taxonomy_term", _read_pages(pull, "taxonomy_terms", {}, get, budget)),
    ]
    try:
        report = import_documents(groups, max_bytes)
    except HSDSImportError as exc:
        if exc.report is not None:
            exc.report.file_name = pull.base
        raise
    report.file_name = pull.base  # no file: the run names the API it read
    return report
