"""Every directory URL (public pages, the map data, the partners' editing pages) × every role × an object
of the user's own organization or another's → the expected status, generated from the urls.py files: a URL
without a row in EXPECTED fails `test_every_url_has_expectations`. GET only; writes are tested in
test_manage.py. Another organization's object answers 404 (its existence does not leak)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from bettertogether.core.tests.factories import (
    AdministratorFactory,
    CaseWorkerFactory,
    CoordinatorFactory,
    FunderApproverFactory,
    PartnerStaffFactory,
)
from bettertogether.core.tests.url_matrix import assert_answers, client_for, missing_rows, named_patterns
from bettertogether.directory import manage_urls, map_urls, urls
from bettertogether.directory.models import Suggestion
from bettertogether.directory.tests.factories import (
    AddressFactory,
    LocationFactory,
    OrganizationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db

URLCONFS = {"directory": urls, "directory_manage": manage_urls, "map_api": map_urls}
ROLES = ["anonymous", "partner", "case_worker", "partner_without_organization", "coordinator", "funder", "admin"]
PUBLIC = dict.fromkeys(ROLES, 200)
# The editing pages: members of an organization, coordinators and administrators; others are refused.
MANAGE = {**dict.fromkeys(ROLES, 200), "anonymous": 302, "partner_without_organization": 403, "funder": 403}
EXPECTED: dict[str, dict[str, int]] = {
    "directory:list": PUBLIC,
    "directory:detail": PUBLIC,
    "directory:suggest": PUBLIC,
    "map_api:services": PUBLIC,
    "directory_manage:index": MANAGE,
    "directory_manage:service": MANAGE,
    "directory_manage:location": MANAGE,
    "directory_manage:suggestions": MANAGE,
    "directory_manage:suggestion": MANAGE,
}
# URL name → which object of the organization its <pk> names.
OBJECT_OF = {
    "directory:detail": "service",
    "directory:suggest": "service",
    "directory_manage:service": "service",
    "directory_manage:location": "location",
    "directory_manage:suggestion": "suggestion",
}
# Roles bound to their own organization on the editing pages: another organization's object is not found.
ORGANIZATION_BOUND = ("partner", "case_worker")


def test_every_url_has_expectations() -> None:
    assert not missing_rows(URLCONFS, EXPECTED), missing_rows(URLCONFS, EXPECTED)
    pk_urls = {name for name, p in named_patterns(URLCONFS).items() if "pk" in p.pattern.converters}
    assert pk_urls == set(OBJECT_OF)


def _objects(organization: Any) -> dict[str, Any]:
    service = ServiceFactory(organization=organization)
    location = LocationFactory(organization=organization)
    AddressFactory(location=location)
    ServiceAtLocationFactory(service=service, location=location)
    suggestion = Suggestion.objects.create(service=service, field="other", proposed_value="New hours")
    return {"service": service, "location": location, "suggestion": suggestion}


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    own, other = OrganizationFactory(), OrganizationFactory()
    return {
        "own": _objects(own),
        "other": _objects(other),
        "users": {
            "anonymous": None,
            "partner": PartnerStaffFactory(organization=own),
            "case_worker": CaseWorkerFactory(organization=own),
            "partner_without_organization": PartnerStaffFactory(),
            "coordinator": CoordinatorFactory(),
            "funder": FunderApproverFactory(),
            "admin": AdministratorFactory(),
        },
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_matrix(name: str, role: str, world: dict[str, Any]) -> None:
    client = client_for(world["users"][role])
    for side in ("own", "other"):
        kwargs = {"pk": world[side][OBJECT_OF[name]].pk} if name in OBJECT_OF else {}
        url = reverse(name, kwargs=kwargs)
        expected = EXPECTED[name][role]
        if side == "other" and name in OBJECT_OF and name.startswith("directory_manage:"):
            expected = 404 if role in ORGANIZATION_BOUND else expected
        assert_answers(client, url, expected, name, role, side)
