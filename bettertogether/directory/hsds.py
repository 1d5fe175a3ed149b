"""Mapping between directory models and Open Referral HSDS 3.0 documents.

Plain functions, used by the HSDS API (nested JSON) and by the tabular export/import (flat rows).
Translated fields are read through modeltranslation, so callers choose the language with
`translation.override(lang)` and get English where a translation is missing.

HSDS fields that the platform does not model are kept in the `extra` JSONField of the owning
model: `extra["hsds"]` holds unmodelled columns of the object's own row ({column: text}) and
`extra["hsds_tables"]` holds whole rows of unmodelled tables attached to the object
({"contacts": [row, ...], "funding": [...], ...}). Both round-trip through import and export.

Our migrant-worker categories (design.md §8) are the terms of one taxonomy whose id is
CATEGORY_TAXONOMY_ID (= directory.taxonomy.TAXONOMY_ID); a term's `code` is its slug (`health`, ...).
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from .hsds_metadata import changelog_metadata, whole_change_log
from .hsds_values import (
    Doc,
    api_value,
    as_uri,
    clean_doc,
    date_text,
    id_text,
    iso_datetime,
    parse_number,
    time_text,
)
from .models import (
    Accessibility,
    Address,
    Attribute,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from .taxonomy import TAXONOMY_ID

HSDS_VERSION = "3.0"
HSDS_PROFILE = "https://docs.openreferral.org/en/v3.0/"
# The taxonomy holding the design.md §8 categories (stable id, defined in directory.taxonomy).
CATEGORY_TAXONOMY_ID = TAXONOMY_ID


# Columns of our rows that HSDS declares as numbers, per unmodelled field kept in extra.
def _extra_columns(obj: Any, columns: Iterable[str]) -> Doc:
    stored = (getattr(obj, "extra", None) or {}).get("hsds", {})
    return {c: api_value(c, stored.get(c)) for c in columns}


def _extra_rows(obj: Any, table: str, required: Iterable[str] = ("id",)) -> list[Doc]:
    """Rows of an unmodelled table kept on obj, typed for the API; rows missing a required value are left out.

    Attribute and metadata rows about such a row (a contact's) are nested in it, not in obj's own lists."""
    tables = (getattr(obj, "extra", None) or {}).get("hsds_tables", {})
    out = []
    for row in tables.get(table, []):
        doc = clean_doc({k: api_value(k, v) for k, v in row.items()})
        if not all(doc.get(r) not in (None, "") for r in required):
            continue
        if table not in ("attributes", "metadata"):
            doc.update(
                clean_doc(
                    {
                        "attributes": _about(tables, "attributes", doc["id"]),
                        "metadata": _about(tables, "metadata", doc["id"]),
                    }
                )
            )
        out.append(doc)
    return out


def _about(tables: Doc, table: str, key: str) -> list[Doc]:
    link = "link_id" if table == "attributes" else "resource_id"
    rows = [r for r in tables.get(table, []) if str(r.get(link, "")).lower() == key.lower()]
    docs = [clean_doc({k: api_value(k, v) for k, v in row.items()}) for row in rows]
    if table == "metadata":
        docs = [{**dict.fromkeys(_METADATA_REQUIRED, ""), **d} for d in docs]
    docs = [d for d in docs if d.get("id")]
    return _with_terms(docs) if table == "attributes" else docs


def _own_rows(obj: Any, table: str, required: Iterable[str] = ("id",)) -> list[Doc]:
    """Attribute or metadata rows kept on obj that are about obj itself (or name nothing)."""
    link = "link_id" if table == "attributes" else "resource_id"
    own = str(obj.pk).lower()
    return [d for d in _extra_rows(obj, table, required) if str(d.get(link, own)).lower() == own]


_METADATA_REQUIRED = (
    "last_action_date",
    "last_action_type",
    "field_name",
    "previous_value",
    "replacement_value",
    "updated_by",
)


def _attributes(obj: Any) -> list[Doc]:
    """Attribute rows kept on obj from an import (HSDS allows attributes on most objects)."""
    return _with_terms(_own_rows(obj, "attributes", ("id", "taxonomy_term_id")))


def _with_terms(attributes: list[Doc]) -> list[Doc]:
    """Kept attribute rows with their taxonomy term nested, as HSDS shows attributes."""
    ids = {a["taxonomy_term_id"] for a in attributes if a.get("taxonomy_term_id")}
    if not ids:
        return attributes
    terms = {str(t.id): t for t in TaxonomyTerm.objects.filter(id__in=ids).select_related("taxonomy")}
    for attribute in attributes:
        term = terms.get(str(attribute.get("taxonomy_term_id", "")))
        if term is not None:
            attribute["taxonomy_term"] = taxonomy_term_doc(term)
    return attributes


def _metadata(obj: Any, object_type: str = "") -> list[Doc]:
    """The audit trail of obj: metadata rows kept from an import, then our change log's entries."""
    kept = [{**dict.fromkeys(_METADATA_REQUIRED, ""), **row} for row in _own_rows(obj, "metadata")]
    ids = {row["id"] for row in kept}  # an entry exported by us and imported again is not repeated
    logged = changelog_metadata(object_type, obj.pk) if object_type else []
    return kept + [entry for entry in logged if entry["id"] not in ids]


# ---------------------------------------------------------------- taxonomy


def taxonomy_doc(taxonomy: Taxonomy) -> Doc:
    return clean_doc(
        {
            "id": str(taxonomy.id),
            "name": taxonomy.name,
            "description": taxonomy.description,
            "uri": as_uri(taxonomy.uri),
            "version": taxonomy.version,
        },
        required=("id", "name", "description"),
    )


def taxonomy_term_doc(term: TaxonomyTerm, detail: bool = True) -> Doc:
    stored = (term.extra or {}).get("hsds", {})
    doc: Doc = {
        "id": str(term.id),
        "code": term.code,
        "name": term.name,
        "description": term.description,
        "parent_id": id_text(term.parent_id) or api_value("parent_id", stored.get("parent_id")),
        "taxonomy": stored.get("taxonomy") or (term.taxonomy.name if term.taxonomy is not None else ""),
        "language": term.language,
        "taxonomy_id": id_text(term.taxonomy_id) or api_value("taxonomy_id", stored.get("taxonomy_id")),
        "term_uri": as_uri(term.term_uri),
    }
    if detail and term.taxonomy is not None:
        doc["taxonomy_detail"] = taxonomy_doc(term.taxonomy)
    doc["metadata"] = _metadata(term)
    return clean_doc(doc, required=("id", "name", "description"))


def attribute_doc(attribute: Attribute) -> Doc:
    return clean_doc(
        {
            "id": str(attribute.id),
            "link_id": str(attribute.service_id),
            "taxonomy_term_id": str(attribute.taxonomy_term_id),
            "link_type": attribute.link_type,
            "link_entity": "service",
            "value": attribute.value,
            "taxonomy_term": taxonomy_term_doc(attribute.taxonomy_term),
        }
    )


# ---------------------------------------------------------------- organization


def organization_doc(org: Organization) -> Doc:
    """The one-to-one fields of an organization (organization_list.json)."""
    doc: Doc = {
        "id": str(org.id),
        "name": org.name,
        "alternate_name": org.alternate_name,
        "description": org.description,
        "email": org.email,
        "website": as_uri(org.website),
        "year_incorporated": org.year_incorporated,
        "legal_status": org.legal_status,
        "logo": as_uri(org.logo),
        "uri": as_uri(org.uri),
        "parent_organization_id": api_value("parent_organization_id", org.parent_organization_id),
        **_extra_columns(org, ("tax_status", "tax_id")),
    }
    return clean_doc(doc, required=("id", "name", "description"))


def organization_full_doc(org: Organization, services: Iterable[Service], full_service: bool = False) -> Doc:
    """A nested organization (compiled/organization.json); services simple or fully nested."""
    doc = organization_doc(org)
    doc.update(
        {
            "funding": _extra_rows(org, "funding"),
            "contacts": _extra_rows(org, "contacts"),
            "phones": [phone_doc(p) for p in org.phones.all()],
            "locations": [location_full_doc(loc) for loc in org.locations.all()],
            "programs": _extra_rows(org, "programs", ("id", "name", "description")),
            "organization_identifiers": _extra_rows(
                org, "organization_identifiers", ("id", "identifier_type", "identifier")
            ),
            "attributes": _attributes(org),
            "metadata": _metadata(org),
            "services": [service_full_doc(s) if full_service else service_doc(s) for s in services],
        }
    )
    return doc


# ---------------------------------------------------------------- location and its parts


ADDRESS_REQUIRED = ("id", "address_1", "city", "state_province", "postal_code", "country", "address_type")


def address_doc(address: Address) -> Doc:
    doc = clean_doc(
        {
            "id": str(address.id),
            "location_id": str(address.location_id),
            "attention": address.attention,
            "address_1": address.address_1,
            "address_2": address.address_2,
            "city": address.city,
            "region": address.region,
            "state_province": address.state_province,
            "postal_code": address.postal_code,
            "country": address.country,
            "address_type": address.address_type,
        },
        required=ADDRESS_REQUIRED,
    )
    return {**doc, **clean_doc({"attributes": _attributes(address), "metadata": _metadata(address)})}


def language_doc(language: Language) -> Doc:
    return clean_doc(
        {
            "id": str(language.id),
            "service_id": id_text(language.service_id),
            "location_id": id_text(language.location_id),
            "phone_id": id_text(language.phone_id),
            "name": language.name,
            "code": language.code,
            "note": language.note,
        }
    )


def phone_doc(phone: Phone) -> Doc:
    return clean_doc(
        {
            "id": str(phone.id),
            "location_id": id_text(phone.location_id),
            "service_id": id_text(phone.service_id),
            "organization_id": id_text(phone.organization_id),
            "number": phone.number,
            "extension": parse_number(phone.extension) if phone.extension else None,
            "type": phone.type,
            "description": phone.description,
            "languages": [language_doc(lang) for lang in phone.languages.all()],
            **_extra_columns(phone, ("contact_id", "service_at_location_id")),
            "attributes": _attributes(phone),
            "metadata": _metadata(phone),
        },
        required=("id", "number"),
    )


SCHEDULE_EXTRA_COLUMNS = (
    "service_at_location_id",
    "dtstart",
    "timezone",
    "until",
    "count",
    "wkst",
    "interval",
    "byweekno",
    "bymonthday",
    "byyearday",
    "schedule_link",
    "attending_type",
)


def schedule_doc(schedule: Schedule) -> Doc:
    return clean_doc(
        {
            "id": str(schedule.id),
            "service_id": id_text(schedule.service_id),
            "location_id": id_text(schedule.location_id),
            "valid_from": date_text(schedule.valid_from),
            "valid_to": date_text(schedule.valid_to),
            "freq": schedule.freq,
            "byday": schedule.byday,
            "description": schedule.description,
            "opens_at": time_text(schedule.opens_at),
            "closes_at": time_text(schedule.closes_at),
            "notes": schedule.notes,
            **_extra_columns(schedule, SCHEDULE_EXTRA_COLUMNS),
            "attributes": _attributes(schedule),
            "metadata": _metadata(schedule),
        }
    )


def accessibility_doc(item: Accessibility) -> Doc:
    return clean_doc(
        {
            "id": str(item.id),
            "location_id": str(item.location_id),
            "description": item.description,
            "details": item.details,
            "url": as_uri(item.url),
        }
    )


def location_doc(location: Location) -> Doc:
    """One-to-one fields of a location."""
    doc: Doc = {
        "id": str(location.id),
        "location_type": location.location_type,
        "url": as_uri(location.url),
        "organization_id": id_text(location.organization_id)
        or api_value("organization_id", (location.extra or {}).get("hsds", {}).get("organization_id")),
        "name": location.name,
        "alternate_name": location.alternate_name,
        "description": location.description,
        "transportation": location.transportation,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "external_identifier": location.external_identifier,
        "external_identifier_type": location.external_identifier_type,
    }
    return clean_doc(doc, required=("id", "location_type"))


def location_full_doc(location: Location) -> Doc:
    doc = location_doc(location)
    doc.update(
        {
            "languages": [language_doc(lang) for lang in location.languages.all()],
            "addresses": [address_doc(a) for a in location.addresses.all()],
            "contacts": _extra_rows(location, "contacts"),
            "accessibility": [accessibility_doc(a) for a in location.accessibility.all()],
            "phones": [phone_doc(p) for p in location.phones.all()],
            "schedules": [schedule_doc(s) for s in location.schedules.all()],
            "attributes": _attributes(location),
            "metadata": _metadata(location, "location"),
        }
    )
    return doc


# ---------------------------------------------------------------- service


SERVICE_EXTRA_COLUMNS = ("program_id", "wait_time", "fees", "licenses")


def service_doc(service: Service, with_organization: bool = False) -> Doc:
    """One-to-one fields of a service (service_list.json), optionally with its organization."""
    doc: Doc = {
        "id": str(service.id),
        "organization_id": str(service.organization_id),
        "name": service.name,
        "alternate_name": service.alternate_name,
        "description": service.description,
        "url": as_uri(service.url),
        "email": service.email,
        "status": service.status,
        "interpretation_services": service.interpretation_services,
        "application_process": service.application_process,
        "fees_description": service.fees_description,
        "accreditations": service.accreditations,
        "eligibility_description": service.eligibility_description,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "assured_date": date_text(service.assured_date),
        "assurer_email": service.assurer_email,
        "alert": service.alert,
        "last_modified": iso_datetime(service.updated_at),
        **_extra_columns(service, SERVICE_EXTRA_COLUMNS),
    }
    doc = clean_doc(doc, required=("id", "name", "status"))
    if with_organization:
        doc["organization"] = organization_doc(service.organization)
        program_id = doc.get("program_id")
        for program in _extra_rows(service.organization, "programs", ("id", "name", "description")):
            if program_id and program["id"] == program_id:
                doc["program"] = program
    return doc


def service_at_location_doc(sal: ServiceAtLocation, full: bool = False) -> Doc:
    """A service at a location: one-to-one fields with its location and service (list form),
    or the fully nested form (compiled/service_at_location.json)."""
    doc: Doc = clean_doc(
        {
            "id": str(sal.id),
            "service_id": str(sal.service_id),
            "location_id": str(sal.location_id),
            "description": sal.description,
        }
    )
    if full:
        doc.update(
            {
                **service_at_location_parts(sal),
                "location": location_full_doc(sal.location),
                "service": service_full_doc(sal.service, with_locations=False),
            }
        )
    else:
        doc["location"] = location_doc(sal.location)
        doc["service"] = service_doc(sal.service, with_organization=True)
    return doc


_AT_LOCATION: ContextVar[tuple[dict[str, list[Phone]], dict[str, list[Schedule]]] | None] = ContextVar(
    "hsds_at_location", default=None
)


@contextlib.contextmanager
def many_documents() -> Iterator[None]:
    """Build many documents (an export): read what is found per record once for all of them."""
    phones: dict[str, list[Phone]] = defaultdict(list)
    schedules: dict[str, list[Schedule]] = defaultdict(list)
    here = {"extra__hsds__has_key": "service_at_location_id"}
    for phone in Phone.objects.filter(**here).prefetch_related("languages"):
        phones[str(phone.extra["hsds"]["service_at_location_id"]).lower()].append(phone)
    for schedule in Schedule.objects.filter(**here):
        schedules[str(schedule.extra["hsds"]["service_at_location_id"]).lower()].append(schedule)
    token = _AT_LOCATION.set((phones, schedules))
    try:
        with whole_change_log():
            yield
    finally:
        _AT_LOCATION.reset(token)


def service_at_location_parts(sal: ServiceAtLocation) -> Doc:
    """What belongs to a service at one location: its contacts, phones, schedules, attributes, metadata."""
    loaded = _AT_LOCATION.get()
    if loaded is not None:
        phones, schedules = loaded[0].get(str(sal.id), []), loaded[1].get(str(sal.id), [])
    else:
        here = {"extra__hsds__service_at_location_id": str(sal.id)}
        phones = list(Phone.objects.filter(**here).prefetch_related("languages"))
        schedules = list(Schedule.objects.filter(**here))
    return {
        "contacts": _extra_rows(sal, "contacts"),
        "phones": [phone_doc(p) for p in phones],
        "schedules": [schedule_doc(s) for s in schedules],
        "attributes": _attributes(sal),
        "metadata": _metadata(sal),
    }


def service_full_doc(service: Service, with_locations: bool = True) -> Doc:
    """A fully nested service (compiled/service.json)."""
    doc = service_doc(service, with_organization=True)
    doc.update(
        {
            "phones": [phone_doc(p) for p in service.phones.all()],
            "schedules": [schedule_doc(s) for s in service.schedules.all()],
            "service_areas": [service_area_doc(a) for a in service.service_areas.all()],
            "service_at_locations": (
                [
                    {
                        **service_at_location_doc(sal),
                        **service_at_location_parts(sal),
                        "location": location_full_doc(sal.location),
                    }
                    for sal in service.service_at_locations.all()
                ]
                if with_locations
                else []
            ),
            "languages": [language_doc(lang) for lang in service.languages.all()],
            "funding": _extra_rows(service, "funding"),
            "cost_options": [cost_option_doc(c) for c in service.cost_options.all()],
            "required_documents": _extra_rows(service, "required_documents"),
            "contacts": _extra_rows(service, "contacts"),
            "attributes": [attribute_doc(a) for a in service.attributes.all()] + _attributes(service),
            "metadata": _metadata(service, "service"),
        }
    )
    for sal in doc["service_at_locations"]:
        sal.pop("service", None)
    return doc


def service_area_doc(area: ServiceArea) -> Doc:
    return clean_doc(
        {
            "id": str(area.id),
            "service_id": str(area.service_id),
            "name": area.name,
            "description": area.description,
            "extent": area.extent,
            "extent_type": area.extent_type,
            "uri": as_uri(area.uri),
        }
    )


def cost_option_doc(option: CostOption) -> Doc:
    return clean_doc(
        {
            "id": str(option.id),
            "service_id": str(option.service_id),
            "valid_from": date_text(option.valid_from),
            "valid_to": date_text(option.valid_to),
            "option": option.option,
            "currency": option.currency,
            "amount": float(option.amount) if isinstance(option.amount, Decimal) else option.amount,
            "amount_description": option.amount_description,
        }
    )


# ---------------------------------------------------------------- prefetch plans (used by views and export)

SERVICE_LIST_RELATED = ("organization",)
SERVICE_FULL_PREFETCH = (
    "phones__languages",
    "schedules",
    "service_areas",
    "languages",
    "cost_options",
    "attributes__taxonomy_term__taxonomy",
    "service_at_locations__location__languages",
    "service_at_locations__location__addresses",
    "service_at_locations__location__accessibility",
    "service_at_locations__location__phones__languages",
    "service_at_locations__location__schedules",
)
LOCATION_FULL_PREFETCH = ("languages", "addresses", "accessibility", "phones__languages", "schedules")
