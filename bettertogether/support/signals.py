"""Sign-ins of case workers are part of the case desk's access log; authenticator secrets are
never stored in plaintext."""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django_otp.plugins.otp_totp.models import TOTPDevice

from bettertogether.core.ratelimit import client_address
from bettertogether.core.users import Account

from . import audit, permissions
from .models import AccessLog


@receiver(user_logged_in, dispatch_uid="support.audit_login")
def audit_case_worker_login(sender: Any, request: Any, user: Account, **kwargs: Any) -> None:
    if request is None or not permissions.is_case_worker(user):
        return
    audit.record(
        audit.Actor(user=user, ip_address=client_address(request) or None),
        AccessLog.Action.LOGIN,
        detail="password",
        organization_id=permissions.organization_id_of(user),
    )


@receiver(pre_save, sender=TOTPDevice, dispatch_uid="support.no_plaintext_totp")
def refuse_plaintext_totp_device(sender: Any, instance: Any, **kwargs: Any) -> None:
    """django-otp's TOTPDevice keeps its secret in plaintext: every authenticator is a
    SealedTOTPDevice (the app stays installed for the migration that moved them)."""
    raise PermissionError("Authenticator secrets are stored encrypted: use support.SealedTOTPDevice.")
