"""Retention of attendee data: registrations are deleted BT_ATTENDEE_RETENTION_DAYS after the event.

Called by the `purge_expired` command through core.retention (each app's `purge(now, dry_run)`).
The event keeps its registered, waiting-list and attended counts; attendance rows keep only their
keyed hash (reach.py), which holds no name or contact.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from .models import Event, Registration
from .services import refresh_counts

DEFAULT_RETENTION_DAYS = 30


def retention_days() -> int:
    return int(getattr(settings, "BT_ATTENDEE_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def purge(now: datetime, dry_run: bool = False) -> dict[str, int]:
    cutoff = now - timedelta(days=retention_days())
    event_ids = list(
        Event.objects.filter(ends_at__lt=cutoff, registrations__isnull=False).values_list("pk", flat=True).distinct()
    )
    registrations = Registration.objects.filter(event_id__in=event_ids)
    result = {"events": len(event_ids), "registrations": registrations.count()}
    if dry_run:
        return result
    with transaction.atomic():
        # No DISTINCT here: PostgreSQL refuses FOR UPDATE with it.
        for event in Event.objects.filter(pk__in=event_ids).select_for_update():
            refresh_counts(event)  # freeze the counts before the rows go
            Registration.objects.filter(event=event).delete()
            Event.objects.filter(pk=event.pk).update(attendees_purged_at=now)
    return result
