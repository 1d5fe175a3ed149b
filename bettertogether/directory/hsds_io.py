"""HSDS 3.0 tabular data package: export the directory to CSV files and import them back.

`export_package(dir)` writes `datapackage.json` and one CSV per official table, with the official
headers (empty tables keep them). `import_package(dir)` reads such a package in one transaction
(all or nothing), upserting by id, so importing the same package twice changes nothing.

What the directory models is stored in model fields (English translations of translated fields;
other languages are left as they are). Everything else round-trips through `extra` (see
directory.hsds): unmodelled columns in `extra["hsds"]`, rows of unmodelled tables (contacts,
funding, programs, ...) in `extra["hsds_tables"]` of their owner. References to rows that are not
in the package nor in the database (the official example's parent_organization_id, program_id,
...) are kept in `extra` when the row has one, never fatal. Rows whose required parent is missing,
and columns of models without `extra` (phone contact_id / service_at_location_id), are dropped
with a warning in the returned report.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import io
import json
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, cast

from django.db import models as djm
from django.db import transaction
from django.db.models.base import ModelState
from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime, parse_time

from . import models as m
from .hsds import iso_datetime, number_text

DEFAULT_MAX_BYTES = 512 * 1024 * 1024
MAX_FIELD_CHARS = 1_000_000
BATCH = 1000
MAX_ERRORS = 50


# ---------------------------------------------------------------- the official tables


@dataclass(frozen=True)
class Table:
    resource: str
    path: str
    columns: tuple[str, ...]
    required: tuple[str, ...] = ("id",)
    types: dict[str, tuple[str, str]] = field(default_factory=dict)  # column -> (type, format)
    references: dict[str, str] = field(default_factory=dict)  # column -> referenced resource


def _t(resource: str, path: str, columns: str, required: str = "id", types: str = "", refs: str = "") -> Table:
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
    )


# Order and headers of the official HSDS 3.0 datapackage (schema/compiled/tabular.json).
TABLES: tuple[Table, ...] = (
    _t("organization", "organizations.csv",
       "id name alternate_name description email website tax_status tax_id year_incorporated legal_status logo "
       "uri parent_organization_id", "id name description",
       "email=string/email website=string/uri year_incorporated=number uri=string/uri"),
    _t("program", "programs.csv", "id organization_id name alternate_name description",
       "id organization_id name description", refs="organization_id=organization"),
    _t("service", "services.csv",
       "id organization_id program_id name alternate_name description url email status interpretation_services "
       "application_process fees_description wait_time fees accreditations eligibility_description minimum_age "
       "maximum_age assured_date assurer_email licenses alert last_modified", "id organization_id name status",
       "url=string/uri email=string/email minimum_age=number maximum_age=number assured_date=date "
       "assurer_email=string/email last_modified=datetime",
       "organization_id=organization program_id=program"),
    _t("attribute", "attributes.csv", "id link_id taxonomy_term_id link_type link_entity value",
       "id link_id taxonomy_term_id link_entity", refs="taxonomy_term_id=taxonomy_term"),
    _t("service_at_location", "service_at_location.csv", "id service_id location_id description",
       "id service_id location_id", refs="service_id=service location_id=location"),
    _t("location", "locations.csv",
       "id location_type url organization_id name alternate_name description transportation latitude longitude "
       "external_identifier external_identifier_type", "id location_type",
       "url=string/uri latitude=number longitude=number", "organization_id=organization"),
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
       refs="location_id=location"),
    _t("schedule", "schedules.csv",
       "id service_id location_id service_at_location_id valid_from valid_to dtstart timezone until count wkst "
       "freq interval byday byweekno bymonthday byyearday description opens_at closes_at schedule_link "
       "attending_type notes", "id",
       "valid_from=date valid_to=date dtstart=date timezone=number until=date count=number interval=number "
       "opens_at=time closes_at=time schedule_link=string/uri",
       "location_id=location service_id=service service_at_location_id=service_at_location"),
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
       "term_uri=string/uri", "taxonomy_id=taxonomy"),
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
# Unmodelled tables: kept in extra["hsds_tables"] of the first owner found, in this order.
STASHED: dict[str, tuple[tuple[str, str], ...]] = {
    "program": (("organization_id", "organization"),),
    "contact": (("service_id", "service"), ("organization_id", "organization"), ("location_id", "location")),
    "funding": (("service_id", "service"), ("organization_id", "organization")),
    "required_document": (("service_id", "service"),),
    "organization_identifier": (("organization_id", "organization"),),
    "metadata": (
        ("resource_id", "service"),
        ("resource_id", "organization"),
        ("resource_id", "location"),
        ("resource_id", "taxonomy_term"),
        ("resource_id", "schedule"),
    ),
    "attribute": (
        ("link_id", "service"),
        ("link_id", "organization"),
        ("link_id", "location"),
        ("link_id", "taxonomy_term"),
        ("link_id", "schedule"),
    ),
}
OWNERS = ("organization", "service", "location", "taxonomy_term", "schedule")  # models with `extra`
STASH_KEY = {
    "program": "programs",
    "contact": "contacts",
    "funding": "funding",
    "required_document": "required_documents",
    "organization_identifier": "organization_identifiers",
    "metadata": "metadata",
    "attribute": "attributes",
}


def _has_extra(model: type[djm.Model]) -> bool:
    return any(f.name == "extra" for f in model._meta.concrete_fields)


# ---------------------------------------------------------------- value formatting (export)


def _format(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "float":
        return number_text(float(value))
    if kind in ("int", "decimal"):
        return str(value)
    if kind in ("date", "time"):
        return value.isoformat()
    if kind == "datetime":
        return iso_datetime(value)
    return str(value)


def _csv_text(rows: list[dict[str, str]], columns: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def datapackage() -> dict[str, Any]:
    """The data package descriptor: the official resources with their fields, types and keys."""
    resources = []
    for table in TABLES:
        fields = []
        for column in table.columns:
            type_, fmt = table.types.get(column, ("string", "uuid" if column == "id" or column.endswith("_id") else ""))
            spec: dict[str, Any] = {"name": column, "type": type_}
            if fmt:
                spec["format"] = fmt
            spec["constraints"] = {"required": column in table.required, "unique": column == "id"}
            fields.append(spec)
        schema: dict[str, Any] = {"primaryKey": "id", "fields": fields}
        if table.references:
            schema["foreignKeys"] = [
                {"fields": column, "reference": {"resource": resource, "fields": "id"}}
                for column, resource in table.references.items()
            ]
        resources.append(
            {
                "name": table.resource,
                "path": table.path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": schema,
            }
        )
    return {
        "name": "human_services_data",
        "title": "Human Services Data Specification",
        "profile": "tabular-data-package",
        "version": "3.0.0",
        "homepage": "http://docs.openreferral.org",
        "license": {
            "url": "https://creativecommons.org/licenses/by-sa/4.0/",
            "type": "CC-BY-SA-4.0",
            "name": "Creative Commons Attribution-ShareAlike 4.0",
        },
        "resources": resources,
    }


# ---------------------------------------------------------------- export


def _value_fields(mapping: Mapping) -> list[str]:
    out = ["id"]
    for col in mapping.cols:
        if col.kind == "tr":
            out.append(f"{col.field}_en")
        elif col.kind == "fk":
            out.append(f"{col.field}_id")
        else:
            out.append(col.field)
    if _has_extra(mapping.model):
        out.append("extra")
    return out


def table_rows(resource: str) -> list[dict[str, str]]:
    """The rows of one official table, as text, ordered by id."""
    if resource == "attribute":
        return _attribute_rows()
    if resource in MAPPINGS:
        return _model_rows(resource)
    return _stashed_rows(resource)


def _model_rows(resource: str) -> list[dict[str, str]]:
    mapping = MAPPINGS[resource]
    table = TABLE[resource]
    names = _value_fields(mapping)
    if resource == "taxonomy_term":
        names.append("taxonomy__name")
    rows = []
    for values in mapping.model._default_manager.order_by("id").values(*names).iterator(chunk_size=2000):
        stored = (values.get("extra") or {}).get("hsds", {})
        row = {c: str(stored.get(c, "")) for c in table.columns}
        row["id"] = str(values["id"])
        for col in mapping.cols:
            if col.kind == "tr":
                row[col.column] = values[f"{col.field}_en"] or ""
            elif col.kind == "fk":
                fk = values[f"{col.field}_id"]
                row[col.column] = str(fk) if fk else str(stored.get(col.column, ""))
            else:
                row[col.column] = _format(col.kind, values[col.field])
        if resource == "taxonomy_term" and not stored.get("taxonomy"):
            row["taxonomy"] = values["taxonomy__name"] or ""
        rows.append(row)
    return rows


def _attribute_rows() -> list[dict[str, str]]:
    rows = [
        {
            "id": str(a["id"]),
            "link_id": str(a["service_id"]),
            "taxonomy_term_id": str(a["taxonomy_term_id"]),
            "link_type": a["link_type"],
            "link_entity": "service",
            "value": a["value"],
        }
        for a in m.Attribute.objects.values("id", "service_id", "taxonomy_term_id", "link_type", "value").iterator(
            chunk_size=5000
        )
    ]
    rows += _stashed_rows("attribute")
    return sorted(rows, key=lambda r: r["id"])


def _stashed_rows(resource: str) -> list[dict[str, str]]:
    key = STASH_KEY.get(resource)
    if not key:
        return []
    columns = TABLE[resource].columns
    found: dict[str, dict[str, str]] = {}
    for owner in OWNERS:
        model = MAPPINGS[owner].model
        links = [column for column, resource_ in STASHED[resource] if resource_ == owner]
        for owner_id, extra in model._default_manager.filter(extra__has_key="hsds_tables").values_list("id", "extra"):
            for stored in (extra or {}).get("hsds_tables", {}).get(key, []):
                row = {c: str(stored.get(c, "")) for c in columns}
                if links and not any(row[c] for c in links):  # the row belongs to its owner
                    row[links[0]] = str(owner_id)
                found[row["id"]] = row
    return [found[k] for k in sorted(found)]


def export_package(directory: Path | str) -> dict[str, int]:
    """Write datapackage.json and every CSV table into directory; return rows per table."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    counts = {}
    with translation.override("en"):
        for table in TABLES:
            rows = table_rows(table.resource)
            (target / table.path).write_text(_csv_text(rows, table.columns), encoding="utf-8", newline="")
            counts[table.resource] = len(rows)
    (target / "datapackage.json").write_text(json.dumps(datapackage(), indent=2, ensure_ascii=False) + "\n")
    return counts


