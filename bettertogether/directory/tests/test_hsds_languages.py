"""HSDS tabular data package in French, Spanish and Tagalog: export, import, round trip, validity."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models as djm
from django.utils import translation
from jsonschema import Draft202012Validator

from bettertogether.directory import hsds_io, models
from bettertogether.directory.hsds_tables import MAPPINGS
from bettertogether.directory.search import search_services

from . import factories
from .test_hsds_io import rows, wipe
from .test_hsds_support import HSDS_DIR

pytestmark = pytest.mark.django_db
LANGS = ("en", "fr", "es", "tl")


def translated_fields(model: type[djm.Model]) -> list[str]:
    return [c.field for m in MAPPINGS.values() if m.model is model for c in m.cols if c.kind == "tr"]


TRANSLATED = {m.model: translated_fields(m.model) for m in MAPPINGS.values() if any(c.kind == "tr" for c in m.cols)}


def snapshot() -> dict[tuple[str, str], dict[str, Any]]:
    """Every translated field of every record, in every language; an empty translation is None."""
    out = {}
    for model, fields in TRANSLATED.items():
        names = [f"{f}_{lang}" for f in fields for lang in LANGS]
        for values in model._default_manager.values("id", *names):
            key = (model.__name__, str(values.pop("id")))
            out[key] = {name: value if value != "" else None for name, value in values.items()}
    return out


def populated() -> models.Service:
    """full_service (every language filled in on most records) plus the cases that are easy to lose."""
    service = factories.full_service()
    service.alert_fr = ""  # stored empty: no French, the site shows English
    service.fees_description_es = None
    service.description_en = ""  # no English, but French, Spanish, Tagalog
    service.save()
    factories.ServiceFactory(name="Only English", description="No translation at all.")
    return service


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


# ---------------------------------------------------------------- validity against the official package


def _tabular_item_schemas() -> dict[str, dict[str, Any]]:
    tabular = json.loads((HSDS_DIR / "compiled" / "tabular.json").read_text())
    return {name: spec["items"] for name, spec in tabular["properties"].items()}


def assert_valid_package(directory: Path, lang: str) -> None:
    """datapackage.json matches the official one (resources, paths, fields, types) and declares lang;
    every CSV has the official header and every row validates against the official table schema."""
    official = json.loads((HSDS_DIR / "examples" / "csv" / "datapackage.json").read_text())
    ours = json.loads((directory / "datapackage.json").read_text())
    assert ours["languages"] == [lang]
    for key in ("name", "profile", "version"):
        assert ours[key] == official[key]

    def shape(package: dict[str, Any]) -> list[Any]:
        return [
            (r["name"], r["path"], [(f["name"], f["type"], f.get("format", "")) for f in r["schema"]["fields"]])
            for r in package["resources"]
        ]

    assert shape(ours) == shape(official)
    schemas = _tabular_item_schemas()
    checked = 0
    for resource in ours["resources"]:
        schema = schemas[resource["name"]]
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
        path = directory / resource["path"]
        assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(types)
        for line, row in enumerate(rows(path), start=2):
            # A CSV cell is text; empty optional cells are absent, numbers are numbers.
            doc = {
                k: float(v) if types[k] == "number" and v else v
                for k, v in row.items()
                if v != "" or k in schema.get("required", ())
            }
            errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
            assert not errors, f"{resource['path']} row {line}: {errors}"
            checked += 1
    assert checked


@pytest.mark.shared_data
@pytest.mark.parametrize("lang", LANGS)
def test_each_language_package_is_valid_hsds(tmp_path: Path, lang: str) -> None:
    populated()
    run("export_hsds", str(tmp_path), "--lang", lang)
    assert_valid_package(tmp_path, lang)


# ---------------------------------------------------------------- export


def test_export_writes_the_language_with_english_where_a_translation_is_empty(tmp_path: Path) -> None:
    service = populated()
    run("export_hsds", str(tmp_path), "--lang", "fr")
    by_id = {r["id"]: r for r in rows(tmp_path / "services.csv")}
    row = by_id[str(service.id)]
    assert row["name"] == service.name_fr and row["description"] == service.description_fr
    assert row["alert"] == service.alert_en  # no French: English, as the site shows it
    assert row["email"] == service.email  # untranslated columns are the same in every language
    only_english = models.Service.objects.get(name_en="Only English")
    assert by_id[str(only_english.id)]["name"] == "Only English"
    terms = {r["id"]: r for r in rows(tmp_path / "taxonomy_terms.csv")}
    parent = models.TaxonomyTerm.objects.get(code="health")
    assert terms[str(parent.id)]["name"] == parent.name_fr
    assert json.loads((tmp_path / "datapackage.json").read_text())["languages"] == ["fr"]
    run("export_hsds", str(tmp_path / "en"))  # the default stays English
    assert {r["id"]: r for r in rows(tmp_path / "en" / "services.csv")}[str(service.id)]["name"] == service.name_en
    assert json.loads((tmp_path / "en" / "datapackage.json").read_text())["languages"] == ["en"]


def test_export_all_writes_one_package_per_language(tmp_path: Path) -> None:
    service = populated()
    run("export_hsds", str(tmp_path), "--lang", "all")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(LANGS)
    for lang in LANGS:
        assert json.loads((tmp_path / lang / "datapackage.json").read_text())["languages"] == [lang]
        names = {r["id"]: r["name"] for r in rows(tmp_path / lang / "services.csv")}
        assert names[str(service.id)] == getattr(service, f"name_{lang}")


@pytest.mark.parametrize("command", ["export_hsds", "import_hsds"])
def test_unsupported_language_is_a_clear_command_error(tmp_path: Path, command: str) -> None:
    with pytest.raises(CommandError, match=r"--lang: unsupported language 'de': choose one of en, fr, es, tl"):
        run(command, str(tmp_path), "--lang", "de")


# ---------------------------------------------------------------- round trip


def test_every_translation_round_trips_into_a_fresh_database(tmp_path: Path) -> None:
    populated()
    before = snapshot()
    assert any(v is None for fields in before.values() for v in fields.values())  # empty ones are tested too
    run("export_hsds", str(tmp_path), "--lang", "all")
    wipe()
    run("import_hsds", str(tmp_path / "en"))
    assert all(
        value is None for fields in snapshot().values() for name, value in fields.items() if not name.endswith("_en")
    )
    for lang in ("fr", "es", "tl"):  # the language comes from datapackage.json
        run("import_hsds", str(tmp_path / lang))
    assert snapshot() == before
    again = tmp_path / "again"
    run("export_hsds", str(again), "--lang", "all")
    for lang in LANGS:
        for path in sorted((tmp_path / lang).iterdir()):
            assert (again / lang / path.name).read_bytes() == path.read_bytes(), (lang, path.name)


def test_import_all_loads_every_language_in_one_go(tmp_path: Path) -> None:
    populated()
    before = snapshot()
    run("export_hsds", str(tmp_path), "--lang", "all")
    wipe()
    out = run("import_hsds", str(tmp_path), "--lang", "all")
    assert "language: tl" in out
    assert snapshot() == before


def test_translation_import_is_idempotent_and_touches_nothing_else(tmp_path: Path) -> None:
    service = populated()
    run("export_hsds", str(tmp_path), "--lang", "fr")
    data = rows(tmp_path / "services.csv")
    for row in data:
        if row["id"] == str(service.id):
            row["name"] = "Nouveau nom"
            row["email"] = "changed@example.org"  # untranslated: ignored in a French package
            row["status"] = "defunct"
    with (tmp_path / "services.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)
    columns = [f.attname for f in models.Service._meta.concrete_fields]
    before = models.Service.objects.values(*columns).get(id=service.id)
    report = hsds_io.import_package(tmp_path)
    assert report.language == "fr" and report.counts["service (fr changed)"] == 1
    after = models.Service.objects.values(*columns).get(id=service.id)
    assert after == {**before, "name_fr": "Nouveau nom"}  # English, email, status, updated_at, extra unchanged
    state = snapshot()
    report = hsds_io.import_package(tmp_path)
    assert snapshot() == state and all(n == 0 for k, n in report.counts.items() if "changed" in k)
    assert models.Service.objects.get(id=service.id).name_en == service.name_en


def test_a_value_equal_to_english_is_no_translation(tmp_path: Path) -> None:
    """The export writes English where French is empty; reading it back must not store it as French."""
    service = factories.ServiceFactory(name="Clinic", description="Open to all.")
    both = factories.ServiceFactory(name="Centre Alpha")
    both.name_fr = "Centre Alpha"  # a real French translation identical to the English
    both.save()
    cleared = factories.ServiceFactory(name="Help desk", description="Walk in.")
    cleared.name_fr, cleared.description_fr = "Bureau d'aide", "Sans rendez-vous."
    cleared.save()
    run("export_hsds", str(tmp_path), "--lang", "fr")
    data = rows(tmp_path / "services.csv")
    for row in data:
        if row["id"] == str(cleared.id):
            row["name"] = "Help desk"  # the English text: this package has no French name
            row["description"] = ""  # no French description
    with (tmp_path / "services.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)
    hsds_io.import_package(tmp_path)
    service.refresh_from_db()
    both.refresh_from_db()
    cleared.refresh_from_db()
    assert service.name_fr is None and service.description_fr is None
    assert both.name_fr == "Centre Alpha"  # an existing identical translation is kept
    assert cleared.name_fr is None and cleared.description_fr is None
    assert (cleared.name_en, cleared.description_en) == ("Help desk", "Walk in.")


def test_a_translated_column_missing_from_the_header_is_left_alone(tmp_path: Path) -> None:
    service = factories.ServiceFactory(name="Clinic")
    service.name_es, service.description_es = "Clínica", "Abierta."
    service.save()
    run("export_hsds", str(tmp_path), "--lang", "es")
    data = rows(tmp_path / "services.csv")
    with (tmp_path / "services.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "name"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows({**r, "name": "Clínica nueva"} for r in data)
    hsds_io.import_package(tmp_path)
    service.refresh_from_db()
    assert (service.name_es, service.description_es) == ("Clínica nueva", "Abierta.")


# ---------------------------------------------------------------- errors and language choice


def test_unknown_ids_in_a_translation_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    kept = factories.ServiceFactory(name="Kept")
    gone = factories.ServiceFactory(name="Gone")
    run("export_hsds", str(tmp_path), "--lang", "fr")
    data = rows(tmp_path / "services.csv")
    for row in data:
        row["name"] = f"{row['name']} (fr)"
    with (tmp_path / "services.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)
    gone_id = gone.id
    gone_line = 2 + [r["id"] for r in data].index(str(gone_id))
    gone.delete()
    with pytest.raises(CommandError) as failure:
        run("import_hsds", str(tmp_path))
    message = str(failure.value)
    assert f"services.csv, row {gone_line}, column id: {gone_id} is not in the directory" in message
    assert "import the English package first" in message
    kept.refresh_from_db()
    assert kept.name_fr is None  # all or nothing
    assert not models.Service.objects.filter(id=gone_id).exists()


def test_too_long_translation_names_table_row_and_column(tmp_path: Path) -> None:
    service = factories.ServiceFactory()
    run("export_hsds", str(tmp_path), "--lang", "tl")
    data = rows(tmp_path / "services.csv")
    data[0]["name"] = "x" * 301
    with (tmp_path / "services.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)
    with pytest.raises(hsds_io.HSDSImportError, match=r"services.csv, row 2, column name: longer than 300"):
        hsds_io.import_package(tmp_path)
    service.refresh_from_db()
    assert service.name_tl is None


def test_the_flag_overrides_the_declared_language_and_unknown_declarations_are_errors(tmp_path: Path) -> None:
    service = factories.ServiceFactory(name="Clinic")
    service.name_fr = "Clinique"
    service.save()
    run("export_hsds", str(tmp_path), "--lang", "fr")
    run("import_hsds", str(tmp_path), "--lang", "es")  # e.g. a package mislabelled by its producer
    service.refresh_from_db()
    assert (service.name_es, service.name_fr, service.name_en) == ("Clinique", "Clinique", "Clinic")
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    (tmp_path / "datapackage.json").write_text(json.dumps({**descriptor, "languages": ["de"]}))
    with pytest.raises(CommandError, match=r"datapackage.json: 'languages': unsupported language 'de'"):
        run("import_hsds", str(tmp_path))
    run("import_hsds", str(tmp_path), "--lang", "fr-CA")  # the flag wins; a region falls to its language
    (tmp_path / "datapackage.json").write_text(json.dumps({k: v for k, v in descriptor.items() if k != "languages"}))
    assert hsds_io.import_package(tmp_path).language == "en"  # undeclared: English, as before
    service.refresh_from_db()
    assert service.name_en == "Clinique"


@pytest.mark.shared_data
def test_the_official_example_is_read_as_english(tmp_path: Path) -> None:
    report = hsds_io.import_package(HSDS_DIR / "examples" / "csv")
    assert report.language == "en" and report.counts["service"] == 1
    service = models.Service.objects.get()
    assert service.name_en == "Community Counselling" and service.name_fr is None
    run("export_hsds", str(tmp_path), "--lang", "fr")
    hsds_io.import_package(tmp_path)  # a French package of an untranslated directory adds nothing
    service.refresh_from_db()
    assert service.name_fr is None and service.description_fr is None


def _found_in_french(q: str) -> list[str]:
    with translation.override("fr"):
        return [item.service.name_en for item in search_services(q=q).items]


def test_a_translation_import_refreshes_what_searches_match(
    tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    """The import writes with raw UPDATEs: no signal fires and no row count changes, so it says so itself
    (the directory's version, and the services' search texts)."""
    service = factories.ServiceFactory(name="Clinic")
    service.name_fr = "Clinique"
    service.save()
    assert _found_in_french("clinique") == ["Clinic"] and _found_in_french("port") == []
    run("export_hsds", str(tmp_path), "--lang", "fr")
    data = rows(tmp_path / "services.csv")
    with (tmp_path / "services.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "name"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows({**r, "name": "Clinique du port"} for r in data)
    with django_capture_on_commit_callbacks(execute=True):
        hsds_io.import_package(tmp_path)
    assert _found_in_french("clinique du port") == ["Clinic"]


def test_translated_text_is_sent_as_parameters_never_as_sql(tmp_path: Path) -> None:
    """The translation UPDATE is raw SQL: quotes, placeholders and statements in a cell are plain text."""
    service = factories.ServiceFactory(name="Clinic", description="Open.")
    other = factories.ServiceFactory(name="Other")
    hostile = "%s %(name)s %% ' \"; UPDATE directory_service SET name_en = 'x'; -- é"
    run("export_hsds", str(tmp_path), "--lang", "es")
    data = rows(tmp_path / "services.csv")
    with (tmp_path / "services.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "name", "description"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows({**r, "name": hostile} for r in data if r["id"] == str(service.id))
    hsds_io.import_package(tmp_path)
    service.refresh_from_db()
    other.refresh_from_db()
    assert (service.name_es, service.name_en, service.description_en) == (hostile, "Clinic", "Open.")
    assert (other.name_en, other.name_es) == ("Other", None)
