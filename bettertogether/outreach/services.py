"""Writes on events: register, cancel, promote from the waiting list, record attendance, save events.

Each function owns its transaction and takes plain values (never a request), so views, the admin,
commands and tests share one path. Counts on Event are recomputed here and survive the purge.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from bettertogether.core.geocode import locate
from bettertogether.core.users import Account

from .models import Attendance, Event, Registration
from .reach import person_key


class RegistrationClosed(Exception):
    """The event is past, cancelled, unpublished or closed to registration."""


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    token: str  # shown once to the person, for the cancellation link; only its hash is stored
    waitlisted: bool


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def refresh_counts(event: Event) -> None:
    """Store the live counts on the event (kept after personal data is purged)."""
    if event.attendees_purged_at is not None:
        return
    counts = event.registrations.aggregate(
        confirmed=Count("id", filter=Q(status=Registration.Status.CONFIRMED)),
        waitlisted=Count("id", filter=Q(status=Registration.Status.WAITLISTED)),
    )
    event.registered_count = counts["confirmed"]
    event.waitlisted_count = counts["waitlisted"]
    event.attended_count = event.attendances.count()
    Event.objects.filter(pk=event.pk).update(
        registered_count=event.registered_count,
        waitlisted_count=event.waitlisted_count,
        attended_count=event.attended_count,
    )


def can_register(event: Event, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return event.is_published and event.registration_open and not event.is_cancelled and event.ends_at > now


def register(
    event_id: Any,
    *,
    name: str,
    phone: str = "",
    email: str = "",
    consent_text: str,
    language: str = "",
    now: datetime | None = None,
) -> RegistrationResult:
    """Take a place at the event, or a place on its waiting list when it is full."""
    now = now or timezone.now()
    with transaction.atomic():
        # Lock the event row so two people cannot take the last place at once.
        event = Event.objects.select_for_update().get(pk=event_id)
        if not can_register(event, now):
            raise RegistrationClosed
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        full = event.capacity is not None and confirmed >= event.capacity
        token = secrets.token_urlsafe(32)
        registration = Registration.objects.create(
            event=event,
            name=name.strip(),
            phone=phone.strip(),
            email=email.strip(),
            status=Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED,
            token_hash=hash_token(token),
            consent_text=consent_text,
            consented_at=now,
            language=language,
        )
        refresh_counts(event)
    return RegistrationResult(registration=registration, token=token, waitlisted=full)


def registration_for_token(token: str) -> Registration | None:
    if not token or len(token) > 100:
        return None
    return Registration.objects.select_related("event").filter(token_hash=hash_token(token)).first()


def cancel(token: str, now: datetime | None = None) -> Registration | None:
    """Cancel the registration the token belongs to and promote the first person waiting.

    Returns the promoted registration, if any. Cancelling twice is harmless.
    """
    now = now or timezone.now()
    with transaction.atomic():
        registration = registration_for_token(token)
        if registration is None or registration.status == Registration.Status.CANCELLED:
            return None
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        # Keep no more than needed: a cancelled place needs no contact details.
        registration.phone = ""
        registration.email = ""
        registration.save(update_fields=["status", "cancelled_at", "phone", "email"])
        promoted = _promote(event, now) if was_confirmed else None
        refresh_counts(event)
    return promoted


def _promote(event: Event, now: datetime) -> Registration | None:
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    if event.capacity is not None and confirmed >= event.capacity:
        return None
    waiting = event.registrations.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "id").first()
    if waiting is None:
        return None
    waiting.status = Registration.Status.CONFIRMED
    waiting.promoted_at = now
    waiting.save(update_fields=["status", "promoted_at"])
    return waiting


def promote_waiting(event_id: Any, now: datetime | None = None) -> list[Registration]:
    """Fill places freed by a capacity increase from the waiting list, first come first served."""
    now = now or timezone.now()
    promoted: list[Registration] = []
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        while (registration := _promote(event, now)) is not None:
            promoted.append(registration)
        refresh_counts(event)
    return promoted


def record_attendance(
    event_id: Any,
    *,
    present_registration_ids: list[int],
    walk_ins: list[dict[str, str]] | None = None,
    anonymous_count: int | None = None,
    recorded_by: Account | None = None,
) -> dict[str, int]:
    """Set who was present: registrations ticked on the list, walk-ins (hashed at once), a head count.

    Re-running with a different list replaces the registered part; walk-ins are added.
    """
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        organization_id = str(event.organization_id)
        wanted = set(
            event.registrations.filter(pk__in=present_registration_ids)
            .exclude(status=Registration.Status.CANCELLED)
            .values_list("pk", flat=True)
        )
        event.attendances.filter(registration__isnull=False).exclude(registration_id__in=wanted).delete()
        already = set(event.attendances.filter(registration_id__in=wanted).values_list("registration_id", flat=True))
        for registration in event.registrations.filter(pk__in=wanted - already):
            Attendance.objects.create(
                event=event,
                registration=registration,
                person_key=person_key(
                    phone=registration.phone,
                    email=registration.email,
                    name=registration.name,
                    organization_id=organization_id,
                ),
                recorded_by=recorded_by,
            )
        added = 0
        for walk_in in walk_ins or []:
            if not any((walk_in.get(k) or "").strip() for k in ("name", "phone", "email")):
                continue
            Attendance.objects.create(
                event=event,
                person_key=person_key(
                    phone=walk_in.get("phone", ""),
                    email=walk_in.get("email", ""),
                    name=walk_in.get("name", ""),
                    organization_id=organization_id,
                ),
                recorded_by=recorded_by,
            )
            added += 1
        if anonymous_count is not None:
            event.anonymous_attendees = max(anonymous_count, 0)
            Event.objects.filter(pk=event.pk).update(anonymous_attendees=event.anonymous_attendees)
        refresh_counts(event)
    return {
        "registered_present": len(wanted),
        "walk_ins_added": added,
        "anonymous": event.anonymous_attendees,
        "attended": event.attended_count,
    }


def save_event(event: Event, *, geocode_address: bool = True) -> Event:
    """Save an event, placing its address on the map when it has no point yet."""
    if geocode_address and event.address and not event.has_point:
        point = locate(event.address, province=event.province or None)
        if point is not None:
            event.latitude, event.longitude = point.latitude, point.longitude
    with transaction.atomic():
        event.save()
        if event.capacity is not None or event.registrations.filter(status=Registration.Status.WAITLISTED).exists():
            promote_waiting(event.pk)
    return event
