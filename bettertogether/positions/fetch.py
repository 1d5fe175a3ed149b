"""Fetch the positive LMIA employers lists from the open data portal (CKAN) and import the quarters asked for.

The portal is behind a small adapter (`Portal`) with a timeout on every request: no call ever waits forever,
and being offline gives one clear message. The rules:
- English resources only (CKAN `language` 'en', or a name / URL with `_en`); French copies of the same
  quarter would double-count and are skipped.
- A resource's period comes from its file name, URL, name or title. The `useb-…` files of 2020–2021 do not
  say it in their name: they are downloaded, their title row is read, and they are kept only when in range.
- Quarters already loaded are not downloaded again; files already in the destination folder are not
  downloaded again; the import itself skips files already imported. Running it twice changes nothing.
"""

from __future__ import annotations

import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from bettertogether.core.periods import Period, parse_period

from .lmia import LmiaFormatError, period_from_name, period_from_title, read_rows
from .lmia_import import RunReport, import_lmia_files, max_upload_bytes
from .models import ImportRun

DATASET_ID = "90fed587-1364-4f33-a9ee-208181dc0b97"
DEFAULT_PORTAL = "https://open.canada.ca/data/api/3/action/"
DEFAULT_FROM = "2021Q3"
DEFAULT_TIMEOUT = 30.0
FORMATS = {"xlsx", "csv", "xls"}
USER_AGENT = "bettertogether-fetch-lmia/1.0"

_ENGLISH = re.compile(r"(?:^|[_\-. /])en(?:[_\-. /]|$)", re.I)
_FRENCH = re.compile(r"(?:^|[_\-. /])fr(?:[_\-. /]|$)", re.I)
_Q_YEAR = re.compile(r"\bq([1-4])[\s_-]*(20\d\d)\b", re.I)
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")

Log = Callable[[str], None]


class PortalError(Exception):
    """The portal could not be reached or answered nonsense; the message says what to do."""


@dataclass
class Resource:
    url: str
    file_name: str
    period: Period | None  # None: only the downloaded file's title row can tell
    name: str = ""


@dataclass
class FetchReport:
    resources: int = 0
    english: int = 0
    in_range: list[Resource] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why each resource was left out
    downloaded: list[Path] = field(default_factory=list)
    imports: list[RunReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.imports)


class Portal:
    """A CKAN action API (base URL ending in /action/) and its downloads, each request with a timeout."""

    def __init__(self, base_url: str | None = None, *, timeout: float = DEFAULT_TIMEOUT):
        base: str = base_url or getattr(settings, "BT_OPEN_DATA_URL", None) or DEFAULT_PORTAL
        self.base_url = base if base.endswith("/") else base + "/"
        self.timeout = timeout

    def _open(self, url: str) -> Any:
        if urllib.parse.urlsplit(url).scheme not in {"http", "https"}:
            raise PortalError(f"refusing a non-HTTP address: {url}")
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310 (scheme checked)
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)  # noqa: S310 (scheme checked above)
        except urllib.error.HTTPError as exc:
            raise PortalError(f"{url}: the server answered HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            raise PortalError(_offline_message(url, exc, self.timeout)) from None

    def package(self, dataset_id: str = DATASET_ID) -> dict[str, Any]:
        url = self.base_url + "package_show?" + urllib.parse.urlencode({"id": dataset_id})
        try:
            with self._open(url) as response:
                raw = response.read(20 * 1024 * 1024)
        except (TimeoutError, OSError) as exc:
            raise PortalError(_offline_message(url, exc, self.timeout)) from None
        try:
            data = json.loads(raw)
        except ValueError:
            raise PortalError(f"{url}: the answer is not JSON (is --portal a CKAN action API?)") from None
        if not isinstance(data, dict) or not data.get("success") or not isinstance(data.get("result"), dict):
            raise PortalError(f"{url}: not a CKAN package_show answer")
        result: dict[str, Any] = data["result"]
        return result

    def download(self, url: str, dest: Path, *, max_bytes: int) -> Path:
        """Download to `dest` through a temporary file: an interrupted download leaves nothing behind."""
        partial = dest.with_name(dest.name + ".part")
        try:
            with self._open(url) as response, partial.open("wb") as out:
                size = 0
                while chunk := response.read(256 * 1024):
                    size += len(chunk)
                    if size > max_bytes:
                        raise PortalError(f"{url}: larger than the limit ({max_bytes:,} bytes, BT_MAX_UPLOAD_BYTES)")
                    out.write(chunk)
            partial.replace(dest)
        except (TimeoutError, OSError) as exc:
            partial.unlink(missing_ok=True)
            raise PortalError(_offline_message(url, exc, self.timeout)) from None
        except PortalError:
            partial.unlink(missing_ok=True)
            raise
        return dest


def _offline_message(url: str, exc: BaseException, timeout: float) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, socket.timeout | TimeoutError) or "timed out" in str(reason):
        return f"{url}: no answer within {timeout:g} s (offline, or the portal is slow; try --timeout)"
    return f"{url}: cannot reach the open data portal ({reason}); check the connection or --portal"


# ---------------------------------------------------------------------------------------------------------------
# Choosing resources


def is_english(resource: dict[str, Any]) -> bool:
    language = resource.get("language")
    languages = {language} if isinstance(language, str) else set(language or [])
    languages = {str(x).lower()[:2] for x in languages if x}
    url_name = " ".join(str(resource.get(k) or "") for k in ("url", "name"))
    file_name = urllib.parse.unquote(urllib.parse.urlsplit(str(resource.get("url") or "")).path.rsplit("/", 1)[-1])
    if languages == {"fr"} or _FRENCH.search(Path(file_name).stem + "_"):
        return False
    return "en" in languages or bool(_ENGLISH.search(url_name.replace(".", "_")))


