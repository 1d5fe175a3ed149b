"""Writes of the calls for proposals. Each owns its transaction and takes the acting user, never a
request; every move is checked against the state tables of lifecycle.py and kept in a history."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core.files.base import File
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from bettertogether.core.users import Account
from bettertogether.outreach.door import check_upload, clean_filename

from . import lifecycle, services
from .calls_models import (
    Application,
    ApplicationChange,
    ApplicationStatus,
    Attachment,
    Call,
    CallChange,
    CallStatus,
    Criterion,
    Review,
    Score,
)
from .models import AgreementKind, SubAgreement

logger = logging.getLogger(__name__)

MAX_ATTACHMENTS = 10


class CallRefused(ValueError):
    """What was asked is not possible in the call's or application's present state; `code` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class CallInput:
    slug: str
    title: str
    objectives: str
    eligibility: str
    how_to_apply: str
    opens_on: dt.date
    closes_on: dt.date
    projects_start: dt.date
    projects_end: dt.date
    budget: Decimal
    projects_min: int
    projects_max: int
    criteria: tuple[tuple[str, int], ...]  # (name, weight)
    reviewer_ids: tuple[Any, ...] = ()
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # field → language → text


def create_call(data: CallInput, *, by: Account | None) -> Call:
    if data.closes_on < data.opens_on or data.projects_end < data.projects_start:
        raise CallRefused("dates")
    if data.projects_max < data.projects_min or not data.criteria or any(w <= 0 for _, w in data.criteria):
        raise CallRefused("rubric")
    with transaction.atomic():
        call = Call(
            slug=data.slug,
            opens_on=data.opens_on,
            closes_on=data.closes_on,
            projects_start=data.projects_start,
            projects_end=data.projects_end,
            budget=data.budget,
            projects_min=data.projects_min,
            projects_max=data.projects_max,
        )
        # The texts as given are the English ones (the base content language), whatever the
        # language of the coordinator's pages; the translations, if any, go beside them.
        english = {"title": data.title, "objectives": data.objectives, "eligibility": data.eligibility}
        for name, text in (english | {"how_to_apply": data.how_to_apply}).items():
            setattr(call, f"{name}_en", text)
        for name, texts in data.translations.items():
            for language, text in texts.items():
                setattr(call, f"{name}_{language}", text)
        call.save()
        Criterion.objects.bulk_create(
            Criterion(call=call, weight=weight, position=i, **{"name_en": name})  # a translated field
            for i, (name, weight) in enumerate(data.criteria)
        )
        call.reviewers.set(data.reviewer_ids)
        return call


def set_reviewers(call_id: int, reviewer_ids: tuple[Any, ...], *, by: Account) -> Call:
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call_id)
        if call.status == CallStatus.DECIDED:
            raise CallRefused("decided")
        call.reviewers.set(reviewer_ids)
        return call


def move_call(call_id: int, target: str, *, by: Account) -> Call:
    """Open, close or mark a call decided. A call is decided only when every submitted application
    has its outcome (not eligible, funded or not funded)."""
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call_id)
        lifecycle.check(lifecycle.CALL_TRANSITIONS, call.status, target)
        pending = call.applications.exclude(status=ApplicationStatus.DRAFT).exclude(
            status__in=lifecycle.APPLICATION_DECIDED
        )
        if target == CallStatus.DECIDED and pending.exists():
            raise CallRefused("undecided")
        CallChange.objects.create(call=call, from_status=call.status, to_status=target, changed_by=by)
        call.status = target
        call.save(update_fields=["status"])
        return call


def accepting(call: Call, *, today: dt.date | None = None) -> bool:
    """Whether the call takes applications today: open, and between its opening and closing days."""
    today = today or timezone.localdate()
    return call.status in lifecycle.CALL_ACCEPTING and call.opens_on <= today <= call.closes_on


def _move(application: Application, target: str, *, by: Account, reason: str = "") -> None:
    lifecycle.check(lifecycle.APPLICATION_TRANSITIONS, application.status, target)
    ApplicationChange.objects.create(
        application=application, from_status=application.status, to_status=target, reason=reason, changed_by=by
    )
    application.status = target


