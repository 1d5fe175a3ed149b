"""Knowledge-sharing events (outreach events of that kind) as the program office sees them: plain
typed rows, and the one write the program's demo data needs. The program reaches them only here."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse

from .models import Event, EventKind


@dataclass(frozen=True)
class KnowledgeEvent:
    id: uuid.UUID
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    organization: str
    province: str
    online: bool
    attended: int  # registered people marked present plus the head count
    published: bool
    manage_url: str


def _row(event: Event) -> KnowledgeEvent:
    return KnowledgeEvent(
        id=event.pk,
        title=str(event.title),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        organization=str(event.organization.name),
        province=event.province,
        online=bool(event.online_url),
        attended=event.attended_count + event.anonymous_attendees,
        published=event.is_published,
        manage_url=reverse("outreach:manage_edit", args=[event.pk]),
    )


def knowledge_sharing_events(start: dt.date | None = None, end: dt.date | None = None) -> list[KnowledgeEvent]:
    """The knowledge-sharing events, latest first, optionally those starting from `start` to `end`."""
    qs = Event.objects.filter(kind=EventKind.KNOWLEDGE_SHARING, is_cancelled=False).select_related("organization")
    if start is not None:
        qs = qs.filter(starts_at__date__gte=start)
    if end is not None:
        qs = qs.filter(starts_at__date__lte=end)
    return [_row(e) for e in qs.order_by("-starts_at")]


def knowledge_sharing_choices() -> list[tuple[str, str]]:
    """(id, "date · title") of every knowledge-sharing event, for a form's select."""
    return [(str(e.id), f"{e.starts_at.date().isoformat()} · {e.title}") for e in knowledge_sharing_events()]


@dataclass(frozen=True)
class KnowledgeEventInput:
    organization_id: uuid.UUID
    province: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    titles: dict[str, str]  # per content language
    descriptions: dict[str, str]
    languages: tuple[str, ...] = ("en", "fr")
    place_name: str = ""
    online_url: str = ""


def save_knowledge_event(event_id: uuid.UUID, data: KnowledgeEventInput) -> KnowledgeEvent:
    """Create or update a past knowledge-sharing event (registration closed). Its attendance, partner
    staff, is not entered here: outreach's reach counts event attendance as workers reached."""
    with transaction.atomic():
        event = Event.objects.filter(pk=event_id).first() or Event(pk=event_id)
        event.kind = EventKind.KNOWLEDGE_SHARING
        event.organization_id = data.organization_id
        event.province = data.province
        event.starts_at, event.ends_at = data.starts_at, data.ends_at
        event.languages = list(data.languages)
        event.place_name, event.online_url = data.place_name, data.online_url
        event.registration_open = False
        event.is_published = True
        for lang, text in data.titles.items():
            setattr(event, f"title_{lang}", text)
        for lang, text in data.descriptions.items():
            setattr(event, f"description_{lang}", text)
        event.title = data.titles["en"]
        event.save()
        return _row(Event.objects.select_related("organization").get(pk=event.pk))
