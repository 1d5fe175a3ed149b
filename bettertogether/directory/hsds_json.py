"""HSDS 3.0 JSON packages: arrays of nested objects (the official compiled/*_package.json shapes).

Export: `export_json_package(path, lang)` writes an organization package, every organization fully
nested with all its services (the API's `/organizations/{id}?full_service=true` documents).

Import: `flatten(documents)` turns organization, service or service-at-location documents (or a
mix, or API pages) into the rows of the official tables, giving nested objects the reference to
their parent they may leave out (a phone under a service gets its service_id, a service's
`organization` gives the service its organization_id, ...). An object met several times (a
location under its organization and under a service-at-location) must say the same each time.
The rows are written as a tabular package and imported by hsds_import: the same checks, all or
nothing; error messages name the object's place in the JSON (`[0].services[2].phones[0]`).
"""

from __future__ import annotations

import csv
import json
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db.models import Prefetch
from django.utils import translation

from bettertogether.core.imports import ImportProblem, ImportReport, sha256_of_file

from . import hsds
from .hsds_import import import_package
from .hsds_read import HSDSImportError
from .hsds_tables import BASE_LANGUAGE, TABLE, TABLES, content_language
from .hsds_values import number_text
from .models import Organization, Service

# The key of a nested object or list -> its table.
NESTED = {
    "funding": "funding",
    "attributes": "attribute",
    "taxonomy_term": "taxonomy_term",
    "taxonomy_detail": "taxonomy",
    "metadata": "metadata",
    "contacts": "contact",
    "phones": "phone",
    "languages": "language",
    "locations": "location",
    "location": "location",
    "addresses": "address",
    "accessibility": "accessibility",
    "schedules": "schedule",
    "programs": "program",
    "program": "program",
    "organization_identifiers": "organization_identifier",
    "services": "service",
    "service": "service",
    "service_areas": "service_area",
    "service_at_locations": "service_at_location",
    "organization": "organization",
    "cost_options": "cost_option",
    "required_documents": "required_document",
}
MAX_DEPTH = 12
MAX_ERRORS = 50


@dataclass
class Flattened:
    rows: dict[str, dict[str, dict[str, str]]] = field(default_factory=lambda: {t.resource: {} for t in TABLES})
    places: dict[tuple[str, str], str] = field(default_factory=dict)  # (table, id) -> first place in the JSON
    errors: list[str] = field(default_factory=list)
    ignored: set[str] = field(default_factory=set)

    def error(self, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(message)


def _text(value: Any) -> str | None:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, str):
        return value
    return None


def kind_of(document: dict[str, Any]) -> str:
    """organization, service or service_at_location, from the document's own fields."""
    if "location" in document and "service" in document or "location_id" in document and "service_id" in document:
        return "service_at_location"
    if "status" in document or "organization_id" in document:
        return "service"
    return "organization"


Group = tuple[str, str | None, list[Any]]  # (place, table or None to tell from each document, documents)


def flatten(groups: Iterable[Group]) -> Flattened:
    out = Flattened()
    for place, kind, documents in groups:
        for index, document in enumerate(documents):
            where = f"{place}[{index}]"
            if not isinstance(document, dict):
                out.error(f"{where}: not a JSON object")
                continue
            _add(out, kind or kind_of(document), document, where, None, 0)
    return out


def _add(
    out: Flattened, table: str, obj: dict[str, Any], where: str, parent: tuple[str, str] | None, depth: int
) -> str:
    """Add obj (and what it nests) to out; return its id ('' when it has none)."""
    if depth > MAX_DEPTH:
        out.error(f"{where}: nested more than {MAX_DEPTH} levels deep")
        return ""
    columns = TABLE[table].columns
    key = obj.get("id")
    if not isinstance(key, str) or not key.strip():
        out.error(f"{where}: a {table} without an 'id'")
        return ""
    key = key.strip()
    row = _own_values(out, table, obj, where)
    if parent is not None:
        _link(row, table, parent)
    for name, value in obj.items():
        if name not in NESTED or name in columns or value is None:
            continue
        _add_nested(out, (table, key), row, NESTED[name], value, f"{where}.{name}", depth)
    _merge(out, table, key, row, where)
    return key


def _own_values(out: Flattened, table: str, obj: dict[str, Any], where: str) -> dict[str, str]:
    """The object's values of the table's columns; names neither a column nor nested are noted as ignored."""
    columns = TABLE[table].columns
    row: dict[str, str] = {}
    for name, value in obj.items():
        if name in columns:
            text = _text(value)
            if text is None:
                out.error(f"{where}.{name}: not a value ({type(value).__name__})")
            else:
                row[name] = text
        elif name not in NESTED:
            out.ignored.add(f"{table}.{name}")
    return row


def _add_nested(
    out: Flattened, owner: tuple[str, str], row: dict[str, str], child: str, value: Any, where: str, depth: int
) -> None:
    """Add what an object nests under one name: one child object (the owner's row names it) or a list of
    children (each names its owner)."""
    if isinstance(value, dict):  # one-to-one: the child names nothing, the parent names it
        child_id = _add(out, child, value, where, None, depth + 1)
        link = "taxonomy_id" if child == "taxonomy" else f"{child}_id"
        if child_id and link in TABLE[owner[0]].columns and not row.get(link):
            row[link] = child_id
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                _add(out, child, item, f"{where}[{index}]", owner, depth + 1)
            else:
                out.error(f"{where}[{index}]: not a JSON object")
    else:
        out.error(f"{where}: not a JSON object or list")


