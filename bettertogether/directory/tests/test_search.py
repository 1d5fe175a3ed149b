"""search_services(): ordering, filters, text search, open now, pagination."""

import datetime as dt
import random

import numpy as np
import pytest
from django.utils import translation

from bettertogether.core.geo import haversine_km_many
from bettertogether.directory.hours import LOCAL_TZ
from bettertogether.directory.models import Service
from bettertogether.directory.search import PointPlace, contact_phones, search_services
from bettertogether.directory.tests import factories as f

pytestmark = pytest.mark.django_db

KENTVILLE = (45.0775, -64.4945)
MONDAY_10 = dt.datetime(2026, 11, 23, 10, tzinfo=LOCAL_TZ)


def _brute_force_order(services: list[tuple[Service, float, float]], lat: float, lon: float) -> list[str]:
    d = haversine_km_many(lat, lon, np.array([s[1] for s in services]), np.array([s[2] for s in services]))
    return [services[i][0].name for i in np.argsort(d, kind="stable")]


def test_results_sorted_by_distance_like_brute_force() -> None:
    rng = random.Random(7)
    placed = []
    for i in range(60):
        # Spread from a few km to thousands of km so the box must widen.
        lat, lon = rng.uniform(42, 60), rng.uniform(-125, -55)
        if i < 10:
            lat, lon = KENTVILLE[0] + rng.uniform(-0.2, 0.2), KENTVILLE[1] + rng.uniform(-0.2, 0.2)
        placed.append((f.located_service(lat, lon, name=f"S{i:02d}"), lat, lon))
    expected = _brute_force_order(placed, *KENTVILLE)
    got = []
    for page in range(3):
        results = search_services(near=KENTVILLE, limit=25, offset=page * 25)
        assert results.total == 60
        got += [item.service.name for item in results.items]
        distances = [item.distance_km for item in results.items]
        assert distances == sorted(distances)
    assert got == expected


def test_service_uses_its_nearest_location() -> None:
    service = f.located_service(46.0, -66.0, name="Two offices")
    near = f.LocationFactory(latitude=45.08, longitude=-64.50)
    f.ServiceAtLocationFactory(service=service, location=near)
    f.located_service(45.2, -64.6, name="Other")
    results = search_services(near=KENTVILLE)
    assert [i.service.name for i in results.items] == ["Two offices", "Other"]
    assert results.items[0].location == near
    assert results.items[0].distance_km < 1


def test_unlocated_services_follow_located_ones_when_they_serve_the_province() -> None:
    f.located_service(45.1, -64.5, name="Zeta office")
    virtual_ns = f.ServiceFactory(name="Alpha helpline NS")
    f.ServiceAreaFactory(service=virtual_ns, province="NS")
    virtual_nb = f.ServiceFactory(name="Alpha helpline NB")
    f.ServiceAreaFactory(service=virtual_nb, province="NB")
    f.ServiceFactory(name="Beta national line")
    place = PointPlace(45.0775, -64.4945, label="Kentville", province="NS")
    results = search_services(near=place)
    assert [i.service.name for i in results.items] == ["Zeta office", "Alpha helpline NS", "Beta national line"]
    assert results.total == 3
    assert results.items[1].distance_km is None
    # Page two starts inside the unlocated tail.
    assert [i.service.name for i in search_services(near=place, limit=1, offset=2).items] == ["Beta national line"]


def test_without_place_results_are_by_name_and_inactive_hidden() -> None:
    f.ServiceFactory(name="Bravo")
    f.ServiceFactory(name="alpha")
    f.ServiceFactory(name="Charlie", status=Service.Status.INACTIVE)
    results = search_services()
    assert [i.service.name for i in results.items] == ["alpha", "Bravo"]
    assert results.total == 2
    assert all(i.distance_km is None for i in results.items)


def test_category_matches_children() -> None:
    parent = f.TaxonomyTermFactory(code="legal")
    child = f.TaxonomyTermFactory(code="legal-aid", parent=parent)
    other = f.TaxonomyTermFactory(code="housing")
    f.AttributeFactory(service__name="Parent match", taxonomy_term=parent)
    f.AttributeFactory(service__name="Child match", taxonomy_term=child)
    f.AttributeFactory(service__name="Housing", taxonomy_term=other)
    names = {i.service.name for i in search_services(category="legal").items}
    assert names == {"Parent match", "Child match"}
    assert {i.service.name for i in search_services(category="legal-aid").items} == {"Child match"}
    assert search_services(category="nope").total == 0


def test_language_filter_and_many_languages() -> None:
    f.LanguageFactory(service__name="Spanish", code="es")
    f.LanguageFactory(service__name="Interpreters", code="mul")
    f.LanguageFactory(service__name="Hindi", code="hi")
    phone = f.PhoneFactory(service__name="Phone in Spanish")
    f.LanguageFactory(service=None, phone=phone, code="es")
    assert {i.service.name for i in search_services(language="es").items} == {
        "Spanish",
        "Interpreters",
        "Phone in Spanish",
    }


def test_province_filter_by_area_or_address() -> None:
    f.ServiceAreaFactory(service__name="Area NB", province="NB")
    addr = f.AddressFactory(state_province="New Brunswick")
    f.ServiceAtLocationFactory(service__name="Address NB", location=addr.location)
    f.ServiceAtLocationFactory(service__name="Address NS", location=f.AddressFactory(state_province="NS").location)
    f.ServiceAreaFactory(service__name="Area NS", province="NS")
    assert {i.service.name for i in search_services(province="NB").items} == {"Area NB", "Address NB"}


