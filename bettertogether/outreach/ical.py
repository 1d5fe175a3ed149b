"""iCalendar (RFC 5545) feeds: all public events, one organization's, or a single event.

Times are written in America/Halifax with a VTIMEZONE covering the events' years, so calendars
show Atlantic time and convert correctly; DTSTAMP is UTC. UIDs are stable: <event uuid>@<domain>.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone

from .models import Event

ATLANTIC = "America/Halifax"
PRODID = "-//Better Together//Events//EN"


def event_uid(event: Event, domain: str) -> str:
    return f"{event.pk}@{domain}"


def build_calendar(
    events: Iterable[Event],
    *,
    name: str,
    domain: str,
    base_url: str,
    lang: str = "en",
    now: datetime | None = None,
) -> bytes:
    """The feed as bytes. `base_url` (scheme://host) and `lang` make each event's page URL absolute."""
    tz = ZoneInfo(ATLANTIC)
    stamp = (now or timezone.now()).astimezone(UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", ATLANTIC)
    events = list(events)
    if events:
        # The VTIMEZONE comes first and covers only the years the events fall in.
        years = [e.starts_at.astimezone(tz).year for e in events] + [e.ends_at.astimezone(tz).year for e in events]
        cal.add_component(
            icalendar.Timezone.from_tzid(
                ATLANTIC, first_date=date(min(years), 1, 1), last_date=date(max(years) + 1, 1, 1)
            )
        )
    for event in events:
        vevent = icalendar.Event()
        vevent.add("uid", event_uid(event, domain))
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", event.starts_at.astimezone(tz))
        vevent.add("dtend", event.ends_at.astimezone(tz))
        vevent.add("summary", event.title)
        page = f"{base_url}/{lang}/events/{event.pk}/"
        vevent.add("description", f"{event.description}\n\n{page}".strip())
        vevent.add("url", page)
        vevent.add("location", _location(event))
        if event.has_point:
            vevent.add("geo", (event.latitude, event.longitude))
        vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
        vevent.add("categories", [event.get_kind_display()])
        if event.organization.email:
            vevent.add("organizer", f"mailto:{event.organization.email}", parameters={"CN": event.organization.name})
        vevent.add("last-modified", event.updated_at.astimezone(UTC))
        cal.add_component(vevent)
    calendar: bytes = cal.to_ical()
    return calendar


def _location(event: Event) -> str:
    parts = [p for p in (event.place_name, event.address) if p]
    if event.online_url:
        parts.append(event.online_url)
    return ", ".join(parts)
