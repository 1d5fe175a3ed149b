"""Budgets and checks of issue 2 for the public pages, in headless Chromium.

Home, directory (list and map) and service pages: first HTML ≤ 14 KB gzip with the search form in
it (the service page: the search form or its phone links, design.md §5), whole page ≤ 100 KB gzip
(map tiles excluded), no cookie, no request to a host but this one and the tile server, zero
axe-core violations, content and phone links without JavaScript, and a language switcher that
sets <html lang>. Form pages set only the CSRF cookie. Measured figures go to
data/page-weights.json.
"""

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from bettertogether.core.languages import SITE_LANGUAGES
from bettertogether.directory.models import Service

from .harness import PHONE, axe_violations, first_html_gzip_bytes, network, page_weight, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KB = 1024
FIRST_HTML_BUDGET = 14 * KB
PAGE_BUDGET = 100 * KB
DIRECTORY_QUERY = "?near=B4N+1A1"
LANGUAGES = list(SITE_LANGUAGES)  # en fr es tl zh-hans hi ko th
SEARCH_FORM = re.compile(r"<form\b[^>]*>.*?<input\b[^>]*\bname=\"(?:q|near)\"", re.S)
TEL_LINK = 'a[href^="tel:"]'
LABELS = {"home": "home /en/", "directory": f"directory /en/services/{DIRECTORY_QUERY}", "detail": "service page"}
FORM_PAGES = ["site:contact", "directory:suggest"]  # the latter takes a service id
# The other public pages without a form: the same privacy, host and weight budgets, and axe.
OTHER_PUBLIC_PAGES = ["program:overview", "site:rights", "outreach:events", "outreach:resources", "positions:map"]


@pytest.fixture
def demo() -> dict[str, Any]:
    """The demo directory, and the paths of the pages under test (English)."""
    call_command("load_demo", verbosity=0)
    service = Service.objects.exclude(phones=None).order_by("name").first() or Service.objects.order_by("name").first()
    assert service is not None, "load_demo created no service"
    with translation.override("en"):
        return {
            "service": service,
            "home": reverse("site:home"),
            "directory": reverse("directory:list") + DIRECTORY_QUERY,
            "detail": reverse("directory:detail", args=[service.pk]),
        }


def _measure(page: Any, path: str) -> tuple[Any, dict[str, int]]:
    response = visit(page, path)
    assert response.status == 200, (path, response.status)
    figures = {"first_html_gzip": first_html_gzip_bytes(response), **page_weight(page)}
    return response, figures


