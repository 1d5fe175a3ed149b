"""Import an HSDS 3.0 tabular data package, all or nothing (see hsds_io for the whole picture)."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any, cast

from django.db import connections, transaction
from django.db import models as djm
from django.utils import translation

from bettertogether.core.batches import batches
from bettertogether.core.imports import ImportFailed, ImportProblem, ImportReport, sha256_of_files

from . import hsds_addresses, hsds_changes, search_near, search_text, version
from . import models as m
from .hsds_read import (
    SKIP,
    HSDSImportError,
    Row,
    field_max_length,
    keep_timestamps,
    new_instance,
    package_language,
    parse_cell,
    read_descriptor,
    read_table,
    resource_paths,
)
from .hsds_tables import (
    BASE_LANGUAGE,
    BATCH,
    DEFAULT_MAX_BYTES,
    IMPORT_ORDER,
    MAPPINGS,
    MAX_ERRORS,
    MAX_FIELD_CHARS,
    STASH_KEY,
    STASHED,
    TABLE,
    TABLES,
    Col,
    Mapping,
    Table,
    content_language,
    has_extra,
)

# ---------------------------------------------------------------- import


class _Importer:
    def __init__(self, root: Path, max_bytes: int, lang: str | None = None) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.lang = lang
        self.errors: list[ImportProblem] = []
        self.report = ImportReport(file_name=root.name, language=BASE_LANGUAGE)
        self.rows: dict[str, list[Row]] = {}
        self.headers: dict[str, list[str]] = {}
        self.ids: dict[str, set[uuid.UUID]] = {}
        self.objects: dict[str, list[djm.Model]] = {}
        self.extras: dict[str, dict[uuid.UUID, dict[str, Any]]] = defaultdict(dict)
        self.stash: dict[str, dict[uuid.UUID, dict[str, dict[str, dict[str, str]]]]] = defaultdict(dict)

    def error(self, table: Table, row: Row, column: str, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(ImportProblem(row.line, column, message, file=table.path))

    def warn(self, message: str) -> None:
        if len(self.report.warnings) < 200:
            self.report.warnings.append(message)

    def refuse(self, message: str) -> None:
        """A row left out (the rest of the package is imported): counted, and said why."""
        self.report.count("refused")
        self.warn(message)

    def read(self) -> None:
        if not self.root.is_dir():
            raise HSDSImportError([f"{self.root}: not a directory"])
        package = read_descriptor(self.root)
        paths = resource_paths(self.root, package)
        self.lang = self.lang or package_language(package) or BASE_LANGUAGE
        self.report.language = self.lang
        present = [p for p in paths.values() if p.exists()]
        total = sum(p.stat().st_size for p in present)
        if total > self.max_bytes:
            raise HSDSImportError([f"{self.root}: {total} bytes of CSV, more than the limit of {self.max_bytes}"])
        if not any(p.exists() for p in paths.values()):
            raise HSDSImportError([f"{self.root}: no HSDS table found (expected e.g. services.csv)"])
        self.report.sha256, self.report.size = sha256_of_files([*present, *self.root.glob("datapackage.json")]), total
        csv.field_size_limit(MAX_FIELD_CHARS)
        for table in TABLES:
            self.rows[table.resource] = read_table(
                table, paths[table.resource], self.errors, self.report.warnings, self.headers
            )
        self._unfold_partial_addresses()
        for resource in ("organization", "taxonomy", "taxonomy_term"):
            for row in self.rows[resource]:  # the export's stand-in for an empty required description
                if row.values["description"] == row.values["name"]:
                    row.values["description"] = ""
        for table in TABLES:
            self._check_official_constraints(table)
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

    def _unfold_partial_addresses(self) -> None:
        """Addresses carried as attributes (hsds_addresses) become address rows again."""
        attributes = []
        for row in self.rows["attribute"]:
            if not hsds_addresses.is_carrier(row.values):
                attributes.append(row)
                continue
            try:
                values = hsds_addresses.address_row(row.values)
            except ValueError as exc:
                self.error(TABLE["attribute"], row, "value", str(exc))
                continue
            self.rows["address"].append(Row(row.line, values))
        self.rows["attribute"] = attributes
        for resource in ("taxonomy", "taxonomy_term"):
            kept = [r for r in self.rows[resource] if not hsds_addresses.is_own_taxonomy_row(resource, r.values)]
            self.rows[resource] = kept

    def _check_official_constraints(self, table: Table) -> None:
        """The official datapackage's enums, and its unique columns other than id (checked with the ids)."""
        for column, allowed in table.enums.items():
            for row in self.rows[table.resource]:
                value = row.values.get(column, "")
                if value and value not in allowed:
                    self.error(table, row, column, f"must be one of {', '.join(allowed)}: {value!r}")
        for column in table.unique:
            if column == "id":
                continue
            seen: set[str] = set()
            for row in self.rows[table.resource]:
                value = row.values.get(column, "")
                if value and value in seen:
                    self.error(table, row, column, f"{value!r} appears twice; it must be unique")
                seen.add(value)

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
        keeps_extra = has_extra(model)
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
            if not self._read_row(mapping, table, row, kwargs, hsds_extra if keeps_extra else None):
                continue
            self._check_choices(resource, table, row, kwargs)
            if resource == "service_at_location" and not self._unique_pair(table, row, kwargs):
                continue
            if keeps_extra:
                self.extras[resource][key] = hsds_extra
            if resource == "service" and kwargs.get("updated_at") is None:
                kwargs["updated_at"] = dt.datetime.now(dt.UTC)
            objects.append(new_instance(model, kwargs))
        self.objects[resource] = objects

    def _read_row(
        self, mapping: Mapping, table: Table, row: Row, kwargs: dict[str, Any], extra: dict[str, str] | None
    ) -> bool:
        """The row's cells into `kwargs` (bad cells are errors; unknown parents kept in `extra` when the
        model keeps extras); False when the row is skipped."""
        model = mapping.model
        for col in mapping.cols:
            text = row.values.get(col.column, "")
            if col.kind == "fk":
                if not self._link_parent(mapping, col, table, row, kwargs, extra):
                    return False
                continue
            try:
                value = parse_cell(col.kind if col.kind != "tr" else "text", text)
            except ValueError as exc:
                self.error(table, row, col.column, str(exc))
                continue
            limit = field_max_length(model, col.field)
            if isinstance(value, str) and limit and len(value) > limit:
                self.error(table, row, col.column, f"longer than {limit} characters")
                continue
            if col.kind == "tr":
                kwargs[col.field] = kwargs[f"{col.field}_en"] = value or ""
            elif value is None and col.kind == "text":
                kwargs[col.field] = ""
            else:
                kwargs[col.field] = value
        return True

    def _link_parent(
        self, mapping: Mapping, col: Col, table: Table, row: Row, kwargs: dict[str, Any], extra: dict[str, str] | None
    ) -> bool:
        """The row's reference to a parent already known; False when a required parent is missing."""
        text = row.values.get(col.column, "")
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
            self.refuse(f"{table.path} row {row.line}: skipped, {col.column} {text!r} not found")
            return False
        else:
            kwargs[f"{col.field}_id"] = None
            if text:
                if extra is not None:
                    extra[col.column] = text
                else:
                    self.warn(f"{table.path} row {row.line}: {col.column} {text!r} not found, left empty")
        return True

    def _unique_pair(self, table: Table, row: Row, kwargs: dict[str, Any]) -> bool:
        """service_at_location is unique per (service, location): a second row for a pair is dropped."""
        if not hasattr(self, "_pairs"):
            self._pairs: dict[tuple[Any, Any], Any] = {
                (s, loc): i for i, s, loc in m.ServiceAtLocation.objects.values_list("id", "service_id", "location_id")
            }
        pair = (kwargs["service_id"], kwargs["location_id"])
        if self._pairs.setdefault(pair, kwargs["id"]) != kwargs["id"]:
            self.refuse(f"{table.path} row {row.line}: dropped, service and location already paired")
            return False
        return True

    def _check_choices(self, resource: str, table: Table, row: Row, kwargs: dict[str, Any]) -> None:
        if resource == "service":
            kwargs["status"] = kwargs.get("status") or m.Service.Status.ACTIVE  # values checked in read()
            for name in ("name",):
                if not kwargs.get(name):
                    self.error(table, row, name, "required")
        if resource == "location":
            kwargs["location_type"] = kwargs.get("location_type") or m.Location.LocationType.PHYSICAL
        if resource in ("organization", "taxonomy", "taxonomy_term") and not kwargs.get("name"):
            self.error(table, row, "name", "required")
        if resource == "address":
            kwargs["country"] = kwargs.get("country") or "CA"
            kwargs["address_type"] = kwargs.get("address_type") or "physical"
        if resource == "cost_option":
            kwargs["currency"] = kwargs.get("currency") or "CAD"
        if resource == "schedule":
            kwargs["freq"] = kwargs.get("freq") or ""
        if resource == "phone":  # RFC 6350 words (cell, video…) read as one of our kinds
            kwargs["type"] = m.phone_kind(kwargs.get("type") or "")

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
            limit = field_max_length(m.Attribute, "value")
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
                    new_instance(
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

    def _stash_row(self, resource: str, table: Table, row: Row) -> None:
        """Keep the row with every owner it names (one per column: an id is of one kind).

        An attribute or metadata row about a row that is itself kept in extra (a contact, a
        funding row, ...) is kept with that row's owners."""
        owners = self._owners(resource, row.values)
        for owner, ref in owners:
            rows = self.stash[owner].setdefault(ref, {}).setdefault(STASH_KEY[resource], {})
            rows[row.values["id"]] = dict(row.values)
        if not owners:
            self.refuse(f"{table.path} row {row.line}: dropped, no organization, service or location to keep it with")

    def _owners(self, resource: str, values: dict[str, str], depth: int = 0) -> list[tuple[str, uuid.UUID]]:
        found: list[tuple[str, uuid.UUID]] = []
        placed: set[str] = set()
        for column, owner in STASHED[resource]:
            try:
                ref = uuid.UUID(values.get(column, ""))
            except ValueError:
                continue
            if column not in placed and ref in self.known(owner):
                found.append((owner, ref))
                placed.add(column)
        if found or resource not in ("attribute", "metadata") or depth:
            return found
        link = values.get("link_id" if resource == "attribute" else "resource_id", "")
        for kept in ("contact", "funding", "program", "required_document", "organization_identifier"):
            parent = self._row_index(kept).get(link.lower())
            if parent is not None:
                return self._owners(kept, parent, depth + 1)
        return found

    def _row_index(self, resource: str) -> dict[str, dict[str, str]]:
        if not hasattr(self, "_rows_by_id"):
            self._rows_by_id: dict[str, dict[str, dict[str, str]]] = {}
        if resource not in self._rows_by_id:
            self._rows_by_id[resource] = {r.values["id"].lower(): r.values for r in self.rows[resource]}
        return self._rows_by_id[resource]

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
        self.touched: dict[str, list[djm.Model]] = {}
        in_package = [o.pk for o in self.objects["service"]]
        existing = set(m.Service.objects.filter(id__in=in_package).values_list("id", flat=True))
        links = {model: [o.pk for o in self.objects[resource]] for resource, model in SEARCHED_LINKS.items()}
        with transaction.atomic(), translation.override("en"):
            # A link the package moves elsewhere leaves a service whose search row must lose it.
            before = {sid for model, ids in links.items() for sid in search_text.owners(model, ids)}
            for resource in IMPORT_ORDER:
                self._upsert(resource)
            self._upsert_attributes()
            version.bump()  # bulk writes send no signal: the directory changed, in this transaction
            after = {sid for model, ids in links.items() for sid in search_text.owners(model, ids)}
            search_text.refresh(
                before
                | after
                | search_text.services_of(
                    services=in_package,
                    organizations=[o.pk for o in self.objects["organization"]],
                    terms=[o.pk for o in self.objects["taxonomy_term"]],
                )
            )
            self._update_stash_owners()
            moved = hsds_changes.services_to_touch(self.touched, set(in_package) - existing)
            m.Service.objects.filter(id__in=list(moved)).update(updated_at=dt.datetime.now(dt.UTC))
            if moved:
                self.report.counts["service (last_modified moved)"] = len(moved)

    def _upsert(self, resource: str) -> None:
        mapping = MAPPINGS[resource]
        model, objects = mapping.model, self.objects[resource]
        keeps_extra = has_extra(model)
        if keeps_extra and objects:
            existing: dict[uuid.UUID, dict[str, Any]] = {}
            ids = [o.pk for o in objects]
            for chunk in batches(ids):
                existing.update(model._default_manager.filter(id__in=chunk).values_list("id", "extra"))
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
        created, changed = hsds_changes.compare(model, objects, [f for f in fields if f != "id"])
        self.report.count_written(len(objects), len(created), len(changed))
        if resource in hsds_changes.CHILD_RESOURCES:
            self.touched[resource] = changed
        with keep_timestamps(model) if resource == "service" else contextlib.nullcontext():
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
        fields = ["service_id", "taxonomy_term_id", "link_type", "value"]
        created, changed = hsds_changes.compare(m.Attribute, objects, fields)
        self.report.count_written(len(objects), len(created), len(changed))
        self.touched["attribute"] = changed
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
            count = len({i for o in self.stash.values() for s in o.values() for i in s.get(STASH_KEY[resource], {})})
            if count:
                self.report.counts[f"{resource} (kept in extra)"] = count

    # A package in another language than English translates records already in the directory.
    #
    # Only the translated columns of rows whose id exists are read, into that language's fields;
    # English, untranslated columns, references and unmodelled tables are left as they are. A row
    # whose id is not in the directory is an error (a record is created from its English package),
    # as is a value too long for its field. A cell equal to the record's English text is the export's
    # fallback for a missing translation, so it is stored as no translation (unless the record already
    # has exactly that translation); an empty cell removes the translation. A translated column absent
    # from the header leaves that field alone.

    def build_translations(self) -> None:
        lang = cast(str, self.lang)
        self.updates: dict[str, tuple[list[str], list[tuple[uuid.UUID, dict[str, Any]]]]] = {}
        for resource in IMPORT_ORDER:
            mapping, table = MAPPINGS[resource], TABLE[resource]
            header = set(self.headers.get(resource, ()))
            cols = [c for c in mapping.cols if c.kind == "tr" and c.column in header]
            if not cols:
                continue
            model = mapping.model
            targets = [f"{c.field}_{lang}" for c in cols]
            names = [*targets, *(f"{c.field}_{BASE_LANGUAGE}" for c in cols)]
            keys = list(self.ids.get(resource, ()))
            stored: dict[uuid.UUID, dict[str, Any]] = {}
            for chunk in batches(keys):
                for values in model._default_manager.filter(id__in=chunk).values("id", *names):
                    stored[values["id"]] = values
            changed, matched = [], 0
            for row in self.rows[resource]:
                try:
                    key = uuid.UUID(row.values["id"])
                except ValueError:
                    continue
                current = stored.get(key)
                if current is None:
                    self.error(
                        table,
                        row,
                        "id",
                        f"{key} is not in the directory; a {lang} package only translates "
                        "records that exist (import the English package first)",
                    )
                    continue
                matched += 1
                values = {t: current[t] for t in targets}
                for col, target in zip(cols, targets, strict=True):
                    value = self._translation(table, row, col.column, model, target, current, col.field)
                    if value is not SKIP:
                        values[target] = value
                if values != {t: current[t] for t in targets}:
                    changed.append((key, values))
            self.report.counts[resource] = matched
            self.report.counts[f"{resource} ({lang} changed)"] = len(changed)
            self.report.count("updated", len(changed))
            self.report.count("unchanged", matched - len(changed))
            self.updates[resource] = (targets, changed)

    def _translation(
        self,
        table: Table,
        row: Row,
        column: str,
        model: type[djm.Model],
        target: str,
        current: dict[str, Any],
        name: str,
    ) -> Any:
        """The value to store in target for this cell, or SKIP after reporting an error."""
        try:
            value = parse_cell("text", row.values.get(column, ""))
        except ValueError as exc:
            self.error(table, row, column, str(exc))
            return SKIP
        limit = field_max_length(model, target)
        if value and limit and len(value) > limit:
            self.error(table, row, column, f"longer than {limit} characters")
            return SKIP
        old = current[target]
        english = current[f"{name}_{BASE_LANGUAGE}"] or ""
        if value and (value != english or value == old):
            return value
        if not old:  # no translation, and none before: keep the stored empty value (None or "")
            return old
        return None if getattr(model._meta.get_field(target), "null", False) else ""

    def write_translations(self) -> None:
        """One UPDATE of the language's fields per changed row, sent with executemany.

        bulk_update built a CASE expression per field and row: 20,000 services took 20 s on SQLite,
        nearly all of it in the ORM; auto_now fields (a service's updated_at) are not touched either way.
        """
        with transaction.atomic():
            version.bump()  # raw writes send no signal: the directory changed, in this transaction
            changed_ids = {
                resource: [key for key, _values in changed] for resource, (_t, changed) in self.updates.items()
            }
            for resource, (targets, changed) in self.updates.items():
                model = MAPPINGS[resource].model
                meta, connection = model._meta, connections[model._default_manager.db]
                quote, pk = connection.ops.quote_name, meta.pk
                columns = [cast(djm.Field[Any, Any], meta.get_field(t)).column for t in targets]
                assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
                sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(pk.column)} = %s"  # noqa: S608 - names only
                params = [
                    [*(values[t] for t in targets), pk.get_db_prep_value(key, connection)] for key, values in changed
                ]
                with connection.cursor() as cursor:
                    for start in range(0, len(params), BATCH):
                        cursor.executemany(sql, params[start : start + BATCH])
            search_text.refresh(
                search_text.services_of(
                    services=changed_ids.get("service", ()),
                    organizations=changed_ids.get("organization", ()),
                    terms=changed_ids.get("taxonomy_term", ()),
                )
            )


