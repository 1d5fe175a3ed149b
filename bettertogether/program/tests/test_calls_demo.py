"""The demo's call for proposals: the program's own dates, closed and decided, applications from
organizations of the demo directory, reviewed, ranked and decided, the funded ones linked to the
extended partners' agreements."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.management import call_command

from bettertogether.program import calls_ranking
from bettertogether.program.calls_demo import APPLICANTS
from bettertogether.program.calls_models import Call
from bettertogether.support.tests.factories import member


def test_load_demo_gives_a_closed_decided_call_with_ranked_decisions(db: Any) -> None:
    for _ in range(2):  # idempotent
        call_command("load_demo", app=["directory", "program"], verbosity=0, stdout=io.StringIO())
    the_call = Call.objects.get()
    assert the_call.status == "decided"
    assert (the_call.projects_start, the_call.projects_end) == (dt.date(2023, 4, 1), dt.date(2024, 3, 31))
    assert (the_call.projects_min, the_call.projects_max) == (4, 6)
    title_fr = Call.objects.values_list("title_fr", flat=True).get()
    assert title_fr.startswith("Appel de propositions 2023-2024")
    applications = the_call.applications.select_related("organization", "agreement")
    assert sorted(a.organization.name for a in applications) == sorted(APPLICANTS)
    funded = [a for a in applications if a.status == "funded"]
    assert 4 <= len(funded) <= 6
    assert all(a.agreement is not None and a.agreement.organization_id == a.organization_id for a in funded)
    assert all(a.decision_reason for a in applications)
    rows = calls_ranking.ranked(the_call, member("coordinator"))
    assert all(r.reviews == 2 for r in rows)
    assert [r.application.status for r in rows] == ["funded"] * len(funded) + ["declined"] * (len(rows) - len(funded))