def start_application(
    call_id: int, organization_id: Any, *, title: str, by: Account, today: dt.date | None = None
) -> Application:
    """The organization's application to the call: its existing one, or a new draft."""
    with transaction.atomic():
        call = Call.objects.get(pk=call_id)
        existing = Application.objects.filter(call=call, organization_id=organization_id).first()
        if existing is not None:
            return existing
        if not accepting(call, today=today):
            raise CallRefused("not_accepting")
        return Application.objects.create(
            call=call, organization_id=organization_id, title=title.strip(), created_by=by
        )


@dataclass(frozen=True)
class ApplicationInput:
    title: str
    summary: str
    activities: str
    amount_requested: Decimal | None


def _editable(application_id: int, today: dt.date | None = None) -> Application:
    application = Application.objects.select_for_update().select_related("call").get(pk=application_id)
    if application.status not in lifecycle.APPLICATION_EDITABLE:
        raise lifecycle.TransitionRefused(f"a {application.status} application cannot be changed")
    if not accepting(application.call, today=today):
        raise CallRefused("not_accepting")
    return application


def save_application(
    application_id: int, data: ApplicationInput, *, by: Account, today: dt.date | None = None
) -> Application:
    with transaction.atomic():
        application = _editable(application_id, today)
        application.title = data.title.strip()
        application.summary = data.summary
        application.activities = data.activities
        application.amount_requested = data.amount_requested
        application.save(update_fields=["title", "summary", "activities", "amount_requested"])
        return application


def attach(application_id: int, fileobj: IO[bytes], filename: str, size: int, *, by: Account) -> Attachment:
    """Attach a file after the resources library's own checks (type by content, size limit);
    raises django's ValidationError with the reason when the file is refused."""
    file_type = check_upload(fileobj, filename, size)
    with transaction.atomic():
        application = _editable(application_id)
        if application.attachments.count() >= MAX_ATTACHMENTS:
            raise CallRefused("too_many_files")
        name = clean_filename(filename, fallback="attachment")
        stem = name.rpartition(".")[0] or name
        attachment = Attachment(
            application=application,
            original_name=f"{stem}{file_type.extension}",
            content_type=file_type.content_type,
            size=size,
            uploaded_by=by,
        )
        attachment.file.save(attachment.original_name, File(fileobj), save=False)
        attachment.save()
        return attachment


def remove_attachment(attachment_id: int, *, by: Account) -> None:
    with transaction.atomic():
        attachment = Attachment.objects.get(pk=attachment_id)
        _editable(attachment.application_id)
        attachment.file.delete(save=False)
        attachment.delete()


def submit_application(application_id: int, *, by: Account, today: dt.date | None = None) -> Application:
    """Submit before the deadline (the end of the call's closing day); title, summary and amount needed."""
    with transaction.atomic():
        application = _editable(application_id, today)
        if not (application.title.strip() and application.summary.strip() and application.amount_requested):
            raise CallRefused("incomplete")
        _move(application, ApplicationStatus.SUBMITTED, by=by)
        application.submitted_at = timezone.now()
        application.save(update_fields=["status", "submitted_at"])
        return application


def screen(application_id: int, *, eligible: bool, reason: str, by: Account) -> Application:
    """A coordinator's eligibility screening; a refusal needs its reason."""
    if not eligible and not reason.strip():
        raise CallRefused("reason")
    target = ApplicationStatus.ELIGIBLE if eligible else ApplicationStatus.INELIGIBLE
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application_id)
        _move(application, target, by=by, reason=reason.strip())
        application.screening_reason = reason.strip()
        application.save(update_fields=["status", "screening_reason"])
        return application


def _assigned_review(application: Application, reviewer: Account) -> Review:
    if not application.call.reviewers.filter(pk=reviewer.pk).exists():
        raise CallRefused("not_a_reviewer")
    if application.status not in lifecycle.APPLICATION_REVIEWABLE:
        raise lifecycle.TransitionRefused(f"a {application.status} application is not under review")
    review, _ = Review.objects.get_or_create(application=application, reviewer=reviewer)
    return review


