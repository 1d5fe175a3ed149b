"""Retake the README screenshots: `python docs/screenshots/take.py http://127.0.0.1:8000 [public] [staff] [program]`.

Needs a running site with the demo data (`make run`) and Debian's Chromium. Tiles from other
hosts are not fetched, so the map shows its markers on a blank background. `staff` signs in as each
demo user (docs/demo.md; the second factor from the demo key) and takes their home; `program` takes
the coordinator's results and the call's ranked summary, in English and French. Staff and program
pages are whole pages, their PNGs reduced to 256 colours. Without a section name, all three.
"""

import base64
import hashlib
import hmac
import re
import shutil
import struct
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

OUT = Path(__file__).resolve().parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
# The demo users (docs/demo.md): file name, username, password.
STAFF = [
    ("partner", "partner.cmwr", "demo-partner-cmwr-2024"),
    ("caseworker", "caseworker", "demo-caseworker-2024"),
    ("coordinator", "coordinator", "demo-coordinator-2024"),
    ("funder", "funder", "demo-funder-2024"),
    ("administrator", "admin", "demo-admin-2024"),
]
DEMO_TOTP_KEY = "JBSWY3DPEHPK3PXP"  # published in docs/demo.md; local demo only
PROGRAM = {
    "program-results": "/{lang}/program/results/?from=2021Q3&to=2022Q2",
    "program-calls-ranking": "/{lang}/program/calls/projects-2023-2024/ranking/",
}


def totp(key: str, at: float) -> str:
    """The six-digit code of an authenticator app (RFC 6238, 30-second steps)."""
    digest = hmac.new(base64.b32decode(key), struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return str((struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000).zfill(6)


def new_context(browser: Browser, base: str, size: str, state: dict | None = None) -> BrowserContext:
    host = urlsplit(base).netloc
    context = browser.new_context(viewport=SIZES[size], base_url=base, is_mobile=size == "phone", storage_state=state)
    context.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).netloc == host else r.abort())
    return context


def sign_in(page: Page, username: str, password: str) -> None:
    page.goto("/en/accounts/login/", wait_until="networkidle")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', password)
    page.press('input[name="password"]', "Enter")
    page.wait_for_load_state("networkidle")
    if page.locator('input[name="token"]').count():
        page.fill('input[name="token"]', totp(DEMO_TOTP_KEY, time.time()))
        page.press('input[name="token"]', "Enter")
        page.wait_for_load_state("networkidle")
    if "/accounts/login/" in page.url or page.locator('input[name="token"]').count():
        raise SystemExit(f"could not sign in as {username}")


def whole_page(page: Page, path: str, name: str) -> None:
    """A whole-page screenshot, reduced to 256 colours (the pages are flat colours and text)."""
    page.goto(path, wait_until="networkidle")
    target = OUT / f"{name}.png"
    page.screenshot(path=target, full_page=True)
    image = Image.open(target).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    image.save(target, optimize=True)


def clipped(page: Page, first: str, last: str, name: str) -> None:
    """From the top of `first` to the bottom of `last`, the page's width, reduced to 256 colours."""
    top, bottom = page.locator(first).first.bounding_box(), page.locator(last).last.bounding_box()
    assert top and bottom, (first, last)
    width = page.viewport_size["width"] if page.viewport_size else 1280
    clip = {"x": 0, "y": top["y"] - 8, "width": width, "height": bottom["y"] + bottom["height"] - top["y"] + 16}
    target = OUT / f"{name}.png"
    page.screenshot(path=target, full_page=True, clip=clip)
    image = Image.open(target).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    image.save(target, optimize=True)


def public(browser: Browser, base: str) -> None:
    for size in SIZES:
        context = new_context(browser, base, size)
        page = context.new_page()
        page.goto("/en/", wait_until="networkidle")
        page.screenshot(path=OUT / f"home-{size}.png")
        page.goto("/en/services/?near=Kentville", wait_until="networkidle")
        page.screenshot(path=OUT / f"directory-{size}.png")
        hrefs = page.locator("main a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        link = [href for href in hrefs if re.search(r"/services/[0-9a-f-]{36}/$", href)]
        page.goto(link[0], wait_until="networkidle")
        page.screenshot(path=OUT / f"service-{size}.png")
        context.close()


SESSIONS: dict[str, dict] = {}


def signed_in_state(browser: Browser, base: str, username: str, password: str) -> dict:
    """Sign in once (a code is accepted only once) and hand the session to every screen size."""
    if username not in SESSIONS:
        context = new_context(browser, base, "desktop")
        sign_in(context.new_page(), username, password)
        SESSIONS[username] = dict(context.storage_state())
        context.close()
    return SESSIONS[username]


def staff(browser: Browser, base: str) -> None:
    for role, username, password in STAFF:
        state = signed_in_state(browser, base, username, password)
        for size in SIZES:
            context = new_context(browser, base, size, state)
            whole_page(context.new_page(), "/en/staff/", f"staff-{role}-{size}")
            context.close()


def program(browser: Browser, base: str) -> None:
    state = signed_in_state(browser, base, "coordinator", "demo-coordinator-2024")
    for size, width in (("phone", 360), ("desktop", 1280)):
        context = new_context(browser, base, size, state)
        page = context.new_page()
        for lang, suffix in (("en", ""), ("fr", "-fr")):
            for name, path in PROGRAM.items():
                whole_page(page, path.format(lang=lang), f"{name}-{width}{suffix}")
            # The README's parts of them: the reach per province, the charts, the first rows of the ranking.
            page.goto(PROGRAM["program-results"].format(lang=lang), wait_until="networkidle")
            reach_heading = "main h2:has(+ p.definition + .table-scroll)"
            clipped(page, reach_heading, "main dl.definition", f"program-reach-{width}{suffix}")
            clipped(page, "section.trend h2", "section.trend", f"program-trend-{width}{suffix}")
            page.goto(PROGRAM["program-calls-ranking"].format(lang=lang), wait_until="networkidle")
            last_row = "main table tbody tr:nth-child(3)" if size == "phone" else "main table"
            clipped(page, "main h1", last_row, f"program-ranking-{width}{suffix}")
        context.close()


SECTIONS = {"public": public, "staff": staff, "program": program}


def main(base: str, sections: list[str]) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        for section in sections:
            SECTIONS[section](browser, base)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000", sys.argv[2:] or list(SECTIONS))
