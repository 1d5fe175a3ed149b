"""Reading the program's records: the advocacy log with its filters, and the knowledge-sharing page's
events (from outreach) beside the evaluations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from bettertogether.directory.door import Organization
from bettertogether.outreach.door import KnowledgeEvent, knowledge_sharing_events

from .models import AdvocacyEntry, Evaluation


@dataclass(frozen=True)
class AdvocacyFilters:
    kind: str = ""
    organization_id: str = ""
    q: str = ""
    since: dt.date | None = None
    until: dt.date | None = None

    @classmethod
    def from_cleaned(cls, data: dict[str, Any]) -> AdvocacyFilters:
        return cls(
            kind=data.get("kind") or "",
            organization_id=data.get("organization") or "",
            q=(data.get("q") or "").strip(),
            since=data.get("since"),
            until=data.get("until"),
        )


def advocacy_log(filters: AdvocacyFilters) -> QuerySet[AdvocacyEntry]:
    qs = AdvocacyEntry.objects.prefetch_related("organizations")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.organization_id:
        qs = qs.filter(organizations__pk=filters.organization_id)
    if filters.q:
        qs = qs.filter(Q(body__icontains=filters.q) | Q(subject__icontains=filters.q))
    if filters.since:
        qs = qs.filter(held_on__gte=filters.since)
    if filters.until:
        qs = qs.filter(held_on__lte=filters.until)
    return qs.distinct()


def evaluations() -> QuerySet[Evaluation]:
    return Evaluation.objects.prefetch_related("organizations")


def knowledge_events() -> list[KnowledgeEvent]:
    return knowledge_sharing_events()


def partner_choices() -> list[tuple[str, str]]:
    """(id, name) of the program's partners: flagged in the directory or holding an agreement."""
    orgs = Organization.objects.filter(Q(is_program_partner=True) | Q(sub_agreements__isnull=False)).distinct()
    return [(str(pk), name) for pk, name in orgs.order_by("name").values_list("pk", "name")]