def _axe_report(violations: list[dict[str, Any]]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n  {v['nodes']}" for v in violations)


def _assert_private_and_local(page: Any, path: str) -> None:
    log = network(page)
    assert log.blocked == [], f"{path} asked hosts other than this one and the tile server: {log.blocked}"
    assert page.context.cookies() == [], f"{path} set cookies: {page.context.cookies()}"
    assert log.set_cookie_headers() == [], f"{path} sent Set-Cookie: {log.set_cookie_headers()}"


@pytest.mark.parametrize("name", ["home", "directory", "detail"])
def test_public_page_budgets_privacy_and_hosts(page: Any, demo: dict[str, Any], page_figures: Any, name: str) -> None:
    path = demo[name]
    response, figures = _measure(page, path)
    if name == "directory":  # on a desktop the map shows beside the list: its weight counts too
        page.locator(".leaflet-container").first.wait_for(state="visible")
        assert any("services.geojson" in response.url for response in network(page).responses), "no map data"
        assert any("basemap-maritimes.geojson" in r.url for r in network(page).responses), "no offline basemap"
        assert not network(page).tiles, "the map asked for street tiles on page load"
        figures = {**figures, **page_weight(page), "tiles_stubbed": len(network(page).tiles)}
    page_figures(f"{LABELS[name]} desktop", figures)

    html = response.body().decode()
    assert figures["first_html_gzip"] <= FIRST_HTML_BUDGET, figures
    if name == "detail":  # design.md §5: "with helplines or the search form visible in it"
        assert SEARCH_FORM.search(html) or 'href="tel:' in html, f"{path}: neither search form nor phone link"
    else:
        assert SEARCH_FORM.search(html), f"{path}: no search form in the first HTML response"
    assert figures["total"] <= PAGE_BUDGET, figures
    _assert_private_and_local(page, path)


def test_directory_map_budgets_on_a_phone(new_page: Any, demo: dict[str, Any], page_figures: Any) -> None:
    page = new_page(viewport=PHONE)
    path = demo["directory"]
    _, figures = _measure(page, path)
    _show_map_tab(page)
    page.wait_for_load_state("networkidle")
    figures = {**figures, **page_weight(page)}
    figures["tiles_stubbed"] = len(network(page).tiles)
    page_figures(f"{LABELS['directory']} phone, map tab", figures)

    assert page.locator(".leaflet-container").first.is_visible(), "the map did not show on the map tab"
    box = page.locator(".leaflet-container").first.bounding_box()
    for control in (".leaflet-control-zoom", ".leaflet-control-attribution"):
        inner = page.locator(control).first.bounding_box()
        assert box and inner, control
        inside = box["x"] <= inner["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"] + 1
        inside = inside and box["y"] <= inner["y"] and inner["y"] + inner["height"] <= box["y"] + box["height"] + 1
        assert inside, f"{control} drawn outside the map on the phone map tab: {inner} not in {box}"
    assert figures["first_html_gzip"] <= FIRST_HTML_BUDGET, figures
    assert figures["total"] <= PAGE_BUDGET, figures
    _assert_private_and_local(page, path)


def _show_map_tab(page: Any) -> None:
    """Select the phone layout's map tab (a tab, button or link named "Map")."""
    for role in ("tab", "button", "link"):
        control = page.get_by_role(role, name=re.compile(r"^\s*map\s*$", re.I))
        if control.count():
            control.first.click()
            page.locator(".leaflet-container").first.wait_for(state="visible")
            return
    pytest.fail("no map tab on the phone layout of the directory")


@pytest.mark.parametrize(
    ("name", "viewport", "map_tab"),
    [
        ("home", None, False),
        ("home", PHONE, False),
        ("directory", None, False),
        ("directory", PHONE, False),
        ("directory", PHONE, True),
        ("detail", None, False),
        ("detail", PHONE, False),
    ],
    ids=["home", "home-phone", "directory", "directory-phone-list", "directory-phone-map", "service", "service-phone"],
)
def test_axe_finds_no_violation(
    new_page: Any, demo: dict[str, Any], page_figures: Any, name: str, viewport: Any, map_tab: bool
) -> None:
    options = {"viewport": viewport} if viewport else {}
    page = new_page(bypass_csp=True, **options)
    visit(page, demo[name])
    if map_tab:
        _show_map_tab(page)
        page.wait_for_load_state("networkidle")
    elif name == "directory" and not viewport:
        page.locator(".leaflet-container").first.wait_for(state="visible")
    violations = axe_violations(page)
    label = f"axe: {LABELS[name]} {'phone' if viewport else 'desktop'}{', map tab' if map_tab else ''}"
    page_figures(label, {"violations": len(violations), "rules": sorted(v["id"] for v in violations)})
    assert violations == [], _axe_report(violations)


@pytest.mark.parametrize("name", ["directory", "detail"])
def test_pages_work_without_javascript(new_page: Any, demo: dict[str, Any], name: str) -> None:
    page = new_page(javascript=False, viewport=PHONE)
    response = visit(page, demo[name])
    assert response.status == 200
    assert network(page).blocked == []
    text = page.inner_text("main")
    assert demo["service"].name in text, f"{demo['service'].name!r} missing from {demo[name]} without JavaScript"
    assert page.locator(TEL_LINK).count() > 0, f"no tel: link on {demo[name]} without JavaScript"
    if name == "directory":
        assert page.locator('main a[href*="/services/"]').count() >= 5


def test_directory_search_form_works_without_javascript(new_page: Any, demo: dict[str, Any]) -> None:
    page = new_page(javascript=False)
    visit(page, demo["home"])
    form = page.locator("form").filter(has=page.locator('input[name="near"], input[name="q"]')).first
    field = form.locator('input[name="near"]') if form.locator('input[name="near"]').count() else form.locator("input")
    field.first.fill("Kentville")
    with page.expect_navigation():
        form.locator('button[type="submit"], input[type="submit"], button:not([type])').first.click()
    assert "/en/services/" in page.url
    assert page.locator('main a[href*="/services/"]').count() > 0


@pytest.mark.parametrize("name", ["home", "directory", "detail"])
def test_language_switcher_sets_html_lang(page: Any, demo: dict[str, Any], name: str) -> None:
    visit(page, demo[name], settle=False)
    start = urlsplit(page.url).path
    for lang in [*LANGUAGES[1:], "en"]:
        with page.expect_navigation():
            page.locator(f'a[hreflang="{lang}"]').first.click()
        assert page.locator("html").get_attribute("lang") == lang
        path = urlsplit(page.url).path
        assert path.startswith(f"/{lang}/"), path
        assert path[len(lang) + 1 :] == start[len("en") + 1 :], f"the switcher left the page: {start} -> {path}"


def test_the_eight_languages_fit_a_320_px_phone(new_page: Any, demo: dict[str, Any]) -> None:
    """The switcher wraps inside the screen, each link a 24 px target at least (WCAG 2.5.8), and
    the page in every language is no wider than the screen."""
    page = new_page(viewport={"width": 320, "height": 640})
    for lang in LANGUAGES:
        visit(page, f"/{lang}/", settle=False)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, lang
        boxes = page.locator(".langs a").evaluate_all("links => links.map(a => a.getBoundingClientRect().toJSON())")
        assert len(boxes) == len(LANGUAGES)
        for box in boxes:
            assert box["left"] >= 0 and box["right"] <= 320 and box["height"] >= 24 and box["width"] >= 24, (lang, box)
        assert page.locator("html").get_attribute("lang") == lang


@pytest.mark.parametrize("url_name", FORM_PAGES)
def test_form_pages_set_only_the_csrf_cookie(
    new_page: Any, demo: dict[str, Any], page_figures: Any, url_name: str
) -> None:
    page = new_page()
    args = [demo["service"].pk] if url_name == "directory:suggest" else []
    with translation.override("en"):
        path = reverse(url_name, args=args)
    response, figures = _measure(page, path)
    page_figures(f"form page {url_name} desktop", figures)
    assert page.locator('form[method="post"] input[name="csrfmiddlewaretoken"]').count() >= 1, "no POST form here"
    assert {cookie["name"] for cookie in page.context.cookies()} <= {"csrftoken"}
    assert {value.split("=", 1)[0] for _, value in network(page).set_cookie_headers()} <= {"csrftoken"}
    assert network(page).blocked == []
    assert figures["first_html_gzip"] <= FIRST_HTML_BUDGET, figures
    assert figures["total"] <= PAGE_BUDGET, figures

    audited = new_page(bypass_csp=True, viewport=PHONE)
    visit(audited, path)
    violations = axe_violations(audited)
    page_figures(
        f"axe: {url_name} phone", {"violations": len(violations), "rules": sorted(v["id"] for v in violations)}
    )
    assert violations == [], _axe_report(violations)


@pytest.mark.parametrize("url_name", OTHER_PUBLIC_PAGES)
def test_other_public_pages_budgets_privacy_and_axe(
    new_page: Any, demo: dict[str, Any], page_figures: Any, url_name: str
) -> None:
    with translation.override("en"):
        path = reverse(url_name)
    page = new_page()
    _, figures = _measure(page, path)
    page_figures(f"{path} desktop", figures)
    assert figures["first_html_gzip"] <= FIRST_HTML_BUDGET, figures
    assert figures["total"] <= PAGE_BUDGET, figures
    _assert_private_and_local(page, path)

    audited = new_page(bypass_csp=True, viewport=PHONE)
    visit(audited, path)
    violations = axe_violations(audited)
    page_figures(f"axe: {path} phone", {"violations": len(violations), "rules": sorted(v["id"] for v in violations)})
    assert violations == [], _axe_report(violations)
