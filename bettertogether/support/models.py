"""Helpline log and confidential case desk (issue 5).

Identifying values (names, contacts, employer, notes, justifications, what a referral shared) are
EncryptedTextFields. URLs carry UUIDs only. Which rows a person may read is decided by each
queryset's `visible_to(user)` (below; who the user is comes from access.py); views never filter by
organization themselves.
"""

from __future__ import annotations

import time
import uuid
from base64 import b32encode
from binascii import unhexlify
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, DeviceManager, ThrottlingMixin, TimestampMixin
from django_otp.oath import TOTP
from django_otp.util import hex_validator, random_hex

from bettertogether.core.provinces import Province
from bettertogether.core.users import User

from . import access, workflows
from .crypto import EncryptedTextField


class UUIDModel(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        # Type and UUID only: a confidential value must never reach a log line or an admin title.
        return f"{self._meta.model_name} {self.pk}"


class CaseDeskMember(models.Model):
    """Case-desk standing of a signed-in person: a supervisor reads the access history of the cases
    of their organization (directory.Membership says which organization)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_desk")
    is_supervisor = models.BooleanField(_("supervisor"), default=False)

    class Meta:
        verbose_name = _("case desk member")
        verbose_name_plural = _("case desk members")

    def __str__(self) -> str:
        return f"case desk member {self.user_id}"


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    WHATSAPP = "whatsapp", _("WhatsApp")
    WALK_IN = "walk_in", _("Walk-in")
    EMAIL = "email", _("E-mail")
    OUTREACH = "outreach", _("Outreach")


class ContactOutcome(models.TextChoices):
    INFORMED = "informed", _("Information given")
    REFERRED = "referred", _("Referred elsewhere")
    CASE_OPENED = "case_opened", _("Case opened")
    OTHER = "other", _("Other")


_M = TypeVar("_M", bound=models.Model)


class OrgQuerySet(models.QuerySet[_M]):
    """Rows owned by one organization through `organization` (or through their case)."""

    def visible_to(self, user: User) -> models.QuerySet[_M]:
        """The rows this person may read (design.md §2; the rules are listed in permissions.py)."""
        model = self.model
        org_id = access.organization_id_of(user)
        if model is HelplineContact:
            return self.filter(organization_id=org_id) if org_id else self.none()
        if not access.is_case_worker(user):
            return self.none()
        if model is AccessLog:
            if not access.is_supervisor(user) or org_id is None:
                return self.none()
            # The organization's own actions, and what anyone (e.g. a referral's receiver) did to its cases.
            own_cases = Case.objects.filter(organization_id=org_id).values("pk")
            return self.filter(models.Q(organization_id=org_id) | models.Q(case_id__in=own_cases))
        if model is Referral:
            # The sender's referrals only; the receiver reads through permissions.received_referrals().
            return self.filter(from_organization_id=org_id)
        if model in (Case, EmergencyRequest):
            return self.filter(organization_id=org_id)
        return self.filter(case__organization_id=org_id)  # notes, follow-ups, services, consents


class HelplineContact(UUIDModel):
    """One helpline contact, anonymous by design: no name or contact, only what counts reach."""

    organization = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contacted_on = models.DateField(_("date"), default=timezone.localdate)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=8)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices)
    topics = models.JSONField(_("topics"), default=list)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=0)
    outcome = models.CharField(_("outcome"), max_length=16, choices=ContactOutcome.choices)
    referred_to = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("referred to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-contacted_on", "-created_at"]


class Permit(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


class CaseOutcome(models.TextChoices):
    RESOLVED = "resolved", _("Resolved")
    REFERRED = "referred", _("Referred")
    COMPLAINT_FILED = "complaint_filed", _("Complaint filed")
    NO_CONTACT = "no_contact", _("Lost contact")
    WITHDRAWN = "withdrawn", _("Worker withdrew")
    OTHER = "other", _("Other")


class Case(UUIDModel):
    organization = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=workflows.CASE.choices(), default="open")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    worker_name = EncryptedTextField(_("name or alias the worker chose"))
    contact = EncryptedTextField(_("contact"), blank=True, default="")
    employer = EncryptedTextField(_("employer (only when needed)"), blank=True, default="")
    work_site = EncryptedTextField(_("work site (only when needed)"), blank=True, default="")
    language = models.CharField(_("language"), max_length=8)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices)
    issue_types = models.JSONField(_("issue types"), default=list)
    employer_specific_permit = models.CharField(
        _("employer-specific work permit"), max_length=8, choices=Permit.choices, default=Permit.UNKNOWN
    )
    consent_given = models.BooleanField(_("consent to keep this record given"), default=False)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=CaseOutcome.choices, blank=True)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Set when retention removed every identifying value; the row stays for the statistics.
    anonymized_at = models.DateTimeField(null=True, blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]


class CaseChild(UUIDModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        abstract = True


class CaseNote(CaseChild):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = EncryptedTextField(_("note"))

    class Meta:
        ordering = ["created_at"]


class FollowUp(CaseChild):
    description = EncryptedTextField(_("task"))
    due_on = models.DateField(_("due on"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]


class ServiceProvided(CaseChild):
    topic = models.CharField(_("service"), max_length=64)
    provided_on = models.DateField(_("date"), default=timezone.localdate)
    details = EncryptedTextField(_("details"), blank=True, default="")

    class Meta:
        ordering = ["provided_on"]


# What a worker may agree to share with another organization. Keys are Case field names.
SHAREABLE_FIELDS: dict[str, object] = {
    "worker_name": _("Name or alias"),
    "contact": _("Contact"),
    "language": _("Language"),
    "province": _("Province"),
    "issue_types": _("Issue types"),
    "employer": _("Employer"),
    "work_site": _("Work site"),
}


class Consent(CaseChild):
    """The worker's consent to share named fields of the case with one organization."""

    organization = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")
    shared_fields = models.JSONField(_("what may be shared"), default=list)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)


