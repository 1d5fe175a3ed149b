"""How many people the program's events reached: unique people, separately from contacts.

Door for other apps (the program's results dashboard): ``reach(period, org) -> Reach``.

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

from __future__ import annotations

import hashlib
import hmac
import re
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone

from bettertogether.core.periods import Period
from bettertogether.core.text import fold

from .models import Attendance, Event

if TYPE_CHECKING:
    from bettertogether.directory.door import Organization


@dataclass
class Tally:
    """Events and contacts of one kind of event."""

    events: int = 0
    contacts: int = 0


@dataclass
class ProvinceReach(Tally):
    """Events, contacts and unique people (counted within the province) of one province."""

    unique_people: int = 0


@dataclass(frozen=True)
class Reach:
    period: Period
    organization: str | None  # the organizing organization's id, or None for all
    events: int
    registrations: int
    contacts: int
    unique_people: int
    identified_unique_people: int
    by_province: dict[str, ProvinceReach] = field(default_factory=dict)
    by_kind: dict[str, Tally] = field(default_factory=dict)


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


def reach(period: Period, org: Organization | uuid.UUID | None = None) -> Reach:
    """Events held in the period (by start), optionally for one organizing organization.

    Returns events, registrations, contacts, unique_people, and per-province and per-kind
    breakdowns of events and contacts (per province also unique_people, counted within the
    province). Dates are whole days in the platform's time zone, the end date included.
    """
    start, end = period.bounds(timezone.get_default_timezone())
    org_id = org if org is None or isinstance(org, uuid.UUID) else org.pk
    events = Event.objects.filter(starts_at__gte=start, starts_at__lt=end, is_cancelled=False)
    if org_id is not None:
        events = events.filter(organization_id=org_id)
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

    by_province: dict[str, ProvinceReach] = {}
    by_kind: dict[str, Tally] = {}
    for row in events.values("province", "kind").annotate(
        n=Count("id"), attended=Sum("attended_count"), anonymous=Sum("anonymous_attendees")
    ):
        here_contacts = (row["attended"] or 0) + (row["anonymous"] or 0)
        province = by_province.setdefault(row["province"], ProvinceReach())
        kind = by_kind.setdefault(row["kind"], Tally())
        for tally in (province, kind):
            tally.events += row["n"]
            tally.contacts += here_contacts
        province.unique_people += row["anonymous"] or 0
    for code, entry in by_province.items():
        # Unique within the province: one person at events in two provinces counts in each.
        here = attendances.filter(event__province=code)
        entry.unique_people += (
            here.exclude(person_key="").values("person_key").distinct().count() + here.filter(person_key="").count()
        )

    return Reach(
        period=period,
        organization=str(org_id) if org_id is not None else None,
        events=totals["n"] or 0,
        registrations=totals["registered"] or 0,
        contacts=contacts,
        unique_people=keyed.values("person_key").distinct().count() + unkeyed + anonymous,
        identified_unique_people=keyed.values("person_key").distinct().count(),
        by_province=by_province,
        by_kind=by_kind,
    )
