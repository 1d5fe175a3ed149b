"""Queries behind the public calendar and the resources library (plain arguments, querysets out)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet

from bettertogether.core.languages import CONTENT_LANGUAGES
from bettertogether.core.provinces import Province
from bettertogether.directory.door import TaxonomyTerm

from .models import Event, EventKind, EventQuerySet, Resource, ResourceKind, ResourceVersion


@dataclass(frozen=True)
class EventFilters:
    province: str = ""
    kind: str = ""

    @classmethod
    def from_query(cls, params: dict[str, str]) -> "EventFilters":
        province = (params.get("province") or "").upper()
        kind = params.get("kind") or ""
        return cls(
            province=province if province in Province.values else "",
            kind=kind if kind in EventKind.values else "",
        )


def public_events(filters: EventFilters, *, past: bool = False, now: datetime | None = None) -> QuerySet[Event]:
    events: EventQuerySet = Event.objects.public().select_related("organization")
    events = events.past(now) if past else events.upcoming(now)
    if filters.province:
        events = events.filter(province=filters.province)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    return events


@dataclass(frozen=True)
class ResourceFilters:
    q: str = ""
    language: str = ""
    topic: str = ""
    province: str = ""
    kind: str = ""

    @classmethod
    def from_query(cls, params: dict[str, str]) -> "ResourceFilters":
        province = (params.get("province") or "").upper()
        kind = params.get("kind") or ""
        return cls(
            q=(params.get("q") or "").strip()[:100],
            language=(params.get("language") or "").strip()[:10],
            topic=(params.get("topic") or "").strip()[:100],
            province=province if province in Province.values else "",
            kind=kind if kind in ResourceKind.values else "",
        )


_TEXT_FIELDS = tuple(f"{field}_{lang}" for field in ("title", "summary") for lang in CONTENT_LANGUAGES)


def search_resources(filters: ResourceFilters) -> QuerySet[Resource]:
    """Published resources matching every filter. A language keeps only the versions in it."""
    resources = Resource.objects.filter(is_published=True)
    versions = ResourceVersion.objects.order_by("language")
    if filters.language:
        resources = resources.filter(versions__language=filters.language)
        versions = versions.filter(language=filters.language)
    if filters.topic:
        # A top-level topic matches its children too.
        resources = resources.filter(Q(topics__code=filters.topic) | Q(topics__parent__code=filters.topic))
    if filters.province:
        resources = resources.filter(Q(provinces="") | Q(provinces__contains=f",{filters.province},"))
    if filters.kind:
        resources = resources.filter(kind=filters.kind)
    if filters.q:
        match = Q()
        for word in filters.q.split()[:6]:
            word_q = Q(publisher__icontains=word) | Q(versions__title__icontains=word)
            for field in _TEXT_FIELDS:
                word_q |= Q(**{f"{field}__icontains": word})
            match &= word_q
        resources = resources.filter(match)
    return resources.distinct().prefetch_related(Prefetch("versions", queryset=versions), "topics").order_by("title")


def resource_languages() -> list[str]:
    """Languages of published resources only: a draft's filters must not show before it does."""
    versions = ResourceVersion.objects.filter(resource__is_published=True)
    return list(versions.values_list("language", flat=True).distinct().order_by("language"))


def topic_choices() -> QuerySet[TaxonomyTerm]:
    """Top-level topics that have at least one published resource (directly or through a child)."""
    return (
        TaxonomyTerm.objects.filter(parent__isnull=True)
        .filter(Q(resources__is_published=True) | Q(children__resources__is_published=True))
        .distinct()
        .order_by("sort_order", "code")
    )
