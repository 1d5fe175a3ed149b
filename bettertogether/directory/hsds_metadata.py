"""HSDS `metadata` (the audit trail) from the directory's change log, and rows kept from imports.

Every write to a service or location records a ChangeLog entry ({field: [old, new]}, services.py).
Each changed field becomes one HSDS metadata object: resource_id/resource_type the record,
last_action_date the day, last_action_type the action (`update`), field_name the HSDS field,
previous_value and replacement_value the display values.

Only fields the public API shows are published: a field that is not an HSDS field of that record
(a staff note, an internal flag) is never served, whatever the change log holds. `updated_by` names
the editor's organization (partner staff belong to exactly one), or `Better Together` for the
platform's coordinators: people's names and e-mail addresses stay out of the public API.
Translated fields are `name` for English and `name:fr` (`:es`, `:tl`) for a translation.
"""

from __future__ import annotations

import contextlib
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from bettertogether.core.languages import CONTENT_LANGUAGES

from .hsds_tables import BASE_LANGUAGE, TABLE
from .models import ChangeLog

Doc = dict[str, Any]
PLATFORM = "Better Together"
_NAMESPACE = uuid.UUID("2f0b7f0e-8a52-4c1b-9a39-5d0b6f7d1c11")
# Change-log keys that are not columns of the record's own table, and the HSDS field they concern.
_RELATED = {
    "service": {"categories": "attributes", "languages": "languages", "phone": "phones", "hours": "schedules"},
    "location": {
        "address_1": "address.address_1",
        "address_2": "address.address_2",
        "city": "address.city",
        "state_province": "address.state_province",
        "postal_code": "address.postal_code",
    },
}


def field_name(object_type: str, key: str) -> str | None:
    """The published name of a change-log key, or None when the field is not public HSDS."""
    base, _, lang = key.rpartition("_")
    if base and lang in CONTENT_LANGUAGES and base in TABLE[object_type].columns:
        return base if lang == BASE_LANGUAGE else f"{base}:{lang}"
    if key in TABLE[object_type].columns and key not in ("id", "last_modified"):
        return key
    related = _RELATED.get(object_type, {})
    head = key.split(" ", 1)[0]
    return related.get(key) or related.get(head)


def _updated_by(entry: ChangeLog) -> str:
    membership = getattr(entry.user, "membership", None) if entry.user_id else None
    return membership.organization.name if membership is not None else PLATFORM


_LOADED: ContextVar[dict[tuple[str, str], list[ChangeLog]] | None] = ContextVar("hsds_changelog", default=None)


@contextlib.contextmanager
def whole_change_log() -> Iterator[None]:
    """Read the change log once for many documents (an export) instead of once per record."""
    loaded: dict[tuple[str, str], list[ChangeLog]] = defaultdict(list)
    entries = ChangeLog.objects.filter(object_type__in=list(_RELATED)).select_related("user__membership__organization")
    for entry in entries.order_by("created_at", "id").iterator(chunk_size=2000):
        loaded[(entry.object_type, entry.object_id)].append(entry)
    token = _LOADED.set(loaded)
    try:
        yield
    finally:
        _LOADED.reset(token)


def changelog_metadata(object_type: str, object_id: object) -> list[Doc]:
    """The published change-log entries of one service or location, oldest first."""
    if object_type not in _RELATED:
        return []
    loaded = _LOADED.get()
    if loaded is not None:
        entries: Any = loaded.get((object_type, str(object_id)), [])
    else:
        entries = (
            ChangeLog.objects.filter(object_type=object_type, object_id=str(object_id))
            .select_related("user__membership__organization")
            .order_by("created_at", "id")
        )
    docs = []
    for entry in entries:
        action = entry.action.rpartition(".")[2]
        for key, values in sorted((entry.changes or {}).items()):
            name = field_name(object_type, key)
            if name is None or not isinstance(values, list) or len(values) != 2:
                continue
            docs.append(
                {
                    "id": str(uuid.uuid5(_NAMESPACE, f"{entry.pk}:{key}")),
                    "resource_id": str(object_id),
                    "resource_type": object_type,
                    "last_action_date": entry.created_at.date().isoformat(),
                    "last_action_type": action,
                    "field_name": name,
                    "previous_value": str(values[0]),
                    "replacement_value": str(values[1]),
                    "updated_by": _updated_by(entry),
                }
            )
    return docs
