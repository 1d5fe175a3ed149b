"""Which services an import changed through their related records, so their last_modified moves.

HSDS: a service's last_modified is "the datetime when the service, or any related information
about the service, has changed". An import upserts rows; the rows it adds, or whose stored values
it changes, of a service's organization, locations, addresses, phones, schedules, languages,
service areas, cost options, accessibility, attributes or service-at-locations make that service
modified now. Services created by the same import keep the package's last_modified.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models as djm

from bettertogether.core.batches import batches

from . import models as m

# resource -> the columns naming what it belongs to: a service, a location or an organization.
_OWNER_COLUMNS = {
    "organization": ("id:organization",),
    "location": ("id:location",),
    "service_at_location": ("service_id:service",),
    "phone": ("service_id:service", "location_id:location", "organization_id:organization"),
    "schedule": ("service_id:service", "location_id:location"),
    "language": ("service_id:service", "location_id:location"),
    "service_area": ("service_id:service",),
    "cost_option": ("service_id:service",),
    "attribute": ("service_id:service",),
    "address": ("location_id:location",),
    "accessibility": ("location_id:location",),
}
CHILD_RESOURCES = tuple(_OWNER_COLUMNS)


def compare(model: type[djm.Model], objects: list[djm.Model], fields: list[str]) -> tuple[set[Any], list[djm.Model]]:
    """The ids of the objects not stored yet, and the objects that are new or whose values in fields
    differ from the stored row (so an import counts what it creates, updates and leaves unchanged)."""
    stored: dict[Any, tuple[Any, ...]] = {}
    ids = [o.pk for o in objects]
    for chunk in batches(ids):
        for row in model._default_manager.filter(pk__in=chunk).values_list("pk", *fields):
            stored[row[0]] = _same(row[1:])
    created = {pk for pk in ids if pk not in stored}
    return created, [o for o in objects if stored.get(o.pk) != _same(getattr(o, f) for f in fields)]


def _same(values: Iterable[Any]) -> tuple[Any, ...]:
    """Values as compared: an empty translation is stored as None or as ''."""
    return tuple("" if v is None else v for v in values)


def services_to_touch(touched: Mapping[str, Iterable[djm.Model]], created: set[uuid.UUID]) -> set[uuid.UUID]:
    """Services whose related records are among touched (resource -> objects), except those in created."""
    services: set[Any] = set()
    locations: set[Any] = set()
    organizations: set[Any] = set()
    for resource, objects in touched.items():
        for obj in objects:
            for spec in _OWNER_COLUMNS[resource]:
                column, kind = spec.split(":")
                value = obj.pk if column == "id" else getattr(obj, column, None)
                if value is None:
                    continue
                {"service": services, "location": locations, "organization": organizations}[kind].add(value)
    if locations:
        services |= set(
            m.ServiceAtLocation.objects.filter(location_id__in=list(locations)).values_list("service_id", flat=True)
        )
    if organizations:
        services |= set(m.Service.objects.filter(organization_id__in=list(organizations)).values_list("id", flat=True))
    return services - created
