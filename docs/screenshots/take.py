"""Retake the README screenshots: `python docs/screenshots/take.py http://127.0.0.1:8000`.

Needs a running site with the demo data (`make run`) and Debian's Chromium. Tiles from other
hosts are not fetched, so the map shows its markers on a blank background.
"""

import re
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}


def main(base: str) -> None:
    host = urlsplit(base).netloc
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        for size, viewport in SIZES.items():
            context = browser.new_context(viewport=viewport, base_url=base, is_mobile=size == "phone")
            context.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).netloc == host else r.abort())
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
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
