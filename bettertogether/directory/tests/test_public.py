"""Public directory pages: list, search form, no-JS content, service page, escaping, cookies, weight."""

import datetime as dt
import gzip
import re
from dataclasses import fields
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from bettertogether.core import geocode as g
from bettertogether.directory import hours
from bettertogether.directory.models import Accessibility, Service
from bettertogether.directory.tests import factories as f

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert(1)</script>"


def _kentville_geocode(query: str, province: str | None = None):
    if query.strip().lower() in {"kentville", "kentville ns", "b4n 1a1", "b4n"}:
        return _point(45.0775, -64.4945, "Kentville", "NS")
    return None


def _point(lat: float, lon: float, label: str, province: str):
    names = {fld.name for fld in fields(g.GeoPoint)}
    values = {"latitude": lat, "longitude": lon, "precision": "place", "label": label, "province": province}
    return g.GeoPoint(**{k: v for k, v in values.items() if k in names})


@pytest.fixture
def fake_geocode(monkeypatch):
    monkeypatch.setattr("bettertogether.directory.search.geocode", _kentville_geocode)


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_list_shows_search_form_and_results_without_js(client: Client) -> None:
    service = f.located_service(45.1, -64.5, name="Farm worker clinic", is_free=True)
    f.PhoneFactory(service=service, number="902-555-0199")
    f.AddressFactory(location=service.service_at_locations.get().location, city="Wolfville")
    html = _html(client.get("/en/services/"))
    assert 'role="search"' in html and 'name="q"' in html and 'name="near"' in html
    assert "Farm worker clinic" in html
    assert 'href="tel:+19025550199"' in html
    # A service without its own number shows its organization's.
    other = f.ServiceFactory(name="Org-number service")
    f.PhoneFactory(service=None, organization=other.organization, number="902-555-0177")
    assert 'href="tel:+19025550177"' in _html(client.get("/en/services/"))
    assert "Wolfville" in html
    assert "Hours unknown" in html
    assert f'href="/en/services/{service.id}/"' in html
    # The map area exists but stays hidden until the map script runs.
    assert re.search(r'<div id="map" class="map" hidden', html)
    assert "csrfmiddlewaretoken" not in html


def test_search_near_town_sorts_and_shows_distance(client: Client, fake_geocode) -> None:
    f.located_service(45.0775, -64.4945, name="In Kentville")
    f.located_service(44.65, -63.57, name="In Halifax")
    for near in ("Kentville", "kentville ns", "B4N 1A1"):
        html = _html(client.get("/en/services/", {"near": near}))
        assert html.index("In Kentville") < html.index("In Halifax")
        assert re.search(r'class="dist">\d+ m<', html)
        assert re.search(r'class="dist">8\d km<', html)
        assert "nearest to Kentville first" in html


def test_near_me_coordinates_are_accepted(client: Client) -> None:
    f.located_service(45.0775, -64.4945, name="Close")
    f.located_service(46.0, -64.0, name="Far")
    html = _html(client.get("/en/services/", {"near": "45.07,-64.49"}))
    assert html.index("Close") < html.index("Far")
    assert 'data-lat="45.07"' in html


def test_unknown_place_gives_tips_not_an_error(client: Client, fake_geocode) -> None:
    f.located_service(45.1, -64.5, name="Some service")
    html = _html(client.get("/en/services/", {"near": "Atlantis <b>"}))
    assert "We could not find" in html
    assert "Atlantis &lt;b&gt;" in html
    assert "B4N 1A1" in html
    assert "Some service" in html


def test_filters_from_query_string(client: Client) -> None:
    term = f.TaxonomyTermFactory(code="housing", name="Housing")
    f.AttributeFactory(service__name="Housing help", taxonomy_term=term)
    f.ServiceFactory(name="Other thing")
    f.LanguageFactory(service__name="Spanish spoken", code="es")
    html = _html(client.get("/en/services/", {"category": "housing"}))
    assert "Housing help" in html and "Other thing" not in html
    assert '<option value="housing" selected>Housing</option>' in html
    html = _html(client.get("/en/services/", {"language": "es"}))
    assert "Spanish spoken" in html and "Housing help" not in html
    html = _html(client.get("/en/services/", {"q": "other"}))
    assert "Other thing" in html and "Housing help" not in html
    # Nonsense values are ignored, never an error.
    assert client.get("/en/services/", {"category": "<x>", "page": "zz", "province": "QQ"}).status_code == 200


