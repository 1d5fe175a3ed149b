"""outreach.worklist: counts of the events and resources a person manages, never another organization's."""

import datetime as dt

import pytest
from django.utils import timezone

from bettertogether.core.tests.factories import ROLE_FACTORIES
from bettertogether.directory.tests.factories import OrganizationFactory
from bettertogether.outreach.worklist import outreach_work

from .factories import EventFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def test_counts_are_the_organizations() -> None:
    now = timezone.now()
    own, other = OrganizationFactory(), OrganizationFactory()
    EventFactory(organization=own, registered_count=4, waitlisted_count=1)
    EventFactory(organization=own, is_cancelled=True, registered_count=50)
    EventFactory(organization=own, starts_at=now - dt.timedelta(days=3))  # past, nobody recorded
    EventFactory(organization=own, starts_at=now - dt.timedelta(days=2), anonymous_attendees=5)
    EventFactory(organization=other, registered_count=30)
    ResourceFactory(organization=own, is_published=False)
    ResourceFactory(organization=other)
    partner = ROLE_FACTORIES["partner_staff"](organization=own)

    work = outreach_work(partner, now=now)
    assert work.upcoming_events == 1
    assert (work.upcoming_registrations, work.upcoming_waiting) == (4, 1)
    assert work.past_events_without_attendance == 1
    assert (work.resources, work.unpublished_resources) == (1, 1)

    everything = outreach_work(ROLE_FACTORIES["coordinator"](), now=now)
    assert (everything.upcoming_events, everything.upcoming_registrations, everything.resources) == (2, 34, 2)


def test_funder_approvers_manage_nothing() -> None:
    EventFactory(registered_count=3)
    work = outreach_work(ROLE_FACTORIES["funder_approver"]())
    assert work.upcoming_events == work.upcoming_registrations == work.resources == 0
