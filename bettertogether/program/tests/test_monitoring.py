"""Follow-up meetings and site visits: actions and their lifecycle, overdue actions on the staff home,
partners reading their own visits only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bettertogether.program import lifecycle, services
from bettertogether.program.models import ActionStatus, FollowUpAction, Visit
from bettertogether.staff.home import home_for
from bettertogether.support.tests.factories import member, signed_in

from .factories import agreement

pytestmark = pytest.mark.django_db

ACTION_PAIRS = [(a, b) for a in ActionStatus.values for b in ActionStatus.values]


def visit_for(made: Any) -> Visit:
    return services.record_visit(
        made.pk,
        services.VisitInput(kind="site_visit", held_on=dt.date(2024, 10, 8), place="Moncton", attendees="Coordinator"),
        by=None,
    )


def test_the_action_table_covers_every_status() -> None:
    assert set(lifecycle.ACTION_TRANSITIONS) == set(ActionStatus.values)


@pytest.mark.parametrize(("current", "target"), ACTION_PAIRS)
def test_action_moves(current: str, target: str, orgs: dict[str, Any]) -> None:
    action = services.add_action(
        visit_for(agreement(orgs["own"])).pk, description="Call back", owner="Ana", due_on=dt.date(2025, 1, 1), by=None
    )
    FollowUpAction.objects.filter(pk=action.pk).update(status=current)
    if target in lifecycle.ACTION_TRANSITIONS[current]:
        services.move_action(action.pk, target, by=None, today=dt.date(2025, 1, 5))
        action.refresh_from_db()
        assert action.status == target
        assert action.closed_on == (None if target == "open" else dt.date(2025, 1, 5))
    else:
        with pytest.raises(lifecycle.TransitionRefused):
            services.move_action(action.pk, target, by=None)
        action.refresh_from_db()
        assert action.status == current


def test_an_action_needs_a_description_and_an_owner(orgs: dict[str, Any]) -> None:
    visit = visit_for(agreement(orgs["own"]))
    for description, owner in (("", "Ana"), ("Call", " ")):
        with pytest.raises(ValueError):
            services.add_action(visit.pk, description=description, owner=owner, due_on=dt.date(2025, 1, 1), by=None)
    assert not FollowUpAction.objects.exists()


def test_overdue_actions_reach_the_coordinators_home_and_list(orgs: dict[str, Any]) -> None:
    today = timezone.localdate()
    visit = visit_for(agreement(orgs["own"], status="active"))
    late = services.add_action(
        visit.pk, description="Send the template", owner="Ana", due_on=today - dt.timedelta(days=1), by=None
    )
    services.add_action(visit.pk, description="Due today", owner="Ana", due_on=today, by=None)
    done = services.add_action(
        visit.pk, description="Already done", owner="Ben", due_on=today - dt.timedelta(days=9), by=None
    )
    services.move_action(done.pk, "done", by=None)
    coordinator = member("coordinator")
    section = next(s for s in home_for(coordinator).sections if s.key == "program")
    item = next(i for i in section.items if i.label == "Follow-up actions overdue")
    assert item.count == 1 and item.attention and item.url == reverse("program:overdue")
    html = signed_in(coordinator).get(reverse("program:overdue")).content.decode()
    assert "Send the template" in html and "Due today" not in html and "Already done" not in html
    services.move_action(late.pk, "done", by=None)
    assert (
        next(
            i
            for i in next(s for s in home_for(coordinator).sections if s.key == "program").items
            if i.label == "Follow-up actions overdue"
        ).count
        == 0
    )


def test_a_coordinator_records_a_visit_and_its_actions(orgs: dict[str, Any]) -> None:
    made = agreement(orgs["own"], status="active")
    client = signed_in(member("coordinator"))
    response = client.post(
        reverse("program:visit-new", args=[made.pk]),
        {
            "kind": "site_visit",
            "held_on": "2024-10-08",
            "place": "Miramichi",
            "attendees": "Coordinator; project lead",
            "notes": "Met the team",
            "findings": "<script>x</script> evening sessions work",
        },
    )
    visit = Visit.objects.get()
    assert response["Location"] == reverse("program:visit", args=[visit.pk])
    assert (
        client.post(
            reverse("program:visit-new", args=[made.pk]),
            {"kind": "site_visit", "held_on": "2024-10-08", "place": "x\x00", "attendees": "a"},
        ).status_code
        == 400
    )
    client.post(
        reverse("program:action-add", args=[visit.pk]),
        {"description": "Share the schedule", "owner": "Project lead", "due_on": "2024-11-01"},
    )
    action = FollowUpAction.objects.get()
    html = client.get(reverse("program:visit", args=[visit.pk])).content.decode()
    assert "Share the schedule" in html and "overdue" in html and "&lt;script&gt;" in html and "<script>x" not in html
    client.post(reverse("program:action-status", args=[action.pk]), {"status": "done"})
    action.refresh_from_db()
    assert action.status == "done"
    assert "Site visit, 2024-10-08" in client.get(reverse("program:agreement", args=[made.pk])).content.decode()


def test_partners_read_their_own_visits_only(orgs: dict[str, Any]) -> None:
    own = visit_for(agreement(orgs["own"], status="active"))
    other = visit_for(agreement(orgs["other"], status="active", title="Other"))
    partner: Client = signed_in(member("partner_staff", orgs["own"]))
    html = partner.get(reverse("program:visit", args=[own.pk])).content.decode()
    assert "Moncton" in html and "Add an action" not in html
    assert partner.get(reverse("program:visit", args=[other.pk])).status_code == 404