def test_pagination_links_keep_filters(client: Client) -> None:
    for i in range(35):
        f.ServiceFactory(name=f"Svc {i:02d}", description="farm")
    html = _html(client.get("/en/services/", {"q": "farm"}))
    assert "35 services found" in html
    assert 'href="?q=farm&amp;page=2"' in html
    html2 = _html(client.get("/en/services/", {"q": "farm", "page": 2}))
    assert "Svc 34" in html2 and "Svc 00" not in html2
    assert 'rel="prev"' in html2


def test_open_now_shown_and_filtered(client: Client, monkeypatch) -> None:
    monday = dt.datetime(2026, 11, 23, 10, tzinfo=hours.LOCAL_TZ)
    monkeypatch.setattr(hours, "local_now", lambda: monday)
    f.ScheduleFactory(service__name="Weekday office")
    f.ScheduleFactory(service__name="Weekend office", byday="SA")
    html = _html(client.get("/en/services/"))
    assert "Open now" in html and "Closed now" in html
    html = _html(client.get("/en/services/", {"open_now": "1"}))
    assert "Weekday office" in html and "Weekend office" not in html


def test_service_page_content(client: Client) -> None:
    term = f.TaxonomyTermFactory(code="legal", name="Legal")
    service = f.located_service(
        45.0775,
        -64.4945,
        name="Legal clinic",
        eligibility_description="Any worker",
        is_free=True,
        assured_date=dt.date(2026, 5, 1),
        needs_verification=True,
        source_urls="https://example.org/source\njavascript:alert(1)",
        alert="Closed for renovation",
    )
    f.AttributeFactory(service=service, taxonomy_term=term)
    f.PhoneFactory(service=service, number="(902) 555-0123", whatsapp=True)
    f.LanguageFactory(service=service, code="es")
    f.ServiceAreaFactory(service=service, name="Kings County")
    f.ScheduleFactory(service=service)
    f.AddressFactory(location=service.service_at_locations.get().location, address_1="12 Webster St")
    html = _html(client.get(f"/en/services/{service.id}/"))
    for text in (
        "Legal clinic",
        "Any worker",
        "Free",
        "Spanish",
        "Kings County",
        "12 Webster St",
        "Closed for renovation",
        "needs verification",
        "Last checked on May 1, 2026",
        "09:00–17:00",
    ):
        assert text in html, text
    assert "example.org/source" not in html  # sources are for staff (test_staff_notes.py)
    assert 'href="tel:+19025550123"' in html
    assert 'href="https://wa.me/19025550123"' in html
    assert 'href="https://www.openstreetmap.org/directions?to=45.0775%2C-64.4945"' in html
    assert 'href="javascript:' not in html
    assert "https://wa.me/?text=" in html and "mailto:?subject=" in html
    assert 'class="print"' in html
    # A worker who landed on the wrong service can search again from here.
    assert 'role="search"' in html and 'action="/en/services/"' in html


def test_directions_link_is_not_localized(client: Client) -> None:
    service = f.located_service(45.5, -64.25)
    html = _html(client.get(f"/fr/services/{service.id}/"))
    assert "directions?to=45.5%2C-64.25" in html


def test_service_page_404s(client: Client) -> None:
    inactive = f.ServiceFactory(status=Service.Status.INACTIVE)
    assert client.get(f"/en/services/{inactive.id}/").status_code == 404
    assert client.get("/en/services/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/en/services/not-a-uuid/").status_code == 404


HOSTILE_FIELDS = {
    "service": [
        "name",
        "description",
        "interpretation_services",
        "application_process",
        "fees_description",
        "eligibility_description",
        "alert",
    ],
    "organization": ["name", "description"],
    "location": ["name", "description", "transportation"],
}


def _hostile_service() -> Service:
    langs = ("en", "fr", "es", "tl")
    org = f.OrganizationFactory(
        **{f"{fld}_{lang}": HOSTILE for fld in HOSTILE_FIELDS["organization"] for lang in langs}
    )
    service = f.ServiceFactory(
        organization=org,
        needs_verification=True,
        verification_note=HOSTILE,
        **{f"{fld}_{lang}": HOSTILE for fld in HOSTILE_FIELDS["service"] for lang in langs},
    )
    location = f.LocationFactory(**{f"{fld}_{lang}": HOSTILE for fld in HOSTILE_FIELDS["location"] for lang in langs})
    f.ServiceAtLocationFactory(service=service, location=location)
    f.AddressFactory(location=location, address_1=HOSTILE, city=HOSTILE, state_province="NS")
    Accessibility.objects.create(location=location, **{f"description_{lang}": HOSTILE for lang in langs})
    f.PhoneFactory(service=service, number=HOSTILE, **{f"description_{lang}": HOSTILE for lang in langs})
    f.ScheduleFactory(service=service, **{f"description_{lang}": HOSTILE for lang in langs})
    f.HolidayClosureFactory(service=service, name=HOSTILE, date=timezone.localdate() + dt.timedelta(days=1))
    term = f.TaxonomyTermFactory(code="helpline", **{f"name_{lang}": HOSTILE for lang in langs})
    f.AttributeFactory(service=service, taxonomy_term=term)
    f.ServiceAreaFactory(service=service, name=HOSTILE)
    return service


