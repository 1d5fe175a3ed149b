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


class GeocodeFix(models.Model):
    """A coordinator's placement of an address the geocoder could not place (or placed wrongly).

    Keyed by province and the address with case, accents and punctuation ignored
    (core.geocode.fix_key); it wins over every lookup.
    """

    key = models.CharField(_("address key"), max_length=255, unique=True)
    province = models.CharField(_("province"), max_length=2, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    label = models.CharField(_("label"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("geocode fix")
        verbose_name_plural = _("geocode fixes")

    def __str__(self) -> str:
        return self.label or self.key
