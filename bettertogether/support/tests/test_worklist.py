"""support.worklist: the case desk's counts for a staff home, through visible_to(user) only."""

from typing import Any

from django.utils import timezone

from bettertogether.support import services, worklist
from bettertogether.support.audit import Actor

from .factories import member


def test_case_worker_counts_are_their_organizations(orgs: dict[str, Any], desk: dict[str, Any]) -> None:
    # Another organization refers a case to ours; ours has one open case, assigned to its worker.
    actor = Actor(user=desk["other_worker"], ip_address="192.0.2.11")
    services.record_consent(actor, desk["other"]["case"], orgs["own"].pk, ["language"])
    services.send_referral(actor, desk["other"]["case"], orgs["own"].pk, "")
    work = worklist.case_work(desk["own_worker"])
    assert work == worklist.CaseWork(
        my_open_cases=1,
        open_cases=1,
        overdue_follow_ups=1,
        referrals_awaiting_answer=1,
        emergencies_awaiting=1,
        emergencies_decided=0,
    )
    colleague = member("case_worker", orgs["own"])
    assert worklist.case_work(colleague).my_open_cases == 0
    assert worklist.case_work(colleague).open_cases == 1


def test_decisions_move_requests_from_awaiting_to_decided(orgs: dict[str, Any], desk: dict[str, Any]) -> None:
    funder = member("funder_approver")
    assert worklist.review_work(funder) == worklist.ReviewWork(awaiting_decision=2, decided_last_90_days=0)
    services.decide_emergency(Actor(user=funder), desk["own"]["emergency"], True, "Approved for two nights")
    assert worklist.review_work(funder) == worklist.ReviewWork(awaiting_decision=1, decided_last_90_days=1)
    own = worklist.case_work(desk["own_worker"])
    assert (own.emergencies_awaiting, own.emergencies_decided) == (0, 1)


def test_roles_without_the_case_desk_count_nothing(orgs: dict[str, Any], desk: dict[str, Any]) -> None:
    for user in (member("partner_staff", orgs["own"]), member("coordinator"), member("funder_approver")):
        assert worklist.case_work(user) == worklist.CaseWork(0, 0, 0, 0, 0, 0)
    assert worklist.review_work(member("coordinator")).awaiting_decision == 0


def test_helpline_counts_and_statistics_summary(orgs: dict[str, Any], desk: dict[str, Any]) -> None:
    partner = member("partner_staff", orgs["own"])
    assert worklist.helpline_work(partner).contacts_last_30_days == 0
    assert worklist.statistics_summary(partner) is None
    summary = worklist.statistics_summary(member("coordinator"))
    assert summary is not None and summary.year == timezone.localdate().year
    assert summary.cases_opened is None  # two cases: suppressed
    assert summary.helpline_contacts == 0
