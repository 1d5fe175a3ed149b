import datetime as dt

import pytest
from django.utils import timezone

from bettertogether.core.periods import Period
from bettertogether.directory.tests.factories import OrganizationFactory
from bettertogether.outreach import services
from bettertogether.outreach.reach import ProvinceReach, Tally, normalise_phone, person_key, reach

from .factories import EventFactory

pytestmark = pytest.mark.django_db


def test_person_key_normalises_and_prefers_phone() -> None:
    assert person_key(phone="(902) 555-0101") == person_key(phone="1 902 555 0101", email="x@example.org")
    assert person_key(email=" Ana@Example.org ") == person_key(email="ana@example.org")
    assert person_key(name="José  Pérez", organization_id="o1") == person_key(name="jose perez", organization_id="o1")
    # Names alone are scoped to the organization: two "Ana"s at two organizations are two people.
    assert person_key(name="Ana", organization_id="o1") != person_key(name="Ana", organization_id="o2")
    assert person_key() == ""
    assert normalise_phone("555") == ""
    # The key is a keyed hash, never the identifier itself.
    assert "9025550101" not in person_key(phone="902-555-0101")


def _held(org, days_ago: int, **kw) -> object:
    start = timezone.now() - dt.timedelta(days=days_ago)
    return EventFactory(organization=org, starts_at=start, ends_at=start + dt.timedelta(hours=2), **kw)


def _attend(event, people: list[dict[str, str]], anonymous: int = 0) -> None:
    ids = []
    for person in people:
        r = services.register(event.pk, consent_text="c", now=event.starts_at - dt.timedelta(days=1), **person)
        ids.append(r.registration.pk)
    services.record_attendance(event.pk, present_registration_ids=ids, anonymous_count=anonymous)


def test_reach_counts_unique_people_separately_from_contacts() -> None:
    org, other = OrganizationFactory(), OrganizationFactory()
    first = _held(org, 20, province="NS")
    second = _held(org, 10, province="NB", kind="workshop")
    elsewhere = _held(other, 10)
    _attend(first, [{"name": "Ana", "phone": "902-555-0101"}, {"name": "Ben", "email": "ben@example.org"}], anonymous=3)
    _attend(
        second,
        [{"name": "Ana P.", "phone": "(902) 555 0101"}, {"name": "Ben", "email": "BEN@example.org"}, {"name": "Chen"}],
    )
    _attend(elsewhere, [{"name": "Dev", "phone": "506-555-0000"}])

    today = timezone.localdate()
    result = reach(Period(today - dt.timedelta(days=30), today), org)
    assert result.events == 2
    assert result.contacts == 2 + 3 + 3  # attendances plus the head count
    assert result.identified_unique_people == 3  # Ana and Ben counted once; Chen
    assert result.unique_people == 3 + 3
    # Unique people within each province: Ana and Ben count in both, the head count in Nova Scotia.
    assert result.by_province == {
        "NS": ProvinceReach(events=1, contacts=5, unique_people=2 + 3),
        "NB": ProvinceReach(events=1, contacts=3, unique_people=3),
    }
    assert result.by_kind["workshop"] == Tally(events=1, contacts=3)

    everyone = reach(Period(today - dt.timedelta(days=30), today))
    assert everyone.events == 3 and everyone.contacts == 9 and everyone.identified_unique_people == 4

    # The period bounds events by their start.
    assert reach(Period(today - dt.timedelta(days=15), today), org).events == 1
    assert reach(Period(today - dt.timedelta(days=5), today), org).contacts == 0


def test_attendance_can_be_corrected_and_walk_ins_added() -> None:
    event = _held(OrganizationFactory(), 1)
    regs = [
        services.register(event.pk, name=n, consent_text="c", now=event.starts_at - dt.timedelta(days=1))
        for n in ("Ana", "Ben")
    ]
    services.record_attendance(event.pk, present_registration_ids=[r.registration.pk for r in regs])
    event.refresh_from_db()
    assert event.attended_count == 2
    out = services.record_attendance(
        event.pk,
        present_registration_ids=[regs[0].registration.pk],
        walk_ins=[{"name": "", "phone": "", "email": ""}, {"name": "Walk In", "phone": "", "email": ""}],
    )
    event.refresh_from_db()
    assert out["walk_ins_added"] == 1
    assert event.attended_count == 2  # Ana + the walk-in; Ben unticked
    assert reach(Period(timezone.localdate() - dt.timedelta(days=3), timezone.localdate())).contacts == 2


def test_cancelled_events_do_not_count() -> None:
    org = OrganizationFactory()
    event = _held(org, 2)
    _attend(event, [{"name": "Ana"}])
    event.is_cancelled = True
    event.save()
    today = timezone.localdate()
    assert reach(Period(today - dt.timedelta(days=7), today), org).contacts == 0
