from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from bettertogether.core.tests.factories import ROLE_FACTORIES
from bettertogether.directory.models import Organization


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """URLs and labels in English, whatever language an earlier test left active in this thread."""
    with translation.override("en"):
        yield


@pytest.fixture
def orgs(db: Any) -> dict[str, Organization]:
    return {
        "own": Organization.objects.create(name_en="Own Centre"),
        "other": Organization.objects.create(name_en="Other Centre"),
    }


@pytest.fixture
def people(orgs: dict[str, Organization]) -> dict[str, Any]:
    """One account per role; partner staff and case workers of `own`, and a colleague in each org."""
    return {
        "partner_staff": ROLE_FACTORIES["partner_staff"](organization=orgs["own"]),
        "case_worker": ROLE_FACTORIES["case_worker"](organization=orgs["own"]),
        "coordinator": ROLE_FACTORIES["coordinator"](),
        "funder_approver": ROLE_FACTORIES["funder_approver"](),
        "administrator": ROLE_FACTORIES["administrator"](),
        "own_colleague": ROLE_FACTORIES["partner_staff"](organization=orgs["own"]),
        "other_colleague": ROLE_FACTORIES["partner_staff"](organization=orgs["other"]),
    }
