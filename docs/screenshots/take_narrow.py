"""Phone screenshots of the service page and resources at 320 and 360 px, in each language given.

`python docs/screenshots/take_narrow.py http://127.0.0.1:8000 en fr` with a running site loaded
with the demo data (`make run`). The service page is the federal tip line: the longest web
address of the demo and a line open around the clock with staffed hours. Full-page images.
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
WIDTHS = (320, 360)


def main(base: str, languages: list[str]) -> None:
    host = urlsplit(base).netloc
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 740}, base_url=base, is_mobile=True)
            context.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).netloc == host else r.abort())
            page = context.new_page()
            for lang in languages:
                page.goto(f"/{lang}/services/?q=tip+line", wait_until="networkidle")
                hrefs = page.locator("main a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
                link = [href for href in hrefs if re.search(r"/services/[0-9a-f-]{36}/$", href)]
                page.goto(link[0], wait_until="networkidle")
                page.screenshot(path=OUT / f"service-{lang}-{width}.png", full_page=True)
                page.goto(f"/{lang}/resources/", wait_until="networkidle")
                page.screenshot(path=OUT / f"resources-{lang}-{width}.png", full_page=True)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000", sys.argv[2:] or ["en", "fr"])
