"""The harness must fence, weigh and audit for real, or the page checks prove nothing."""

import gzip
from typing import Any

import pytest
from django.urls import reverse

from .harness import TILE_URL, axe_violations, first_html_gzip_bytes, network, page_weight, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_requests_to_other_hosts_are_blocked_and_tiles_stubbed(new_page: Any) -> None:
    page = new_page(bypass_csp=True)
    visit(page, reverse("site:home"))
    outcome = page.evaluate(
        """async (tile) => {
            const tried = async (url) => { try { await fetch(url, {mode: "no-cors"}); return "loaded"; }
                                             catch (e) { return "failed"; } };
            return [await tried("https://example.org/x.js"), await tried(tile)];
        }""",
        TILE_URL.format(z=1, x=0, y=0),
    )
    assert outcome == ["failed", "loaded"]
    assert network(page).blocked == ["https://example.org/x.js"]
    assert network(page).tiles == [TILE_URL.format(z=1, x=0, y=0)]


def test_page_weight_is_the_gzip_size_of_what_was_loaded(page: Any) -> None:
    response = visit(page, reverse("site:home"))
    figures = page_weight(page)
    html = len(gzip.compress(response.body(), compresslevel=6, mtime=0))
    assert first_html_gzip_bytes(response) == figures["html"] == html
    assert figures["css"] > 0, "the stylesheet was not weighed"
    assert figures["total"] == figures["html"] + figures["css"] + figures["js"] + figures["other"]


def test_axe_reports_a_planted_violation(new_page: Any) -> None:
    page = new_page(bypass_csp=True)
    visit(page, reverse("site:home"))
    page.evaluate("""() => { const img = document.createElement("img"); img.src = "data:,";
                             document.querySelector("main").append(img); }""")
    assert "image-alt" in [violation["id"] for violation in axe_violations(page)]