def _link(row: dict[str, str], table: str, parent: tuple[str, str]) -> None:
    kind, parent_id = parent
    if table == "attribute":
        if not row.get("link_id"):
            row["link_id"] = parent_id
        if not row.get("link_entity"):
            row["link_entity"] = kind
    elif table == "metadata":
        if not row.get("resource_id"):
            row["resource_id"] = parent_id
        if not row.get("resource_type"):
            row["resource_type"] = kind
    elif f"{kind}_id" in TABLE[table].columns and not row.get(f"{kind}_id"):
        row[f"{kind}_id"] = parent_id


def _merge(out: Flattened, table: str, key: str, row: dict[str, str], where: str) -> None:
    known = out.rows[table].get(key)
    if known is None:
        out.rows[table][key] = row
        out.places[(table, key)] = where
        return
    for name, value in row.items():
        if value and known.get(name) and known[name] != value:
            first = out.places[(table, key)]
            out.error(f"{where}.{name}: {table} {key} says {value!r} here and {known[name]!r} at {first}")
        elif value:
            known[name] = value


def write_tables(flat: Flattened, directory: Path) -> dict[tuple[str, int], str]:
    """Write the rows as CSV tables; return (file, line) -> place in the JSON, for error messages."""
    places: dict[tuple[str, int], str] = {}
    for table in TABLES:
        with (directory / table.path).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=table.columns, lineterminator="\r\n")
            writer.writeheader()
            for line, (key, row) in enumerate(sorted(flat.rows[table.resource].items()), start=2):
                writer.writerow({c: row.get(c, "") for c in table.columns})
                places[(table.path, line)] = flat.places[(table.resource, key)]
    return places


_ROW = re.compile(r"^(?P<path>[a-z_]+\.csv) row (?P<line>\d+)")


def import_documents(groups: Iterable[Group], max_bytes: int, lang: str | None = None) -> ImportReport:
    """Import JSON documents (all or nothing): HSDSImportError naming the place of each problem."""
    flat = flatten(groups)
    if flat.errors:
        raise HSDSImportError(flat.errors)
    with tempfile.TemporaryDirectory(prefix="hsds-json-") as tmp:
        places = write_tables(flat, Path(tmp))
        try:
            report = import_package(tmp, max_bytes=max_bytes, lang=lang)
        except HSDSImportError as exc:
            placed = HSDSImportError([_placed_problem(p, places) for p in exc.problems])
            if exc.report is not None:
                exc.report.fail(placed)
            raise placed from None
    report.file_name, report.sha256 = "", ""  # of the tables written here; the caller names the source
    report.warnings[:0] = [f"ignored (not an HSDS field): {name}" for name in sorted(flat.ignored)][:20]
    report.warnings = [_placed(w, places) for w in report.warnings]
    return report


def _placed_problem(problem: ImportProblem, places: dict[tuple[str, int], str]) -> ImportProblem:
    """A problem in a table written from the JSON, placed in the JSON instead ("[0].services[0] (services)")."""
    where = places.get((problem.file, problem.row)) if problem.row is not None else None
    if where is None:
        return problem
    return ImportProblem(None, problem.column, problem.message, file=f"{where} ({problem.file.removesuffix('.csv')})")


def _placed(message: str, places: dict[tuple[str, int], str]) -> str:
    found = _ROW.match(message)
    if not found:
        return message
    where = places.get((found["path"], int(found["line"])))
    return f"{where} ({found['path'][:-4]}){message[found.end() :]}" if where else message


def read_json_package(path: Path, max_bytes: int) -> list[Any]:
    """The documents of a JSON package file: an array, or an API page ({"contents": [...]})."""
    size = path.stat().st_size
    if size > max_bytes:
        raise HSDSImportError([f"{path.name}: {size} bytes, more than the limit of {max_bytes}"])
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise HSDSImportError([f"{path.name}: not valid JSON ({exc})"]) from None
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise HSDSImportError([f"{path.name}: expected an array of HSDS objects"])
    return data


def import_json_package(path: Path | str, max_bytes: int, lang: str | None = None) -> ImportReport:
    path = Path(path)
    return named_after_file(
        path, lambda: import_documents([("", None, read_json_package(path, max_bytes))], max_bytes, lang)
    )


def named_after_file(path: Path, run: Callable[[], ImportReport]) -> ImportReport:
    """Run the import of the file at path: its run record, or the failed one, names that file and its hash."""
    source = (path.name, sha256_of_file(path), path.stat().st_size)
    try:
        report = run()
    except HSDSImportError as exc:
        if exc.report is not None:
            exc.report.file_name, exc.report.sha256, exc.report.size = source
        raise
    report.file_name, report.sha256, report.size = source
    return report


def organization_documents(lang: str = BASE_LANGUAGE) -> Iterable[dict[str, Any]]:
    """Every organization fully nested with all its services (any status), in lang."""
    services = Service.objects.select_related(*hsds.SERVICE_LIST_RELATED).prefetch_related(*hsds.SERVICE_FULL_PREFETCH)
    organizations = Organization.objects.order_by("id").prefetch_related(
        "phones__languages",
        *(f"locations__{p}" for p in hsds.LOCATION_FULL_PREFETCH),
        Prefetch("services", queryset=services.order_by("id"), to_attr="all_services"),
    )
    with translation.override(content_language(lang)), hsds.many_documents():
        for org in organizations.iterator(chunk_size=200):
            yield hsds.organization_full_doc(org, org.all_services, full_service=True)


def export_json_package(path: Path | str, lang: str = BASE_LANGUAGE) -> int:
    """Write the organization package (a JSON array) to path; return the number of organizations."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with target.open("w", encoding="utf-8") as handle:
        handle.write("[")
        for document in organization_documents(lang):
            handle.write(("\n" if count == 0 else ",\n") + json.dumps(document, ensure_ascii=False))
            count += 1
        handle.write("\n]\n")
    return count
