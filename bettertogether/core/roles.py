"""The platform's roles (design.md §2). Identity is the stable slug, never a translated name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARTNER_STAFF = "partner_staff", _("Partner staff")
    CASE_WORKER = "case_worker", _("Case worker")
    COORDINATOR = "coordinator", _("Program coordinator")
    FUNDER_APPROVER = "funder_approver", _("Funder approver")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles whose holders belong to one partner organization.
ORGANIZATION_ROLES = frozenset({Role.PARTNER_STAFF, Role.CASE_WORKER})
