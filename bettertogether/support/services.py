"""Every write of the case desk: one typed function each, owning its transaction, auditing itself.

Views, commands and the demo loader call these. They never take a request: the caller passes an
audit.Actor (user and address). Permission checks are the caller's (permissions.py); the rules of
the domain (consent before a referral, one organization per case, state tables) are enforced here.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bettertogether.core.users import Account

from . import audit, workflows
from .audit import Actor
from .models import (
    SHAREABLE_FIELDS,
    AccessLog,
    Case,
    CaseNote,
    Consent,
    EmergencyRequest,
    FollowUp,
    HelplineContact,
    Referral,
    SealedTOTPDevice,
    ServiceProvided,
)
from .permissions import organization_id_of

Action = AccessLog.Action


class SupportError(Exception):
    """A write the rules refuse; the message is safe to show (it holds no confidential value)."""


class ConsentMissing(SupportError):
    pass


def _org(actor: Actor) -> Any:
    org_id = organization_id_of(actor.user)
    if org_id is None:
        raise SupportError(_("Only members of a partner organization can do this."))
    return org_id


def _own(actor: Actor, organization_id: Any) -> None:
    if organization_id != _org(actor):
        raise SupportError(_("This belongs to another organization."))


@dataclass
class HelplineEntry:
    channel: str
    language: str
    province: str
    topics: list[str] = field(default_factory=list)
    duration_minutes: int = 0
    outcome: str = "informed"
    contacted_on: dt.date | None = None
    referred_to_id: Any = None


@transaction.atomic
def log_helpline_contact(actor: Actor, entry: HelplineEntry) -> HelplineContact:
    contact = HelplineContact.objects.create(
        organization_id=_org(actor),
        recorded_by=actor.user,
        contacted_on=entry.contacted_on or timezone.localdate(),
        channel=entry.channel,
        language=entry.language,
        province=entry.province,
        topics=list(entry.topics),
        duration_minutes=entry.duration_minutes,
        outcome=entry.outcome,
        referred_to_id=entry.referred_to_id,
    )
    audit.record(actor, Action.CREATE, contact)
    return contact


@dataclass
class Intake:
    worker_name: str
    language: str
    province: str
    issue_types: list[str] = field(default_factory=list)
    contact: str = ""
    employer: str = ""
    work_site: str = ""
    employer_specific_permit: str = "unknown"
    consent_given: bool = False


@transaction.atomic
def open_case(actor: Actor, intake: Intake, *, now: dt.datetime | None = None) -> Case:
    now = now or timezone.now()
    case = Case.objects.create(
        organization_id=_org(actor),
        assigned_to=actor.user,
        created_by=actor.user,
        worker_name=intake.worker_name,
        contact=intake.contact,
        employer=intake.employer,
        work_site=intake.work_site,
        language=intake.language,
        province=intake.province,
        issue_types=list(intake.issue_types),
        employer_specific_permit=intake.employer_specific_permit,
        consent_given=intake.consent_given,
        consent_at=now if intake.consent_given else None,
        opened_at=now,
    )
    audit.record(actor, Action.CREATE, case)
    return case


@transaction.atomic
def assign_case(actor: Actor, case: Case, assignee: Any) -> Case:
    _own(actor, case.organization_id)
    if organization_id_of(assignee) != case.organization_id or not getattr(assignee, "role", "") == "case_worker":
        raise SupportError(_("Cases are assigned to case workers of the same organization."))
    case.assigned_to = assignee
    case.save(update_fields=["assigned_to"])
    audit.record(actor, Action.UPDATE, case, detail="assigned_to")
    return case


@transaction.atomic
def close_case(actor: Actor, case: Case, outcome: str, *, now: dt.datetime | None = None) -> Case:
    _own(actor, case.organization_id)
    case.status = workflows.CASE.advance(case.status, "close", "owner")
    case.outcome = outcome
    case.closed_at = now or timezone.now()
    case.save(update_fields=["status", "outcome", "closed_at"])
    audit.record(actor, Action.UPDATE, case, detail="close")
    return case


@transaction.atomic
def reopen_case(actor: Actor, case: Case) -> Case:
    _own(actor, case.organization_id)
    if case.anonymized_at:
        raise SupportError(_("An anonymized case cannot be reopened."))
    case.status = workflows.CASE.advance(case.status, "reopen", "owner")
    case.closed_at = None
    case.save(update_fields=["status", "closed_at"])
    audit.record(actor, Action.UPDATE, case, detail="reopen")
    return case


@transaction.atomic
def add_note(actor: Actor, case: Case, text: str) -> CaseNote:
    _own(actor, case.organization_id)
    note = CaseNote.objects.create(case=case, author=actor.user, text=text)
    audit.record(actor, Action.CREATE, note)
    return note


@transaction.atomic
def add_follow_up(actor: Actor, case: Case, description: str, due_on: dt.date, assignee: Any = None) -> FollowUp:
    _own(actor, case.organization_id)
    follow_up = FollowUp.objects.create(
        case=case, description=description, due_on=due_on, assigned_to=assignee or actor.user
    )
    audit.record(actor, Action.CREATE, follow_up)
    return follow_up


@transaction.atomic
def complete_follow_up(actor: Actor, follow_up: FollowUp) -> FollowUp:
    _own(actor, follow_up.case.organization_id)
    follow_up.done_at = timezone.now()
    follow_up.save(update_fields=["done_at"])
    audit.record(actor, Action.UPDATE, follow_up, detail="done")
    return follow_up


@transaction.atomic
def record_service(
    actor: Actor, case: Case, topic: str, details: str = "", provided_on: dt.date | None = None
) -> ServiceProvided:
    _own(actor, case.organization_id)
    service = ServiceProvided.objects.create(
        case=case, topic=topic, details=details, provided_on=provided_on or timezone.localdate()
    )
    audit.record(actor, Action.CREATE, service)
    return service


@transaction.atomic
def record_consent(actor: Actor, case: Case, organization_id: Any, shared_fields: list[str]) -> Consent:
    """The worker agreed to share `shared_fields` of this case with one organization, now."""
    _own(actor, case.organization_id)
    unknown = set(shared_fields) - set(SHAREABLE_FIELDS)
    if unknown or not shared_fields:
        raise SupportError(_("Choose what the worker agreed to share."))
    consent = Consent.objects.create(
        case=case, organization_id=organization_id, shared_fields=list(shared_fields), recorded_by=actor.user
    )
    audit.record(actor, Action.CREATE, consent, detail=",".join(shared_fields))
    return consent


def _shared_values(case: Case, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(case, name) for name in SHAREABLE_FIELDS if name in fields}


@transaction.atomic
def send_referral(actor: Actor, case: Case, to_organization_id: Any, message: str = "") -> Referral:
    """Refer the worker to another organization: refused unless a consent to share with it exists."""
    _own(actor, case.organization_id)
    if to_organization_id == case.organization_id:
        raise SupportError(_("A referral goes to another organization."))
    consent = (
        Consent.objects.filter(case=case, organization_id=to_organization_id, withdrawn_at__isnull=True)
        .order_by("-given_at")
        .first()
    )
    if consent is None:
        raise ConsentMissing(_("Record the worker's consent to share with this organization first."))
    referral = Referral.objects.create(
        case=case,
        from_organization_id=case.organization_id,
        to_organization_id=to_organization_id,
        consent=consent,
        shared=json.dumps(_shared_values(case, consent.shared_fields), ensure_ascii=False),
        message=message,
        sent_by=actor.user,
    )
    audit.record(actor, Action.CREATE, referral)
    return referral


def shared_with_receiver(referral: Referral) -> dict[str, Any]:
    """What the receiving organization may read: the values the consent covered, as sent."""
    return dict(json.loads(referral.shared or "{}"))


@transaction.atomic
def advance_referral(actor: Actor, referral: Referral, action: str) -> Referral:
    org_id = _org(actor)
    if org_id == referral.to_organization_id:
        party = "receiver"
    elif org_id == referral.from_organization_id:
        party = "owner"
    else:
        raise SupportError(_("This belongs to another organization."))
    referral.state = workflows.REFERRAL.advance(referral.state, action, party)
    referral.save(update_fields=["state", "updated_at"])
    audit.record(actor, Action.UPDATE, referral, detail=action, organization_id=org_id)
    return referral


def _names_the_worker(case: Case, text: str) -> bool:
    """Whether `text` repeats an identifying value of the case (the funder sees it)."""
    folded = text.casefold()
    values = (case.worker_name, case.contact, case.employer, case.work_site)
    return any(len(v.strip()) >= 3 and v.strip().casefold() in folded for v in values if v)


@transaction.atomic
def request_emergency(actor: Actor, case: Case, need: str, amount: Decimal, justification: str) -> EmergencyRequest:
    _own(actor, case.organization_id)
    if amount <= 0:
        raise SupportError(_("The amount must be more than zero."))
    if _names_the_worker(case, justification):
        raise SupportError(_("The funder must not learn who the worker is: remove names, contacts and employer."))
    request = EmergencyRequest.objects.create(
        case=case,
        organization_id=case.organization_id,
        need=need,
        amount=amount,
        justification=justification,
        requested_by=actor.user,
    )
    audit.record(actor, Action.CREATE, request)
    return request


@transaction.atomic
def decide_emergency(actor: Actor, request: EmergencyRequest, approve: bool, reason: str) -> EmergencyRequest:
    """The funder's decision; it shows on the case (the request belongs to it)."""
    if not reason.strip():
        raise SupportError(_("Give a reason for the decision."))
    request.state = workflows.EMERGENCY.advance(request.state, "approve" if approve else "decline", "approver")
    request.decided_by = actor.user
    request.decided_at = timezone.now()
    request.decision_reason = reason
    request.save(update_fields=["state", "decided_by", "decided_at", "decision_reason"])
    audit.record(actor, Action.UPDATE, request, detail=request.state)
    return request


