"""Calls and applications made through the services, as coordinators, applicants and reviewers would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from bettertogether.program import calls_services as cs
from bettertogether.program.calls_models import Application, Call

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

APPLICATION_PATH = {
    "draft": [],
    "submitted": ["submit"],
    "eligible": ["submit", "eligible"],
    "ineligible": ["submit", "ineligible"],
    "under_review": ["submit", "eligible", "review"],
    "funded": ["submit", "eligible", "review", "close", "funded"],
    "declined": ["submit", "eligible", "review", "close", "declined"],
}


def call(*, slug: str = "projects-2025", status: str = "open", reviewers: tuple[Any, ...] = ()) -> Call:
    today = timezone.localdate()
    made = cs.create_call(
        cs.CallInput(
            slug=slug,
            title="Projects for migrant workers",
            objectives="Inform migrant workers of their rights.",
            eligibility="Non-profit organizations in the Maritimes.",
            how_to_apply="Apply online before the deadline.",
            opens_on=today - dt.timedelta(days=10),
            closes_on=today + dt.timedelta(days=10),
            projects_start=today + dt.timedelta(days=60),
            projects_end=today + dt.timedelta(days=425),
            budget=Decimal("300000"),
            projects_min=4,
            projects_max=6,
            criteria=(("Reach of migrant workers", 3), ("Capacity of the organization", 2), ("Budget", 1)),
            reviewer_ids=tuple(r.pk for r in reviewers),
        ),
        by=None,
    )
    for step in {"draft": [], "open": ["open"], "closed": ["open", "closed"]}[status]:
        cs.move_call(made.pk, step, by=None)
    made.refresh_from_db()
    return made


def application(
    the_call: Call, org: Any, *, by: Any = None, status: str = "draft", reviewer: Any = None
) -> Application:
    made = cs.start_application(the_call.pk, org.pk, title=f"Rights sessions by {org.name}", by=by)
    cs.save_application(
        made.pk,
        cs.ApplicationInput(
            title=made.title,
            summary="Sessions on farms.",
            activities="Twelve sessions.",
            amount_requested=Decimal(50000),
        ),
        by=by,
    )
    for step in APPLICATION_PATH[status]:
        if step == "submit":
            cs.submit_application(made.pk, by=by)
        elif step in ("eligible", "ineligible"):
            cs.screen(
                made.pk, eligible=step == "eligible", reason="" if step == "eligible" else "Out of region", by=None
            )
        elif step == "review":
            assert reviewer is not None, "a review needs a reviewer"
            scores = {c.pk: 4 for c in the_call.criteria.all()}
            cs.save_review(made.pk, reviewer=reviewer, scores=scores, comments="Clear plan.")
        elif step == "close":
            if Call.objects.get(pk=the_call.pk).status == "open":
                cs.move_call(the_call.pk, "closed", by=None)
        else:
            cs.decide(made.pk, funded=step == "funded", reason="Ranked within the budget.", by=None)
    made.refresh_from_db()
    return made
