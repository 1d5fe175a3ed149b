from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from .factories import fill_case, member, organization


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """URLs and labels in English, whatever language an earlier test left active in this thread."""
    with translation.override("en"):
        yield


@pytest.fixture
def orgs(db: Any) -> dict[str, Any]:
    return {"own": organization("Own Centre"), "other": organization("Other Centre"), "third": organization("Third")}


@pytest.fixture
def desk(orgs: dict[str, Any]) -> dict[str, Any]:
    """Case workers of two organizations, each with a full case; own's case referred to `third`."""
    own_worker = member("case_worker", orgs["own"])
    other_worker = member("case_worker", orgs["other"])
    return {
        "own_worker": own_worker,
        "other_worker": other_worker,
        "own": fill_case(own_worker, to_org=orgs["third"]),
        "other": fill_case(other_worker, to_org=orgs["third"]),
    }
