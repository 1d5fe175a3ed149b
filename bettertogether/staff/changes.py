"""The change log as coordinators read it: who, when, what, about whom or which record, and why.

The entries are the directory's ChangeLog (one audit of every change: listings, organizations,
accounts and invitations); this module only names them in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from bettertogether.core.roles import Role
from bettertogether.directory import door

from .models import Invitation

ACTION_LABELS = {
    "organization.create": _("Organization added"),
    "organization.update": _("Organization changed"),
    "service.create": _("Service added"),
    "service.update": _("Service changed"),
    "location.update": _("Location changed"),
    "suggestion.create": _("Correction suggested"),
    "suggestion.approve": _("Suggestion approved"),
    "suggestion.reject": _("Suggestion rejected"),
    "invitation.create": _("Invitation sent"),
    "invitation.accept": _("Invitation accepted"),
    "invitation.revoke": _("Invitation withdrawn"),
    "invitation.expire": _("Invitation expired"),
    "account.deactivate": _("Account closed"),
    "account.second_factor_reset": _("Second factor reset"),
}
FIELD_LABELS = {
    "role": _("Role"),
    "organization": _("Organization"),
    "active": _("Active"),
    "authenticators": _("Authenticators"),
    "account": _("Account"),
    "state": _("State"),
}
ROLE_LABELS = {role.value: role.label for role in Role}


@dataclass(frozen=True)
class ChangeRow:
    at: dt.datetime
    who: str
    action: str
    subject: str
    details: list[tuple[str, str, str]]
    reason: str


def _subjects(entries: list[Any]) -> dict[tuple[str, str], str]:
    ids: dict[str, set[str]] = {}
    for entry in entries:
        ids.setdefault(entry.object_type, set()).add(entry.object_id)
    found: dict[tuple[str, str], str] = {}
    if ids.get("user"):
        numeric = [i for i in ids["user"] if i.isdigit()]
        for pk, username in get_user_model().objects.filter(pk__in=numeric).values_list("pk", "username"):
            found["user", str(pk)] = username
    if ids.get("invitation"):
        for invitation in Invitation.objects.filter(pk__in=list(ids["invitation"])):
            found["invitation", str(invitation.pk)] = invitation.email
    if ids.get("organization"):
        for org in door.Organization.objects.filter(pk__in=list(ids["organization"])):
            found["organization", str(org.pk)] = str(org.name)
    if ids.get("service"):
        for service in door.Service.objects.filter(pk__in=list(ids["service"])):
            found["service", str(service.pk)] = str(service.name)
    return found


def _value(field: str, value: Any) -> str:
    text = str(value)
    if field == "role":
        return str(ROLE_LABELS.get(text, text))
    return text


def change_rows(entries: Iterable[Any]) -> list[ChangeRow]:
    entries = list(entries)
    subjects = _subjects(entries)
    rows = []
    for entry in entries:
        details = [
            (str(FIELD_LABELS.get(name, name)), _value(name, pair[0]), _value(name, pair[1]))
            for name, pair in (entry.changes or {}).items()
            if isinstance(pair, list | tuple) and len(pair) == 2
        ]
        rows.append(
            ChangeRow(
                at=entry.created_at,
                who=entry.user.get_username() if entry.user is not None else "—",
                action=str(ACTION_LABELS.get(entry.action, entry.action)),
                subject=subjects.get((entry.object_type, entry.object_id), ""),
                details=details,
                reason=entry.note if entry.object_type in ("user", "invitation") else "",
            )
        )
    return rows
