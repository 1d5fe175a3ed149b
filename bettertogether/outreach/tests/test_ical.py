import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from bettertogether.directory.tests.factories import OrganizationFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db
HALIFAX = ZoneInfo("America/Halifax")


def _parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_public_feed_parses_and_has_the_right_events(client: Client) -> None:
    # 14:00 Atlantic daylight time on 10 July = 17:00 UTC; 18:30 AST on 10 January = 22:30 UTC.
    year = timezone.localdate().year + 1
    summer = EventFactory(
        title_en="Summer session",
        starts_at=dt.datetime(year, 7, 10, 14, 0, tzinfo=HALIFAX),
        ends_at=dt.datetime(year, 7, 10, 16, 0, tzinfo=HALIFAX),
        latitude=45.08,
        longitude=-64.49,
    )
    winter = EventFactory(
        title_en="Winter session",
        starts_at=dt.datetime(year, 1, 10, 18, 30, tzinfo=HALIFAX),
        ends_at=dt.datetime(year, 1, 10, 20, 0, tzinfo=HALIFAX),
    )
    hidden = EventFactory(is_published=False)
    old = EventFactory(
        starts_at=timezone.now() - dt.timedelta(days=400), ends_at=timezone.now() - dt.timedelta(days=399)
    )

    cal = _parse(client.get("/events.ics"))
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {f"{summer.pk}@testserver", f"{winter.pk}@testserver"}
    assert str(hidden.pk) not in str(events) and str(old.pk) not in str(events)

    s = events[f"{summer.pk}@testserver"]
    assert str(s["SUMMARY"]) == "Summer session"
    assert s["DTSTART"].params["TZID"] == "America/Halifax"
    assert s.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(year, 7, 10, 17, 0, tzinfo=dt.UTC)
    w = events[f"{winter.pk}@testserver"]
    assert w.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(year, 1, 10, 22, 30, tzinfo=dt.UTC)
    assert w.decoded("DTEND").astimezone(dt.UTC) == dt.datetime(year, 1, 11, 0, 0, tzinfo=dt.UTC)
    assert s["DTSTAMP"].dt.tzinfo is not None and s["DTSTAMP"].dt.utcoffset() == dt.timedelta(0)
    assert (s["GEO"].latitude, s["GEO"].longitude) == (45.08, -64.49)
    assert f"/en/events/{summer.pk}/" in str(s["URL"])

    timezones = cal.walk("VTIMEZONE")
    assert [str(t["TZID"]) for t in timezones] == ["America/Halifax"]
    offsets = {sub.decoded("TZOFFSETTO") for sub in timezones[0].subcomponents}
    assert offsets == {dt.timedelta(hours=-3), dt.timedelta(hours=-4)}


def test_organization_feed_and_single_event(client: Client) -> None:
    org = OrganizationFactory()
    mine = EventFactory(organization=org)
    EventFactory()  # another organization's
    cal = _parse(client.get(f"/events/{org.pk}.ics"))
    assert [str(e["UID"]) for e in cal.walk("VEVENT")] == [f"{mine.pk}@testserver"]
    assert client.get("/events/00000000-0000-0000-0000-000000000000.ics").status_code == 404

    single = _parse(client.get(f"/en/events/{mine.pk}/calendar.ics"))
    assert [str(e["UID"]) for e in single.walk("VEVENT")] == [f"{mine.pk}@testserver"]


def test_feed_language_and_hostile_text_round_trip(client: Client) -> None:
    hostile = 'Session; "quoted", back\\slash\nnew line <script>alert(1)</script>'
    event = EventFactory(title_en="Rights", title_fr=hostile, description_en=hostile)
    cal = _parse(client.get("/events.ics?lang=fr"))
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == hostile
    assert str(vevent["DESCRIPTION"]).startswith(hostile)
    assert f"/fr/events/{event.pk}/" in str(vevent["URL"])
    cal_en = _parse(client.get("/events.ics?lang=en"))
    assert str(cal_en.walk("VEVENT")[0]["SUMMARY"]) == "Rights"


def test_empty_feed_is_valid(client: Client) -> None:
    cal = _parse(client.get("/events.ics"))
    assert cal.walk("VEVENT") == []
