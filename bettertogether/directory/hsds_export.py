"""Export the directory as an HSDS 3.0 tabular data package (see hsds_io for the whole picture)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from django.utils import translation

from . import hsds_addresses
from . import models as m
from .hsds_tables import (
    BASE_LANGUAGE,
    MAPPINGS,
    OWNERS,
    STASH_KEY,
    STASHED,
    TABLE,
    TABLES,
    Mapping,
    content_language,
    has_extra,
)
from .hsds_values import iso_datetime, number_text

# ---------------------------------------------------------------- value formatting (export)


def _format(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "float":
        return number_text(float(value))
    if kind == "decimal":
        return number_text(value)
    if kind == "int":
        return str(value)
    if kind in ("date", "time"):
        return str(value.isoformat())
    if kind == "datetime":
        return iso_datetime(value)
    return str(value)


def _csv_text(rows: list[dict[str, str]], columns: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def datapackage(lang: str = BASE_LANGUAGE) -> dict[str, Any]:
    """The data package descriptor: the official resources with their fields, types and keys.

    `languages` (the Frictionless Data language-support pattern: ISO 639-1 codes, the first one the
    package's) says which language the text columns are in; HSDS tables have one language each.
    """
    resources = []
    for table in TABLES:
        fields = []
        for column in table.columns:
            uuid = column == "id" or column.endswith("_id") and column != "tax_id"  # tax_id is a tax number
            type_, fmt = table.types.get(column, ("string", "uuid" if uuid else ""))
            spec: dict[str, Any] = {"name": column, "type": type_}
            if fmt:
                spec["format"] = fmt
            spec["constraints"] = {"required": column in table.required, "unique": column in table.unique}
            if column in table.enums:
                spec["constraints"]["enum"] = list(table.enums[column])
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
        "languages": [content_language(lang)],
        "homepage": "http://docs.openreferral.org",
        "license": {
            "url": "https://creativecommons.org/licenses/by-sa/4.0/",
            "type": "CC-BY-SA-4.0",
            "name": "Creative Commons Attribution-ShareAlike 4.0",
        },
        "resources": resources,
    }


# ---------------------------------------------------------------- export


def _value_fields(mapping: Mapping, lang: str) -> list[str]:
    out = ["id"]
    for col in mapping.cols:
        if col.kind == "tr":
            out += dict.fromkeys((f"{col.field}_{lang}", f"{col.field}_{BASE_LANGUAGE}"))
        elif col.kind == "fk":
            out.append(f"{col.field}_id")
        else:
            out.append(col.field)
    if has_extra(mapping.model):
        out.append("extra")
    return out


def table_rows(resource: str, lang: str = BASE_LANGUAGE) -> list[dict[str, str]]:
    """The rows of one official table, as text, ordered by id; translated columns in lang."""
    if resource == "attribute":
        return _attribute_rows()
    if resource == "address":  # incomplete addresses travel as attributes (see hsds_addresses)
        return [row for row in _model_rows(resource, BASE_LANGUAGE) if hsds_addresses.is_complete(row)]
    if resource in MAPPINGS:
        rows = _model_rows(resource, content_language(lang))
        if resource in ("taxonomy", "taxonomy_term") and _partial_addresses():
            own = hsds_addresses.taxonomy_row() if resource == "taxonomy" else hsds_addresses.term_row()
            rows = sorted([*rows, own], key=lambda r: r["id"])
        return rows
    return _stashed_rows(resource)


def _partial_addresses() -> list[dict[str, str]]:
    return [
        hsds_addresses.as_attribute(row)
        for row in _model_rows("address", BASE_LANGUAGE)
        if not hsds_addresses.is_complete(row)
    ]


def _model_rows(resource: str, lang: str) -> list[dict[str, str]]:
    mapping = MAPPINGS[resource]
    table = TABLE[resource]
    names = _value_fields(mapping, lang)
    if resource == "taxonomy_term":
        names.append("taxonomy__name")
    rows = []
    for values in mapping.model._default_manager.order_by("id").values(*names).iterator(chunk_size=2000):
        stored = (values.get("extra") or {}).get("hsds", {})
        row = {c: str(stored.get(c, "")) for c in table.columns}
        row["id"] = str(values["id"])
        for col in mapping.cols:
            if col.kind == "tr":  # an empty translation falls back to English, as on the site
                row[col.column] = values[f"{col.field}_{lang}"] or values[f"{col.field}_{BASE_LANGUAGE}"] or ""
            elif col.kind == "fk":
                fk = values[f"{col.field}_id"]
                row[col.column] = str(fk) if fk else str(stored.get(col.column, ""))
            else:
                row[col.column] = _format(col.kind, values[col.field])
        if resource == "taxonomy_term" and not stored.get("taxonomy"):
            row["taxonomy"] = values["taxonomy__name"] or ""
        if "description" in table.required and not row["description"]:  # required by HSDS, optional here
            row["description"] = row["name"]
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
    rows += _stashed_rows("attribute") + _partial_addresses()
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


def export_package(directory: Path | str, lang: str = BASE_LANGUAGE) -> dict[str, int]:
    """Write datapackage.json and every CSV table into directory, translated columns in lang
    (English where a translation is empty); return rows per table. ValueError for an unknown lang."""
    lang = content_language(lang)
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    counts = {}
    with translation.override("en"):
        for table in TABLES:
            rows = table_rows(table.resource, lang)
            (target / table.path).write_text(_csv_text(rows, table.columns), encoding="utf-8", newline="")
            counts[table.resource] = len(rows)
    (target / "datapackage.json").write_text(json.dumps(datapackage(lang), indent=2, ensure_ascii=False) + "\n")
    return counts
