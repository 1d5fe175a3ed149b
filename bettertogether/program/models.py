"""Sub-agreements with partner organizations, their amendments, the program's milestones, and the
denominators a coordinator enters in place of the LMIA positions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bettertogether.core.provinces import Province


class AgreementKind(models.TextChoices):
    TRANSITIONAL = "transitional", _("Transitional")
    NEW = "new", _("New")
    EXTENSION = "extension", _("Extension")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")
    TERMINATED = "terminated", _("Terminated")
    CANCELLED = "cancelled", _("Cancelled")


class SubAgreement(models.Model):
    """A funding agreement between the program and one partner organization of the directory."""

    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        related_name="sub_agreements",
        verbose_name=_("organization"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    amount = models.DecimalField(_("amount (CAD)"), max_digits=12, decimal_places=2)
    payment_schedule = models.TextField(_("payment schedule"), blank=True)
    deliverables = models.TextField(_("deliverables"), blank=True)
    reporting_schedule = models.TextField(_("reporting schedule"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=AgreementStatus.choices, default="draft")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("starts_on", "organization__name")
        verbose_name = _("sub-agreement")
        verbose_name_plural = _("sub-agreements")

    def __str__(self) -> str:
        return f"{self.organization} · {self.title}"


class StatusChange(models.Model):
    """One step of a sub-agreement's lifecycle, kept as its history."""

    agreement = models.ForeignKey(SubAgreement, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=AgreementStatus.choices)
    to_status = models.CharField(max_length=20, choices=AgreementStatus.choices)
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ("changed_at", "pk")

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.from_status} → {self.to_status}"


class Amendment(models.Model):
    """A change to an agreement's end date, amount or deliverables; an extension is an amendment
    that moves the end date later. The values before the change are kept."""

    class Kind(models.TextChoices):
        EXTENSION = "extension", _("Extension")
        BUDGET = "budget", _("Budget change")
        SCOPE = "scope", _("Change of deliverables")

    agreement = models.ForeignKey(SubAgreement, on_delete=models.CASCADE, related_name="amendments")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    signed_on = models.DateField(_("signed on"))
    reason = models.TextField(_("reason"))
    previous_ends_on = models.DateField()
    new_ends_on = models.DateField()
    previous_amount = models.DecimalField(max_digits=12, decimal_places=2)
    new_amount = models.DecimalField(max_digits=12, decimal_places=2)
    previous_deliverables = models.TextField(blank=True)
    new_deliverables = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ("signed_on", "pk")

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.kind} {self.signed_on}"


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Milestone(models.Model):  # type: ignore[django-manager-missing]  # modeltranslation swaps managers
    """One step of the program's timeline (title stored per language)."""

    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(_("status"), max_length=20, choices=MilestoneStatus.choices, default="planned")
    key = models.SlugField(max_length=60, unique=True)  # stable identity for the demo loader

    class Meta:
        ordering = ("starts_on", "pk")

    def __str__(self) -> str:
        return self.title


class Denominator(models.Model):
    """A coordinator's own count of migrant workers in a province for a period, with its source,
    used instead of the LMIA approved positions."""

    province = models.CharField(_("province"), max_length=2, choices=Province.choices)
    period_from = models.CharField(max_length=6)
    period_to = models.CharField(max_length=6)
    value = models.PositiveIntegerField(_("number of migrant workers"))
    source = models.CharField(_("source"), max_length=300)
    entered_at = models.DateTimeField(auto_now=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("province", "period_from", "period_to"), name="program_one_denominator")
        ]

    def __str__(self) -> str:
        return f"{self.province} {self.period_from}-{self.period_to}: {self.value}"


class Visit(models.Model):
    """A follow-up meeting or site visit with a sub-agreement holder."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Follow-up meeting")
        SITE_VISIT = "site_visit", _("Site visit")

    agreement = models.ForeignKey(SubAgreement, on_delete=models.CASCADE, related_name="visits")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    attendees = models.TextField(_("attendees"))
    notes = models.TextField(_("notes"), blank=True)
    findings = models.TextField(_("findings"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-held_on", "-pk")

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.kind} {self.held_on}"


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class FollowUpAction(models.Model):
    """Something a visit decided, with who does it and by when."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=500)
    owner = models.CharField(_("owner"), max_length=200)
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default="open")
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("due_on", "pk")

    def __str__(self) -> str:
        return self.description


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    ACCEPTED = "accepted", _("Accepted")


class PartnerReport(models.Model):
    """A partner's report for one period of its agreement's reporting schedule."""

    agreement = models.ForeignKey(SubAgreement, on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default="draft")
    successes = models.TextField(_("successes"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        ordering = ("due_on", "pk")

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.period_start}–{self.period_end}"


class ReportFigure(models.Model):
    """One figure of a report: the platform's count, and the partner's own value with its reason."""

    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="figures")
    key = models.CharField(max_length=30)
    platform_value = models.IntegerField(null=True, blank=True)  # None: a count of 1–5, withheld
    reported_value = models.IntegerField(null=True, blank=True)  # None: the platform's count stands
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ("pk",)
        constraints = [models.UniqueConstraint(fields=("report", "key"), name="program_one_figure_per_key")]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.key}"

    @property
    def value(self) -> int | None:
        return self.platform_value if self.reported_value is None else self.reported_value


# The calls for proposals live in their own module; imported here so that Django finds their models.
from . import calls_models  # noqa: E402, F401

# The records kept beside the agreements live in their own module; imported here so Django sees them.
from .models_records import AdvocacyEntry, AgreementDocument, Evaluation  # noqa: E402

__all__ = [
    "ActionStatus",
    "AdvocacyEntry",
    "AgreementDocument",
    "AgreementKind",
    "AgreementStatus",
    "Amendment",
    "Denominator",
    "Evaluation",
    "FollowUpAction",
    "Milestone",
    "MilestoneStatus",
    "PartnerReport",
    "ReportFigure",
    "ReportStatus",
    "StatusChange",
    "SubAgreement",
    "Visit",
]
