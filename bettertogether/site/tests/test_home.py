"""Home page: one line about the program, the search form, and the help lines by province."""

import gzip

import pytest
from django.test import Client

from bettertogether.directory.models import Service
from bettertogether.directory.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def helplines() -> dict[str, Service]:
    parent = f.TaxonomyTermFactory(code="helpline", name="Helplines")
    child = f.TaxonomyTermFactory(code="helpline-tips", name="Tip lines", parent=parent)
    federal = f.ServiceFactory(name="Federal tip line")
    f.AttributeFactory(service=federal, taxonomy_term=child)
    f.PhoneFactory(service=federal, number="1-866-602-9448")
    nova_scotia = f.ServiceFactory(name="NS labour standards")
    f.AttributeFactory(service=nova_scotia, taxonomy_term=parent)
    f.ServiceAreaFactory(service=nova_scotia, province="NS")
    f.PhoneFactory(service=nova_scotia, number="1-888-315-0110", whatsapp=True)
    pei = f.ServiceFactory(name="PEI 211")
    f.AttributeFactory(service=pei, taxonomy_term=parent)
    f.ServiceAreaFactory(service=pei, province="PE")
    f.PhoneFactory(service=pei, number="211")
    regional = f.ServiceFactory(name="Regional line")
    f.AttributeFactory(service=regional, taxonomy_term=parent)
    for province in ("NS", "NB", "PE"):
        f.ServiceAreaFactory(service=regional, province=province)
    org_phone = f.ServiceFactory(name="Line with the organization's number")
    f.AttributeFactory(service=org_phone, taxonomy_term=parent)
    f.PhoneFactory(service=None, organization=org_phone.organization, number="902-555-0142")
    f.ServiceFactory(name="Not a helpline")
    hidden = f.ServiceFactory(name="Old line", status=Service.Status.DEFUNCT)
    f.AttributeFactory(service=hidden, taxonomy_term=parent)
    return {"federal": federal, "ns": nova_scotia, "pe": pei}


def test_home_has_search_form_and_help_lines(client: Client, helplines: dict[str, Service]) -> None:
    response = client.get("/en/")
    html = response.content.decode()
    assert 'role="search"' in html and 'action="/en/services/"' in html
    assert 'name="q"' in html and 'name="near"' in html and 'name="category"' in html
    assert "Help now" in html
    assert 'href="tel:+18666029448"' in html
    assert 'href="tel:+18883150110"' in html and 'href="https://wa.me/18883150110"' in html
    assert 'href="tel:211"' in html
    assert "Not a helpline" not in html and "Old line" not in html
    # Canada-wide lines first, then the Maritime provinces.
    assert html.index("<h3>Across Canada") < html.index("<h3>Nova Scotia") < html.index("<h3>Prince Edward Island")
    assert html.index("Federal tip line") < html.index("NS labour standards") < html.index("PEI 211")
    assert f'href="/en/services/{helplines["ns"].id}/"' in html
    # A line serving the three Maritime provinces is listed once, with the Canada-wide lines.
    assert html.count("Regional line") == 1 and html.index("Regional line") < html.index("<h3>Nova Scotia")
    assert 'href="tel:+19025550142"' in html


def test_home_category_select_lists_terms(client: Client, helplines: dict[str, Service]) -> None:
    html = client.get("/fr/").content.decode()
    assert '<option value="helpline">Helplines</option>' in html
    assert 'value="helpline-tips"' in html


def test_home_sets_no_cookie_and_is_small(client: Client, helplines: dict[str, Service]) -> None:
    response = client.get("/en/")
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert len(gzip.compress(response.content)) <= 14 * 1024
    assert "leaflet" not in response.content.decode()


def test_home_without_help_lines_still_renders(client: Client) -> None:
    response = client.get("/es/")
    assert response.status_code == 200
    assert 'role="search"' in response.content.decode()
