import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from bettertogether.outreach import retention, services
from bettertogether.outreach.models import Attendance, Event, Registration

from .factories import EventFactory

pytestmark = pytest.mark.django_db


def _register(event: Event, name: str, **kw: str) -> services.RegistrationResult:
    return services.register(event.pk, name=name, consent_text="consent shown", **kw)


def test_registration_confirms_until_capacity_then_waitlists() -> None:
    event = EventFactory(capacity=2)
    a, b, c = (_register(event, n) for n in ("Ana", "Ben", "Chen"))
    assert [a.waitlisted, b.waitlisted, c.waitlisted] == [False, False, True]
    event.refresh_from_db()
    assert (event.registered_count, event.waitlisted_count, event.spots_left) == (2, 1, 0)
    assert c.registration.status == Registration.Status.WAITLISTED
    assert a.registration.consent_text == "consent shown"
    assert a.registration.consented_at is not None


def test_cancel_promotes_first_waiting_person() -> None:
    event = EventFactory(capacity=1)
    first = _register(event, "Ana")
    second = _register(event, "Ben")
    third = _register(event, "Chen")
    promoted = services.cancel(first.token)
    assert promoted is not None and promoted.pk == second.registration.pk
    statuses = dict(Registration.objects.values_list("name", "status"))
    assert statuses == {"Ana": "cancelled", "Ben": "confirmed", "Chen": "waitlisted"}
    event.refresh_from_db()
    assert (event.registered_count, event.waitlisted_count) == (1, 1)
    # Cancelling again changes nothing and promotes nobody.
    assert services.cancel(first.token) is None
    assert Registration.objects.get(pk=third.registration.pk).status == "waitlisted"


def test_cancelling_a_waitlisted_place_promotes_nobody() -> None:
    event = EventFactory(capacity=1)
    _register(event, "Ana")
    waiting = _register(event, "Ben")
    assert services.cancel(waiting.token) is None
    event.refresh_from_db()
    assert (event.registered_count, event.waitlisted_count) == (1, 0)


def test_cancel_clears_contact_details() -> None:
    event = EventFactory()
    result = _register(event, "Ana", phone="902 555 0101", email="ana@example.org")
    services.cancel(result.token)
    registration = Registration.objects.get(pk=result.registration.pk)
    assert (registration.phone, registration.email) == ("", "")


def test_token_is_stored_only_as_hash() -> None:
    event = EventFactory()
    result = _register(event, "Ana")
    assert result.token not in result.registration.token_hash
    assert len(result.token) >= 40
    assert services.registration_for_token(result.token).pk == result.registration.pk
    assert services.registration_for_token("not-a-token") is None


def test_raising_capacity_promotes_waiting_people() -> None:
    event = EventFactory(capacity=1)
    _register(event, "Ana")
    _register(event, "Ben")
    _register(event, "Chen")
    event.capacity = 3
    services.save_event(event, geocode_address=False)
    event.refresh_from_db()
    assert (event.registered_count, event.waitlisted_count) == (3, 0)


@pytest.mark.parametrize(
    "change",
    [
        {"is_cancelled": True},
        {"registration_open": False},
        {"is_published": False},
        {"starts_at": timezone.now() - dt.timedelta(days=2), "ends_at": timezone.now() - dt.timedelta(days=1)},
    ],
)
def test_closed_events_refuse_registration(change: dict) -> None:
    event = EventFactory(**change)
    with pytest.raises(services.RegistrationClosed):
        _register(event, "Ana")


def _past_event_with_people(days_ago: int) -> Event:
    start = timezone.now() - dt.timedelta(days=days_ago)
    event = EventFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2), capacity=2)
    now = start - dt.timedelta(days=3)
    regs = [
        services.register(event.pk, name=n, phone=p, consent_text="c", now=now)
        for n, p in [("Ana", "902-555-0101"), ("Ben", ""), ("Chen", "")]
    ]
    services.record_attendance(
        event.pk, present_registration_ids=[regs[0].registration.pk, regs[1].registration.pk], anonymous_count=4
    )
    return event


def test_purge_dry_run_deletes_nothing_and_real_purge_keeps_counts(settings) -> None:
    settings.BT_ATTENDEE_RETENTION_DAYS = 30
    old = _past_event_with_people(days_ago=45)
    recent = _past_event_with_people(days_ago=10)
    now = timezone.now()

    assert retention.purge(now, dry_run=True) == {"events": 1, "registrations": 3}
    assert Registration.objects.filter(event=old).count() == 3

    assert retention.purge(now) == {"events": 1, "registrations": 3}
    old.refresh_from_db()
    assert Registration.objects.filter(event=old).count() == 0
    assert Registration.objects.filter(event=recent).count() == 3
    assert (old.registered_count, old.waitlisted_count, old.attended_count, old.anonymous_attendees) == (2, 1, 2, 4)
    assert old.attendees_purged_at is not None
    # Attendance survives as keyed hashes only, with no link to a person.
    assert Attendance.objects.filter(event=old, registration__isnull=True).count() == 2
    assert retention.purge(now) == {"events": 0, "registrations": 0}


def test_purge_expired_command_runs_every_registered_purger(settings, capsys) -> None:
    settings.BT_ATTENDEE_RETENTION_DAYS = 30
    _past_event_with_people(days_ago=45)
    call_command("purge_expired", "--dry-run")
    out = capsys.readouterr().out
    assert '"app": "outreach"' in out and '"dry_run": true' in out and '"registrations": 3' in out
    assert Registration.objects.count() == 3
    call_command("purge_expired")
    assert Registration.objects.count() == 0
