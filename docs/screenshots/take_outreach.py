"""Retake the outreach screenshots: `python docs/screenshots/take_outreach.py http://127.0.0.1:8000`.

Needs a running site with the demo data (`make run`) and Debian's Chromium. Tiles from other
hosts are not fetched, so the event map shows its marker on a blank background.
"""

import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
PHONE = {"width": 360, "height": 740}


def main(base: str) -> None:
    host = urlsplit(base).netloc
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        context = browser.new_context(viewport=PHONE, base_url=base, is_mobile=True, device_scale_factor=1)
        context.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).netloc == host else r.abort())
        page = context.new_page()
        page.goto("/en/events/", wait_until="networkidle")
        page.screenshot(path=OUT / "events-phone.png")
        page.locator("main .events a").first.click()
        page.wait_for_load_state("networkidle")
        page.screenshot(path=OUT / "event-phone.png", full_page=True)
        page.goto("/es/resources/?language=es", wait_until="networkidle")
        page.screenshot(path=OUT / "resources-phone.png")
        page.goto("/en/rights/", wait_until="networkidle")
        page.screenshot(path=OUT / "rights-phone.png")
        context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
