"""HSDS tabular data package: export/import round trip, the official example, errors, atomicity."""

from __future__ import annotations

import csv
import io
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from bettertogether.directory import hsds_io, models

from . import factories
from .test_hsds_support import HSDS_DIR, assert_valid

pytestmark = pytest.mark.django_db
EXAMPLE = HSDS_DIR / "examples" / "csv"


def wipe() -> None:
    for model in (
        models.Attribute,
        models.Phone,
        models.Language,
        models.Schedule,
        models.Service,
        models.Location,
        models.Organization,
        models.TaxonomyTerm,
        models.Taxonomy,
    ):
        model.objects.all().delete()


def files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_export_import_export_gives_identical_files(tmp_path: Path) -> None:
    service = factories.full_service()
    org = service.organization
    org.extra = {
        "hsds": {"tax_status": "charity", "parent_organization_id": "cd09a387-91f4-4555-94ec-e799c35344cd"},
        "hsds_tables": {
            "programs": [
                {
                    "id": str(uuid.uuid4()),
                    "organization_id": str(org.id),
                    "name": "P",
                    "alternate_name": "",
                    "description": "D",
                }
            ]
        },
    }
    org.save()
    factories.located_service(46.09, -64.77, status="defunct", minimum_age=18)
    first, second = tmp_path / "first", tmp_path / "second"
    call_command("export_hsds", str(first), stdout=io.StringIO())
    exported = files(first)
    assert set(exported) == {"datapackage.json"} | {t.path for t in hsds_io.TABLES}
    for table in hsds_io.TABLES:  # the official headers, in order
        assert exported[table.path].decode().splitlines()[0] == ",".join(table.columns)
    assert service.name_en in {r["name"] for r in rows(first / "services.csv")}
    wipe()
    assert not models.Service.objects.exists()
    call_command("import_hsds", str(first), stdout=io.StringIO(), stderr=io.StringIO())
    call_command("export_hsds", str(second), stdout=io.StringIO())
    assert files(second) == exported
    assert len(rows(second / "programs.csv")) == 1


def test_import_is_idempotent_and_keeps_other_languages(tmp_path: Path) -> None:
    service = factories.full_service()
    hsds_io.export_package(tmp_path)
    counts = {m: m.objects.count() for m in (models.Service, models.Attribute, models.Phone, models.Schedule)}
    hsds_io.import_package(tmp_path)
    hsds_io.import_package(tmp_path)
    assert {m: m.objects.count() for m in counts} == counts
    service.refresh_from_db()
    assert service.name_fr.startswith(factories.HOSTILE)  # French was not in the package and stays


@pytest.mark.shared_data
def test_official_example_imports_and_comes_back_in_the_api(tmp_path: Path, client: Client) -> None:
    report = hsds_io.import_package(EXAMPLE)
    assert report.counts["service"] == 1 and report.counts["organization"] == 1
    service = models.Service.objects.get(id="ac148810-d857-441c-9679-408f346de14b")
    assert service.name == "Community Counselling"
    doc = client.get(f"/api/hsds/services/{service.id}").json()
    assert_valid(doc, "compiled/service.json")
    assert doc["alternate_name"] == "MyCity Counselling Services"
    assert doc["program_id"] == "e7ec2e57-4540-43fa-b2c7-6be5a0ef7f42"  # dangling: kept in extra
    assert doc["wait_time"] and doc["fees"] and doc["licenses"]
    assert doc["minimum_age"] == 12 and doc["maximum_age"] == 100
    assert doc["phones"][0]["number"] == '"+44 1234 234567"'
    assert doc["schedules"][0]["opens_at"] == "10:00:00" and doc["schedules"][0]["timezone"] == 3
    assert doc["required_documents"][0]["document"].startswith("Any official identification")
    assert doc["funding"][0]["source"].startswith("This service is funded")
    assert doc["cost_options"][0]["amount"] == 35
    location = doc["service_at_locations"][0]["location"]
    assert location["name"] == "MyCity Civic Center" and location["addresses"][0]["postal_code"] == "ABC 1234"
    org = client.get(f"/api/hsds/organizations/{service.organization_id}").json()
    assert_valid(org, "compiled/organization.json")
    assert org["parent_organization_id"] == "cd09a387-91f4-4555-94ec-e799c35344cd"
    assert org["organization_identifiers"][0]["identifier"] == "1234567"
    assert org["programs"][0]["name"] == "Community Mental Health Support"
    term = client.get("/api/hsds/taxonomy_terms/3f7b145d-84af-42d7-8fae-eaca714b02b2").json()
    assert_valid(term, "taxonomy_term.json")
    assert term["parent_id"] == "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2"
    for path, schema in (
        ("/services?full=true", "compiled/service.json"),
        ("/service_at_locations?full=true", "compiled/service_at_location.json"),
        ("/organizations?full=true", "compiled/organization.json"),
    ):
        for item in client.get("/api/hsds" + path).json()["contents"]:
            assert_valid(item, schema)
    # Exported again, the example keeps its values (dangling references included).
    hsds_io.export_package(tmp_path)
    assert rows(tmp_path / "services.csv")[0]["program_id"] == "e7ec2e57-4540-43fa-b2c7-6be5a0ef7f42"
    assert rows(tmp_path / "contacts.csv")[0]["name"] == "Ann Persona"
    assert rows(tmp_path / "metadata.csv") == [] or rows(tmp_path / "metadata.csv")[0]["updated_by"]
    hsds_io.import_package(EXAMPLE)  # again: nothing new
    assert models.Service.objects.count() == 1


