"""What a search matches, one row per service (models.ServiceSearchText), kept in the transaction
that changes it: the folded text of its words in each content language, and the provinces it serves.

A save or delete of a service, its organization, its categories (or a category's name), its
service areas, its places or their addresses rewrites the rows it affects (signals below); a link
moved to another service or place rewrites both. The HSDS importers, which write in bulk without
signals, call `refresh()` with the services they touched. Each refresh first locks the services'
rows, so two transactions changing one service (say its name and its organization's) rewrite it
one after the other, the second reading what the first committed.

A search matches every word as a substring of the folded text, as before, with `LIKE` (on
PostgreSQL with pg_trgm, migration 0009, a trigram index answers it): the database, not a
per-process index, answers text and province searches; no build per worker, and never stale.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Model, OuterRef, Q
from django.db.models.signals import post_delete, post_save, pre_save

from bettertogether.core.batches import batches
from bettertogether.core.provinces import province_code
from bettertogether.core.text import fold

from . import models as m

LANGUAGES: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)
BASE = "en"  # every language's search matches English too
ROWS_AT_ONCE = 2000  # services whose rows are locked and written together
MAX_WORDS = 8


def column(lang: str) -> str:
    return f"text_{lang if lang in LANGUAGES else BASE}"


def words_of(q: str | None) -> list[str]:
    """The words a search must all match, folded as the texts are."""
    return [w for w in fold(q or "").split() if w][:MAX_WORDS]


def condition(words: Sequence[str], lang: str, *, province: str | None = None, scan: bool = False) -> Q:
    """SQL on a service: every word is in its text in `lang` or in English (a word holds no space, so
    it lies within one of the parts the texts join: matching either column is matching both joined),
    and it serves `province` (by a service area or a place's address).

    Two forms of one answer: checked service by service (the default, for the few services of a
    box of places), or, with `scan`, read once as the list of matching services (for a count or a
    list of the whole directory: 40 ms at 200,000 services on SQLite against 700 ms by the first).
    """
    columns = sorted({column(BASE), column(lang)})
    each = Q()
    for word in words:
        either = Q()
        for name in columns:
            either |= Q(**{f"{name}__contains": word})
        each &= either
    if province:
        each &= Q(provinces__contains=f" {province.upper()} ")
    if scan:
        return Q(pk__in=m.ServiceSearchText.objects.filter(each).values("service_id"))
    return Q(Exists(m.ServiceSearchText.objects.filter(each, service_id=OuterRef("pk"))))


class Models(NamedTuple):
    """The models read and written here: the app's own, or a migration's historical ones (0008)."""

    service: Any = m.Service
    attribute: Any = m.Attribute
    service_area: Any = m.ServiceArea
    address: Any = m.Address
    search_text: Any = m.ServiceSearchText


APP_MODELS = Models()


def rows_of(service_ids: Sequence[uuid.UUID], models: Models = APP_MODELS) -> dict[uuid.UUID, dict[str, str]]:
    """The row of each service, column by column. Its text in English: its English names and
    description, alternate names, its organization's, its categories'; in another language, those it
    has in that one. Its provinces: " NB NS " (the codes of its service areas and of its places'
    addresses, as the province filter has always read them)."""
    parts: dict[uuid.UUID, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    own = {
        BASE: ["name_en", "alternate_name", "description_en", "organization__name_en", "organization__alternate_name"]
    }
    own |= {
        lang: [f"name_{lang}", f"description_{lang}", f"organization__name_{lang}"]
        for lang in LANGUAGES
        if lang != BASE
    }
    fields = [f for names in own.values() for f in names]
    for row in models.service.objects.filter(id__in=service_ids).order_by().values("id", *fields):
        for lang, names in own.items():
            parts[row["id"]][lang] += [row[f] for f in names if row[f]]
    terms = [f"taxonomy_term__name_{lang}" for lang in LANGUAGES]
    for row in models.attribute.objects.filter(service_id__in=service_ids).order_by("id").values("service_id", *terms):
        for lang in LANGUAGES:
            value = row[f"taxonomy_term__name_{lang}"]
            if value and row["service_id"] in parts:
                parts[row["service_id"]][lang].append(value)
    served: dict[uuid.UUID, set[str]] = defaultdict(set)
    areas = models.service_area.objects.filter(service_id__in=service_ids).exclude(province="")
    for sid, code in areas.values_list("service_id", "province"):
        served[sid].add(code)
    addresses = models.address.objects.filter(location__service_at_locations__service_id__in=service_ids)
    for sid, text in addresses.values_list("location__service_at_locations__service_id", "state_province"):
        code = province_code(text or "")
        if code:
            served[sid].add(code)
    return {
        sid: {column(lang): fold(" | ".join(by_lang[lang])) for lang in LANGUAGES}
        | {"provinces": f" {' '.join(sorted(served[sid]))} " if served[sid] else ""}
        for sid, by_lang in parts.items()
    }


def refresh(service_ids: Iterable[uuid.UUID] | None = None, *, create: bool = True, models: Models = APP_MODELS) -> int:
    """Write again the rows of these services (all when None); how many were written.

    With create=False only rows that exist are written again: a link deleted along with its service
    must not bring back the row the service's deletion has just removed.
    """
    # Locked in one order everywhere: two refreshes of many services wait in turn, never deadlock.
    ids = sorted(models.service.objects.values_list("id", flat=True) if service_ids is None else set(service_ids))
    written = 0
    with transaction.atomic():
        for chunk in batches(ids, ROWS_AT_ONCE):
            # Lock first: a concurrent change to one of these services waits, then reads ours.
            locked = models.service.objects.select_for_update().filter(id__in=chunk).order_by("id")
            chunk = list(locked.values_list("id", flat=True))
            if not create:
                chunk = list(
                    models.search_text.objects.filter(service_id__in=chunk).values_list("service_id", flat=True)
                )
            if not chunk:
                continue
            rows = rows_of(chunk, models)
            models.search_text.objects.filter(service_id__in=chunk).delete()
            models.search_text.objects.bulk_create([models.search_text(service_id=sid, **rows[sid]) for sid in rows])
            written += len(rows)
    return written


def services_of(
    *,
    services: Iterable[uuid.UUID] = (),
    organizations: Iterable[uuid.UUID] = (),
    terms: Iterable[uuid.UUID] = (),
    locations: Iterable[uuid.UUID] = (),
) -> set[uuid.UUID]:
    """The services whose rows these records are part of."""
    found = set(services)
    for chunk in batches(set(organizations)):
        found.update(m.Service.objects.filter(organization_id__in=chunk).values_list("id", flat=True))
    for chunk in batches(set(terms)):
        found.update(m.Attribute.objects.filter(taxonomy_term_id__in=chunk).values_list("service_id", flat=True))
    for chunk in batches(set(locations)):
        found.update(m.ServiceAtLocation.objects.filter(location_id__in=chunk).values_list("service_id", flat=True))
    return found


# The links a service's row is made of, and the key that names their service (or place).
LINKS: dict[type[Model], str] = {
    m.Attribute: "service_id",
    m.ServiceArea: "service_id",
    m.ServiceAtLocation: "service_id",
    m.Address: "location_id",
}


def owners(model: type[Model], ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """The services these links (of one of LINKS' models) are part of now."""
    key = LINKS[model]
    found: set[uuid.UUID] = set()
    for chunk in batches(set(ids)):
        found.update(model._default_manager.filter(pk__in=chunk).values_list(key, flat=True))
    return services_of(locations=found) if key == "location_id" else found


def _link_saving(sender: type[Model], instance: Model, **_signal: Any) -> None:
    """Remember whose the link was, so that moving it rewrites the row it leaves too."""
    instance._search_owners_before = set() if instance._state.adding else owners(sender, [instance.pk])  # type: ignore[attr-defined]


def _link_saved(sender: type[Model], instance: Model, **_signal: Any) -> None:
    refresh(owners(sender, [instance.pk]) | getattr(instance, "_search_owners_before", set()))


def _link_deleted(sender: type[Model], instance: Model, **_signal: Any) -> None:
    key = getattr(instance, LINKS[sender])
    refresh(services_of(locations=[key]) if LINKS[sender] == "location_id" else [key], create=False)


def _service_saved(instance: m.Service, **_signal: Any) -> None:
    refresh([instance.pk])


def _organization_saved(instance: m.Organization, **_signal: Any) -> None:
    refresh(services_of(organizations=[instance.pk]))


def _term_saved(instance: m.TaxonomyTerm, **_signal: Any) -> None:
    refresh(services_of(terms=[instance.pk]))


post_save.connect(_service_saved, sender=m.Service, dispatch_uid="bt-search-text-service")
post_save.connect(_organization_saved, sender=m.Organization, dispatch_uid="bt-search-text-organization")
post_save.connect(_term_saved, sender=m.TaxonomyTerm, dispatch_uid="bt-search-text-term")
for _model in LINKS:
    pre_save.connect(_link_saving, sender=_model, dispatch_uid=f"bt-search-text-saving-{_model.__name__}")
    post_save.connect(_link_saved, sender=_model, dispatch_uid=f"bt-search-text-saved-{_model.__name__}")
    post_delete.connect(_link_deleted, sender=_model, dispatch_uid=f"bt-search-text-deleted-{_model.__name__}")