@transaction.atomic
def withdraw_emergency(actor: Actor, request: EmergencyRequest) -> EmergencyRequest:
    _own(actor, request.organization_id)
    request.state = workflows.EMERGENCY.advance(request.state, "withdraw", "owner")
    request.save(update_fields=["state"])
    audit.record(actor, Action.UPDATE, request, detail="withdraw")
    return request


def export_case(actor: Actor, case: Case) -> dict[str, Any]:
    """Everything recorded about one case, for the worker's own copy; the export is audited."""
    _own(actor, case.organization_id)
    with transaction.atomic():
        audit.record(actor, Action.EXPORT, case)
    return {
        "case": {
            "id": str(case.pk),
            "status": case.status,
            "opened_at": case.opened_at.isoformat(),
            "closed_at": case.closed_at.isoformat() if case.closed_at else None,
            "outcome": case.outcome,
            "employer_specific_permit": case.employer_specific_permit,
            "consent_given": case.consent_given,
            **_shared_values(case, list(SHAREABLE_FIELDS)),
        },
        "notes": [{"at": n.created_at.isoformat(), "text": n.text} for n in CaseNote.objects.filter(case=case)],
        "follow_ups": [
            {"due_on": f.due_on.isoformat(), "task": f.description, "done": bool(f.done_at)}
            for f in FollowUp.objects.filter(case=case)
        ],
        "services": [
            {"on": s.provided_on.isoformat(), "topic": s.topic, "details": s.details}
            for s in ServiceProvided.objects.filter(case=case)
        ],
        "referrals": [
            {"to": str(r.to_organization_id), "state": r.state, "sent": r.created_at.isoformat()}
            for r in Referral.objects.filter(case=case)
        ],
        "emergency_requests": [
            {"need": e.need, "amount": str(e.amount), "state": e.state, "reason": e.decision_reason}
            for e in EmergencyRequest.objects.filter(case=case)
        ],
    }


SYSTEM = Actor(user=None)


@transaction.atomic
def anonymize_case(case: Case, now: dt.datetime) -> None:
    """Retention: remove every identifying value and the case's content; keep what statistics count
    (organization, dates, province, language, issue types, outcome, services' topics)."""
    CaseNote.objects.filter(case=case).delete()
    FollowUp.objects.filter(case=case).delete()
    ServiceProvided.objects.filter(case=case).update(details="")
    Referral.objects.filter(case=case).update(shared="{}", message="")
    EmergencyRequest.objects.filter(case=case).update(justification="", decision_reason="")
    Consent.objects.filter(case=case).update(shared_fields=[])
    Case.objects.filter(pk=case.pk).update(worker_name="", contact="", employer="", work_site="", anonymized_at=now)
    audit.record(SYSTEM, Action.ANONYMIZE, case)


def reset_second_factor(user: Account) -> int:
    """Remove every authenticator of `user` (a lost phone): a session verified with one is verified
    no more, and their next staff page asks them to set up a new one. Returns how many went.
    Who asked and why is recorded by the caller (the staff workspace's change log)."""
    with transaction.atomic():
        removed, _by_model = SealedTOTPDevice.objects.filter(user=user).delete()
    return int(removed)
