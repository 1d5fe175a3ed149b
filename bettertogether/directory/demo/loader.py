"""Write the demo directory (data.py) into the database: stable uuid5 ids, idempotent.

Every record is looked up by an id derived from the demo key, compared field by field and saved
only when something differs, so a second run writes nothing. Verification (assured_date/by) is
never touched here: a record someone verified stays verified when the demo is reloaded.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from typing import Any

from django.db import models, transaction
from django.utils import translation

from bettertogether.core.geocode import locate, stored_point
from bettertogether.core.languages import CONTENT_LANGUAGES, language_name
from bettertogether.core.provinces import Province

from ..models import (
    Address,
    Attribute,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from ..taxonomy import BT_NAMESPACE, ensure_taxonomy, term_id
from .data import ORGANIZATIONS, HoursData, OrganizationData, PlaceData, ServiceData
from .translations import TRANSLATIONS

END_OF_DAY = dt.time(23, 59)  # hours.py reads 23:59 as "until midnight"


def demo_id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(BT_NAMESPACE, f"demo:{kind}:{key}")


def upsert(model: type[models.Model], pk: uuid.UUID, fields: dict[str, Any], counts: Counter[str]) -> None:
    """Create the row, or update only the fields that differ; count what happened."""
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        model._default_manager.create(pk=pk, **fields)
        counts["created"] += 1
        return
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, fields[name])
        obj.save()
        counts["updated"] += 1
    else:
        counts["unchanged"] += 1


def _translated(prefix: str, text: dict[str, str] | str) -> dict[str, Any]:
    """name_en/name_fr/… for a text given in English (a plain string) or in several languages; the
    languages it lacks come from the translations catalogue. Proper names stay in English only."""
    given = {"en": text} if isinstance(text, str) else {lang: value for lang, value in text.items() if value}
    if not given.get("en"):
        return {}
    full = {**TRANSLATIONS.get(given["en"], {}), **given}
    return {f"{prefix}_{lang}": full[lang] for lang in CONTENT_LANGUAGES if full.get(lang)}


def _time(value: str) -> dt.time:
    if value == "24:00":
        return END_OF_DAY
    hour, minute = value.split(":")
    return dt.time(int(hour), int(minute))


def _geocode(place: PlaceData) -> tuple[float | None, float | None, str]:
    """Coordinates of a place from the offline geocoder: the postal code if known, else the town."""
    if place.location_type != "physical":
        return None, None, ""  # a PO box says nothing about where to go
    return stored_point(locate(place.postal_code, place.city, province=place.province))


def _load_location(org: OrganizationData, place: PlaceData, counts: Counter[str]) -> uuid.UUID:
    location_id = demo_id("location", place.key)
    lat, lon, precision = _geocode(place)
    fields: dict[str, Any] = {
        "organization_id": demo_id("organization", org.key),
        "location_type": place.location_type,
        "latitude": lat,
        "longitude": lon,
        "geo_precision": precision,
    }
    fields.update(_translated("name", place.name))
    upsert(Location, location_id, fields, counts)
    upsert(
        Address,
        demo_id("address", place.key),
        {
            "location_id": location_id,
            "address_1": place.address_1,
            "city": place.city,
            "state_province": place.province,
            "postal_code": place.postal_code,
            "country": "CA",
            "address_type": place.location_type,
        },
        counts,
    )
    return location_id


def _load_service(org: OrganizationData, data: ServiceData, counts: Counter[str]) -> None:
    service_id = demo_id("service", data.key)
    fields: dict[str, Any] = {
        "organization_id": demo_id("organization", org.key),
        **_translated("name", data.name),
        **_translated("description", data.description),
        **_translated("alert", data.alert),
        "url": data.url,
        "email": data.email,
        "is_free": data.is_free,
        "verification_note": org.verification_note,
        "source_urls": "\n".join(org.sources),
        "extra": {"source_row": org.row},
    }
    fields.update(_translated("eligibility_description", data.eligibility))
    fields.update(_translated("interpretation_services", data.interpretation))
    fields.update(_translated("application_process", data.application_process))
    if not Service.objects.filter(pk=service_id, assured_date__isnull=False).exists():
        fields["needs_verification"] = bool(org.verification_note)  # someone's check is never undone
    upsert(Service, service_id, fields, counts)

    for order, phone in enumerate(data.phones):
        phone_fields: dict[str, Any] = {
            "service_id": service_id,
            "number": phone.number,
            "type": phone.type,
            "whatsapp": phone.whatsapp,
            "sort_order": order,
        }
        phone_fields.update(_translated("description", phone.description))
        upsert(Phone, demo_id("phone", f"{data.key}:{order}"), phone_fields, counts)

    for order, hours in enumerate(data.hours):
        _load_hours(service_id, data.key, order, hours, counts)

    for code, note in data.languages:
        upsert(
            Language,
            demo_id("language", f"{data.key}:{code}"),
            {"service_id": service_id, "code": code, "name": language_name(code), "note": note},
            counts,
        )

    for province in data.areas:
        upsert(
            ServiceArea,
            demo_id("service-area", f"{data.key}:{province}"),
            {"service_id": service_id, "name": str(Province(province).label), "province": province},
            counts,
        )

    for slug in data.categories:
        _, created = Attribute.objects.get_or_create(
            service_id=service_id,
            taxonomy_term_id=term_id(slug),
            defaults={"id": demo_id("attribute", f"{data.key}:{slug}"), "link_type": "service_category"},
        )
        counts["created" if created else "unchanged"] += 1

    for place in data.places:
        location_id = _load_location(org, place, counts)
        _, created = ServiceAtLocation.objects.get_or_create(
            service_id=service_id,
            location_id=location_id,
            defaults={"id": demo_id("service-at-location", f"{data.key}:{place.key}")},
        )
        counts["created" if created else "unchanged"] += 1


def _load_hours(service_id: uuid.UUID, key: str, order: int, hours: HoursData, counts: Counter[str]) -> None:
    fields: dict[str, Any] = {
        "service_id": service_id,
        "freq": "WEEKLY",
        "byday": hours.byday,
        "opens_at": _time(hours.opens),
        "closes_at": _time(hours.closes),
    }
    fields.update(_translated("description", hours.description))
    upsert(Schedule, demo_id("schedule", f"{key}:{order}"), fields, counts)


@transaction.atomic
def load_directory() -> Counter[str]:
    """Taxonomy, organizations, services and everything hanging off them. Returns write counts."""
    counts: Counter[str] = Counter()
    # Plain field names (name, description) follow the active language; pin English.
    with translation.override("en"):
        ensure_taxonomy()
        for org in ORGANIZATIONS:
            upsert(
                Organization,
                demo_id("organization", org.key),
                {
                    **_translated("name", org.name),
                    **_translated("description", org.description),
                    "alternate_name": org.alternate_name,
                    "website": org.website,
                    "email": org.email,
                    "is_program_partner": org.is_program_partner,
                    "source_urls": "\n".join(org.sources),
                    "extra": {"source_row": org.row},
                },
                counts,
            )
            for service in org.services:
                _load_service(org, service, counts)
    return counts
