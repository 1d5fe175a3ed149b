"""The default denominators on the real seed files (2021Q3–2022Q2): the approved positions per province."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from bettertogether.core.periods import parse_period
from bettertogether.positions.lmia_import import import_lmia_files
from bettertogether.program.results import results
from bettertogether.support.tests.factories import member, signed_in

pytestmark = [pytest.mark.shared_data, pytest.mark.django_db]

SEED = [f"tfwp_{q}_positive_en.xlsx" for q in ("2021q3", "2021q4", "2022q1", "2022q2")]
EXPECTED = {"NS": 3_617, "NB": 5_197, "PE": 1_732}


@pytest.fixture(scope="module", autouse=True)
def seed(django_db_setup: Any, django_db_blocker: Any, shared_data: Any) -> Any:
    with django_db_blocker.unblock(), transaction.atomic():
        reports = import_lmia_files([shared_data / "lmia" / name for name in SEED])
        assert [r.status for r in reports] == ["ok"] * 4, [r.message for r in reports]
        yield
        transaction.set_rollback(True)


def test_denominators_are_the_approved_positions_per_province() -> None:
    data = results(parse_period("2021Q3-2022Q2"))
    assert {p["province"]: p["denominator"] for p in data["provinces"]} == EXPECTED
    # One quarter is less than the year.
    one = results(parse_period("2021Q3"))
    assert all(p["denominator"] < EXPECTED[p["province"]] for p in one["provinces"])


def test_the_page_takes_the_maps_from_and_to() -> None:
    html = signed_in(member("coordinator")).get("/en/program/results/?from=2021Q3&to=2022Q2").content.decode()
    for figure in ("3,617", "5,197", "1,732"):
        assert figure in html
    assert "LMIA approved positions, 2021Q3-2022Q2" in html
