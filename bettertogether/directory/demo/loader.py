"""Write the demo directory (data.py) into the database: stable uuid5 ids, idempotent.

Every record goes through the import pipeline's keyed write (core.imports.upsert): looked up by an id
derived from the demo key, compared field by field and saved only when something differs, so a second
run writes nothing; the run record counts what was created, updated and left unchanged. Verification
(assured_date/by) is never touched here: a record someone verified stays verified when the demo is reloaded.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import transaction
from django.utils import translation

from bettertogether.core.geocode import locate, stored_point
from bettertogether.core.imports import ImportReport, sha256_of, upsert
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
DEMO_SOURCE = "directory/demo/data.py"  # the run record's file name


def demo_id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(BT_NAMESPACE, f"demo:{kind}:{key}")


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


def _point(place: PlaceData) -> tuple[float | None, float | None, str]:
    """Where a place is, by the geocoder every import uses (core.geocode.geocode_address): a coordinator's
    fix, else the postal code, its area, or the town. A PO box says nothing about where to go."""
    if place.location_type != "physical":
        return None, None, ""  # a PO box says nothing about where to go
    return stored_point(locate(place.postal_code, place.city, province=place.province))


def _load_location(org: OrganizationData, place: PlaceData, report: ImportReport) -> uuid.UUID:
    location_id = demo_id("location", place.key)
    lat, lon, precision = _point(place)
    fields: dict[str, Any] = {
        "organization_id": demo_id("organization", org.key),
        "location_type": place.location_type,
        "latitude": lat,
        "longitude": lon,
        "geo_precision": precision,
    }
    fields.update(_translated("name", place.name))
    upsert(Location, location_id, fields, report)
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
        report,
    )
    return location_id


def _load_service(org: OrganizationData, data: ServiceData, report: ImportReport) -> None:
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
    upsert(Service, service_id, fields, report)

    for order, phone in enumerate(data.phones):
        phone_fields: dict[str, Any] = {
            "service_id": service_id,
            "number": phone.number,
            "type": phone.type,
            "whatsapp": phone.whatsapp,
            "sort_order": order,
        }
        phone_fields.update(_translated("description", phone.description))
        upsert(Phone, demo_id("phone", f"{data.key}:{order}"), phone_fields, report)

    for order, hours in enumerate(data.hours):
        _load_hours(service_id, data.key, order, hours, report)

    for code, note in data.languages:
        upsert(
            Language,
            demo_id("language", f"{data.key}:{code}"),
            {"service_id": service_id, "code": code, "name": language_name(code), "note": note},
            report,
        )

    for province in data.areas:
        upsert(
            ServiceArea,
            demo_id("service-area", f"{data.key}:{province}"),
            {"service_id": service_id, "name": str(Province(province).label), "province": province},
            report,
        )

    for slug in data.categories:
        _, created = Attribute.objects.get_or_create(
            service_id=service_id,
            taxonomy_term_id=term_id(slug),
            defaults={"id": demo_id("attribute", f"{data.key}:{slug}"), "link_type": "service_category"},
        )
        report.count("created" if created else "unchanged")

    for place in data.places:
        location_id = _load_location(org, place, report)
        _, created = ServiceAtLocation.objects.get_or_create(
            service_id=service_id,
            location_id=location_id,
            defaults={"id": demo_id("service-at-location", f"{data.key}:{place.key}")},
        )
        report.count("created" if created else "unchanged")


def _load_hours(service_id: uuid.UUID, key: str, order: int, hours: HoursData, report: ImportReport) -> None:
    fields: dict[str, Any] = {
        "service_id": service_id,
        "freq": "WEEKLY",
        "byday": hours.byday,
        "opens_at": _time(hours.opens),
        "closes_at": _time(hours.closes),
    }
    fields.update(_translated("description", hours.description))
    upsert(Schedule, demo_id("schedule", f"{key}:{order}"), fields, report)


@transaction.atomic
def load_directory() -> ImportReport:
    """Taxonomy, organizations, services and everything hanging off them, in one transaction. Returns
    the run record: what was created, updated or left unchanged."""
    report = ImportReport(file_name=DEMO_SOURCE, sha256=sha256_of(repr(ORGANIZATIONS).encode()), language="en")
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
                    "in_sanctuary_network": org.in_sanctuary_network,
                    "source_urls": "\n".join(org.sources),
                    "extra": {"source_row": org.row},
                },
                report,
            )
            for service in org.services:
                _load_service(org, service, report)
    return report
