"""Invitations of new staff members. The link's token is never stored: only its SHA-256."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bettertogether.core.roles import Role

from . import workflows


class Invitation(models.Model):
    """One person invited by e-mail to a role (and, for partner roles, an organization)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    # directory.Organization, by id: the staff app reaches the directory through its door only.
    organization_id = models.UUIDField(_("organization"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    state = models.CharField(
        _("state"), max_length=16, choices=workflows.INVITATION.choices(), default=workflows.INVITATION.initial
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    answered_at = models.DateTimeField(null=True, blank=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        # Id only: the address is personal data and never goes to a log line.
        return f"invitation {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state == "pending" and self.expires_at > timezone.now()
