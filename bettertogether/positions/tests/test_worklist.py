"""positions.worklist: imports and the geocoding review queue, for those who manage positions only."""

import pytest

from bettertogether.core.roles import Role
from bettertogether.positions.models import ImportRun
from bettertogether.positions.worklist import positions_work

from .factories import ApprovedPositionFactory, ImportRunFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_counts_runs_and_distinct_places_to_review() -> None:
    run = ImportRunFactory()
    ImportRunFactory(status=ImportRun.Status.FAILED)
    ApprovedPositionFactory(run=run, address="Nowhere Road", latitude=None, longitude=None)
    ApprovedPositionFactory(run=run, address="Nowhere Road", latitude=None, longitude=None)
    ApprovedPositionFactory(run=run, address="Elsewhere", latitude=None, longitude=None)
    ApprovedPositionFactory(run=run, latitude=45.07, longitude=-64.5)  # placed: not in the queue

    work = positions_work(user_with_role(Role.COORDINATOR))
    assert (work.imports, work.failed_imports, work.places_to_review) == (1, 1, 2)
    assert work.last_import_at is not None


def test_others_get_nothing() -> None:
    ImportRunFactory()
    for user in (user_with_role(Role.PARTNER_STAFF), user_with_role(Role.COORDINATOR, is_staff=False)):
        work = positions_work(user)
        assert (work.imports, work.places_to_review, work.last_import_at) == (0, 0, None)
