import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from bettertogether.core.auth_views import LOGIN_LIMIT
from bettertogether.core.tests.factories import (
    AdministratorFactory,
    CaseWorkerFactory,
    CoordinatorFactory,
    FunderApproverFactory,
    PartnerStaffFactory,
    sign_in,
)
from bettertogether.directory.models import ChangeLog, Phone, Schedule, Service, Suggestion
from bettertogether.directory.tests.factories import (
    HOSTILE,
    AddressFactory,
    LocationFactory,
    OrganizationFactory,
    PhoneFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    TaxonomyTermFactory,
    full_service,
)


@pytest.fixture
def world(db):
    own, other = OrganizationFactory(), OrganizationFactory()
    service = ServiceFactory(organization=own)
    other_service = ServiceFactory(organization=other)
    location = LocationFactory(organization=own)
    AddressFactory(location=location)
    ServiceAtLocationFactory(service=service, location=location)
    other_location = LocationFactory(organization=other)
    return {
        "service": service,
        "other_service": other_service,
        "location": location,
        "other_location": other_location,
        "suggestion": Suggestion.objects.create(service=service, field="other", proposed_value="New hours"),
        "other_suggestion": Suggestion.objects.create(service=other_service, field="other", proposed_value="x"),
        "partner": PartnerStaffFactory(organization=own),
        "caseworker": CaseWorkerFactory(organization=own),
        "coordinator": CoordinatorFactory(),
        "admin": AdministratorFactory(),
        "funder": FunderApproverFactory(),
    }


def url(name, obj=None):
    return reverse(f"directory_manage:{name}", args=[obj.pk] if obj is not None else [])


# Who may open which page: test_authorization_matrix.py, generated from the urls.py files.


def test_login_page_and_sign_in(client, world):
    user = world["partner"]
    response = client.get("/en/accounts/login/?next=/en/manage/")
    assert response.status_code == 200
    assert b'name="password"' in response.content
    response = client.post(
        "/en/accounts/login/", {"username": user.username, "password": "test-password-2024", "next": "/en/manage/"}
    )
    assert response.status_code == 302 and response["Location"] == "/en/manage/"
    assert client.get("/en/manage/").status_code == 200
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/en/manage/").status_code == 302


def service_post(service: Service, **overrides):
    """The edit form as a browser would send it back unchanged, then the overrides."""
    data = {
        "name_en": service.name_en,
        "description_en": service.description_en or "",
        "url": service.url,
        "email": service.email,
        "is_free": "unknown" if service.is_free is None else ("true" if service.is_free else "false"),
        "status": service.status,
        "categories": [str(i) for i in service.attributes.values_list("taxonomy_term_id", flat=True)],
        "languages": list(service.languages.values_list("code", flat=True)),
        "phones-TOTAL_FORMS": "0",
        "phones-INITIAL_FORMS": "0",
        "hours-TOTAL_FORMS": "0",
        "hours-INITIAL_FORMS": "0",
    }
    phones = list(service.phones.all())
    for i, phone in enumerate(phones):
        data.update(
            {
                f"phones-{i}-id": str(phone.id),
                f"phones-{i}-number": phone.number,
                f"phones-{i}-type": phone.type or "voice",
                f"phones-{i}-description": phone.description or "",
            }
        )
        if phone.whatsapp:
            data[f"phones-{i}-whatsapp"] = "on"
    data["phones-TOTAL_FORMS"] = data["phones-INITIAL_FORMS"] = str(len(phones))
    data.update(overrides)
    return data


