"""What the HSDS API serves beyond the one-to-one fields: the audit trail (metadata), attributes,
service-at-location contacts/phones/schedules, rows shared by two owners, empty optional fields
left out, and a last_modified that moves with related records."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bettertogether.core.tests.factories import CoordinatorFactory, PartnerStaffFactory
from bettertogether.directory import hsds_io, models, services
from bettertogether.directory.models import ChangeLog

from . import factories

pytestmark = pytest.mark.django_db
API = "/api/hsds"


def _get(client: Client, path: str) -> Any:
    response = client.get(API + path)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def _append(path: Path, *rows: dict[str, str]) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\r\n")
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in header})
    with path.open("a", newline="", encoding="utf-8") as handle:
        handle.write(buffer.getvalue())


def test_empty_optional_fields_are_left_out_and_required_ones_kept(client: Client) -> None:
    service = factories.full_service()
    location = service.service_at_locations.get().location
    factories.AddressFactory(location=location, address_1="", postal_code="", attention="", address_2="")
    body = _get(client, f"/services/{service.id}")
    addresses = body["service_at_locations"][0]["location"]["addresses"]
    assert len(addresses) == 2
    for address in addresses:
        assert not {"attention", "address_2", "region"} & set(address)
        assert {"id", "address_1", "city", "state_province", "postal_code", "country", "address_type"} <= set(address)
    assert any(a["address_1"] == "" and a["postal_code"] == "" for a in addresses)

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                assert value is not None, f"{where}.{key} is null"
                if value == "":
                    assert key in {"address_1", "postal_code", "description"}, f"{where}.{key} is empty"
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    walk(body, "service")


def test_change_log_is_served_as_metadata_naming_the_organization_not_the_person(client: Client) -> None:
    service = factories.located_service(45.07, -64.49, name="Clinic", name_en="Clinic")
    partner = PartnerStaffFactory(organization=service.organization)
    services.update_service(
        service.id, services.ServiceEdit(fields={"name_en": "Farm clinic", "name_fr": "Clinique"}), by=partner
    )
    ChangeLog.objects.create(
        user=partner,
        action="service.update",
        object_type="service",
        object_id=str(service.id),
        changes={"verification_note": ["old staff note", "new staff note"]},
    )
    location = service.service_at_locations.get().location
    coordinator = CoordinatorFactory()
    services.update_location(location.id, services.LocationEdit(address={"city": "Wolfville"}), by=coordinator)

    body = _get(client, f"/services/{service.id}")
    trail = {(m["field_name"], m["previous_value"], m["replacement_value"]): m for m in body["metadata"]}
    assert set(trail) == {("name", "Clinic", "Farm clinic"), ("name:fr", "", "Clinique")}
    entry = trail[("name", "Clinic", "Farm clinic")]
    assert entry["resource_id"] == str(service.id) and entry["resource_type"] == "service"
    assert entry["last_action_type"] == "update"
    assert entry["last_action_date"] == timezone.now().date().isoformat()
    assert entry["updated_by"] == service.organization.name
    text = str(body)
    assert partner.username not in text and partner.email not in text and "staff note" not in text
    nested = body["service_at_locations"][0]["location"]["metadata"]
    assert [(m["field_name"], m["replacement_value"], m["updated_by"]) for m in nested] == [
        ("address.city", "Wolfville", "Better Together")
    ]
    assert str(coordinator.username) not in str(nested)


def test_rows_kept_from_an_import_are_served_where_hsds_puts_them_and_exported_again(
    client: Client, tmp_path: Path
) -> None:
    service = factories.full_service()
    org, sal = service.organization, service.service_at_locations.get()
    location = sal.location
    address, phone = location.addresses.get(), service.phones.get()
    hsds_io.export_package(tmp_path)
    ids = {name: f"0c8a4c3e-2b8f-4f7e-9a57-3d8b0c1e5f{n:02d}" for n, name in enumerate(
        ["contact", "sal_phone", "sal_schedule", "a_org", "a_loc", "a_sal", "a_phone", "a_addr", "m_sal", "m_phone",
         "m_addr", "funding"]
    )}  # fmt: skip
    term = str(service.attributes.get().taxonomy_term_id)
    _append(
        tmp_path / "contacts.csv",
        {"id": ids["contact"], "organization_id": str(org.id), "service_id": str(service.id),
         "service_at_location_id": str(sal.id), "name": "Front desk"},
    )  # fmt: skip
    _append(tmp_path / "funding.csv", {"id": ids["funding"], "organization_id": str(org.id),
                                        "service_id": str(service.id), "source": "Province"})  # fmt: skip
    _append(
        tmp_path / "phones.csv",
        {"id": ids["sal_phone"], "service_at_location_id": str(sal.id), "contact_id": ids["contact"],
         "number": "902-555-0100", "type": "voice"},  # a type given: an empty one is read as voice
    )  # fmt: skip
    _append(tmp_path / "schedules.csv", {"id": ids["sal_schedule"], "service_at_location_id": str(sal.id),
                                          "freq": "WEEKLY", "byday": "MO", "wkst": "MO"})  # fmt: skip
    links = {"a_org": (org.id, "organization"), "a_loc": (location.id, "location"), "a_sal": (sal.id, "service"),
             "a_phone": (phone.id, "phone"), "a_addr": (address.id, "address")}  # fmt: skip
    _append(
        tmp_path / "attributes.csv",
        *({"id": ids[k], "link_id": str(i), "taxonomy_term_id": term, "link_entity": e, "value": k}
          for k, (i, e) in links.items()),
    )  # fmt: skip
    meta = {"m_sal": (sal.id, "service_at_location"), "m_phone": (phone.id, "phone"), "m_addr": (address.id, "address")}
    _append(
        tmp_path / "metadata.csv",
        *({"id": ids[k], "resource_id": str(i), "resource_type": t, "last_action_date": "2025-01-02",
           "last_action_type": "update", "field_name": "number", "previous_value": "1", "replacement_value": "2",
           "updated_by": "Other directory"} for k, (i, t) in meta.items()),
    )  # fmt: skip
    report = hsds_io.import_package(tmp_path)
    assert not [w for w in report.warnings if "dropped" in w or "not kept" in w]

    full_sal = _get(client, f"/service_at_locations/{sal.id}")
    assert [c["id"] for c in full_sal["contacts"]] == [ids["contact"]]
    assert [(p["id"], p["contact_id"]) for p in full_sal["phones"]] == [(ids["sal_phone"], ids["contact"])]
    assert [s["id"] for s in full_sal["schedules"]] == [ids["sal_schedule"]]
    assert [a["id"] for a in full_sal["attributes"]] == [ids["a_sal"]]
    assert [m["id"] for m in full_sal["metadata"]] == [ids["m_sal"]]
    location_doc = full_sal["location"]
    assert [a["id"] for a in location_doc["attributes"]] == [ids["a_loc"]]
    address_doc = location_doc["addresses"][0]
    assert [a["id"] for a in address_doc["attributes"]] == [ids["a_addr"]]
    assert [m["id"] for m in address_doc["metadata"]] == [ids["m_addr"]]
    phone_doc = next(p for p in _get(client, f"/services/{service.id}")["phones"] if p["id"] == str(phone.id))
    assert [a["id"] for a in phone_doc["attributes"]] == [ids["a_phone"]]
    assert [m["id"] for m in phone_doc["metadata"]] == [ids["m_phone"]]
    full_org = _get(client, f"/organizations/{org.id}")
    assert [a["id"] for a in full_org["attributes"]] == [ids["a_org"]]
    assert ids["contact"] in [c["id"] for c in full_org["contacts"]]  # shared by organization and service
    assert ids["funding"] in [f["id"] for f in full_org["funding"]]
    full_service = _get(client, f"/services/{service.id}")
    assert ids["contact"] in [c["id"] for c in full_service["contacts"]]
    assert ids["funding"] in [f["id"] for f in full_service["funding"]]

    again = tmp_path / "again"
    hsds_io.export_package(again)
    for name in ("contacts.csv", "funding.csv", "phones.csv", "schedules.csv", "attributes.csv", "metadata.csv"):
        before = sorted((tmp_path / name).read_text(encoding="utf-8").splitlines()[1:])
        after = sorted((again / name).read_text(encoding="utf-8").splitlines()[1:])
        assert after == before, name


def test_last_modified_moves_when_a_reimport_changes_a_related_record(tmp_path: Path) -> None:
    service = factories.full_service()
    models.Service.objects.filter(id=service.id).update(updated_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    hsds_io.export_package(tmp_path)
    hsds_io.import_package(tmp_path)  # unchanged: nothing moves
    service.refresh_from_db()
    assert service.updated_at == dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for path, old, new in (("phones.csv", "902-555-0123", "902-555-0124"), ("addresses.csv", "Kentville", "Wolfville")):
        models.Service.objects.filter(id=service.id).update(updated_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
        text = (tmp_path / path).read_text(encoding="utf-8")
        assert old in text
        (tmp_path / path).write_text(text.replace(old, new), encoding="utf-8")
        report = hsds_io.import_package(tmp_path)
        service.refresh_from_db()
        assert service.updated_at > timezone.now() - dt.timedelta(minutes=1), path
        assert report.counts["service (last_modified moved)"] == 1


def test_editing_a_location_moves_last_modified_of_every_service_there() -> None:
    service = factories.located_service(45.07, -64.49)
    location = service.service_at_locations.get().location
    other = factories.ServiceFactory()
    factories.ServiceAtLocationFactory(service=other, location=location)
    models.Service.objects.update(updated_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    services.update_location(location.id, services.LocationEdit(fields={"name_en": "Hall"}), by=CoordinatorFactory())
    for moved in (service, other):
        moved.refresh_from_db()
        assert moved.updated_at > timezone.now() - dt.timedelta(minutes=1)