# ---------------------------------------------------------------- import


class HSDSImportError(Exception):
    """The package cannot be imported; `errors` names table, row and column of each problem."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportReport:
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    values: dict[str, str]


def _resource_paths(root: Path) -> dict[str, Path]:
    paths = {t.resource: root / t.path for t in TABLES}
    descriptor = root / "datapackage.json"
    if descriptor.exists():
        try:
            package = json.loads(descriptor.read_text(encoding="utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise HSDSImportError([f"datapackage.json: not valid JSON ({exc})"]) from None
        for resource in package.get("resources", []) if isinstance(package, dict) else []:
            name, path = resource.get("name"), resource.get("path")
            if name in paths and isinstance(path, str):
                candidate = (root / path).resolve()
                if root.resolve() not in candidate.parents:
                    raise HSDSImportError([f"datapackage.json: resource {name!r} path {path!r} leaves the package"])
                paths[name] = candidate
    return paths


def _read_table(table: Table, path: Path, errors: list[str], warnings: list[str]) -> list[_Row]:
    if not path.exists():
        return []
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        warnings.append(f"{path.name}: not UTF-8, read as Windows-1252")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    unknown = [h for h in header if h not in table.columns]
    if unknown:
        warnings.append(f"{path.name}: unknown columns ignored: {', '.join(unknown)}")
    if "id" not in header and header:
        errors.append(f"{path.name}: no 'id' column")
        return []
    rows = []
    try:
        for values in reader:
            rows.append(_Row(reader.line_num, {c: (values.get(c) or "").strip() for c in table.columns}))
    except csv.Error as exc:
        errors.append(f"{path.name} row {reader.line_num}: {exc}")
    return rows


def _parse(kind: str, text: str) -> Any:
    """The typed value of a cell, or raise ValueError with a reason."""
    value: Any
    if text == "":
        return None
    if "\x00" in text:  # PostgreSQL refuses NUL in text; refuse it everywhere alike
        raise ValueError("contains a NUL character")
    if kind == "int":
        number = float(text)
        if not number.is_integer() or not 0 <= number <= 32767:
            raise ValueError(f"not a whole number between 0 and 32767: {text!r}")
        return int(number)
    if kind == "float":
        number = float(text)
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(f"not a finite number: {text!r}")
        return number
    if kind == "decimal":
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"not a number: {text!r}") from None
        if not value.is_finite() or abs(value) >= Decimal("1e8"):
            raise ValueError(f"not an amount: {text!r}")
        return value.quantize(Decimal("0.01"))
    if kind == "date":
        value = parse_date(text[:10]) if len(text) >= 10 else None
        if value is None or len(text) not in (10,) and "T" not in text:
            raise ValueError(f"not a date (YYYY-MM-DD): {text!r}")
        return value
    if kind == "time":
        value = parse_time(text)
        if value is None:
            raise ValueError(f"not a time (HH:MM:SS): {text!r}")
        return value
    if kind == "datetime":
        value = parse_datetime(text[:-1] + "+00:00" if text.endswith("Z") else text)
        if value is None:
            raise ValueError(f"not a date-time (ISO 8601): {text!r}")
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return text


@functools.cache
def _max_length(model: type[djm.Model], name: str) -> int | None:
    try:
        return model._meta.get_field(name).max_length  # type: ignore[union-attr]
    except Exception:  # noqa: BLE001 - a non-field attribute has no limit
        return None


_DEFAULTS: dict[type[djm.Model], dict[str, Any]] = {}


def _instance(model: type[djm.Model], values: dict[str, Any]) -> djm.Model:
    """A new unsaved instance from attname values.

    Built without Model.__init__: with modeltranslation every translated field's default switches
    the active language, which made building 20,000 services take most of an import's time.
    """
    if model not in _DEFAULTS:
        _DEFAULTS[model] = {f.attname: f.get_default() for f in model._meta.concrete_fields}
    obj = model.__new__(model)
    state = ModelState()
    state.adding, state.db = True, None
    obj.__dict__.update(_DEFAULTS[model])
    for name, value in _DEFAULTS[model].items():
        if isinstance(value, dict | list):
            obj.__dict__[name] = type(value)(value)
    obj.__dict__.update(values)
    obj._state = state
    return obj


@contextlib.contextmanager
def _keep_timestamps(model: type[djm.Model]) -> Iterator[None]:
    """Let bulk_create store the package's last_modified instead of now (auto_now would overwrite it)."""
    fields = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    for f in fields:
        f.auto_now = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for f in fields:
            f.auto_now = True  # type: ignore[attr-defined]