# The package's resources a service's search row is made of (search_text.LINKS).
SEARCHED_LINKS = {
    "attribute": m.Attribute,
    "service_area": m.ServiceArea,
    "service_at_location": m.ServiceAtLocation,
    "address": m.Address,
}


def import_package(directory: Path | str, max_bytes: int = DEFAULT_MAX_BYTES, lang: str | None = None) -> ImportReport:
    """Import an HSDS tabular data package: all or nothing, upserting by id.

    The package's language is lang, else the first of datapackage.json's `languages`, else English.
    English packages create and update records; others only translate existing ones (see
    _Importer.build_translations). ValueError if lang is not a stored language.
    """
    root = Path(directory)
    if lang is not None:
        lang = content_language(lang)
    importer = _Importer(root, max_bytes, lang)
    importer.read()
    if importer.errors:
        raise _refused(importer)
    translating = importer.lang != BASE_LANGUAGE
    if translating:
        importer.build_translations()
    else:
        with translation.override("en"):
            for resource in IMPORT_ORDER:
                importer.build(resource)
            importer.build_attributes()
            importer.build_stashes()
    if importer.errors:
        raise _refused(importer)
    if translating:
        importer.write_translations()
    else:
        importer.write()
        search_near.refresh_statistics()
    return importer.report


def _refused(importer: _Importer) -> ImportFailed:
    """The package's problems as the error to raise, its run record (marked failed) attached."""
    importer.report.fail(failure := ImportFailed(importer.errors))
    return failure
