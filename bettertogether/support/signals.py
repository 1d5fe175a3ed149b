"""Sign-ins of case workers are part of the case desk's access log."""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import permissions


@receiver(user_logged_in, dispatch_uid="support.audit_login")
def audit_case_worker_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is None or not permissions.is_case_worker(user):
        return
    from bettertogether.core.ratelimit import client_address

    from . import audit

    audit.record(
        audit.Actor(user=user, ip_address=client_address(request) or None),
        audit.AccessLog.Action.LOGIN,
        detail="password",
        organization_id=permissions.organization_id_of(user),
    )