def test_partner_edits_own_service(client, world):
    service, partner = world["service"], world["partner"]
    phone = PhoneFactory(service=service, number="902-555-0100")
    term = TaxonomyTermFactory(code="helpline")
    client.force_login(partner)
    data = service_post(
        service,
        name_fr="Aide aux travailleurs",
        alert_es="Cerrado el lunes",
        is_free="true",
        categories=[str(term.id)],
        languages=["es", "tl"],
        **{
            "phones-TOTAL_FORMS": "2",
            "phones-0-number": "902-555-0111",
            "phones-1-number": "1 506 555 0199",
            "phones-1-type": "text",
            "phones-1-whatsapp": "on",
            "hours-TOTAL_FORMS": "1",
            "hours-0-days": ["MO", "WE"],
            "hours-0-opens_at": "09:00",
            "hours-0-closes_at": "17:00",
        },
    )
    response = client.post(url("service", service), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    service.refresh_from_db()
    assert service.name_fr == "Aide aux travailleurs"
    assert service.alert_es == "Cerrado el lunes"
    assert service.is_free is True
    assert service.assured_date == timezone.localdate()
    assert service.assured_by == partner
    assert list(service.categories.values_list("code", flat=True)) == ["helpline"]
    assert set(service.languages.values_list("code", flat=True)) == {"es", "tl"}
    phone.refresh_from_db()
    assert phone.number == "902-555-0111"
    new = service.phones.get(whatsapp=True)
    assert new.number == "1 506 555 0199" and new.whatsapp_uri == "https://wa.me/15065550199"
    line = Schedule.objects.get(service=service)
    assert (line.byday, line.opens_at, line.closes_at) == ("MO,WE", dt.time(9), dt.time(17))
    entry = ChangeLog.objects.get(action="service.update", object_id=str(service.pk))
    assert entry.user == partner
    assert entry.changes["name_fr"] == ["", "Aide aux travailleurs"]
    assert "languages" in entry.changes and "categories" in entry.changes


def test_deleting_a_phone_and_hours(client, world):
    service = world["service"]
    PhoneFactory(service=service)
    line = ScheduleFactory(service=service)
    sign_in(client, world["coordinator"])
    data = service_post(
        service,
        **{
            "phones-0-DELETE": "on",
            "hours-TOTAL_FORMS": "1",
            "hours-INITIAL_FORMS": "1",
            "hours-0-id": str(line.id),
            "hours-0-days": ["MO"],
            "hours-0-opens_at": "09:00",
            "hours-0-closes_at": "17:00",
            "hours-0-DELETE": "on",
        },
    )
    assert client.post(url("service", service), data).status_code == 302
    assert not service.phones.exists()
    assert not service.schedules.exists()


def test_partner_cannot_post_to_another_organization(client, world):
    other = world["other_service"]
    client.force_login(world["partner"])
    response = client.post(url("service", other), service_post(other, name_en="Taken over"))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.name_en != "Taken over"


def test_phone_of_another_service_cannot_be_edited_through_mine(client, world):
    service = world["service"]
    foreign = PhoneFactory(service=world["other_service"], number="902-555-0123")
    client.force_login(world["partner"])
    data = service_post(
        service,
        **{
            "phones-TOTAL_FORMS": "1",
            "phones-0-id": str(foreign.id),
            "phones-0-number": "000",
            "phones-0-type": "voice",
        },
    )
    response = client.post(url("service", service), data)
    assert response.status_code == 400
    foreign.refresh_from_db()
    assert foreign.number == "902-555-0123"
    service.refresh_from_db()
    assert service.assured_date is None


def test_invalid_form_keeps_record(client, world):
    service = world["service"]
    client.force_login(world["partner"])
    response = client.post(url("service", service), service_post(service, name_en="", email="not-an-email"))
    assert response.status_code == 400
    service.refresh_from_db()
    assert service.name_en and service.assured_date is None


def test_location_edit_regeocodes_and_verifies_services(client, world):
    location, service = world["location"], world["service"]
    location.latitude = location.longitude = None
    location.geo_precision = ""
    location.save()
    client.force_login(world["partner"])
    data = {
        "name_en": "Main office",
        "address-address_1": "350 Main Street",
        "address-city": "Kentville",
        "address-state_province": "NS",
        "address-postal_code": "b4n1a1",
        "address-regeocode": "on",
    }
    response = client.post(url("location", location), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    location.refresh_from_db()
    assert location.name_en == "Main office"
    address = location.addresses.get()
    assert (address.address_1, address.postal_code) == ("350 Main Street", "B4N 1A1")
    assert location.has_point and location.geo_precision in {"postal_code", "fsa"}
    assert 44.9 < location.latitude < 45.2 and -64.7 < location.longitude < -64.3
    service.refresh_from_db()
    assert service.assured_date == timezone.localdate()
    assert ChangeLog.objects.filter(action="location.update", object_id=str(location.pk)).exists()


def test_bad_postal_code_is_refused(client, world):
    client.force_login(world["partner"])
    response = client.post(
        url("location", world["location"]),
        {"address-city": "Kentville", "address-state_province": "NS", "address-postal_code": "12345"},
    )
    assert response.status_code == 400
    assert "B4N 1A1" in response.content.decode()


def test_hostile_strings_are_escaped_in_manage_pages(client, db):
    service = full_service()
    Phone.objects.create(service=service, number=HOSTILE[:50], description=HOSTILE)
    location = LocationFactory(organization=service.organization, name_en=HOSTILE, transportation_fr=HOSTILE)
    ServiceAtLocationFactory(service=service, location=location)
    Suggestion.objects.create(service=service, field="other", proposed_value=HOSTILE, comment=HOSTILE)
    suggestion = Suggestion.objects.get()
    sign_in(client, CoordinatorFactory())
    for target in [
        url("index"),
        url("service", service),
        url("location", location),
        url("suggestions"),
        url("suggestion", suggestion),
    ]:
        response = client.get(target)
        assert response.status_code == 200, target
        html = response.content.decode()
        assert "<script>alert(1)</script>" not in html, target
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, target


def test_sign_in_attempts_are_rate_limited(client, world):
    user = world["partner"]
    for _ in range(LOGIN_LIMIT):
        response = client.post("/en/accounts/login/", {"username": user.username, "password": "wrong"})
        assert response.status_code == 200
    response = client.post("/en/accounts/login/", {"username": user.username, "password": "test-password-2024"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert client.get("/en/manage/").status_code == 302  # still signed out


def test_staff_navigation_leads_to_the_other_staff_areas(client, world):
    html = sign_in(client, world["partner"]).get("/en/manage/").content.decode()
    assert 'href="/en/events/manage/"' in html and 'href="/en/support/"' in html
    assert 'href="/en/gaps/"' not in html  # the gap analysis is for coordinators only
    html = sign_in(client, world["coordinator"]).get("/en/manage/").content.decode()
    assert 'href="/en/gaps/"' in html


def test_marking_verified_clears_the_public_banner(client, world):
    service, partner = world["service"], world["partner"]
    Service.objects.filter(pk=service.pk).update(needs_verification=True, verification_note="⚠ Phone from 2017.")
    public = client.get(f"/en/services/{service.pk}/").content.decode()
    assert "needs verification" in public and "Not yet checked" in public
    client.force_login(partner)
    response = client.post(url("service", service), service_post(service))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.needs_verification is False and service.assured_date == timezone.localdate()
    assert service.verification_note == "⚠ Phone from 2017."  # kept for staff, out of the banner
    entry = ChangeLog.objects.get(action="service.update", object_id=str(service.pk))
    assert entry.changes["needs verification"] == ["yes", "no"]
    client.logout()
    public = client.get(f"/fr/services/{service.pk}/").content.decode()
    assert 'class="notice"' not in public and "Phone from 2017" not in public
    assert "Dernière vérification le" in public
