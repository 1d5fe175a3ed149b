"""The program's records beside its agreements: documents of a sub-agreement, evaluations with their
findings and lessons, and the advocacy log (committees sat on, submissions, meetings)."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import SubAgreement


def agreement_document_upload_to(instance: Any, filename: str) -> str:
    """A random stored name (the uploader's name never reaches the file system); the extension is the
    one the upload check decided, set on the instance before saving."""
    return f"program/agreements/{uuid.uuid4().hex}{instance.extension}"


class AgreementDocument(models.Model):
    """A file of a sub-agreement: the signed agreement, an amendment, a schedule. Served only through
    the program's download page, to coordinators and the agreement's own organization."""

    class Kind(models.TextChoices):
        SIGNED_AGREEMENT = "signed_agreement", _("Signed agreement")
        AMENDMENT = "amendment", _("Amendment")
        SCHEDULE = "schedule", _("Schedule")
        OTHER = "other", _("Other document")

    agreement = models.ForeignKey(SubAgreement, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to=agreement_document_upload_to, max_length=200)
    original_name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    extension = ""  # set by the service from the checked type; not stored

    class Meta:
        ordering = ("kind", "-uploaded_at", "pk")

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.title}"


class Evaluation(models.Model):
    """An evaluation of the program or of its projects, with what it found and the lessons drawn."""

    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    evaluator = models.CharField(_("evaluator"), max_length=200)
    findings = models.TextField(_("findings"))
    lessons = models.TextField(_("lessons learned"), blank=True)
    organizations = models.ManyToManyField(
        "directory.Organization",
        blank=True,
        related_name="program_evaluations",
        verbose_name=_("partner organizations"),
    )
    # The knowledge-sharing event (an outreach event) where it was presented, if any.
    event = models.ForeignKey(
        "outreach.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("event")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-held_on", "-pk")

    def __str__(self) -> str:
        return self.title


class AdvocacyEntry(models.Model):
    """One line of the advocacy log: a seat on a government committee, a submission, or a meeting."""

    class Kind(models.TextChoices):
        COMMITTEE_SEAT = "committee_seat", _("Committee seat")
        SUBMISSION = "submission", _("Submission")
        MEETING = "meeting", _("Meeting")

    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    body = models.CharField(_("body or committee"), max_length=200)
    subject = models.CharField(_("subject"), max_length=300)
    outcome = models.TextField(_("outcome"), blank=True)
    organizations = models.ManyToManyField(
        "directory.Organization",
        blank=True,
        related_name="program_advocacy",
        verbose_name=_("partner organizations"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-held_on", "-pk")
        verbose_name_plural = _("advocacy entries")

    def __str__(self) -> str:
        return f"{self.held_on} {self.body}: {self.subject}"
