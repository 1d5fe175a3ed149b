"""Partner reports: figures pre-filled from the platform, changed only with a reason; every move of
the report lifecycle; partners write their own only; reminders and the review queue on the staff home."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bettertogether.outreach import services as outreach
from bettertogether.outreach.tests.factories import EventFactory
from bettertogether.program import lifecycle, services
from bettertogether.program.models import PartnerReport, ReportStatus
from bettertogether.staff.home import home_for
from bettertogether.support import services as support
from bettertogether.support.audit import Actor
from bettertogether.support.tests.factories import member, signed_in

from .factories import agreement

pytestmark = pytest.mark.django_db

REPORT_PAIRS = [(a, b) for a in ReportStatus.values for b in ReportStatus.values]


def _activity(org: Any) -> None:
    """Two information sessions in NB (3 and 2 people, Ana at both) and 6 helpline contacts in PE."""
    start = timezone.now() - dt.timedelta(days=5)
    for people in (["Ana", "Ben", "Chen"], ["Ana", "Dee"]):
        event = EventFactory(organization=org, province="NB", starts_at=start, ends_at=start + dt.timedelta(hours=1))
        ids = [
            outreach.register(
                event.pk, name=n, phone=f"506555{ord(n[0]):04d}", consent_text="c", now=start - dt.timedelta(days=1)
            ).registration.pk
            for n in people
        ]
        outreach.record_attendance(event.pk, present_registration_ids=ids)
    actor = Actor(user=member("partner_staff", org))
    for _ in range(6):
        support.log_helpline_contact(actor, support.HelplineEntry(channel="whatsapp", language="tl", province="PE"))


def _schedule(made: Any, due_in_days: int = 30) -> PartnerReport:
    today = timezone.localdate()
    return services.schedule_report(
        made.pk,
        period_start=today - dt.timedelta(days=30),
        period_end=today,
        due_on=today + dt.timedelta(days=due_in_days),
        by=None,
    )


def test_figures_are_pre_filled_from_the_platform(orgs: dict[str, Any]) -> None:
    _activity(orgs["own"])
    _activity(orgs["other"])  # another organization's activity is not counted
    report = _schedule(agreement(orgs["own"], status="active"))
    figures = {f.key: f.platform_value for f in report.figures.all()}
    assert figures == {
        "reached_NS": 0,
        "reached_NB": 4,
        "reached_PE": 6,
        "sessions": 2,
        "referrals": 0,
        "emergencies": 0,
    }


@pytest.mark.parametrize(("current", "target"), REPORT_PAIRS)
def test_report_moves(current: str, target: str, orgs: dict[str, Any]) -> None:
    report = _schedule(agreement(orgs["own"], status="active"))
    PartnerReport.objects.filter(pk=report.pk).update(status=current, successes="Sessions in Tagalog")
    allowed = target in lifecycle.REPORT_TRANSITIONS[current]
    move = {
        ReportStatus.SUBMITTED: lambda: services.submit_report(report.pk, by=None),
        ReportStatus.ACCEPTED: lambda: services.review_report(report.pk, accept=True, note="", by=None),
        ReportStatus.RETURNED: lambda: services.review_report(
            report.pk, accept=False, note="Add the PE sessions", by=None
        ),
    }.get(target)
    if move is None:  # back to draft: no service offers it
        assert not allowed
        return
    if allowed:
        move()
        report.refresh_from_db()
        assert report.status == target
    else:
        with pytest.raises(lifecycle.TransitionRefused):
            move()
        report.refresh_from_db()
        assert report.status == current


def test_a_report_is_submitted_only_with_its_narrative_and_returned_only_with_a_note(orgs: dict[str, Any]) -> None:
    report = _schedule(agreement(orgs["own"], status="active"))
    with pytest.raises(ValueError):
        services.submit_report(report.pk, by=None)
    PartnerReport.objects.filter(pk=report.pk).update(lessons="Evening sessions")
    services.submit_report(report.pk, by=None)
    with pytest.raises(ValueError):
        services.review_report(report.pk, accept=False, note=" ", by=None)
    assert PartnerReport.objects.get().status == "submitted"


def test_the_partner_changes_a_figure_only_with_a_reason_and_the_coordinator_accepts(orgs: dict[str, Any]) -> None:
    _activity(orgs["own"])
    made = agreement(orgs["own"], status="active")
    report = _schedule(made)
    partner: Client = signed_in(member("partner_staff", orgs["own"]))
    url = reverse("program:report", args=[report.pk])
    assert 'name="value_reached_NB"' in partner.get(url).content.decode()
    form = {"value_reached_NB": "9", "reason_reached_NB": "", "successes": "Two sessions in Moncton"}
    response = partner.post(reverse("program:report-save", args=[report.pk]), form)
    assert response.status_code == 400 and "Say why your figure differs" in response.content.decode()
    assert PartnerReport.objects.get().successes == ""
    form["reason_reached_NB"] = "A session at a farm, counted on paper"
    assert partner.post(reverse("program:report-save", args=[report.pk]), form).status_code == 302
    nb = report.figures.get(key="reached_NB")
    assert (nb.platform_value, nb.reported_value, nb.value, nb.reason) == (
        4,
        9,
        9,
        "A session at a farm, counted on paper",
    )
    # The same value as the platform's is no change and needs no reason.
    partner.post(reverse("program:report-save", args=[report.pk]), form | {"value_reached_PE": "6"})
    assert report.figures.get(key="reached_PE").reported_value is None
    partner.post(reverse("program:report-submit", args=[report.pk]))
    assert PartnerReport.objects.get().status == "submitted"
    html = partner.get(url).content.decode()
    assert 'name="value_reached_NB"' not in html and "Record the review" not in html
    coordinator = signed_in(member("coordinator"))
    assert "Record the review" in coordinator.get(url).content.decode()
    coordinator.post(
        reverse("program:report-review", args=[report.pk]), {"decision": "return", "note": "Add the PE figures"}
    )
    assert PartnerReport.objects.get().status == "returned"
    assert "Add the PE figures" in partner.get(url).content.decode()
    partner.post(reverse("program:report-submit", args=[report.pk]))
    coordinator.post(reverse("program:report-review", args=[report.pk]), {"decision": "accept", "note": ""})
    assert PartnerReport.objects.get().status == "accepted"
    assert partner.post(reverse("program:report-save", args=[report.pk]), form).status_code == 302
    assert PartnerReport.objects.get().successes == "Two sessions in Moncton"  # unchanged: closed for changes


def test_only_the_agreements_own_partners_write_its_reports(orgs: dict[str, Any]) -> None:
    report = _schedule(agreement(orgs["own"], status="active"))
    other = signed_in(member("partner_staff", orgs["other"]))
    coordinator = signed_in(member("coordinator"))
    for name in ("report", "report-save", "report-submit"):
        method = "get" if name == "report" else "post"
        assert getattr(other, method)(reverse(f"program:{name}", args=[report.pk])).status_code == 404
    assert coordinator.post(reverse("program:report-save", args=[report.pk]), {"successes": "x"}).status_code == 404
    assert (
        signed_in(member("partner_staff", orgs["own"]))
        .post(reverse("program:report-review", args=[report.pk]), {"decision": "accept"})
        .status_code
        == 404
    )


def test_reminders_and_the_review_queue_on_the_staff_home(orgs: dict[str, Any]) -> None:
    made = agreement(orgs["own"], status="active")
    _schedule(made, due_in_days=60)
    soon = _schedule(made, due_in_days=10)
    partner = member("partner_staff", orgs["own"])
    items = {i.label: i for i in next(s for s in home_for(partner).sections if s.key == "program").items}
    assert items["Reports to send"].count == 2
    assert (
        items["Reports due within 14 days or late"].count == 1 and items["Reports due within 14 days or late"].attention
    )
    PartnerReport.objects.filter(pk=soon.pk).update(successes="Done")
    services.submit_report(soon.pk, by=None)
    coordinator = {
        i.label: i for i in next(s for s in home_for(member("coordinator")).sections if s.key == "program").items
    }
    assert coordinator["Partner reports awaiting review"].count == 1
