"""The exported package against the official HSDS 3.0 datapackage, checked by Frictionless itself.

Nothing of the official materials is copied into the project: the tests read the official
datapackage.json from the shared data, put it in place of ours, and run `frictionless validate`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from frictionless import validate

from bettertogether.directory import hsds_addresses, hsds_io, models

from . import factories
from .test_hsds_io import rows, wipe
from .test_hsds_support import HSDS_DIR

pytestmark = pytest.mark.django_db
OFFICIAL = HSDS_DIR / "examples" / "csv" / "datapackage.json"
STRUCTURE = ("name", "type", "format", "constraints")


def _directory_with_incomplete_addresses() -> list[models.Address]:
    service = factories.full_service()
    location = service.service_at_locations.get().location
    return [
        factories.AddressFactory(location=location, address_1="", postal_code="", city="Moncton", state_province="NB"),
        factories.AddressFactory(location=location, postal_code="", region="Westmorland", address_type="postal"),
    ]


def _errors(directory: Path) -> list[str]:
    report = validate(str(directory / "datapackage.json"))
    return [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors] + [
        e.message for e in report.errors
    ]


@pytest.mark.shared_data
@pytest.mark.parametrize("lang", ["en", "fr", "es", "tl"])
def test_export_is_valid_against_the_official_datapackage(tmp_path: Path, lang: str) -> None:
    _directory_with_incomplete_addresses()
    hsds_io.export_package(tmp_path, lang)
    assert _errors(tmp_path) == []  # our own descriptor first
    shutil.copyfile(OFFICIAL, tmp_path / "datapackage.json")
    assert _errors(tmp_path) == []


@pytest.mark.shared_data
def test_a_broken_export_is_caught_by_the_official_datapackage(tmp_path: Path) -> None:
    """The check can fail: an empty required cell and a status outside the official enum."""
    factories.full_service()
    hsds_io.export_package(tmp_path)
    services = (tmp_path / "services.csv").read_text(encoding="utf-8")
    (tmp_path / "services.csv").write_text(services.replace(",active,", ",open,", 1), encoding="utf-8")
    shutil.copyfile(OFFICIAL, tmp_path / "datapackage.json")
    errors = _errors(tmp_path)
    assert len(errors) == 1 and "enum" in errors[0]


@pytest.mark.shared_data
def test_generated_descriptor_states_every_official_field_constraint_and_key() -> None:
    official: dict[str, Any] = json.loads(OFFICIAL.read_text(encoding="utf-8"))
    ours = hsds_io.datapackage()
    assert [r["name"] for r in ours["resources"]] == [r["name"] for r in official["resources"]]
    for theirs, mine in zip(official["resources"], ours["resources"], strict=True):
        assert mine["path"] == theirs["path"]
        for key in ("primaryKey", "foreignKeys"):
            assert mine["schema"].get(key) == theirs["schema"].get(key), (theirs["name"], key)
        expected = [{k: f[k] for k in STRUCTURE if k in f} for f in theirs["schema"]["fields"]]
        assert [{k: f[k] for k in STRUCTURE if k in f} for f in mine["schema"]["fields"]] == expected
    for key in ("name", "profile", "version", "license"):
        assert ours[key] == official[key]


def test_incomplete_addresses_travel_as_location_attributes_and_come_back(tmp_path: Path) -> None:
    incomplete = _directory_with_incomplete_addresses()
    before = {a.id: {f.attname: getattr(a, f.attname) for f in a._meta.concrete_fields} for a in incomplete}
    hsds_io.export_package(tmp_path)
    in_addresses = {r["id"] for r in rows(tmp_path / "addresses.csv")}
    assert not in_addresses & {str(a.id) for a in incomplete}
    carried = [r for r in rows(tmp_path / "attributes.csv") if r["link_entity"] == "location"]
    assert {r["id"] for r in carried} == {str(a.id) for a in incomplete}
    assert json.loads(next(r for r in carried if r["id"] == str(incomplete[0].id))["value"]) == {
        "address_type": "physical",
        "city": "Moncton",
        "country": "CA",
        "state_province": "NB",
    }
    terms = [r["id"] for r in rows(tmp_path / "taxonomy_terms.csv")]
    assert hsds_addresses.PARTIAL_TERM_ID in terms
    wipe()
    hsds_io.import_package(tmp_path)
    for address in models.Address.objects.filter(id__in=before):
        assert {f.attname: getattr(address, f.attname) for f in address._meta.concrete_fields} == before[address.id]
    assert models.Address.objects.filter(id__in=before).count() == 2
    assert not models.TaxonomyTerm.objects.filter(id=hsds_addresses.PARTIAL_TERM_ID).exists()
    assert not models.Taxonomy.objects.filter(id=hsds_addresses.PARTIAL_TAXONOMY_ID).exists()


def test_import_refuses_values_outside_the_official_enums_and_repeated_unique_values(tmp_path: Path) -> None:
    factories.full_service()
    hsds_io.export_package(tmp_path)
    schedules = tmp_path / "schedules.csv"
    lines = schedules.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = [""] * len(header)
    cells[header.index("id")] = "0c8a4c3e-2b8f-4f7e-9a57-3d8b0c1e5f00"
    cells[header.index("freq")] = "DAILY"
    cells[header.index("wkst")] = "XX"
    schedules.write_text("\r\n".join([*lines, ",".join(cells)]) + "\r\n", encoding="utf-8")
    terms = tmp_path / "taxonomy_terms.csv"
    term_lines = terms.read_text(encoding="utf-8").splitlines()
    copy = term_lines[1].split(",")
    copy[0] = "0c8a4c3e-2b8f-4f7e-9a57-3d8b0c1e5f01"
    terms.write_text("\r\n".join([*term_lines, ",".join(copy)]) + "\r\n", encoding="utf-8")
    count = models.Schedule.objects.count()
    with pytest.raises(hsds_io.HSDSImportError) as caught:
        hsds_io.import_package(tmp_path)
    text = "\n".join(caught.value.messages)
    assert "column freq: must be one of WEEKLY, MONTHLY: 'DAILY'" in text
    assert "column wkst: must be one of MO, TU, WE, TH, FR, SA, SU: 'XX'" in text
    assert "taxonomy_terms.csv" in text and "column code:" in text and "unique" in text
    assert models.Schedule.objects.count() == count


def test_a_partial_address_that_is_not_json_is_a_clear_error(tmp_path: Path) -> None:
    _directory_with_incomplete_addresses()
    hsds_io.export_package(tmp_path)
    path = tmp_path / "attributes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace('{""', '[{""', 1), encoding="utf-8")
    with pytest.raises(hsds_io.HSDSImportError, match=r"attributes.csv, row \d+, column value: a partial address"):
        hsds_io.import_package(tmp_path)
