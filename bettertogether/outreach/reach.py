"""How many people the program's events reached: unique people, separately from contacts.

Door for other apps (the program's results dashboard): ``reach(period, org) -> dict``.

* A **contact** is one person present at one event: every Attendance row, plus each event's
  anonymous head count.
* **Unique people** deduplicates contacts across events by ``person_key``: an HMAC-SHA256, keyed
  with settings.BT_REACH_KEY (default: derived from SECRET_KEY), of the strongest identifier given:
    1. the phone number, digits only, North-American numbers with the leading 1 ("p:15065551234");
    2. else the e-mail address, trimmed and lower-cased ("e:ana@example.org");
    3. else the name or alias, accents removed, case-folded, spaces collapsed — and, because names
       collide, scoped to the organizing organization ("n:<org id>:ana lopez").
  Contacts with no identifier (anonymous head counts, empty walk-ins) each count as one person,
  so unique people is an upper bound there. One person who gives a phone at one event and only an
  e-mail at another is counted twice: the key never links identifiers.
The key is one-way and keyed, holds no name or contact, and survives the purge of registrations so
the yearly figures stay right; raw identifiers are never stored beside it.
"""

import hashlib
import hmac
import re
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone

from bettertogether.core.text import fold

from .models import Attendance, Event

Period = tuple[date | datetime, date | datetime]


def _key() -> bytes:
    explicit = getattr(settings, "BT_REACH_KEY", "")
    if explicit:
        return explicit.encode()
    return hashlib.sha256(b"bettertogether.outreach.reach:" + settings.SECRET_KEY.encode()).digest()


def normalise_phone(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) == 10:
        digits = "1" + digits
    return digits if len(digits) >= 7 else ""


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    return email if "@" in email else ""


def normalise_name(name: str) -> str:
    return " ".join(fold(name or "").split())


def person_key(*, phone: str = "", email: str = "", name: str = "", organization_id: str = "") -> str:
    """The keyed hash identifying a person across events, or '' when nothing identifies them."""
    if p := normalise_phone(phone):
        material = f"p:{p}"
    elif e := normalise_email(email):
        material = f"e:{e}"
    elif n := normalise_name(name):
        material = f"n:{organization_id}:{n}"
    else:
        return ""
    return hmac.new(_key(), material.encode(), hashlib.sha256).hexdigest()


def _bounds(period: Period) -> tuple[datetime, datetime]:
    """Period as [start, end): dates are whole days in the platform's time zone, end date included."""
    start, end = period
    tz = timezone.get_default_timezone()
    if not isinstance(start, datetime):
        start = datetime.combine(start, time.min, tzinfo=tz)
    if not isinstance(end, datetime):
        end = datetime.combine(end, time.min, tzinfo=tz) + timedelta(days=1)
    return start, end


def reach(period: Period, org: Any = None) -> dict[str, Any]:
    """Events held in the period (by start), optionally for one organizing organization.

    Returns plain data: events, registrations, contacts, unique_people, and per-province and
    per-kind breakdowns of events and contacts (per province also unique_people, counted within
    the province).
    """
    start, end = _bounds(period)
    events = Event.objects.filter(starts_at__gte=start, starts_at__lt=end, is_cancelled=False)
    if org is not None:
        events = events.filter(organization_id=getattr(org, "pk", org))
    totals = events.aggregate(
        n=Count("id"),
        registered=Sum("registered_count"),
        anonymous=Sum("anonymous_attendees"),
        attended=Sum("attended_count"),
    )
    attendances = Attendance.objects.filter(event__in=events)
    keyed = attendances.exclude(person_key="")
    anonymous = totals["anonymous"] or 0
    unkeyed = attendances.filter(person_key="").count()
    contacts = (totals["attended"] or 0) + anonymous

    by_province: dict[str, dict[str, int]] = {}
    by_kind: dict[str, dict[str, int]] = {}
    for row in events.values("province", "kind").annotate(
        n=Count("id"), attended=Sum("attended_count"), anonymous=Sum("anonymous_attendees")
    ):
        for table, key in ((by_province, row["province"]), (by_kind, row["kind"])):
            entry = table.setdefault(key, {"events": 0, "contacts": 0})
            entry["events"] += row["n"]
            entry["contacts"] += (row["attended"] or 0) + (row["anonymous"] or 0)
        by_province[row["province"]].setdefault("unique_people", 0)
        by_province[row["province"]]["unique_people"] += row["anonymous"] or 0
    for province, entry in by_province.items():
        # Unique within the province: one person at events in two provinces counts in each.
        here = attendances.filter(event__province=province)
        entry["unique_people"] += (
            here.exclude(person_key="").values("person_key").distinct().count() + here.filter(person_key="").count()
        )

    return {
        "period": (start.isoformat(), end.isoformat()),
        "organization": str(getattr(org, "pk", org)) if org is not None else None,
        "events": totals["n"] or 0,
        "registrations": totals["registered"] or 0,
        "contacts": contacts,
        "unique_people": keyed.values("person_key").distinct().count() + unkeyed + anonymous,
        "identified_unique_people": keyed.values("person_key").distinct().count(),
        "by_province": by_province,
        "by_kind": by_kind,
    }
