"""Reading an HSDS tabular package's files and parsing its cells (used by hsds_import)."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import models as djm
from django.db.models.base import ModelState
from django.utils.dateparse import parse_date, parse_datetime, parse_time

from bettertogether.core.imports import ImportFailed, ImportProblem
from bettertogether.core.text import find_control

from .hsds_tables import TABLES, Table, content_language

# The HSDS name of the error every import shares (core.imports): its problems name table, row and column.
HSDSImportError = ImportFailed


@dataclass
class Row:
    line: int
    values: dict[str, str]


def read_descriptor(root: Path) -> dict[str, Any]:
    """datapackage.json, or {} when the package has none."""
    descriptor = root / "datapackage.json"
    if not descriptor.exists():
        return {}
    try:
        package = json.loads(descriptor.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise HSDSImportError([f"datapackage.json: not valid JSON ({exc})"]) from None
    return package if isinstance(package, dict) else {}


def package_language(package: dict[str, Any]) -> str | None:
    """The content language the descriptor declares (first of `languages`), or None."""
    declared = package.get("languages")
    if declared in (None, [], ""):
        return None
    first = declared[0] if isinstance(declared, list) else declared
    if not isinstance(first, str):
        raise HSDSImportError([f"datapackage.json: 'languages' must be a list of language codes: {declared!r}"])
    try:
        return content_language(first)
    except ValueError as exc:
        raise HSDSImportError([f"datapackage.json: 'languages': {exc} (or choose with --lang)"]) from None


def resource_paths(root: Path, package: dict[str, Any]) -> dict[str, Path]:
    paths = {t.resource: root / t.path for t in TABLES}
    resources = package.get("resources")
    for resource in resources if isinstance(resources, list) else []:
        if isinstance(resource, dict):
            name, path = resource.get("name"), resource.get("path")
        if name in paths and isinstance(path, str):
            candidate = (root / path).resolve()
            if root.resolve() not in candidate.parents:
                raise HSDSImportError([f"datapackage.json: resource {name!r} path {path!r} leaves the package"])
            paths[name] = candidate
    return paths


def read_table(
    table: Table, path: Path, errors: list[ImportProblem], warnings: list[str], headers: dict[str, list[str]]
) -> list[Row]:
    if not path.exists():
        return []
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        warnings.append(f"{path.name}: not UTF-8, read as Windows-1252")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = headers[table.resource] = list(reader.fieldnames or [])
    unknown = [h for h in header if h not in table.columns]
    if unknown:
        warnings.append(f"{path.name}: unknown columns ignored: {', '.join(unknown)}")
    if "id" not in header and header:
        errors.append(ImportProblem(None, None, "no 'id' column", file=path.name))
        return []
    rows = []
    try:
        for values in reader:
            rows.append(Row(reader.line_num, {c: (values.get(c) or "").strip() for c in table.columns}))
    except csv.Error as exc:
        errors.append(ImportProblem(reader.line_num, None, str(exc), file=path.name))
    return rows


def parse_cell(kind: str, text: str) -> Any:
    """The typed value of a cell, or raise ValueError with a reason."""
    if text == "":
        return None
    character = find_control(text, multiline=True)  # NUL (PostgreSQL refuses it), bidi overrides…
    if character:
        raise ValueError(f"contains a control character ({character})")
    if kind in ("int", "float", "decimal"):
        return _parse_number(kind, text)
    if kind in ("date", "time", "datetime"):
        return _parse_moment(kind, text)
    return text


def _parse_number(kind: str, text: str) -> int | float | Decimal:
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
    try:  # decimal
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None
    if not value.is_finite() or abs(value) >= Decimal("1e8"):
        raise ValueError(f"not an amount: {text!r}")
    return value.quantize(Decimal("0.01"))


def _parse_moment(kind: str, text: str) -> Any:
    value: Any
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
    value = parse_datetime(text[:-1] + "+00:00" if text.endswith("Z") else text)  # datetime
    if value is None:
        raise ValueError(f"not a date-time (ISO 8601): {text!r}")
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@functools.cache
def field_max_length(model: type[djm.Model], name: str) -> int | None:
    try:
        return model._meta.get_field(name).max_length  # type: ignore[union-attr]
    except Exception:  # a non-field attribute has no limit
        return None


_DEFAULTS: dict[type[djm.Model], dict[str, Any]] = {}
SKIP = object()  # a cell with an error: its field keeps its value


def new_instance(model: type[djm.Model], values: dict[str, Any]) -> djm.Model:
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
def keep_timestamps(model: type[djm.Model]) -> Iterator[None]:
    """Let bulk_create store the package's last_modified instead of now (auto_now would overwrite it)."""
    fields = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    for f in fields:
        f.auto_now = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for f in fields:
            f.auto_now = True  # type: ignore[attr-defined]