class _Importer:
    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.errors: list[str] = []
        self.report = ImportReport()
        self.rows: dict[str, list[_Row]] = {}
        self.ids: dict[str, set[uuid.UUID]] = {}
        self.objects: dict[str, list[djm.Model]] = {}
        self.extras: dict[str, dict[uuid.UUID, dict[str, Any]]] = defaultdict(dict)
        self.stash: dict[str, dict[uuid.UUID, dict[str, dict[str, dict[str, str]]]]] = defaultdict(dict)

    def error(self, table: Table, row: _Row, column: str, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(f"{table.path} row {row.line} column '{column}': {message}")

    def warn(self, message: str) -> None:
        if len(self.report.warnings) < 200:
            self.report.warnings.append(message)

    def read(self) -> None:
        if not self.root.is_dir():
            raise HSDSImportError([f"{self.root}: not a directory"])
        paths = _resource_paths(self.root)
        total = sum(p.stat().st_size for p in paths.values() if p.exists())
        if total > self.max_bytes:
            raise HSDSImportError([f"{self.root}: {total} bytes of CSV, more than the limit of {self.max_bytes}"])
        if not any(p.exists() for p in paths.values()):
            raise HSDSImportError([f"{self.root}: no HSDS table found (expected e.g. services.csv)"])
        csv.field_size_limit(MAX_FIELD_CHARS)
        for table in TABLES:
            self.rows[table.resource] = _read_table(table, paths[table.resource], self.errors, self.report.warnings)
        for table in TABLES:
            seen: set[uuid.UUID] = set()
            for row in self.rows[table.resource]:
                try:
                    key = uuid.UUID(row.values["id"])
                except ValueError:
                    self.error(table, row, "id", f"not a UUID: {row.values['id']!r}")
                    continue
                if key in seen:
                    self.error(table, row, "id", f"duplicate id {key}")
                seen.add(key)
            self.ids[table.resource] = seen

    def known(self, resource: str) -> set[uuid.UUID]:
        """Ids in the package plus those already in the database."""
        cache_key = f"known:{resource}"
        if cache_key not in self.ids:
            in_db = set(MAPPINGS[resource].model._default_manager.values_list("id", flat=True))
            self.ids[cache_key] = in_db | self.ids.get(resource, set())
        return self.ids[cache_key]

    def build(self, resource: str) -> None:
        mapping, table = MAPPINGS[resource], TABLE[resource]
        model = mapping.model
        modelled = {c.column for c in mapping.cols} | {"id"}
        unmodelled = [c for c in table.columns if c not in modelled]
        keeps_extra = _has_extra(model)
        if unmodelled and not keeps_extra and any(r.values.get(c) for r in self.rows[resource] for c in unmodelled):
            self.warn(f"{table.path}: columns not kept (no place for them): {', '.join(unmodelled)}")
        objects = []
        for row in self.rows[resource]:
            try:
                key = uuid.UUID(row.values["id"])
            except ValueError:
                continue
            kwargs: dict[str, Any] = {"id": key}
            hsds_extra = {c: row.values[c] for c in unmodelled if row.values.get(c)}
            skip = False
            for col in mapping.cols:
                text = row.values.get(col.column, "")
                if col.kind == "fk":
                    target = mapping.parents[col.column]
                    ref = None
                    if text:
                        try:
                            ref = uuid.UUID(text)
                        except ValueError:
                            ref = None
                    if ref is not None and ref in self.known(target):
                        kwargs[f"{col.field}_id"] = ref
                    elif col.required_parent:
                        self.warn(f"{table.path} row {row.line}: skipped, {col.column} {text!r} not found")
                        skip = True
                        break
                    else:
                        kwargs[f"{col.field}_id"] = None
                        if text:
                            if keeps_extra:
                                hsds_extra[col.column] = text
                            else:
                                self.warn(f"{table.path} row {row.line}: {col.column} {text!r} not found, left empty")
                    continue
                try:
                    value = _parse(col.kind if col.kind != "tr" else "text", text)
                except ValueError as exc:
                    self.error(table, row, col.column, str(exc))
                    continue
                limit = _max_length(model, col.field)
                if isinstance(value, str) and limit and len(value) > limit:
                    self.error(table, row, col.column, f"longer than {limit} characters")
                    continue
                if col.kind == "tr":
                    kwargs[col.field] = kwargs[f"{col.field}_en"] = value or ""
                elif value is None and col.kind == "text":
                    kwargs[col.field] = ""
                else:
                    kwargs[col.field] = value
            if skip:
                continue
            self._check_choices(resource, table, row, kwargs)
            if resource == "service_at_location" and not self._unique_pair(table, row, kwargs):
                continue
            if keeps_extra:
                self.extras[resource][key] = hsds_extra
            if resource == "service" and kwargs.get("updated_at") is None:
                kwargs["updated_at"] = dt.datetime.now(dt.UTC)
            objects.append(_instance(model, kwargs))
        self.objects[resource] = objects

    def _unique_pair(self, table: Table, row: _Row, kwargs: dict[str, Any]) -> bool:
        """service_at_location is unique per (service, location): a second row for a pair is dropped."""
        if not hasattr(self, "_pairs"):
            self._pairs: dict[tuple[Any, Any], Any] = {
                (s, loc): i for i, s, loc in m.ServiceAtLocation.objects.values_list("id", "service_id", "location_id")
            }
        pair = (kwargs["service_id"], kwargs["location_id"])
        if self._pairs.setdefault(pair, kwargs["id"]) != kwargs["id"]:
            self.warn(f"{table.path} row {row.line}: dropped, service and location already paired")
            return False
        return True

    def _check_choices(self, resource: str, table: Table, row: _Row, kwargs: dict[str, Any]) -> None:
        if resource == "service":
            status = kwargs.get("status") or m.Service.Status.ACTIVE
            if status not in m.Service.Status.values:
                self.error(table, row, "status", f"must be one of {', '.join(m.Service.Status.values)}: {status!r}")
            kwargs["status"] = status
            for name in ("name",):
                if not kwargs.get(name):
                    self.error(table, row, name, "required")
        if resource == "location":
            kind = kwargs.get("location_type") or m.Location.LocationType.PHYSICAL
            if kind not in m.Location.LocationType.values:
                self.error(table, row, "location_type", f"must be physical, postal or virtual: {kind!r}")
            kwargs["location_type"] = kind
        if resource in ("organization", "taxonomy", "taxonomy_term") and not kwargs.get("name"):
            self.error(table, row, "name", "required")
        if resource == "address":
            kwargs["country"] = kwargs.get("country") or "CA"
            kwargs["address_type"] = kwargs.get("address_type") or "physical"
        if resource == "cost_option":
            kwargs["currency"] = kwargs.get("currency") or "CAD"
        if resource == "schedule":
            kwargs["freq"] = kwargs.get("freq") or ""

    def build_attributes(self) -> None:
        table = TABLE["attribute"]
        services, terms = self.known("service"), self.known("taxonomy_term")
        existing = {(s, t): i for i, s, t in m.Attribute.objects.values_list("id", "service_id", "taxonomy_term_id")}
        objects, pairs = [], set()
        for row in self.rows["attribute"]:
            v = row.values
            try:
                key, link, term = uuid.UUID(v["id"]), uuid.UUID(v["link_id"]), uuid.UUID(v["taxonomy_term_id"])
            except ValueError:
                self._stash_row("attribute", table, row)
                continue
            pair = (link, term)
            limit = _max_length(m.Attribute, "value")
            if (
                v["link_entity"] in ("service", "")
                and link in services
                and term in terms
                and pair not in pairs
                and existing.get(pair, key) == key
                and len(v["value"]) <= (limit or 300)
                and len(v["link_type"]) <= 100
            ):
                pairs.add(pair)
                objects.append(
                    _instance(
                        m.Attribute,
                        {
                            "id": key,
                            "service_id": link,
                            "taxonomy_term_id": term,
                            "link_type": v["link_type"],
                            "value": v["value"],
                        },
                    )
                )
            else:
                self._stash_row("attribute", table, row)
        self.objects["attribute"] = objects

    def _stash_row(self, resource: str, table: Table, row: _Row) -> None:
        for column, owner in STASHED[resource]:
            text = row.values.get(column, "")
            try:
                ref = uuid.UUID(text)
            except ValueError:
                continue
            if ref in self.known(owner):
                rows = self.stash[owner].setdefault(ref, {}).setdefault(STASH_KEY[resource], {})
                rows[row.values["id"]] = dict(row.values)
                return
        self.warn(f"{table.path} row {row.line}: dropped, no organization, service or location to keep it with")

    def build_stashes(self) -> None:
        for resource in STASHED:
            if resource == "attribute":
                continue
            table = TABLE[resource]
            for row in self.rows[resource]:
                self._stash_row(resource, table, row)
        if self.rows["meta_table_description"]:
            self.warn("meta_table_descriptions.csv: not kept (no record to keep it with)")

    def _merged_extra(self, resource: str, key: uuid.UUID, existing: dict[str, Any]) -> dict[str, Any]:
        extra = {k: v for k, v in (existing or {}).items() if k not in ("hsds", "hsds_tables")}
        columns = self.extras[resource].get(key, {})
        if columns:
            extra["hsds"] = columns
        tables = {name: [rows[i] for i in sorted(rows)] for name, rows in self.stash[resource].get(key, {}).items()}
        if tables:
            extra["hsds_tables"] = tables
        return extra

    def write(self) -> None:
        with transaction.atomic(), translation.override("en"):
            for resource in IMPORT_ORDER:
                self._upsert(resource)
            self._upsert_attributes()
            self._update_stash_owners()

    def _upsert(self, resource: str) -> None:
        mapping = MAPPINGS[resource]
        model, objects = mapping.model, self.objects[resource]
        keeps_extra = _has_extra(model)
        if keeps_extra and objects:
            existing: dict[uuid.UUID, dict[str, Any]] = {}
            ids = [o.pk for o in objects]
            for start in range(0, len(ids), 5000):
                existing.update(
                    model._default_manager.filter(id__in=ids[start : start + 5000]).values_list("id", "extra")
                )
            for obj in objects:
                obj.extra = self._merged_extra(resource, obj.pk, existing.get(obj.pk, {}))  # type: ignore[attr-defined]
        fields = ["id"]
        for col in mapping.cols:
            if col.kind == "tr":
                fields += [col.field, f"{col.field}_en"]
            elif col.kind == "fk":
                fields.append(f"{col.field}_id")
            else:
                fields.append(col.field)
        if keeps_extra:
            fields.append("extra")
        update_fields = [model._meta.get_field(f).name for f in fields if f != "id"]
        with _keep_timestamps(model) if resource == "service" else contextlib.nullcontext():
            for start in range(0, len(objects), BATCH):
                model._default_manager.bulk_create(
                    objects[start : start + BATCH],
                    update_conflicts=True,
                    unique_fields=["id"],
                    update_fields=update_fields,
                )
        self.report.counts[resource] = len(objects)

    def _upsert_attributes(self) -> None:
        objects = self.objects["attribute"]
        for start in range(0, len(objects), BATCH * 5):
            m.Attribute.objects.bulk_create(
                cast(list[m.Attribute], objects[start : start + BATCH * 5]),
                update_conflicts=True,
                unique_fields=["id"],
                update_fields=["service", "taxonomy_term", "link_type", "value"],
            )
        self.report.counts["attribute"] = len(objects)

    def _update_stash_owners(self) -> None:
        """Owners already in the database (not in the package) that receive stashed rows."""
        for owner, stashes in self.stash.items():
            model = MAPPINGS[owner].model
            outside = [k for k in stashes if k not in self.ids.get(owner, set())]
            changed = []
            for obj in model._default_manager.filter(id__in=outside):
                extra = dict(getattr(obj, "extra", None) or {})
                tables = dict(extra.get("hsds_tables", {}))
                for name, rows in stashes[obj.pk].items():
                    merged = {r["id"]: r for r in tables.get(name, [])} | rows
                    tables[name] = [merged[i] for i in sorted(merged)]
                extra["hsds_tables"] = tables
                obj.extra = extra  # type: ignore[attr-defined]  # owners all have `extra`
                changed.append(obj)
            model._default_manager.bulk_update(changed, ["extra"], batch_size=BATCH)
        for resource in STASHED:
            count = sum(len(s.get(STASH_KEY[resource], {})) for o in self.stash.values() for s in o.values())
            if count:
                self.report.counts[f"{resource} (kept in extra)"] = count


def import_package(directory: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> ImportReport:
    """Import an HSDS tabular data package: all or nothing, upserting by id."""
    importer = _Importer(Path(directory), max_bytes)
    importer.read()
    if importer.errors:
        raise HSDSImportError(importer.errors)
    with translation.override("en"):
        for resource in IMPORT_ORDER:
            importer.build(resource)
        importer.build_attributes()
        importer.build_stashes()
    if importer.errors:
        raise HSDSImportError(importer.errors)
    importer.write()
    return importer.report