def test_free_filter() -> None:
    f.ServiceFactory(name="Free", is_free=True)
    f.ServiceFactory(name="Paid", is_free=False)
    f.ServiceFactory(name="Unknown", is_free=None)
    assert [i.service.name for i in search_services(free=True).items] == ["Free"]


def test_text_search_is_case_and_accent_insensitive_and_covers_organizations() -> None:
    f.ServiceFactory(name="Clinique de santé", name_en="Clinique de santé")
    f.ServiceFactory(name="Legal aid", organization__name="Société d'aide")
    f.ServiceFactory(name="Other", description="nothing")
    assert [i.service.name for i in search_services(q="SANTE").items] == ["Clinique de santé"]
    assert [i.service.name for i in search_services(q="société").items] == ["Legal aid"]
    assert [i.service.name for i in search_services(q="legal SOCIETE").items] == ["Legal aid"]
    assert search_services(q="legal santé").total == 0


def test_text_search_uses_current_language_and_english() -> None:
    service = f.ServiceFactory(name="Housing help")
    service.name_es = "Ayuda con vivienda"
    service.save()
    with translation.override("es"):
        assert search_services(q="vivienda").total == 1
        assert search_services(q="housing").total == 1
        assert search_services(q="vivienda").items[0].service.name == "Ayuda con vivienda"
    with translation.override("fr"):
        assert search_services(q="vivienda").total == 0


def test_open_now_excludes_closed_and_unknown() -> None:
    f.ScheduleFactory(service__name="Open weekdays")
    f.ScheduleFactory(service__name="Weekend only", byday="SA,SU")
    f.ScheduleFactory(
        service__name="Always", byday="MO,TU,WE,TH,FR,SA,SU", opens_at=dt.time(0), closes_at=dt.time(23, 59)
    )
    closed = f.ScheduleFactory(service__name="Holiday today").service
    f.HolidayClosureFactory(service=closed, date=MONDAY_10.date())
    f.ServiceFactory(name="No hours")
    results = search_services(open_now=True, at=MONDAY_10)
    assert {i.service.name for i in results.items} == {"Open weekdays", "Always"}
    every = search_services(at=MONDAY_10)
    states = {i.service.name: every.open_state[i.service.id] for i in every.items}
    assert states == {
        "Open weekdays": True,
        "Weekend only": False,
        "Always": True,
        "Holiday today": False,
        "No hours": None,
    }


def test_location_schedules_count_when_the_service_has_none() -> None:
    service = f.located_service(45.1, -64.5, name="Office hours")
    location = service.service_at_locations.get().location
    f.ScheduleFactory(service=None, location=location)
    assert search_services(open_now=True, at=MONDAY_10).total == 1


def test_pagination_and_limits() -> None:
    for i in range(7):
        f.ServiceFactory(name=f"N{i}")
    page = search_services(limit=3, offset=6)
    assert page.total == 7
    assert [i.service.name for i in page.items] == ["N6"]


def test_page_load_avoids_n_plus_one(django_assert_max_num_queries) -> None:
    term = f.TaxonomyTermFactory(code="health")
    for i in range(30):
        service = f.located_service(45 + i / 100, -64.5, name=f"S{i}")
        f.PhoneFactory(service=service)
        f.AttributeFactory(service=service, taxonomy_term=term)
        f.ScheduleFactory(service=service)
    search_services(near=KENTVILLE, category="health")  # builds the index
    with django_assert_max_num_queries(14):  # a fixed number, whatever the page size
        results = search_services(near=KENTVILLE, category="health")
        for item in results.items:
            _ = [p.tel_uri for p in contact_phones(item.service)]
            assert item.categories == (term.name,)
            _ = item.service.organization.name
            _ = item.location.addresses.all()
    assert len(results.items) == 30


def test_index_follows_changes() -> None:
    service = f.located_service(45.1, -64.5, name="Before")
    assert search_services(q="before").total == 1
    service.name = "After"
    service.name_en = "After"
    service.save()
    assert search_services(q="before").total == 0
    assert search_services(q="after").total == 1
    location = service.service_at_locations.get().location
    location.latitude, location.longitude = 46.2, -63.1
    location.save()
    assert search_services(near=(46.2, -63.1)).items[0].distance_km < 0.01
    service.status = Service.Status.INACTIVE
    service.save()
    assert search_services().total == 0


def test_index_notices_bulk_writes() -> None:
    assert search_services().total == 0
    Service.objects.bulk_create([Service(organization=f.OrganizationFactory(), name="Bulk", name_en="Bulk")])
    # Bulk writes send no signal; the row-count stamp still sees them.
    assert search_services().total == 1


def test_text_search_covers_categories_and_organization_short_names() -> None:
    term = f.TaxonomyTermFactory(code="housing", name="Housing")
    f.AttributeFactory(service__name="Rooms", taxonomy_term=term)
    f.ServiceFactory(name="Orientation", organization__alternate_name="ISANS")
    assert [i.service.name for i in search_services(q="housing").items] == ["Rooms"]
    assert [i.service.name for i in search_services(q="isans").items] == ["Orientation"]