def save_review(application_id: int, *, reviewer: Account, scores: Mapping[int, int], comments: str) -> Review:
    """Score every criterion of the call's rubric (0–5) with comments. The first review puts the
    application under review."""
    with transaction.atomic():
        application = Application.objects.select_for_update().select_related("call").get(pk=application_id)
        review = _assigned_review(application, reviewer)
        if review.conflict:
            raise CallRefused("conflict")
        criteria = list(application.call.criteria.all())
        if {c.pk for c in criteria} != set(scores) or any(not 0 <= s <= Criterion.MAX_SCORE for s in scores.values()):
            raise CallRefused("scores")
        for criterion in criteria:
            Score.objects.update_or_create(review=review, criterion=criterion, defaults={"score": scores[criterion.pk]})
        review.comments, review.completed_at = comments, timezone.now()
        review.save(update_fields=["comments", "completed_at"])
        if application.status == ApplicationStatus.ELIGIBLE:
            _move(application, ApplicationStatus.UNDER_REVIEW, by=reviewer)
            application.save(update_fields=["status"])
        return review


def declare_conflict(application_id: int, *, reviewer: Account, note: str) -> Review:
    """The reviewer declines for a conflict of interest; any score they gave is withdrawn."""
    with transaction.atomic():
        application = Application.objects.select_for_update().select_related("call").get(pk=application_id)
        review = _assigned_review(application, reviewer)
        review.scores.all().delete()
        review.conflict, review.conflict_note, review.comments, review.completed_at = True, note.strip(), "", None
        review.save(update_fields=["conflict", "conflict_note", "comments", "completed_at"])
        return review


def decide(application_id: int, *, funded: bool, reason: str, by: Account, notify: bool = True) -> Application:
    """Fund or decline an application under review of a closed call, with the reason, and tell the
    applicant by e-mail (the decision also shows on their application page)."""
    if not reason.strip():
        raise CallRefused("reason")
    with transaction.atomic():
        application = Application.objects.select_for_update().select_related("call").get(pk=application_id)
        if application.call.status not in lifecycle.CALL_DECIDING:
            raise CallRefused("call_not_closed")
        target = ApplicationStatus.FUNDED if funded else ApplicationStatus.DECLINED
        _move(application, target, by=by, reason=reason.strip())
        application.decision_reason, application.decided_at = reason.strip(), timezone.now()
        application.save(update_fields=["status", "decision_reason", "decided_at"])
        if notify:
            transaction.on_commit(lambda: notify_decision(application.pk))
        return application


def recipients(application: Application) -> list[str]:
    """Who hears of the decision: whoever started the application and whoever submitted it."""
    users = [application.created_by] + [
        change.changed_by
        for change in application.changes.filter(to_status=ApplicationStatus.SUBMITTED).select_related("changed_by")
    ]
    return sorted({u.email for u in users if u is not None and u.is_active and u.email})


def notify_decision(application_id: int) -> bool:
    application = Application.objects.select_related("call", "organization").get(pk=application_id)
    to = recipients(application)
    if not to:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {"application": application, "funded": application.status == ApplicationStatus.FUNDED}
        subject = render_to_string("program/calls/decision_subject.txt", context).strip()
        body = render_to_string("program/calls/decision_email.txt", context)
    try:
        send_mail(subject, body, None, to)
    except OSError:
        logger.warning("application %s: the decision could not be mailed", application.pk)
        return False
    return True


def make_agreement(application_id: int, *, by: Account) -> SubAgreement:
    """Turn a funded application into a draft sub-agreement for the call's project period."""
    with transaction.atomic():
        application = Application.objects.select_for_update().select_related("call").get(pk=application_id)
        if application.status != ApplicationStatus.FUNDED or application.agreement_id is not None:
            raise CallRefused("not_fundable")
        agreement = services.create_agreement(
            services.AgreementInput(
                organization_id=application.organization_id,
                kind=AgreementKind.NEW,
                title=application.title,
                starts_on=application.call.projects_start,
                ends_on=application.call.projects_end,
                amount=application.amount_requested or Decimal(0),
                deliverables=application.activities,
            ),
            by=by,
        )
        link_agreement(application, agreement)
        return agreement


def link_agreement(application: Application, agreement: SubAgreement) -> None:
    """Record that `agreement` is the one a funded application became."""
    if application.status != ApplicationStatus.FUNDED or agreement.organization_id != application.organization_id:
        raise CallRefused("not_fundable")
    application.agreement = agreement
    application.save(update_fields=["agreement"])
