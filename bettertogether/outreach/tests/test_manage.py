"""Organizer pages: scoping and writes (the URL × role matrix is test_authorization_matrix.py)."""

import pytest
from django.test import Client

from bettertogether.core.roles import Role
from bettertogether.directory.models import Membership
from bettertogether.directory.tests.factories import OrganizationFactory
from bettertogether.outreach import permissions, services
from bettertogether.outreach.models import Event

from .factories import EventFactory, UserFactory, coordinator, partner_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    mine, theirs = OrganizationFactory(), OrganizationFactory()
    return {
        "mine": mine,
        "my_event": EventFactory(organization=mine),
        "their_event": EventFactory(organization=theirs),
        "users": {
            "anonymous": None,
            "partner": partner_staff(mine),
            "case_worker": _member(Role.CASE_WORKER, mine),
            "no_membership": UserFactory(role=Role.PARTNER_STAFF),
            "funder": UserFactory(role=Role.FUNDER_APPROVER),
            "coordinator": coordinator(),
        },
    }


def _member(role, organization):
    user = UserFactory(role=role)
    Membership.objects.create(user=user, organization=organization)
    return user


# Who may open which page: test_authorization_matrix.py, generated from urls.py.


def test_managed_events_are_scoped(world) -> None:
    partner = world["users"]["partner"]
    assert list(permissions.events_managed_by(partner)) == [world["my_event"]]
    assert permissions.events_managed_by(world["users"]["coordinator"]).count() == 2
    assert not permissions.can_manage_event(partner, world["their_event"])


def test_partner_creates_an_event_for_their_own_organization_only(client: Client, world) -> None:
    client.force_login(world["users"]["partner"])
    data = {
        "kind": "information_session",
        "title_en": "New session",
        "title_es": "Nueva sesión",
        "province": "NS",
        "address": "1 Main Street, Kentville",
        "starts_at": "2031-05-01T18:00",
        "ends_at": "2031-05-01T20:00",
        "languages": ["en", "es"],
        "is_published": "on",
        "registration_open": "on",
        "organization": str(OrganizationFactory().pk),  # not theirs: refused
    }
    response = client.post("/en/events/manage/new/", data)
    assert response.status_code == 200 and not Event.objects.filter(title_en="New session").exists()
    data["organization"] = str(world["mine"].pk)
    response = client.post("/en/events/manage/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get(title_en="New session")
    assert event.organization == world["mine"] and event.languages == ["en", "es"]
    assert event.starts_at.isoformat() == "2031-05-01T21:00:00+00:00"  # 18:00 ADT
    assert event.created_by == world["users"]["partner"]


def test_attendance_page_records_who_came(client: Client, world) -> None:
    event = world["my_event"]
    ana = services.register(event.pk, name="Ana", phone="902-555-0101", consent_text="c").registration
    services.register(event.pk, name="Ben", consent_text="c")
    client.force_login(world["users"]["partner"])
    html = client.get(f"/en/events/manage/{event.pk}/attendance/").content.decode()
    assert "Ana" in html and "Ben" in html
    response = client.post(
        f"/en/events/manage/{event.pk}/attendance/",
        {
            "present": [str(ana.pk)],
            "anonymous": "5",
            "walkin-TOTAL_FORMS": "3",
            "walkin-INITIAL_FORMS": "0",
            "walkin-0-name": "Walk-in person",
            "walkin-0-phone": "506 555 0000",
        },
    )
    assert response.status_code == 200
    event.refresh_from_db()
    assert (event.attended_count, event.anonymous_attendees) == (2, 5)
    # The walk-in's details are not stored anywhere, only the keyed hash.
    assert not Event.objects.filter(attendances__person_key__contains="506").exists()
