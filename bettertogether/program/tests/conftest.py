from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from bettertogether.support.tests.factories import organization


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    """Attachments go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def orgs(db: Any) -> dict[str, Any]:
    return {"own": organization("Own Centre"), "other": organization("Other Centre")}
