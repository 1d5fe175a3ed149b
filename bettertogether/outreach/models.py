"""Events, registrations, attendance and the resources library.

Personal data lives only in Registration (name or alias, optional phone or e-mail) and is deleted
BT_ATTENDEE_RETENTION_DAYS after the event (see retention.py); the event keeps its counts. An
Attendance row keeps no name or contact, only a keyed hash used to count unique people (reach.py).
Titles, descriptions and summaries are stored per language (translation.py), falling back to English.
"""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bettertogether.core.provinces import Province

from .uploads import extension_of


class EventKind(models.TextChoices):
    INFORMATION_SESSION = "information_session", _("Information session")
    WORKSHOP = "workshop", _("Workshop")
    SOCIAL = "social", _("Social, cultural or recreational event")
    PARTNER_TRAINING = "partner_training", _("Training for partner staff")
    KNOWLEDGE_SHARING = "knowledge_sharing", _("Knowledge-sharing event")


class EventQuerySet(models.QuerySet["Event"]):
    def public(self) -> "EventQuerySet":
        return self.filter(is_published=True)

    def upcoming(self, now: Any = None) -> "EventQuerySet":
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now: Any = None) -> "EventQuerySet":
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")


EventManager = models.Manager.from_queryset(EventQuerySet)


class Event(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices, default=EventKind.INFORMATION_SESSION)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.PROTECT, related_name="events", verbose_name=_("organizing partner")
    )
    # ISO 639-1 codes from core.languages.SPOKEN_LANGUAGES.
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices, db_index=True)
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    online_url = models.URLField(_("online link"), blank=True, max_length=500)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"), db_index=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_("Empty: no limit."))
    registration_open = models.BooleanField(_("registration open"), default=True)
    is_published = models.BooleanField(_("published"), default=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    # People counted without any detail (a head count at the door).
    anonymous_attendees = models.PositiveIntegerField(_("other attendees (head count)"), default=0)
    # Counts that survive the purge of personal data.
    registered_count = models.PositiveIntegerField(default=0, editable=False)
    waitlisted_count = models.PositiveIntegerField(default=0, editable=False)
    attended_count = models.PositiveIntegerField(default=0, editable=False)
    attendees_purged_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventManager()  # type: ignore[django-manager-missing]  # modeltranslation swaps managers at run time

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and not (self.address or self.place_name)

    @property
    def spots_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.registered_count, 0)


class Registration(models.Model):
    """One person's place at an event. Holds personal data: purged after the event (retention.py)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name or alias"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, db_index=True)
    # SHA-256 of the random cancellation token; the token itself is only ever shown to the person.
    token_hash = models.CharField(max_length=64, unique=True)
    consent_text = models.TextField()
    consented_at = models.DateTimeField()
    language = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"


class Attendance(models.Model):
    """One person present at one event (one contact). No name or contact: only a keyed hash."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    registration = models.OneToOneField(
        Registration, on_delete=models.SET_NULL, null=True, blank=True, related_name="attendance"
    )
    # HMAC of the normalised phone, e-mail or name (reach.person_key); '' when nothing was given.
    person_key = models.CharField(max_length=64, blank=True, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.event_id} #{self.pk}"


class ResourceKind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    FACT_SHEET = "fact_sheet", _("Fact sheet")
    REPORT = "report", _("Report")
    WEB_PAGE = "web_page", _("Web page")


class Resource(models.Model):  # type: ignore[django-manager-missing]  # modeltranslation swaps managers
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices, default=ResourceKind.GUIDE)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="resources"
    )
    topics = models.ManyToManyField(
        "directory.TaxonomyTerm", blank=True, related_name="resources", verbose_name=_("topics")
    )
    # Comma-delimited province codes wrapped in commas (",NS,PE,"), '' = applies everywhere (federal).
    # A string, not JSON, so "contains" filters work on SQLite and PostgreSQL alike.
    provinces = models.CharField(_("provinces"), max_length=60, blank=True, db_index=True)
    source_url = models.URLField(_("source"), blank=True, max_length=500)
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.title

    @property
    def province_codes(self) -> list[str]:
        return [p for p in self.provinces.split(",") if p]

    def set_provinces(self, codes: list[str]) -> None:
        codes = sorted({c.upper() for c in codes if c})
        self.provinces = f",{','.join(codes)}," if codes else ""


def resource_upload_to(instance: "ResourceVersion", filename: str) -> str:
    """A random stored name: the uploader's file name never reaches the file system."""
    return f"resources/{uuid.uuid4().hex}{extension_of(filename)}"


class ResourceVersion(models.Model):
    """The resource in one language: an uploaded file or a link out (exactly one of the two)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("language"), max_length=10, db_index=True)
    title = models.CharField(_("title in this language"), max_length=300, blank=True)
    file = models.FileField(_("file"), upload_to=resource_upload_to, blank=True, max_length=200)
    url = models.URLField(_("link"), blank=True, max_length=500)
    # Cleaned original name (download name) and the type checked at upload.
    original_name = models.CharField(max_length=120, blank=True, editable=False)
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["resource", "language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")), name="version_file_xor_url"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource} [{self.language}]"

    @property
    def is_link(self) -> bool:
        return bool(self.url)
