"""Writes of the program office. Each owns its transaction and takes the acting account (None only for
the demo loader), never a request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from bettertogether.core.users import Account

from . import figures, lifecycle
from .models import (
    ActionStatus,
    Amendment,
    Denominator,
    FollowUpAction,
    Milestone,
    PartnerReport,
    ReportFigure,
    ReportStatus,
    StatusChange,
    SubAgreement,
    Visit,
)


@dataclass(frozen=True)
class AgreementInput:
    organization_id: Any
    kind: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    amount: Decimal
    payment_schedule: str = ""
    deliverables: str = ""
    reporting_schedule: str = ""


def create_agreement(data: AgreementInput, *, by: Account | None) -> SubAgreement:
    if data.ends_on < data.starts_on:
        raise ValueError("an agreement cannot end before it starts")
    with transaction.atomic():
        return SubAgreement.objects.create(
            organization_id=data.organization_id,
            kind=data.kind,
            title=data.title,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            amount=data.amount,
            payment_schedule=data.payment_schedule,
            deliverables=data.deliverables,
            reporting_schedule=data.reporting_schedule,
        )


def move_agreement(agreement_id: int, target: str, *, by: Account | None, reason: str = "") -> SubAgreement:
    """Move an agreement along its lifecycle; raises TransitionRefused for a move the table refuses."""
    with transaction.atomic():
        agreement = SubAgreement.objects.select_for_update().get(pk=agreement_id)
        lifecycle.check(lifecycle.AGREEMENT_TRANSITIONS, agreement.status, target)
        StatusChange.objects.create(
            agreement=agreement, from_status=agreement.status, to_status=target, reason=reason, changed_by=by
        )
        agreement.status = target
        agreement.save(update_fields=["status", "updated_at"])
        return agreement


def amend_agreement(
    agreement_id: int,
    *,
    signed_on: dt.date,
    reason: str,
    by: Account | None,
    ends_on: dt.date | None = None,
    amount: Decimal | None = None,
    deliverables: str | None = None,
) -> Amendment:
    """Record an amendment and apply it, keeping the values before it. A later end date makes it an
    extension; an earlier one than the start is refused; an amendment that changes nothing too."""
    if not reason.strip():
        raise ValueError("an amendment needs a reason")
    with transaction.atomic():
        agreement = SubAgreement.objects.select_for_update().get(pk=agreement_id)
        if agreement.status not in lifecycle.AMENDABLE:
            raise lifecycle.TransitionRefused(f"a {agreement.status} agreement cannot be amended")
        new_ends_on = ends_on or agreement.ends_on
        new_amount = agreement.amount if amount is None else amount
        new_deliverables = agreement.deliverables if deliverables is None else deliverables
        if new_ends_on < agreement.starts_on:
            raise ValueError("an agreement cannot end before it starts")
        if (new_ends_on, new_amount, new_deliverables) == (agreement.ends_on, agreement.amount, agreement.deliverables):
            raise ValueError("the amendment changes nothing")
        if new_ends_on > agreement.ends_on:
            kind = Amendment.Kind.EXTENSION
        elif new_amount != agreement.amount:
            kind = Amendment.Kind.BUDGET
        else:
            kind = Amendment.Kind.SCOPE
        amendment = Amendment.objects.create(
            agreement=agreement,
            kind=kind,
            signed_on=signed_on,
            reason=reason.strip(),
            previous_ends_on=agreement.ends_on,
            new_ends_on=new_ends_on,
            previous_amount=agreement.amount,
            new_amount=new_amount,
            previous_deliverables=agreement.deliverables,
            new_deliverables=new_deliverables,
            created_by=by,
        )
        agreement.ends_on, agreement.amount, agreement.deliverables = new_ends_on, new_amount, new_deliverables
        agreement.save(update_fields=["ends_on", "amount", "deliverables", "updated_at"])
        return amendment


def move_milestone(milestone_id: int, target: str, *, by: Account | None) -> Milestone:
    with transaction.atomic():
        milestone = Milestone.objects.select_for_update().get(pk=milestone_id)
        lifecycle.check(lifecycle.MILESTONE_TRANSITIONS, milestone.status, target)
        milestone.status = target
        milestone.save(update_fields=["status"])
        return milestone


def set_denominator(
    province: str, period_from: str, period_to: str, *, value: int | None, source: str, by: Account | None
) -> Denominator | None:
    """Enter (or, with value None, withdraw) a coordinator's denominator for a province and period."""
    with transaction.atomic():
        if value is None:
            Denominator.objects.filter(province=province, period_from=period_from, period_to=period_to).delete()
            return None
        if value <= 0 or not source.strip():
            raise ValueError("a denominator is a positive number with its source")
        denominator, _ = Denominator.objects.update_or_create(
            province=province,
            period_from=period_from,
            period_to=period_to,
            defaults={"value": value, "source": source.strip(), "entered_by": by},
        )
        return denominator


@dataclass(frozen=True)
class VisitInput:
    kind: str
    held_on: dt.date
    place: str
    attendees: str
    notes: str = ""
    findings: str = ""