@pytest.mark.parametrize("lang", ["en", "fr", "es", "tl"])
def test_hostile_strings_are_escaped_everywhere(client: Client, lang: str) -> None:
    service = _hostile_service()
    for url in (f"/{lang}/services/", f"/{lang}/services/{service.id}/", f"/{lang}/", f"/{lang}/services/?q=alert"):
        html = _html(client.get(url))
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
    # On the service page every translated field is shown, each escaped.
    detail = _html(client.get(f"/{lang}/services/{service.id}/"))
    assert detail.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 18


@pytest.mark.parametrize("path", ["/en/services/", "/fr/services/?q=x&near=45,-64", "/en/", "DETAIL"])
def test_public_pages_set_no_cookie(client: Client, path: str) -> None:
    service = f.located_service(45.1, -64.5)
    response = client.get(path.replace("DETAIL", f"/en/services/{service.id}/"))
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers


def test_first_html_response_fits_14_kb_gzipped_with_30_results(client: Client) -> None:
    term = f.TaxonomyTermFactory(code="health", name="Health")
    for i in range(40):
        service = f.located_service(
            45 + i / 50,
            -64.5,
            name=f"Community health and rights service number {i}",
            organization__name=f"Migrant worker support association {i}",
        )
        f.PhoneFactory(service=service, number=f"902-555-01{i:02d}")
        f.AttributeFactory(service=service, taxonomy_term=term)
        f.AddressFactory(location=service.service_at_locations.get().location, city="Kentville")
    response = client.get("/en/services/", {"near": "45.07,-64.49"}, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    html = response.content if response.get("Content-Encoding") != "gzip" else gzip.decompress(response.content)
    assert html.count(b'class="card"') == 30
    size = len(gzip.compress(html))
    assert size <= 14 * 1024, size
    # The search form comes first, so it is in the first bytes whatever the list length.
    assert html.index(b'role="search"') < 4000


def test_whole_list_page_fits_100_kb_gzipped(client: Client) -> None:
    for i in range(30):
        f.located_service(45 + i / 50, -64.5, name=f"Service with a long enough name {i}")
    html = client.get("/en/services/").content
    total = len(gzip.compress(html))
    static = Path(settings.PACKAGE_DIR) / "static"
    for ref in re.findall(rb'(?:href|src)="/static/([^"]+)"', html):
        total += len(gzip.compress((static / ref.decode()).read_bytes()))
    assert total <= 100 * 1024, total


def test_search_form_is_labelled(client: Client) -> None:
    html = _html(client.get("/en/services/"))
    for control in re.findall(r'<(?:input|select)[^>]*\bid="(id_[a-z_]+)"', html):
        assert f'for="{control}"' in html, control
    assert 'aria-label="Map of the services' in html


@pytest.mark.parametrize("near", ["B4N 1A1", "B4N", "Kentville", "kentville ns"])
def test_real_geocoder_places_kentville(client: Client, near: str) -> None:
    f.located_service(45.0775, -64.4945, name="In Kentville")
    f.located_service(44.65, -63.57, name="In Halifax")
    html = _html(client.get("/en/services/", {"near": near}))
    assert "We could not find" not in html
    assert html.index("In Kentville") < html.index("In Halifax")
    assert "Kentville" in html[html.index('class="summary"') :]


@pytest.mark.parametrize(
    ("lang", "heading", "label"),
    [
        ("fr", "Trouver des services", "De quoi avez-vous besoin ?"),
        ("es", "Buscar servicios", "¿Qué necesita?"),
        ("tl", "Maghanap ng serbisyo", "Ano ang kailangan mo?"),
    ],
)
def test_directory_speaks_each_language(client: Client, lang: str, heading: str, label: str) -> None:
    f.ServiceFactory()
    html = _html(client.get(f"/{lang}/services/"))
    assert f'<html lang="{lang}">' in html
    assert heading in html and label in html


def test_province_areas_are_named_in_the_readers_language(client: Client) -> None:
    service = f.located_service(45.1, -64.5)
    f.ServiceAreaFactory(service=service, name="Nova Scotia", province="NS")
    f.ServiceAreaFactory(service=service, name="Kings County", province="NS")
    html = _html(client.get(f"/fr/services/{service.id}/"))
    assert "Nouvelle-Écosse, Kings County" in html and "Nova Scotia" not in html