class Referral(CaseChild):
    from_organization = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")
    to_organization = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=16, choices=workflows.REFERRAL.choices(), default="sent")
    # The values the consent allowed, copied when sent (JSON, encrypted): all the receiver sees.
    shared = EncryptedTextField(default="{}")
    message = EncryptedTextField(_("message to the receiving organization"), blank=True, default="")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]


class Need(models.TextChoices):
    FOOD = "food", _("Food")
    HOUSING = "housing", _("Emergency housing")
    TRANSPORT = "transport", _("Transport")
    HEALTH = "health", _("Health care")
    LEGAL = "legal", _("Legal help")
    INCOME = "income", _("Income support")
    OTHER = "other", _("Other")


class EmergencyRequest(CaseChild):
    organization = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")
    need = models.CharField(_("need"), max_length=16, choices=Need.choices)
    amount = models.DecimalField(_("amount (CAD)"), max_digits=9, decimal_places=2)
    justification = EncryptedTextField(_("justification (no names, contacts or employer)"))
    state = models.CharField(max_length=16, choices=workflows.EMERGENCY.choices(), default="requested")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = EncryptedTextField(_("reason"), blank=True, default="")

    class Meta:
        ordering = ["-created_at"]


class AccessLogQuerySet(OrgQuerySet["AccessLog"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The access log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The access log is append-only.")


class AccessLog(models.Model):
    """Who did what to which case-desk object, when and from where. Append-only; never holds a
    confidential value (object type and UUID only)."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        EXPORT = "export", _("Exported")
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Failed second factor")
        ANONYMIZE = "anonymize", _("Anonymized")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    # No constraint and no cascade: deleting an account must not touch (or be blocked by) its history.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    case_id = models.UUIDField(null=True, blank=True, db_index=True)
    organization_id = models.UUIDField(null=True, blank=True)
    detail = models.CharField(max_length=80, blank=True)  # a field name or transition, never a value
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("The access log is append-only.")


_THROTTLE_FIELDS = ["throttling_failure_timestamp", "throttling_failure_count"]


def default_totp_key() -> str:
    """20 random bytes, hex-encoded, as django-otp's TOTPDevice makes them."""
    return str(random_hex(20))


def validate_totp_key(value: str) -> None:
    hex_validator()(value)


# models.Model and models.Manager are named (they are in the bases already) so that type checking,
# which sees django-otp untyped, knows these classes as a model and its manager.
class SealedTOTPDeviceManager(DeviceManager, models.Manager["SealedTOTPDevice"]):
    pass


class SealedTOTPDevice(TimestampMixin, ThrottlingMixin, Device, models.Model):
    """A TOTP authenticator whose secret is an EncryptedTextField: a dump of the database alone
    yields no working seed. Verification follows django-otp's TOTPDevice (plugins/otp_totp/models.py,
    BSD licence): same fields and defaults, replay refused through `last_t`, drift kept when
    OTP_TOTP_SYNC, back-off after failures through ThrottlingMixin. django-otp finds the model among
    the installed apps, so `match_token`, `login`, `user.is_verified()` and the OTP middleware
    take it like any device."""

    key = EncryptedTextField(default=default_totp_key, validators=[validate_totp_key])
    step = models.PositiveSmallIntegerField(default=30)
    t0 = models.BigIntegerField(default=0)
    digits = models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6)
    tolerance = models.PositiveSmallIntegerField(default=1)
    drift = models.SmallIntegerField(default=0)
    last_t = models.BigIntegerField(default=-1)

    objects = SealedTOTPDeviceManager()

    class Meta(Device.Meta):
        verbose_name = _("authenticator")
        verbose_name_plural = _("authenticators")

    def __str__(self) -> str:
        # Ids only, never the key.
        return f"authenticator {self.pk} of user {self.user_id}"

    @property
    def bin_key(self) -> bytes:
        return unhexlify(self.key.encode("ascii"))

    def verify_token(self, token: Any) -> bool:
        # As django-otp's TOTPDevice.verify_token, except that each save names its fields: a
        # verification never rewrites (re-encrypts) the secret.
        allowed, _info = self.verify_is_allowed()
        if not allowed:
            return False
        try:
            code = int(token)
        except (TypeError, ValueError):
            verified = False
        else:
            totp = TOTP(self.bin_key, self.step, self.t0, self.digits, self.drift)
            totp.time = time.time()
            verified = bool(totp.verify(code, self.tolerance, self.last_t + 1))
            if verified:
                self.last_t = totp.t()
                if getattr(settings, "OTP_TOTP_SYNC", True):
                    self.drift = totp.drift
                self.throttle_reset(commit=False)
                self.set_last_used_timestamp(commit=False)
                self.save(update_fields=[*_THROTTLE_FIELDS, "last_t", "drift", "last_used_at"])
        if not verified:
            self.throttle_increment(commit=False)
            self.save(update_fields=_THROTTLE_FIELDS)
        return verified

    def get_throttle_factor(self) -> int:
        return int(getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1))

    @property
    def config_url(self) -> str:
        """The otpauth:// URL an authenticator app reads (from a QR code shown once, at set-up)."""
        label = str(self.user.get_username())
        params = urlencode(
            {"secret": b32encode(self.bin_key), "algorithm": "SHA1", "digits": self.digits, "period": self.step}
        )
        issuer = str(getattr(settings, "OTP_TOTP_ISSUER", "") or "").replace(":", "")
        if issuer:
            label = f"{issuer}:{label}"
            params += f"&issuer={quote(issuer)}"
        return f"otpauth://totp/{quote(label)}?{params}"
