"""directory.worklist: what a staff home shows of the listings, scoped to what the person may edit."""

import datetime as dt

import pytest

from bettertogether.core.tests.factories import ROLE_FACTORIES
from bettertogether.directory.models import Suggestion
from bettertogether.directory.worklist import directory_work, member_organization_name

from .factories import OrganizationFactory, ServiceFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2030, 6, 1)


def test_counts_cover_only_the_organizations_listings() -> None:
    own, other = OrganizationFactory(name="Own"), OrganizationFactory(name="Other")
    fresh = ServiceFactory(organization=own, name="Fresh", assured_date=TODAY - dt.timedelta(days=30))
    ServiceFactory(organization=own, name="Stale", assured_date=TODAY - dt.timedelta(days=400))
    ServiceFactory(organization=own, name="Never", needs_verification=True)
    for _ in range(4):
        theirs = ServiceFactory(organization=other, needs_verification=True)
    Suggestion.objects.create(service=fresh, field="phone", proposed_value="1")
    Suggestion.objects.create(service=fresh, field="phone", proposed_value="2", status="rejected")
    Suggestion.objects.create(service=theirs, field="phone", proposed_value="3")
    partner = ROLE_FACTORIES["partner_staff"](organization=own)

    work = directory_work(partner, today=TODAY)
    assert (work.listings, work.not_verified_recently, work.flagged, work.open_suggestions) == (3, 2, 1, 1)
    assert [(s.name, s.needs_checking) for s in work.shown] == [("Never", True), ("Stale", True), ("Fresh", False)]
    assert member_organization_name(partner) == "Own"

    coordinator = ROLE_FACTORIES["coordinator"]()
    everything = directory_work(coordinator, today=TODAY)
    assert (everything.listings, everything.flagged, everything.open_suggestions) == (7, 5, 2)
    assert member_organization_name(coordinator) == ""


def test_people_who_edit_nothing_see_nothing() -> None:
    ServiceFactory(needs_verification=True)
    for role in ("funder_approver", "partner_staff"):  # a partner without an organization too
        work = directory_work(ROLE_FACTORIES[role](), today=TODAY)
        assert (work.listings, work.flagged, work.open_suggestions, work.shown) == (0, 0, 0, ())
