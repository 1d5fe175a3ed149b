import pytest
from django.contrib.auth.models import AnonymousUser

from bettertogether.core.tests.factories import (
    AdministratorFactory,
    CaseWorkerFactory,
    CoordinatorFactory,
    FunderApproverFactory,
    PartnerStaffFactory,
)
from bettertogether.directory import permissions as p
from bettertogether.directory.models import Suggestion
from bettertogether.directory.tests.factories import LocationFactory, OrganizationFactory, ServiceFactory


@pytest.fixture
def world(db):
    own, other = OrganizationFactory(), OrganizationFactory()
    return {
        "own": own,
        "service": ServiceFactory(organization=own),
        "other_service": ServiceFactory(organization=other),
        "location": LocationFactory(organization=own),
        "other_location": LocationFactory(organization=other),
        "partner": PartnerStaffFactory(organization=own),
        "caseworker": CaseWorkerFactory(organization=own),
        "partner_without_org": PartnerStaffFactory(),
        "coordinator": CoordinatorFactory(),
        "admin": AdministratorFactory(),
        "funder": FunderApproverFactory(),
    }


# (user key, may use /manage/, edits own service, edits other service)
MATRIX = [
    ("partner", True, True, False),
    ("caseworker", True, True, False),
    ("partner_without_org", False, False, False),
    ("coordinator", True, True, True),
    ("admin", True, True, True),
    ("funder", False, False, False),
]


@pytest.mark.parametrize(("who", "manage", "own", "other"), MATRIX)
def test_permission_matrix(world, who, manage, own, other):
    user = world[who]
    assert p.can_use_manage(user) is manage
    assert p.can_edit_service(user, world["service"]) is own
    assert p.can_edit_service(user, world["other_service"]) is other
    assert p.can_edit_location(user, world["location"]) is own
    assert p.can_edit_location(user, world["other_location"]) is other
    assert p.can_edit_organization(user, world["own"]) is own
    assert (world["service"] in p.editable_services(user)) is own
    assert (world["other_service"] in p.editable_services(user)) is other
    assert (world["other_location"] in p.editable_locations(user)) is other


def test_anonymous_and_inactive_edit_nothing(world):
    anon = AnonymousUser()
    assert not p.can_use_manage(anon)
    assert not p.can_edit_service(anon, world["service"])
    assert not p.editable_services(anon).exists()
    coordinator = world["coordinator"]
    coordinator.is_active = False
    assert not p.can_edit_service(coordinator, world["service"])


def test_suggestions_reviewable_by_their_organization_and_coordinators(world):
    mine = Suggestion.objects.create(service=world["service"], field="phone", proposed_value="902-555-0199")
    theirs = Suggestion.objects.create(service=world["other_service"], field="other", proposed_value="x")
    assert list(p.reviewable_suggestions(world["partner"])) == [mine]
    assert p.can_review_suggestion(world["partner"], mine)
    assert not p.can_review_suggestion(world["partner"], theirs)
    assert set(p.reviewable_suggestions(world["coordinator"])) == {mine, theirs}
    assert not p.reviewable_suggestions(world["funder"]).exists()
