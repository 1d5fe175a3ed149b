"""The append-only access log of the case desk: who, when, what (type and UUID), from where.

Only object types, UUIDs, actions and field names are recorded: never a confidential value.
The IP address of the staff member is kept: it is what an audit of staff access needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.http import HttpRequest

from bettertogether.core.ratelimit import client_address
from bettertogether.core.users import Account, signed_in

from .models import AccessLog


@dataclass(frozen=True)
class Actor:
    """The signed-in person a service acts for, and the address they came from."""

    user: Account | None  # None: the system (anonymization), or nobody signed in
    ip_address: str | None = None


def actor_from(request: HttpRequest) -> Actor:
    """Build the Actor in a view; services never see the request."""
    user = request.user
    return Actor(user=user if signed_in(user) else None, ip_address=client_address(request) or None)


def _case_id(obj: Model | None) -> Any:
    if obj is None:
        return None
    if obj._meta.model_name == "case":
        return obj.pk
    return getattr(obj, "case_id", None)


def _organization_id(obj: Model | None) -> Any:
    if obj is None:
        return None
    for attr in ("organization_id", "from_organization_id"):
        if getattr(obj, attr, None) is not None:
            return getattr(obj, attr)
    case = getattr(obj, "case", None)
    return getattr(case, "organization_id", None)


def record(
    actor: Actor,
    action: str,
    obj: Model | None = None,
    *,
    detail: str = "",
    organization_id: Any = None,
) -> AccessLog:
    user = actor.user
    return AccessLog.objects.create(
        user=user,
        username=user.username if user is not None else "",
        action=action,
        object_type=(obj._meta.model_name or "") if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        case_id=_case_id(obj),
        organization_id=organization_id or _organization_id(obj),
        detail=detail[:80],
        ip_address=actor.ip_address,
    )


def viewed(actor: Actor, obj: Model, detail: str = "") -> AccessLog:
    return record(actor, AccessLog.Action.VIEW, obj, detail=detail)


def history(case: Model) -> Any:
    """The access history of one case, newest first."""
    return AccessLog.objects.filter(case_id=case.pk)
