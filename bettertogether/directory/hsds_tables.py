"""The official HSDS 3.0 tables and how the directory's models map onto them (shared by export and import)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models as djm
from modeltranslation import settings as mt_settings

from . import models as m

DEFAULT_MAX_BYTES = 512 * 1024 * 1024
MAX_FIELD_CHARS = 1_000_000
BATCH = 1000
MAX_ERRORS = 50


# ---------------------------------------------------------------- content languages

BASE_LANGUAGE = "en"  # the language of the records themselves; the others are translations of it


def content_languages() -> tuple[str, ...]:
    """The languages translated fields are stored in (en, fr, es, tl), English first."""
    return (BASE_LANGUAGE, *(code for code in mt_settings.AVAILABLE_LANGUAGES if code != BASE_LANGUAGE))


def content_language(code: str) -> str:
    """The stored language a code names ('FR', 'fr-CA' -> 'fr'); ValueError if it is not one."""
    primary = code.strip().lower().replace("_", "-").split("-")[0]
    if primary not in content_languages():
        raise ValueError(f"unsupported language {code!r}: choose one of {', '.join(content_languages())}")
    return primary


# ---------------------------------------------------------------- the official tables


@dataclass(frozen=True)
class Table:
    resource: str
    path: str
    columns: tuple[str, ...]
    required: tuple[str, ...] = ("id",)
    types: dict[str, tuple[str, str]] = field(default_factory=dict)  # column -> (type, format)
    references: dict[str, str] = field(default_factory=dict)  # column -> referenced resource
    unique: tuple[str, ...] = ("id",)
    enums: dict[str, tuple[str, ...]] = field(default_factory=dict)  # column -> allowed values


def _t(
    resource: str,
    path: str,
    columns: str,
    required: str = "id",
    types: str = "",
    refs: str = "",
    unique: str = "id",
    enums: dict[str, tuple[str, ...]] | None = None,
) -> Table:
    typed = {}
    for item in filter(None, types.split()):
        column, kind = item.split("=")
        type_, _, fmt = kind.partition("/")
        typed[column] = (type_, fmt)
    return Table(
        resource,
        path,
        tuple(columns.split()),
        tuple(required.split()),
        typed,
        dict(item.split("=") for item in refs.split()),
        tuple(unique.split()),
        enums or {},
    )


STATUS_VALUES = ("active", "inactive", "defunct", "temporarily closed")
LOCATION_TYPES = ("physical", "postal", "virtual")
WEEK_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
FREQUENCIES = ("WEEKLY", "MONTHLY")


# Order and headers of the official HSDS 3.0 datapackage (schema/compiled/tabular.json).
TABLES: tuple[Table, ...] = (
    _t("organization", "organizations.csv",
       "id name alternate_name description email website tax_status tax_id year_incorporated legal_status logo "
       "uri parent_organization_id", "id name description",
       "email=string/email website=string/uri year_incorporated=number uri=string/uri"),
    _t("program", "programs.csv", "id organization_id name alternate_name description",
       "id organization_id name description", refs="organization_id=organization", unique="id organization_id"),
    _t("service", "services.csv",
       "id organization_id program_id name alternate_name description url email status interpretation_services "
       "application_process fees_description wait_time fees accreditations eligibility_description minimum_age "
       "maximum_age assured_date assurer_email licenses alert last_modified", "id organization_id name status",
       "url=string/uri email=string/email minimum_age=number maximum_age=number assured_date=date "
       "assurer_email=string/email last_modified=datetime",
       "organization_id=organization program_id=program", enums={"status": STATUS_VALUES}),
    _t("attribute", "attributes.csv", "id link_id taxonomy_term_id link_type link_entity value",
       "id link_id taxonomy_term_id link_entity", refs="taxonomy_term_id=taxonomy_term"),
    _t("service_at_location", "service_at_location.csv", "id service_id location_id description",
       "id service_id location_id", refs="service_id=service location_id=location"),
    _t("location", "locations.csv",
       "id location_type url organization_id name alternate_name description transportation latitude longitude "
       "external_identifier external_identifier_type", "id location_type",
       "url=string/uri latitude=number longitude=number", "organization_id=organization",
       enums={"location_type": LOCATION_TYPES}),
    _t("phone", "phones.csv",
       "id location_id service_id organization_id contact_id service_at_location_id number extension type "
       "description", "id number", "extension=number",
       "contact_id=contact location_id=location organization_id=organization service_id=service "
       "service_at_location_id=service_at_location"),
    _t("contact", "contacts.csv",
       "id organization_id service_id service_at_location_id location_id name title department email",
       types="email=string/email",
       refs="location_id=location organization_id=organization service_id=service "
       "service_at_location_id=service_at_location"),
    _t("address", "addresses.csv",
       "id location_id attention address_1 address_2 city region state_province postal_code country "
       "address_type", "id address_1 city state_province postal_code country address_type",
       refs="location_id=location", enums={"address_type": LOCATION_TYPES}),
    _t("schedule", "schedules.csv",
       "id service_id location_id service_at_location_id valid_from valid_to dtstart timezone until count wkst "
       "freq interval byday byweekno bymonthday byyearday description opens_at closes_at schedule_link "
       "attending_type notes", "id",
       "valid_from=date valid_to=date dtstart=date timezone=number until=date count=number interval=number "
       "opens_at=time closes_at=time schedule_link=string/uri",
       "location_id=location service_id=service service_at_location_id=service_at_location",
       enums={"wkst": WEEK_DAYS, "freq": FREQUENCIES}),
    _t("funding", "funding.csv", "id organization_id service_id source",
       refs="organization_id=organization service_id=service"),
    _t("service_area", "service_areas.csv", "id service_id name description extent extent_type uri",
       refs="service_id=service"),
    _t("required_document", "required_documents.csv", "id service_id document uri", types="uri=string/uri",
       refs="service_id=service"),
    _t("language", "languages.csv", "id service_id location_id phone_id name code note",
       refs="location_id=location phone_id=phone service_id=service"),
    _t("accessibility", "accessibility.csv", "id location_id description details url", types="url=string/uri",
       refs="location_id=location"),
    _t("taxonomy_term", "taxonomy_terms.csv",
       "id code name description parent_id taxonomy language taxonomy_id term_uri", "id name description",
       "term_uri=string/uri", "taxonomy_id=taxonomy", unique="id code"),
    _t("metadata", "metadata.csv",
       "id resource_id resource_type last_action_date last_action_type field_name previous_value "
       "replacement_value updated_by",
       "id resource_id resource_type last_action_date last_action_type field_name previous_value "
       "replacement_value updated_by", "last_action_date=date"),
    _t("meta_table_description", "meta_table_descriptions.csv", "id name language character_set"),
    _t("cost_option", "cost_options.csv",
       "id service_id valid_from valid_to option currency amount amount_description", "id service_id",
       "valid_from=date valid_to=date amount=number", "service_id=service"),
    _t("organization_identifier", "organization_identifiers.csv",
       "id organization_id identifier_scheme identifier_type identifier",
       "id organization_id identifier_type identifier", refs="organization_id=organization"),
    _t("taxonomy", "taxonomies.csv", "id name description uri version", "id name description",
       "uri=string/uri"),
)  # fmt: skip
TABLE = {t.resource: t for t in TABLES}


# ---------------------------------------------------------------- how modelled tables map to models


@dataclass(frozen=True)
class Col:
    column: str
    kind: str  # text, tr (translated text), fk, int, float, decimal, date, time, datetime
    attr: str = ""  # model field when it differs from the column
    required_parent: bool = False

    @property
    def field(self) -> str:
        return self.attr or (self.column[:-3] if self.kind == "fk" else self.column)


@dataclass(frozen=True)
class Mapping:
    model: type[djm.Model]
    cols: tuple[Col, ...]
    parents: dict[str, str] = field(default_factory=dict)  # fk column -> resource


def _c(spec: str) -> tuple[Col, ...]:
    out = []
    for item in spec.split():
        column, _, kind = item.partition(":")
        required = kind.endswith("!")
        kind = kind.rstrip("!") or "text"
        attr = ""
        if ">" in kind:
            kind, attr = kind.split(">")
        out.append(Col(column, kind, attr, required))
    return tuple(out)


MAPPINGS: dict[str, Mapping] = {
    "taxonomy": Mapping(m.Taxonomy, _c("name description uri version")),
    "taxonomy_term": Mapping(
        m.TaxonomyTerm,
        _c("code name:tr description:tr parent_id:fk language taxonomy_id:fk term_uri"),
        {"parent_id": "taxonomy_term", "taxonomy_id": "taxonomy"},
    ),
    "organization": Mapping(
        m.Organization,
        _c(
            "name:tr alternate_name description:tr email website year_incorporated:int legal_status logo uri "
            "parent_organization_id"
        ),
    ),
    "location": Mapping(
        m.Location,
        _c(
            "location_type url organization_id:fk name:tr alternate_name description:tr transportation:tr "
            "latitude:float longitude:float external_identifier external_identifier_type"
        ),
        {"organization_id": "organization"},
    ),
    "service": Mapping(
        m.Service,
        _c(
            "organization_id:fk! name:tr alternate_name description:tr url email status interpretation_services:tr "
            "application_process:tr fees_description:tr accreditations eligibility_description:tr "
            "minimum_age:int maximum_age:int assured_date:date assurer_email alert:tr "
            "last_modified:datetime>updated_at"
        ),
        {"organization_id": "organization"},
    ),
    "service_at_location": Mapping(
        m.ServiceAtLocation,
        _c("service_id:fk! location_id:fk! description"),
        {"service_id": "service", "location_id": "location"},
    ),
    "phone": Mapping(
        m.Phone,
        _c("location_id:fk service_id:fk organization_id:fk number extension type description:tr"),
        {"location_id": "location", "service_id": "service", "organization_id": "organization"},
    ),
    "address": Mapping(
        m.Address,
        _c("location_id:fk! attention address_1 address_2 city region state_province postal_code country address_type"),
        {"location_id": "location"},
    ),
    "schedule": Mapping(
        m.Schedule,
        _c(
            "service_id:fk location_id:fk valid_from:date valid_to:date freq byday description:tr opens_at:time "
            "closes_at:time notes"
        ),
        {"service_id": "service", "location_id": "location"},
    ),
    "service_area": Mapping(
        m.ServiceArea, _c("service_id:fk! name description extent extent_type uri"), {"service_id": "service"}
    ),
    "language": Mapping(
        m.Language,
        _c("service_id:fk location_id:fk phone_id:fk name code note"),
        {"service_id": "service", "location_id": "location", "phone_id": "phone"},
    ),
    "accessibility": Mapping(
        m.Accessibility, _c("location_id:fk! description:tr details url"), {"location_id": "location"}
    ),
    "cost_option": Mapping(
        m.CostOption,
        _c("service_id:fk! valid_from:date valid_to:date option currency amount:decimal amount_description"),
        {"service_id": "service"},
    ),
}
IMPORT_ORDER = (
    "taxonomy",
    "taxonomy_term",
    "organization",
    "location",
    "service",
    "service_at_location",
    "phone",
    "address",
    "schedule",
    "service_area",
    "language",
    "accessibility",
    "cost_option",
)
# Unmodelled tables: kept in extra["hsds_tables"] of every owner a row names (a contact of an
# organization and of one of its services is kept, and served, under both), in this order; a row
# naming none of them is kept with the first owner found by id.
# Models with `extra`.
OWNERS = ("service", "organization", "location", "taxonomy_term", "schedule", "service_at_location", "phone", "address")
STASHED: dict[str, tuple[tuple[str, str], ...]] = {
    "program": (("organization_id", "organization"),),
    "contact": (
        ("service_at_location_id", "service_at_location"),
        ("service_id", "service"),
        ("organization_id", "organization"),
        ("location_id", "location"),
    ),
    "funding": (("service_id", "service"), ("organization_id", "organization")),
    "required_document": (("service_id", "service"),),
    "organization_identifier": (("organization_id", "organization"),),
    "metadata": tuple(("resource_id", owner) for owner in OWNERS),
    "attribute": tuple(("link_id", owner) for owner in OWNERS),
}
STASH_KEY = {
    "program": "programs",
    "contact": "contacts",
    "funding": "funding",
    "required_document": "required_documents",
    "organization_identifier": "organization_identifiers",
    "metadata": "metadata",
    "attribute": "attributes",
}


def has_extra(model: type[djm.Model]) -> bool:
    return any(f.name == "extra" for f in model._meta.concrete_fields)