def resource_file_name(resource: dict[str, Any]) -> str:
    path = urllib.parse.urlsplit(str(resource.get("url") or "")).path
    name = urllib.parse.unquote(path.rsplit("/", 1)[-1]) or str(resource.get("id") or "resource")
    name = _SAFE_NAME.sub("_", name).strip("._") or "resource"
    return name[:200]


def resource_period(resource: dict[str, Any]) -> Period | None:
    """From the file name, else the resource's name or title ('… July to September 2021', 'Q3 2021')."""
    file_name = resource_file_name(resource)
    if not file_name.lower().startswith("useb"):
        period = period_from_name(file_name)
        if period is not None:
            return period
    for key in ("name", "title", "description"):
        text = resource.get(key)
        if isinstance(text, dict):  # CKAN translated fields: {"en": …, "fr": …}
            text = text.get("en") or next(iter(text.values()), "")
        if not text:
            continue
        text = str(text)
        period = period_from_title(text) or period_from_name(text.replace(" ", "_"))
        if period is None:
            match = _Q_YEAR.search(text)
            period = parse_period(f"{match[2]}Q{match[1]}") if match else None
        if period is not None:
            return period
    return None


def within(period: Period, first: Period, last: Period | None) -> bool:
    return period.start >= first.start and (last is None or period.end <= last.end)


def _loaded(period: Period) -> bool:
    return ImportRun.objects.filter(
        status=ImportRun.Status.OK, period_start__lte=period.start, period_end__gte=period.end
    ).exists()


def _title_period(path: Path) -> Period | None:
    try:
        _kind, rows = read_rows(path.read_bytes(), path.name)
    except LmiaFormatError:
        return None
    for row in rows[:5]:
        for cell in row[:3]:
            period = period_from_title(str(cell or ""))
            if period is not None:
                return period
    return None


# ---------------------------------------------------------------------------------------------------------------
# The fetch


def _choose_resources(
    resources: list[dict[str, Any]], first: Period, last: Period | None, report: FetchReport, log: Log
) -> None:
    """The English spreadsheets in range and not loaded yet go to `report.in_range`; every other resource
    goes to `report.skipped` with the reason."""
    for resource in resources:
        name = resource_file_name(resource)
        fmt = str(resource.get("format") or Path(name).suffix.lstrip(".")).lower()
        if fmt not in FORMATS and Path(name).suffix.lower().lstrip(".") not in FORMATS:
            report.skipped.append(f"{name}: not a spreadsheet ({fmt or 'no format'})")
            continue
        if not is_english(resource):
            report.skipped.append(f"{name}: not English")
            continue
        report.english += 1
        period = resource_period(resource)
        if period is not None and not within(period, first, last):
            report.skipped.append(f"{name}: {period.label} is out of range")
            continue
        if period is not None and _loaded(period):
            report.skipped.append(f"{name}: {period.label} is already loaded")
            log(f"{name}: {period.label} already loaded")
            continue
        report.in_range.append(
            Resource(url=str(resource["url"]), file_name=name, period=period, name=str(resource.get("name") or ""))
        )


def fetch_lmia(
    period_from: str | None = DEFAULT_FROM,
    period_to: str | None = None,
    *,
    portal: Portal | None = None,
    dest: Path | str | None = None,
    log: Log = lambda message: None,
) -> FetchReport:
    """Download the English lists of the quarters in [period_from, period_to] (open-ended when `period_to` is
    None) into `dest` and import them. Raises PortalError when the portal cannot be used, ValueError for a
    bad period; import failures are in the report (`ok` is False)."""
    first = parse_period(period_from or DEFAULT_FROM)
    last = parse_period(period_to) if period_to else None
    if last is not None and last.end < first.start:
        raise ValueError(f"the range ends ({last.label}) before it starts ({first.label})")
    portal = portal or Portal()
    folder = Path(dest or settings.BT_LMIA_DIR)
    report = FetchReport()
    package = portal.package()
    resources = [r for r in package.get("resources") or [] if isinstance(r, dict)]
    report.resources = len(resources)
    _choose_resources(resources, first, last, report, log)

    folder.mkdir(parents=True, exist_ok=True)
    to_import: list[Path] = []
    for item in report.in_range:
        target = folder / item.file_name
        if target.exists() and target.stat().st_size > 0:
            log(f"{item.file_name}: already downloaded")
        else:
            log(f"{item.file_name}: downloading {item.url}")
            portal.download(item.url, target, max_bytes=max_upload_bytes())
            report.downloaded.append(target)
        if item.period is None:
            period = _title_period(target)
            if period is None or not within(period, first, last) or _loaded(period):
                why = "period not found in its title" if period is None else f"{period.label} out of range or loaded"
                report.skipped.append(f"{item.file_name}: {why}")
                if target in report.downloaded:
                    target.unlink(missing_ok=True)
                    report.downloaded.remove(target)
                continue
            item.period = period
        to_import.append(target)
    if to_import:
        report.imports = import_lmia_files(to_import)
    return report


def summary_lines(report: FetchReport) -> Iterable[str]:
    yield (
        f"{report.resources} resources, {report.english} English, {len(report.in_range)} in range, "
        f"{len(report.downloaded)} downloaded"
    )
    for run in report.imports:
        provinces = ", ".join(f"{code} {v.get('positions')}" for code, v in sorted(run.per_province.items()))
        yield f"{run.file_name}: {run.status} {run.period} — {run.message}" + (f" ({provinces})" if provinces else "")
