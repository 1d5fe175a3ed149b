"""The coordinators' positions pages in the staff frame: a role × URL matrix generated from
urls.staff_urlpatterns (a new URL without a row fails), the import list and placing an address."""

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from bettertogether.core.models import GeocodeFix
from bettertogether.core.roles import Role
from bettertogether.core.tests.factories import sign_in
from bettertogether.positions import urls as positions_urls
from bettertogether.positions.models import ApprovedPosition

from .factories import ApprovedPositionFactory, ImportRunFactory, user_with_role

pytestmark = pytest.mark.django_db

WHO = ["anonymous", "not staff coordinator", *Role.values, "superuser"]
MANAGERS = {Role.COORDINATOR.value: 200, Role.ADMINISTRATOR.value: 200, "superuser": 200}
EXPECTED = {
    name: {who: 302 if who == "anonymous" else MANAGERS.get(who, 403) for who in WHO} for name in ("imports", "review")
}


def test_every_url_has_expectations() -> None:
    names = {p.name for p in positions_urls.staff_urlpatterns if isinstance(p, URLPattern)}
    assert names == set(EXPECTED)


def _client(who: str) -> Client:
    client = Client()
    if who == "superuser":
        sign_in(client, user_with_role(Role.PARTNER_STAFF, is_superuser=True))
    elif who == "not staff coordinator":
        sign_in(client, user_with_role(Role.COORDINATOR, is_staff=False))
    elif who != "anonymous":
        sign_in(client, user_with_role(who))
    return client


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_matrix(name: str, who: str) -> None:
    response = _client(who).get(reverse(f"positions:{name}"))
    assert response.status_code == EXPECTED[name][who], (name, who)
    if who == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def test_imports_page_lists_runs_in_the_staff_frame() -> None:
    ImportRunFactory(file_name="tfwp_2022q1_positive_en.xlsx", rows=120, positions=900)
    ImportRunFactory(file_name="broken.csv", status="failed")
    html = _client(Role.COORDINATOR).get(reverse("positions:imports")).content.decode()
    assert "tfwp_2022q1_positive_en.xlsx" in html and "broken.csv" in html and "Failed" in html
    assert 'class="staff-nav"' in html and "Signed in as" in html
    assert reverse("admin:positions_importrun_upload") in html


def test_placing_an_address_moves_its_rows_and_is_remembered() -> None:
    ApprovedPositionFactory(address="Lot 7, Nowhere", latitude=None, longitude=None, positions=4)
    ApprovedPositionFactory(address="Lot 7, Nowhere", latitude=None, longitude=None, positions=3)
    client = _client(Role.COORDINATOR)
    page = client.get(reverse("positions:review")).content.decode()
    assert "Lot 7, Nowhere" in page and "7 positions, 2 rows" in page
    response = client.post(
        reverse("positions:review"),
        {"address": "Lot 7, Nowhere", "province": "NS", "latitude": "45.07", "longitude": "-64.5"},
        follow=True,
    )
    assert "2 rows updated" in response.content.decode()
    assert set(ApprovedPosition.objects.values_list("latitude", flat=True)) == {45.07}
    assert GeocodeFix.objects.count() == 1
    assert "Nothing to place." in response.content.decode()


def test_a_point_outside_canada_is_refused_and_nothing_moves() -> None:
    ApprovedPositionFactory(address="Lot 7, Nowhere", latitude=None, longitude=None)
    response = _client(Role.COORDINATOR).post(
        reverse("positions:review"),
        {"address": "Lot 7, Nowhere", "province": "NS", "latitude": "10", "longitude": "10"},
        follow=True,
    )
    assert "Give a latitude and a longitude in Canada." in response.content.decode()
    assert ApprovedPosition.objects.get().latitude is None
