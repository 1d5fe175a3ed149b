"""Calls for proposals: the call with its rubric and reviewers, the organizations' applications with
their attachments, the reviewers' scores, and the history of every move (who, when, why)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import SubAgreement


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    DECIDED = "decided", _("Decided")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")
    UNDER_REVIEW = "under_review", _("Under review")
    FUNDED = "funded", _("Funded")
    DECLINED = "declined", _("Not funded")


class Call(models.Model):  # type: ignore[django-manager-missing]  # modeltranslation swaps managers
    """A call for proposals; its texts are stored per content language."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    objectives = models.TextField()
    eligibility = models.TextField()
    how_to_apply = models.TextField()
    opens_on = models.DateField()
    closes_on = models.DateField()  # applications are accepted until the end of this day
    projects_start = models.DateField()
    projects_end = models.DateField()
    budget = models.DecimalField(max_digits=12, decimal_places=2)
    projects_min = models.PositiveSmallIntegerField(default=1)
    projects_max = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=20, choices=CallStatus.choices, default=CallStatus.DRAFT)
    reviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="calls_to_review")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-opens_on", "pk")

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):  # type: ignore[django-manager-missing]  # modeltranslation swaps managers
    """One line of a call's rubric: scored from 0 to MAX_SCORE, weighted."""

    MAX_SCORE = 5

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=200)
    weight = models.PositiveSmallIntegerField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("position", "pk")

    def __str__(self) -> str:
        return self.name


class CallChange(models.Model):
    """One step of a call's lifecycle."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=20, choices=CallStatus.choices)
    to_status = models.CharField(max_length=20, choices=CallStatus.choices)
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ("changed_at", "pk")

    def __str__(self) -> str:
        return f"{self.call_id}: {self.from_status} → {self.to_status}"


class Application(models.Model):
    """An organization's proposal to a call."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.PROTECT, related_name="call_applications"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    activities = models.TextField(blank=True)
    amount_requested = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT)
    screening_reason = models.TextField(blank=True)
    decision_reason = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    agreement = models.OneToOneField(
        SubAgreement, on_delete=models.SET_NULL, null=True, blank=True, related_name="application"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("call", "organization__name", "pk")
        constraints = [
            models.UniqueConstraint(fields=("call", "organization"), name="program_one_application_per_call")
        ]

    def __str__(self) -> str:
        return f"{self.call_id}: {self.organization_id}"


class ApplicationChange(models.Model):
    """One step of an application's lifecycle, with the reason given."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=20, choices=ApplicationStatus.choices)
    to_status = models.CharField(max_length=20, choices=ApplicationStatus.choices)
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ("changed_at", "pk")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    """A random stored name: the uploader's file name never reaches the file system."""
    return f"applications/{uuid.uuid4().hex}{instance.extension}"


class Attachment(models.Model):
    """A file attached to an application, checked as the resources library checks its uploads."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_upload_to, max_length=200)
    original_name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("uploaded_at", "pk")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.pk}"

    @property
    def extension(self) -> str:
        return "." + self.original_name.rpartition(".")[2] if "." in self.original_name else ""


class Review(models.Model):
    """One reviewer's review of one application: scores per criterion and comments, or a declared
    conflict of interest (then no score)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="call_reviews")
    conflict = models.BooleanField(default=False)
    conflict_note = models.CharField(max_length=500, blank=True)
    comments = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("application", "pk")
        constraints = [
            models.UniqueConstraint(fields=("application", "reviewer"), name="program_one_review_per_reviewer")
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.reviewer_id}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("criterion__position", "pk")
        constraints = [
            models.UniqueConstraint(fields=("review", "criterion"), name="program_one_score_per_criterion"),
            models.CheckConstraint(condition=models.Q(score__lte=5), name="program_score_at_most_5"),
        ]

    def __str__(self) -> str:
        return f"{self.review_id}: {self.criterion_id}={self.score}"
