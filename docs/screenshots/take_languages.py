"""Retake the Thai phone screenshots: `python docs/screenshots/take_languages.py http://127.0.0.1:8000`.

With `--review DIR`, also writes the home, service and resources pages in Thai and Chinese
(simplified) at 360 px, whole pages, into DIR, to read them through. Needs a running site with the
demo data (`make run`), Debian's Chromium and fonts for the scripts (the site ships no web font:
phones have these; on Debian `apt install fonts-thai-tlwg fonts-wqy-microhei fonts-lohit-deva
fonts-nanum`).
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
PHONE = {"width": 360, "height": 740}


def main(base: str, review: Path | None) -> None:
    host = urlsplit(base).netloc
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        context = browser.new_context(viewport=PHONE, base_url=base, is_mobile=True)
        context.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).netloc == host else r.abort())
        page = context.new_page()
        page.goto("/en/services/?near=Kentville", wait_until="networkidle")
        hrefs = page.locator("main a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        service = next(href for href in hrefs if re.search(r"/services/[0-9a-f-]{36}/$", href))[len("/en") :]
        pages = {"home": "/", "service": service, "resources": "/resources/"}
        for lang in ("th", "zh-hans") if review else ("th",):
            for name, path in pages.items():
                page.goto(f"/{lang}{path}", wait_until="networkidle")
                if name != "home" and lang == "th":
                    page.screenshot(path=OUT / f"{name}-phone-th.png")
                if review:
                    page.screenshot(path=review / f"{name}-phone-{lang}.png", full_page=True)
        context.close()
        browser.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    folder = Path(args[args.index("--review") + 1]) if "--review" in args else None
    urls = [a for a in args if a.startswith("http")]
    main(urls[0] if urls else "http://127.0.0.1:8000", folder)
