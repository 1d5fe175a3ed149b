"""Writes of the program office. Each owns its transaction and takes the acting user, never a request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from . import lifecycle
from .models import ActionStatus, Amendment, Denominator, FollowUpAction, Milestone, StatusChange, SubAgreement, Visit


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


def create_agreement(data: AgreementInput, *, by: Any) -> SubAgreement:
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


def move_agreement(agreement_id: int, target: str, *, by: Any, reason: str = "") -> SubAgreement:
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
    by: Any,
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


def move_milestone(milestone_id: int, target: str, *, by: Any) -> Milestone:
    with transaction.atomic():
        milestone = Milestone.objects.select_for_update().get(pk=milestone_id)
        lifecycle.check(lifecycle.MILESTONE_TRANSITIONS, milestone.status, target)
        milestone.status = target
        milestone.save(update_fields=["status"])
        return milestone


def set_denominator(
    province: str, period_from: str, period_to: str, *, value: int | None, source: str, by: Any
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


def record_visit(agreement_id: int, data: VisitInput, *, by: Any) -> Visit:
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


def add_action(visit_id: int, *, description: str, owner: str, due_on: dt.date, by: Any) -> FollowUpAction:
    if not description.strip() or not owner.strip():
        raise ValueError("an action needs a description and an owner")
    with transaction.atomic():
        return FollowUpAction.objects.create(
            visit_id=visit_id, description=description.strip(), owner=owner.strip(), due_on=due_on
        )


def move_action(action_id: int, target: str, *, by: Any, today: dt.date | None = None) -> FollowUpAction:
    with transaction.atomic():
        action = FollowUpAction.objects.select_for_update().get(pk=action_id)
        lifecycle.check(lifecycle.ACTION_TRANSITIONS, action.status, target)
        action.status = target
        action.closed_on = None if target == ActionStatus.OPEN else (today or timezone.localdate())
        action.save(update_fields=["status", "closed_on"])
        return action
