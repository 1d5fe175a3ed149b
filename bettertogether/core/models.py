from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role


class User(AbstractUser):
    """A person who signs in. The public never does; every signed-in person has one role."""

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.PARTNER_STAFF)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_coordinator(self) -> bool:
        return self.role in (Role.COORDINATOR, Role.ADMINISTRATOR) or self.is_superuser


class RateLimitHit(models.Model):
    """One use of a rate-limited public action, keyed by a hash (never the raw IP address)."""

    scope = models.CharField(max_length=40)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key_hash", "created_at"])]
