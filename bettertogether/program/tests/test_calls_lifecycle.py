"""Every move of the call and application lifecycles, allowed and refused, through the services."""

from __future__ import annotations

from typing import Any

import pytest

from bettertogether.program import calls_services as cs
from bettertogether.program import lifecycle
from bettertogether.program.calls_models import Application, ApplicationStatus, Call, CallStatus
from bettertogether.support.tests.factories import member

from .factories_calls import application, call

pytestmark = pytest.mark.django_db

CALL_PAIRS = [(a, b) for a in CallStatus.values for b in CallStatus.values]
APPLICATION_PAIRS = [(a, b) for a in ApplicationStatus.values for b in ApplicationStatus.values]


def test_tables_cover_every_status() -> None:
    assert set(lifecycle.CALL_TRANSITIONS) == set(CallStatus.values)
    assert set(lifecycle.APPLICATION_TRANSITIONS) == set(ApplicationStatus.values)


@pytest.mark.parametrize(("current", "target"), CALL_PAIRS)
def test_call_moves(current: str, target: str) -> None:
    made = call(status="draft")
    Call.objects.filter(pk=made.pk).update(status=current)
    if target in lifecycle.CALL_TRANSITIONS[current]:
        cs.move_call(made.pk, target, by=None)
        made.refresh_from_db()
        assert made.status == target
        change = made.changes.get()
        assert (change.from_status, change.to_status) == (current, target)
    else:
        with pytest.raises(lifecycle.TransitionRefused):
            cs.move_call(made.pk, target, by=None)
        made.refresh_from_db()
        assert made.status == current and not made.changes.exists()


def _move(application_id: int, target: str, reviewer: Any) -> None:
    """The one service that makes each move."""
    if target == ApplicationStatus.SUBMITTED:
        cs.submit_application(application_id, by=None)
    elif target in (ApplicationStatus.ELIGIBLE, ApplicationStatus.INELIGIBLE):
        cs.screen(application_id, eligible=target == ApplicationStatus.ELIGIBLE, reason="Out of region", by=None)
    elif target == ApplicationStatus.UNDER_REVIEW:
        the_call = Application.objects.get(pk=application_id).call
        cs.save_review(
            application_id, reviewer=reviewer, scores={c.pk: 3 for c in the_call.criteria.all()}, comments=""
        )
    elif target in (ApplicationStatus.FUNDED, ApplicationStatus.DECLINED):
        cs.decide(application_id, funded=target == ApplicationStatus.FUNDED, reason="Budget", by=None)
    else:  # no service moves an application back to draft: the table refuses it
        lifecycle.check(lifecycle.APPLICATION_TRANSITIONS, Application.objects.get(pk=application_id).status, target)


@pytest.mark.parametrize(("current", "target"), APPLICATION_PAIRS)
def test_application_moves(current: str, target: str, orgs: dict[str, Any]) -> None:
    reviewer = member("funder_approver")
    the_call = call(reviewers=(reviewer,))
    made = application(the_call, orgs["own"])
    Application.objects.filter(pk=made.pk).update(status=current)
    if target in (ApplicationStatus.FUNDED, ApplicationStatus.DECLINED):
        Call.objects.filter(pk=the_call.pk).update(status=CallStatus.CLOSED)
    allowed = target in lifecycle.APPLICATION_TRANSITIONS[current]
    if current == target == ApplicationStatus.UNDER_REVIEW:  # a further review is no move
        _move(made.pk, target, reviewer)
        made.refresh_from_db()
        assert made.status == current and not made.changes.exists()
    elif allowed:
        _move(made.pk, target, reviewer)
        made.refresh_from_db()
        assert made.status == target
        assert made.changes.filter(from_status=current, to_status=target).count() == 1
    else:
        with pytest.raises((lifecycle.TransitionRefused, cs.CallRefused)):
            _move(made.pk, target, reviewer)
        made.refresh_from_db()
        assert made.status == current and not made.changes.exists()


def test_submission_after_the_deadline_is_refused(orgs: dict[str, Any]) -> None:
    the_call = call()
    made = application(the_call, orgs["own"])
    Call.objects.filter(pk=the_call.pk).update(closes_on=the_call.opens_on)  # closed on opening day, days ago
    with pytest.raises(cs.CallRefused) as refused:
        cs.submit_application(made.pk, by=None)
    assert refused.value.code == "not_accepting"
    made.refresh_from_db()
    assert made.status == ApplicationStatus.DRAFT


def test_a_closed_call_takes_no_new_application(orgs: dict[str, Any]) -> None:
    the_call = call(status="closed")
    with pytest.raises(cs.CallRefused):
        cs.start_application(the_call.pk, orgs["own"].pk, title="Late", by=None)
    assert not Application.objects.exists()


def test_an_incomplete_application_is_not_submitted(orgs: dict[str, Any]) -> None:
    the_call = call()
    made = cs.start_application(the_call.pk, orgs["own"].pk, title="Title only", by=None)
    with pytest.raises(cs.CallRefused) as refused:
        cs.submit_application(made.pk, by=None)
    assert refused.value.code == "incomplete"


def test_ineligible_needs_a_reason_and_decisions_wait_for_the_close(orgs: dict[str, Any]) -> None:
    reviewer = member("funder_approver")
    the_call = call(reviewers=(reviewer,))
    made = application(the_call, orgs["own"], status="submitted")
    with pytest.raises(cs.CallRefused):
        cs.screen(made.pk, eligible=False, reason=" ", by=None)
    made = application(the_call, orgs["other"], status="under_review", reviewer=reviewer)
    with pytest.raises(cs.CallRefused) as refused:
        cs.decide(made.pk, funded=True, reason="Good", by=None)
    assert refused.value.code == "call_not_closed"


def test_a_call_is_decided_only_when_every_application_has_its_outcome(orgs: dict[str, Any]) -> None:
    reviewer = member("funder_approver")
    the_call = call(reviewers=(reviewer,))
    pending = application(the_call, orgs["other"], status="under_review", reviewer=reviewer)
    funded = application(the_call, orgs["own"], status="funded", reviewer=reviewer)
    with pytest.raises(cs.CallRefused) as refused:
        cs.move_call(the_call.pk, CallStatus.DECIDED, by=None)
    assert refused.value.code == "undecided"
    cs.decide(pending.pk, funded=False, reason="Lower score", by=None)
    cs.move_call(the_call.pk, CallStatus.DECIDED, by=None)
    assert Call.objects.get(pk=the_call.pk).status == CallStatus.DECIDED
    agreement = cs.make_agreement(funded.pk, by=None)
    funded.refresh_from_db()
    assert funded.agreement == agreement
    assert (agreement.organization, agreement.starts_on, agreement.ends_on, agreement.amount, agreement.status) == (
        orgs["own"],
        the_call.projects_start,
        the_call.projects_end,
        funded.amount_requested,
        "draft",
    )
    with pytest.raises(cs.CallRefused):
        cs.make_agreement(funded.pk, by=None)
    with pytest.raises(cs.CallRefused):
        cs.make_agreement(pending.pk, by=None)