def record_visit(agreement_id: int, data: VisitInput, *, by: Account | None) -> Visit:
    with transaction.atomic():
        agreement = SubAgreement.objects.get(pk=agreement_id)
        return Visit.objects.create(
            agreement=agreement,
            kind=data.kind,
            held_on=data.held_on,
            place=data.place,
            attendees=data.attendees,
            notes=data.notes,
            findings=data.findings,
            recorded_by=by,
        )


def add_action(visit_id: int, *, description: str, owner: str, due_on: dt.date, by: Account | None) -> FollowUpAction:
    if not description.strip() or not owner.strip():
        raise ValueError("an action needs a description and an owner")
    with transaction.atomic():
        return FollowUpAction.objects.create(
            visit_id=visit_id, description=description.strip(), owner=owner.strip(), due_on=due_on
        )


def move_action(action_id: int, target: str, *, by: Account | None, today: dt.date | None = None) -> FollowUpAction:
    with transaction.atomic():
        action = FollowUpAction.objects.select_for_update().get(pk=action_id)
        lifecycle.check(lifecycle.ACTION_TRANSITIONS, action.status, target)
        action.status = target
        action.closed_on = None if target == ActionStatus.OPEN else (today or timezone.localdate())
        action.save(update_fields=["status", "closed_on"])
        return action


def schedule_report(
    agreement_id: int, *, period_start: dt.date, period_end: dt.date, due_on: dt.date, by: Account | None
) -> PartnerReport:
    """Add a report to an agreement's schedule, its figures pre-filled from the platform."""
    if period_end < period_start:
        raise ValueError("a report's period cannot end before it starts")
    with transaction.atomic():
        agreement = SubAgreement.objects.get(pk=agreement_id)
        report = PartnerReport.objects.create(
            agreement=agreement, period_start=period_start, period_end=period_end, due_on=due_on
        )
        counted = figures.platform_figures(agreement.organization_id, period_start, period_end)
        ReportFigure.objects.bulk_create(
            ReportFigure(report=report, key=key, platform_value=counted[key]) for key in figures.KEYS
        )
        return report


@dataclass(frozen=True)
class ReportInput:
    values: dict[str, int | None]  # the partner's own value per key; None keeps the platform's
    reasons: dict[str, str]
    successes: str = ""
    challenges: str = ""
    lessons: str = ""


class ReportRefused(ValueError):
    """The report cannot take these values; `problems` names each figure."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


def save_report(report_id: int, data: ReportInput, *, by: Account | None) -> PartnerReport:
    """Save a draft (or a returned report): the platform's counts are refreshed; a value of the
    partner's own that differs from the platform's needs a reason."""
    with transaction.atomic():
        report = PartnerReport.objects.select_for_update().select_related("agreement").get(pk=report_id)
        if report.status not in lifecycle.REPORT_EDITABLE:
            raise lifecycle.TransitionRefused(f"a {report.status} report cannot be changed")
        counted = figures.platform_figures(report.agreement.organization_id, report.period_start, report.period_end)
        problems = {
            key: "reason"
            for key, value in data.values.items()
            if value is not None and value != counted[key] and not data.reasons.get(key, "").strip()
        }
        if problems:
            raise ReportRefused(problems)
        for figure in report.figures.all():
            value = data.values.get(figure.key)
            figure.platform_value = counted[figure.key]
            figure.reported_value = None if value is None or value == counted[figure.key] else value
            figure.reason = data.reasons.get(figure.key, "").strip() if figure.reported_value is not None else ""
            figure.save(update_fields=["platform_value", "reported_value", "reason"])
        report.successes, report.challenges, report.lessons = data.successes, data.challenges, data.lessons
        report.save(update_fields=["successes", "challenges", "lessons"])
        return report


def submit_report(report_id: int, *, by: Account | None) -> PartnerReport:
    with transaction.atomic():
        report = PartnerReport.objects.select_for_update().get(pk=report_id)
        lifecycle.check(lifecycle.REPORT_TRANSITIONS, report.status, ReportStatus.SUBMITTED)
        if not (report.successes.strip() or report.challenges.strip() or report.lessons.strip()):
            raise ValueError("a report needs its narrative")
        report.status = ReportStatus.SUBMITTED
        report.submitted_at, report.submitted_by = timezone.now(), by
        report.save(update_fields=["status", "submitted_at", "submitted_by"])
        return report


def review_report(report_id: int, *, accept: bool, note: str, by: Account | None) -> PartnerReport:
    """Accept a submitted report, or return it for changes with a note saying what to change."""
    target = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    if not accept and not note.strip():
        raise ValueError("say what to change")
    with transaction.atomic():
        report = PartnerReport.objects.select_for_update().get(pk=report_id)
        lifecycle.check(lifecycle.REPORT_TRANSITIONS, report.status, target)
        report.status = target
        report.reviewed_at, report.reviewed_by, report.review_note = timezone.now(), by, note.strip()
        report.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_note"])
        return report