def _copy_example(tmp_path: Path) -> Path:
    target = tmp_path / "pkg"
    shutil.copytree(EXAMPLE, target)
    return target


def _edit(path: Path, column: str, value: str) -> None:
    data = rows(path)
    data[0][column] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("table", "column", "value", "message"),
    [
        ("cost_options.csv", "amount", "lots", "cost_options.csv, row 2, column amount:"),
        ("services.csv", "minimum_age", "twelve", "services.csv, row 2, column minimum_age:"),
        ("services.csv", "status", "open", "services.csv, row 2, column status:"),
        ("services.csv", "name", "Help\u202eenil", "services.csv, row 2, column name:"),
        ("locations.csv", "latitude", "north", "locations.csv, row 2, column latitude:"),
        ("schedules.csv", "opens_at", "morning", "schedules.csv, row 2, column opens_at:"),
        ("organizations.csv", "id", "not-a-uuid", "organizations.csv, row 2, column id:"),
        ("phones.csv", "extension", "x" * 30, "phones.csv, row 2, column extension:"),
    ],
)
def test_bad_values_name_table_row_and_column_and_import_nothing(
    tmp_path: Path, table: str, column: str, value: str, message: str
) -> None:
    package = _copy_example(tmp_path)
    _edit(package / table, column, value)
    with pytest.raises(CommandError) as failure:
        call_command("import_hsds", str(package), stdout=io.StringIO())
    assert message in str(failure.value)
    assert not models.Organization.objects.exists() and not models.Service.objects.exists()


def test_size_limit_and_missing_directory(tmp_path: Path) -> None:
    factories.ServiceFactory()
    hsds_io.export_package(tmp_path)
    with pytest.raises(hsds_io.HSDSImportError, match="limit"):
        hsds_io.import_package(tmp_path, max_bytes=10)
    with pytest.raises(hsds_io.HSDSImportError, match="not a directory"):
        hsds_io.import_package(tmp_path / "nowhere")


def test_rows_whose_parent_is_missing_are_skipped_with_a_warning(tmp_path: Path) -> None:
    factories.ServiceFactory()
    hsds_io.export_package(tmp_path)
    with (tmp_path / "service_at_location.csv").open("a", newline="") as handle:
        csv.writer(handle).writerow([uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), "orphan"])
    report = hsds_io.import_package(tmp_path)
    assert any("service_at_location.csv row 2: skipped" in w for w in report.warnings)
    assert not models.ServiceAtLocation.objects.exists()


def _api(client: Client, path: str) -> Any:
    return client.get("/api/hsds" + path).json()


@pytest.mark.parametrize(
    ("word", "kind"), [("cell", "voice"), ("SMS", "text"), ("whatsapp", "whatsapp"), ("", "voice")]
)
def test_imported_phone_types_become_kinds(tmp_path: Path, word: str, kind: str) -> None:
    factories.PhoneFactory(number="902-555-0100", type="text", description="24/7")
    hsds_io.export_package(tmp_path)
    _edit(tmp_path / "phones.csv", "type", word)
    models.Phone.objects.all().delete()
    hsds_io.import_package(tmp_path)
    assert models.Phone.objects.get().type == kind
