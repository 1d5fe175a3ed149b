"""Browser-test harness: Debian's Chromium driven by Playwright against pytest-django's live server.

Registered as a pytest plugin by the root conftest, so every app's tests can use the fixtures
`browser`, `new_page`, `page`, `tile_settings`, `page_figures` and the helpers below.

- Every request a page makes is recorded. Requests to any host but the live server are aborted
  and listed in `network(page).blocked`; the tile host is answered by Playwright itself with a
  1×1 PNG, so no test ever reaches the internet (the tile host, 127.0.0.2:9, listens on nothing).
- Page weight: each HTML, CSS and JS body the page received (and every other non-tile response,
  counted apart) is gzip-compressed again here with level 6 — the level of WhiteNoise, nginx and
  Django's GZipMiddleware — and the compressed sizes summed. The live server sends static files
  uncompressed, so this stands for what a compressing production server sends.
- Playwright launches Chromium with a new, empty temporary profile of its own (it refuses an
  explicit --user-data-dir), plus the flags that keep Chromium off the network.
"""

from __future__ import annotations

import base64
import copy
import gzip
import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TILE_HOST = "127.0.0.2:9"
TILE_URL = f"http://{TILE_HOST}/tiles/{{z}}/{{x}}/{{y}}.png"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
TRANSPARENT_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
CODE_TYPES = {"document", "stylesheet", "script"}
GZIP_LEVEL = 6
CHROMIUM = os.environ.get("BT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def gzip_size(body: bytes) -> int:
    """Bytes of `body` gzip-compressed at level 6 (mtime fixed so the figure is repeatable)."""
    return len(gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0))


@dataclass
class NetworkLog:
    """What one page asked for since the last `visit`."""

    origin: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    tiles: list[str] = field(default_factory=list)
    responses: list[Any] = field(default_factory=list)

    def reset(self) -> None:
        self.requests.clear()
        self.blocked.clear()
        self.tiles.clear()
        self.responses.clear()

    def set_cookie_headers(self) -> list[tuple[str, str]]:
        """(url, Set-Cookie value) for every response that tried to set a cookie."""
        found = []
        for response in self.responses:
            for header in response.headers_array():
                if header["name"].lower() == "set-cookie":
                    found.append((response.url, header["value"]))
        return found


_LOGS: dict[int, NetworkLog] = {}


def network(page: Any) -> NetworkLog:
    """The request log of a page opened by `new_page`."""
    return _LOGS[id(page)]


def visit(page: Any, url: str, *, settle: bool = True) -> Any:
    """Clear the page's log, load `url` and wait until the network is idle; return the response."""
    network(page).reset()
    response = page.goto(url, wait_until="load")
    assert response is not None, url
    if settle:
        page.wait_for_load_state("networkidle")
    return response


def first_html_gzip_bytes(response: Any) -> int:
    """Gzip size of a navigation's HTML body."""
    return gzip_size(response.body())


def page_weight(page: Any) -> dict[str, int]:
    """Gzip sizes (bytes) of what the page loaded since the last `visit`, map tiles excluded.

    `html_css_js` is the budgeted figure; `other` is every other non-tile response (data, images,
    fonts); `total` is their sum; `requests` counts the responses weighed.
    """
    figures = {"html": 0, "css": 0, "js": 0, "other": 0, "requests": 0}
    key = {"document": "html", "stylesheet": "css", "script": "js"}
    for response in network(page).responses:
        if response.status in (204, 304) or 300 <= response.status < 400:
            continue
        kind = key.get(response.request.resource_type, "other")
        figures[kind] += gzip_size(response.body())
        figures["requests"] += 1
    figures["html_css_js"] = figures["html"] + figures["css"] + figures["js"]
    figures["total"] = figures["html_css_js"] + figures["other"]
    return figures


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run the vendored axe-core on the page; return its violations, briefly.

    The page must come from a context opened with `bypass_csp=True`: our CSP forbids the inline
    script that carries axe in.
    """
    # Judge the page at rest: a popup still fading in or out blends its colours with the map's and
    # reads as low contrast to axe, though no visitor ever has to read it that way.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')", timeout=10_000)
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary),
            }));
        }"""
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium, one per test session."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "browser tests need Chromium (the root conftest skips them otherwise)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tile_settings(settings: Any) -> str:
    """Point the map at the stub tile host, and allow it in the CSP as production allows its own."""
    settings.BT_TILE_URL = TILE_URL
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    img_src = [src for src in policy["DIRECTIVES"]["img-src"] if src in ("'self'", "data:")]
    policy["DIRECTIVES"]["img-src"] = [*img_src, f"http://{TILE_HOST}"]
    settings.CONTENT_SECURITY_POLICY = policy
    return TILE_URL


@pytest.fixture
def new_page(browser: Any, live_server: Any, tile_settings: str) -> Iterator[Callable[..., Any]]:
    """Factory: `new_page(viewport=PHONE, javascript=False, bypass_csp=True, **context_options)`.

    Each call opens a fresh context (no cookies, no cache) and a page in it, recording and
    fencing its requests as the module docstring says.
    """
    contexts: list[Any] = []
    live = urlsplit(live_server.url).netloc

    def open_page(
        *, viewport: dict[str, int] = DESKTOP, javascript: bool = True, bypass_csp: bool = False, **options: Any
    ) -> Any:
        if viewport == PHONE:
            options = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2, **options}
        context = browser.new_context(
            viewport=viewport,
            java_script_enabled=javascript,
            bypass_csp=bypass_csp,
            base_url=live_server.url,
            **options,
        )
        contexts.append(context)
        page = context.new_page()
        log = NetworkLog(origin=live_server.url)
        _LOGS[id(page)] = log

        def fence(route: Any) -> None:
            host = urlsplit(route.request.url).netloc
            if host == live:
                route.continue_()
            elif host == TILE_HOST:
                log.tiles.append(route.request.url)
                route.fulfill(status=200, content_type="image/png", body=TRANSPARENT_PNG)
            else:
                log.blocked.append(route.request.url)
                route.abort("blockedbyclient")

        def on_response(response: Any) -> None:
            if urlsplit(response.url).netloc == live:
                log.responses.append(response)

        context.route("**/*", fence)
        page.on("request", lambda request: log.requests.append(request.url))
        page.on("response", on_response)
        return page

    yield open_page
    for context in contexts:
        for page in context.pages:
            _LOGS.pop(id(page), None)
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    """A desktop-sized page with JavaScript on, its requests recorded and fenced."""
    return new_page()


_FIGURES: dict[str, dict[str, Any]] = {}


@pytest.fixture
def page_figures(record_property: Callable[[str, Any], None]) -> Callable[[str, dict[str, Any]], None]:
    """Record measured figures under a name: in the JUnit properties and in data/page-weights.json."""

    def record(name: str, figures: dict[str, Any]) -> None:
        _FIGURES[name] = figures
        record_property(name, json.dumps(figures, sort_keys=True))

    return record


def pytest_sessionfinish(session: pytest.Session) -> None:
    if not _FIGURES:
        return
    from django.conf import settings

    out = Path(settings.DATA_DIR) / "page-weights.json"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        previous = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        out.write_text(json.dumps({**previous, **_FIGURES}, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    except OSError as error:  # a read-only checkout must not fail the run over a report file
        session.config.get_terminal_writer().line(f"could not write {out}: {error}")
