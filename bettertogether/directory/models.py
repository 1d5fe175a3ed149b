# modeltranslation swaps the managers of translated models at runtime; django-stubs cannot see them.
# mypy: disable-error-code="django-manager-missing"
"""The service directory, shaped after Open Referral HSDS 3.0.

Content fields listed in translation.py are stored per language (name_en, name_fr, …) and fall
back to English. Every object has a UUID id so records keep their identity across HSDS exchanges.
Fields of HSDS that the platform does not use are kept in `extra` so an import round-trips.
"""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bettertogether.core.phones import sms_uri, tel_uri, whatsapp_uri
from bettertogether.core.provinces import Province


class UUIDModel(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class Taxonomy(UUIDModel):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    uri = models.URLField(blank=True, max_length=500)
    version = models.CharField(max_length=50, blank=True)

    class Meta:
        verbose_name_plural = _("taxonomies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(UUIDModel):
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms", null=True, blank=True)
    code = models.CharField(_("code"), max_length=100, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children")
    language = models.CharField(max_length=10, blank=True)
    term_uri = models.URLField(blank=True, max_length=500)
    sort_order = models.PositiveSmallIntegerField(default=0)
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Organization(UUIDModel):
    name = models.CharField(_("name"), max_length=300)
    alternate_name = models.CharField(_("alternate name"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True, max_length=500)
    legal_status = models.CharField(max_length=200, blank=True)
    year_incorporated = models.PositiveSmallIntegerField(null=True, blank=True)
    logo = models.URLField(blank=True, max_length=500)
    uri = models.URLField(blank=True, max_length=500)
    parent_organization_id = models.CharField(max_length=100, blank=True)
    is_program_partner = models.BooleanField(_("program partner"), default=False)
    in_sanctuary_network = models.BooleanField(
        _("member of the sanctuary network"),
        default=False,
        help_text=_("Organizations that take in migrant workers the other services do not reach."),
    )
    source_urls = models.TextField(_("sources"), blank=True, help_text=_("One URL a line."))
    extra = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A signed-in person's organization. Partner staff and case workers belong to exactly one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="members")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"


class ServiceQuerySet(models.QuerySet["Service"]):
    def active(self) -> "ServiceQuerySet":
        return self.filter(status=Service.Status.ACTIVE)


class Service(UUIDModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Defunct")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(_("name"), max_length=300)
    alternate_name = models.CharField(_("alternate name"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("website"), blank=True, max_length=500)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    interpretation_services = models.TextField(_("interpretation"), blank=True)
    application_process = models.TextField(_("how to get help"), blank=True)
    fees_description = models.TextField(_("fees"), blank=True)
    is_free = models.BooleanField(_("free of charge"), null=True, blank=True)
    accreditations = models.TextField(blank=True)
    eligibility_description = models.TextField(_("who can use it"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    alert = models.TextField(_("alert"), blank=True)
    assured_date = models.DateField(_("last verified"), null=True, blank=True)
    assured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assurer_email = models.EmailField(blank=True)
    needs_verification = models.BooleanField(_("needs verification"), default=False)
    verification_note = models.TextField(_("verification note"), blank=True)
    source_urls = models.TextField(_("sources"), blank=True, help_text=_("One URL a line."))
    categories: "models.ManyToManyField[TaxonomyTerm, Attribute]" = models.ManyToManyField(
        TaxonomyTerm, through="Attribute", related_name="services", blank=True
    )
    extra = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.name


class Attribute(UUIDModel):
    """HSDS attribute linking a service to a taxonomy term (its categories)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    taxonomy_term = models.ForeignKey(TaxonomyTerm, on_delete=models.CASCADE, related_name="attributes")
    link_type = models.CharField(max_length=100, default="service_category")
    value = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "taxonomy_term"], name="unique_service_term")]

    def __str__(self) -> str:
        return f"{self.service_id} → {self.taxonomy_term_id}"


class Location(UUIDModel):
    class LocationType(models.TextChoices):
        PHYSICAL = "physical", _("Physical")
        POSTAL = "postal", _("Postal")
        VIRTUAL = "virtual", _("Virtual")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="locations", null=True, blank=True
    )
    location_type = models.CharField(max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL)
    url = models.URLField(blank=True, max_length=500)
    name = models.CharField(_("name"), max_length=300, blank=True)
    alternate_name = models.CharField(max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    transportation = models.TextField(_("getting there"), blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # How exactly the point is known: address, postal_code, fsa, place or province.
    geo_precision = models.CharField(max_length=20, blank=True)
    external_identifier = models.CharField(max_length=200, blank=True)
    external_identifier_type = models.CharField(max_length=100, blank=True)
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self) -> str:
        return self.name or str(self.id)

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Address(UUIDModel):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=200, blank=True)
    address_1 = models.CharField(_("street address"), max_length=300, blank=True)
    address_2 = models.CharField(max_length=300, blank=True)
    city = models.CharField(_("town or city"), max_length=200)
    region = models.CharField(max_length=200, blank=True)
    state_province = models.CharField(_("province"), max_length=50)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(max_length=2, default="CA")
    address_type = models.CharField(max_length=10, default="physical")
    extra = models.JSONField(default=dict, blank=True)  # HSDS columns and rows kept for the round trip

    class Meta:
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return ", ".join(p for p in [self.address_1, self.city, self.state_province, self.postal_code] if p)


class ServiceAtLocation(UUIDModel):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")
    description = models.TextField(blank=True)
    extra = models.JSONField(default=dict, blank=True)  # HSDS columns and rows kept for the round trip

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "location"], name="unique_service_location")]

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.location_id}"


class Phone(UUIDModel):
    class Kind(models.TextChoices):
        """What the number is for, stored in HSDS `type` (RFC 6350 words; WhatsApp is our own)."""

        VOICE = "voice", _("Call")
        TEXT = "text", _("Text (SMS)")
        WHATSAPP = "whatsapp", _("WhatsApp")
        TTY = "textphone", _("TTY")
        FAX = "fax", _("Fax")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="phones", null=True, blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="phones", null=True, blank=True
    )
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="phones", null=True, blank=True)
    number = models.CharField(_("number"), max_length=50)
    extension = models.CharField(max_length=20, blank=True)
    type = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.VOICE)
    # The label the public reads beside the number ("Toll-free in Nova Scotia", "Text line").
    description = models.CharField(_("label"), max_length=300, blank=True)
    # A call or text number that also answers on WhatsApp.
    whatsapp = models.BooleanField(_("also on WhatsApp"), default=False)
    sort_order = models.PositiveSmallIntegerField(default=0)
    extra = models.JSONField(default=dict, blank=True)  # HSDS columns and rows kept for the round trip

    class Meta:
        ordering = ["sort_order", "number"]

    def __str__(self) -> str:
        return self.number

    @property
    def kind(self) -> str:
        """The kind, reading the other words HSDS publishers use (cell, sms, tty…) as ours."""
        return phone_kind(self.type)

    @property
    def kind_label(self) -> str:
        return str(Phone.Kind(self.kind).label)

    @property
    def href(self) -> str:
        """The link a tap should follow: call, text, WhatsApp; '' for a fax."""
        kind = self.kind
        if kind == Phone.Kind.TEXT:
            return sms_uri(self.number)
        if kind == Phone.Kind.WHATSAPP:
            return whatsapp_uri(self.number)
        if kind == Phone.Kind.FAX:
            return ""
        return tel_uri(self.number)

    @property
    def tel_uri(self) -> str:
        return tel_uri(self.number)

    @property
    def whatsapp_uri(self) -> str:
        """The WhatsApp link of a number that also answers there (the number's own link when it is its kind)."""
        return whatsapp_uri(self.number) if self.whatsapp or self.kind == Phone.Kind.WHATSAPP else ""


_KIND_SYNONYMS = {
    "": "voice",
    "cell": "voice",
    "mobile": "voice",
    "video": "voice",
    "pager": "voice",
    "sms": "text",
    "tty": "textphone",
    "tdd": "textphone",
}


def phone_kind(value: str) -> str:
    """One of Phone.Kind's values for any HSDS `type` word (unknown words are read as voice)."""
    word = (value or "").strip().lower()
    word = _KIND_SYNONYMS.get(word, word)
    return word if word in Phone.Kind.values else Phone.Kind.VOICE


class Schedule(UUIDModel):
    """Weekly opening hours: one row per run of days sharing the same hours, valid between dates."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules", null=True, blank=True)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="schedules", null=True, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    freq = models.CharField(max_length=10, default="WEEKLY", blank=True)
    byday = models.CharField(max_length=40, blank=True, help_text="MO,TU,WE,TH,FR,SA,SU")
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    notes = models.TextField(blank=True)
    extra = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"{self.byday} {self.opens_at}–{self.closes_at}"


class HolidayClosure(UUIDModel):
    """A day the service is closed although its weekly schedule says open (statutory holidays)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField()
    name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}".strip()


class Language(UUIDModel):
    """A language spoken at a service (ISO 639-1 code, or 'mul' for interpretation into many)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages", null=True, blank=True)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="languages", null=True, blank=True)
    phone = models.ForeignKey(Phone, on_delete=models.CASCADE, related_name="languages", null=True, blank=True)
    code = models.CharField(max_length=10, db_index=True)
    name = models.CharField(max_length=100, blank=True)
    note = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return self.code


class ServiceArea(UUIDModel):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    province = models.CharField(max_length=2, choices=Province.choices, blank=True, db_index=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=20, blank=True)
    uri = models.URLField(blank=True, max_length=500)

    def __str__(self) -> str:
        return self.name


class CostOption(UUIDModel):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.CharField(max_length=300, blank=True)
    currency = models.CharField(max_length=3, default="CAD")
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    amount_description = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.option} {self.amount or ''}".strip()


class Accessibility(UUIDModel):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.TextField(_("accessibility"), blank=True)
    details = models.TextField(blank=True)
    url = models.URLField(blank=True, max_length=500)

    class Meta:
        verbose_name_plural = _("accessibility")

    def __str__(self) -> str:
        return self.description


class Suggestion(UUIDModel):
    """A correction proposed by a member of the public, waiting for a partner or coordinator."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    class Kind(models.TextChoices):
        PHONE = "phone", _("The phone number")
        ADDRESS = "address", _("The address")
        HOURS = "hours", _("The opening hours")
        CLOSED = "closed", _("It has closed")
        OTHER = "other", _("Something else")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="suggestions")
    field = models.CharField(_("what is wrong"), max_length=40, choices=Kind.choices)
    proposed_value = models.TextField(_("the correct information"))
    comment = models.TextField(_("anything else"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.field}: {self.proposed_value[:40]}"


class ChangeLog(models.Model):
    """Append-only audit of directory writes: who changed what, when (written by services.py only)."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64, db_index=True)
    # {"field": [old, new]} as display strings.
    changes = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("ChangeLog entries are never changed.")
        super().save(*args, **kwargs)


class DirectoryVersion(models.Model):
    """One row: a token that changes, in the writing transaction, whenever the public directory does.

    Every worker reads it once per search; caches of search results and the search index are keyed on
    it, so an edit, an import or an unpublish is seen by every worker's next request (directory/version.py).
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token


class ServiceSearchText(models.Model):
    """What a search matches, kept in the writing transaction (directory/search_text.py): per content
    language, the service's and its organization's names and description and its categories' names
    in that language, folded (core.text.fold; a search in another language than English matches its
    own column or English's); and the provinces it serves, as " NB NS "."""

    service = models.OneToOneField(Service, on_delete=models.CASCADE, primary_key=True, related_name="search_text")
    text_en = models.TextField(default="")
    text_fr = models.TextField(default="")
    text_es = models.TextField(default="")
    text_tl = models.TextField(default="")
    provinces = models.CharField(max_length=100, default="")

    def __str__(self) -> str:
        return str(self.service_id)
