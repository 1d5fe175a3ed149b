"""Who a person is on the case desk: their organization, case worker or supervisor.

Plain reads of the user and their membership, with no model of this app: the querysets' `visible_to`
(models.py) and the named permissions (permissions.py) both stand on them.
"""

from __future__ import annotations

import uuid
from typing import Any

from bettertogether.core.roles import Role


def is_active_user(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def organization_id_of(user: Any) -> uuid.UUID | None:
    if not is_active_user(user) or user.role not in (Role.PARTNER_STAFF, Role.CASE_WORKER):
        return None
    membership = getattr(user, "membership", None)
    return membership.organization_id if membership is not None else None


def is_case_worker(user: Any) -> bool:
    return is_active_user(user) and user.role == Role.CASE_WORKER and organization_id_of(user) is not None


def is_supervisor(user: Any) -> bool:
    desk = getattr(user, "case_desk", None) if is_case_worker(user) else None
    return bool(desk is not None and desk.is_supervisor)
