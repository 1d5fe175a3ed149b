from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from bettertogether.support.tests.conftest import desk, orgs  # noqa: F401  (shared fixtures)

from .factories import populate


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def world(desk: Any, orgs: Any) -> dict[str, Any]:  # noqa: F811
    """Two organizations with listings, events, resources and helpline contacts in different
    numbers, so that a count of the other organization's rows is recognisable on a page."""
    return populate(orgs, desk)
