"""Every gap-analysis URL × every role → the expected status, generated from urls.py: a URL without a row in
EXPECTED fails `test_every_url_has_expectations`. Coordinators and administrators only; other signed-in
roles are not told the pages exist (404); anonymous visitors are sent to sign in."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from bettertogether.core.roles import Role
from bettertogether.core.tests.factories import ROLE_FACTORIES
from bettertogether.core.tests.url_matrix import assert_answers, client_for, missing_rows, named_patterns
from bettertogether.directory.tests.factories import OrganizationFactory
from bettertogether.gaps import urls

pytestmark = pytest.mark.django_db

URLCONFS = {"gaps": urls}
ROLES: list[Role | None] = [
    None,
    Role.PARTNER_STAFF,
    Role.CASE_WORKER,
    Role.FUNDER_APPROVER,
    Role.COORDINATOR,
    Role.ADMINISTRATOR,
]
COORDINATORS: dict[Role | None, int] = {
    None: 302,
    Role.PARTNER_STAFF: 404,
    Role.CASE_WORKER: 404,
    Role.FUNDER_APPROVER: 404,
    Role.COORDINATOR: 200,
    Role.ADMINISTRATOR: 200,
}
EXPECTED: dict[str, dict[Role | None, int]] = {
    "gaps:page": COORDINATORS,
    "gaps:data": COORDINATORS,
    "gaps:download": COORDINATORS,
}
# URL name → the arguments tried (every download format the page offers but the PDF, which needs pango).
ARGUMENTS: dict[str, list[dict[str, str]]] = {"gaps:download": [{"fmt": "csv"}, {"fmt": "json"}]}
QUERY = "?from=2021Q3&to=2021Q3&province=NS&radius=30&category=health"


def test_every_url_has_expectations() -> None:
    assert not missing_rows(URLCONFS, EXPECTED), missing_rows(URLCONFS, EXPECTED)
    with_argument = {name for name, p in named_patterns(URLCONFS).items() if p.pattern.converters}
    assert with_argument == set(ARGUMENTS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_matrix(name: str, role: Role | None, world: None) -> None:
    user = None
    if role is not None:
        member_of: dict[str, Any] = {"organization": OrganizationFactory()}
        user = ROLE_FACTORIES[role](**(member_of if role in (Role.PARTNER_STAFF, Role.CASE_WORKER) else {}))
    client = client_for(user)
    for kwargs in ARGUMENTS.get(name, [{}]):
        for query in ("", QUERY):
            url = reverse(name, kwargs=kwargs) + query
            response = assert_answers(client, url, EXPECTED[name][role], name, role)
            if response.status_code == 200:
                assert "no-store" in response.get("Cache-Control", "") or name == "gaps:page"
