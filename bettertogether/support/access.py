"""Who a person is on the case desk: their organization, case worker or supervisor, and whether this
request passed the second factor.

Plain reads of the user and their membership, with no model of this app: the querysets' `visible_to`
(models.py) and the named permissions (permissions.py) both stand on them.
"""

from __future__ import annotations

import uuid

from bettertogether.core.roles import Role
from bettertogether.core.users import User, signed_in


def organization_id_of(user: User | None) -> uuid.UUID | None:
    if not signed_in(user) or user.role not in (Role.PARTNER_STAFF, Role.CASE_WORKER):
        return None
    membership = getattr(user, "membership", None)
    return membership.organization_id if membership is not None else None


def is_case_worker(user: User | None) -> bool:
    return signed_in(user) and user.role == Role.CASE_WORKER and organization_id_of(user) is not None


def is_supervisor(user: User | None) -> bool:
    desk = getattr(user, "case_desk", None) if is_case_worker(user) else None
    return bool(desk is not None and desk.is_supervisor)


def second_factor_passed(user: User) -> bool:
    """Whether this request's user entered a code from their authenticator. django-otp's middleware
    gives the request's user `is_verified()`; a user without it (never through that middleware) has
    not passed."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified is not None and is_verified())
