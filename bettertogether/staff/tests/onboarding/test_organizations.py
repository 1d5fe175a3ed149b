"""Organizations and services created and edited through the directory's own forms and writes."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from bettertogether.directory.models import ChangeLog, Organization, Service

from .helpers import signed_in

pytestmark = pytest.mark.django_db


def _organization_post(**overrides: str) -> dict[str, str]:
    return {"name_en": "Harbour Newcomer Hub", "name_fr": "Carrefour des nouveaux arrivants", "email": "", **overrides}


def _service_post(**overrides: str) -> dict[str, str]:
    return {
        "name_en": "Legal clinic",
        "status": "active",
        "is_free": "true",
        "phones-TOTAL_FORMS": "1",
        "phones-INITIAL_FORMS": "0",
        "phones-0-number": "902-555-0142",
        "phones-0-type": "voice",
        "hours-TOTAL_FORMS": "0",
        "hours-INITIAL_FORMS": "0",
        **overrides,
    }


def test_a_coordinator_adds_an_organization_and_its_service(people: dict[str, Any]) -> None:
    client = signed_in(people["coordinator"])
    response = client.post(reverse("staff:organization-new"), _organization_post(is_program_partner="on"))
    organization = Organization.objects.get(name_en="Harbour Newcomer Hub")
    assert response["Location"] == reverse("staff:organization", args=[organization.pk])
    assert organization.name_fr == "Carrefour des nouveaux arrivants" and organization.is_program_partner
    assert ChangeLog.objects.filter(action="organization.create", object_id=str(organization.pk)).exists()

    response = client.post(reverse("staff:service-new", args=[organization.pk]), _service_post())
    service = Service.objects.get(organization=organization)
    assert response["Location"] == reverse("directory_manage:service", args=[service.pk])
    assert service.name_en == "Legal clinic" and service.is_free is True
    assert list(service.phones.values_list("number", flat=True)) == ["902-555-0142"]
    assert service.assured_by == people["coordinator"]
    actions = set(ChangeLog.objects.filter(object_id=str(service.pk)).values_list("action", flat=True))
    assert actions == {"service.create", "service.update"}
    page = client.get(reverse("staff:organization", args=[organization.pk])).content.decode()
    assert "Legal clinic" in page


def test_a_name_is_required(people: dict[str, Any]) -> None:
    response = signed_in(people["coordinator"]).post(reverse("staff:organization-new"), _organization_post(name_en=""))
    assert response.status_code == 400 and not Organization.objects.filter(name_fr__startswith="Carrefour").exists()


def test_a_partner_edits_their_organization_but_not_its_partner_standing(
    people: dict[str, Any], orgs: dict[str, Any]
) -> None:
    client = signed_in(people["partner_staff"])
    assert client.get(reverse("staff:organization-new")).status_code == 403
    url = reverse("staff:organization", args=[orgs["own"].pk])
    assert b"is_program_partner" not in client.get(url).content
    response = client.post(url, _organization_post(name_en="Own Centre renamed", is_program_partner="on"))
    assert response.status_code == 302
    orgs["own"].refresh_from_db()
    assert orgs["own"].name_en == "Own Centre renamed" and not orgs["own"].is_program_partner


def test_a_partner_adds_a_service_to_their_organization_only(people: dict[str, Any], orgs: dict[str, Any]) -> None:
    client = signed_in(people["partner_staff"])
    assert client.post(reverse("staff:service-new", args=[orgs["other"].pk]), _service_post()).status_code == 404
    assert client.post(reverse("staff:organization", args=[orgs["other"].pk]), _organization_post()).status_code == 404
    assert not Service.objects.filter(organization=orgs["other"]).exists()
    assert client.post(reverse("staff:service-new", args=[orgs["own"].pk]), _service_post()).status_code == 302
    assert Service.objects.filter(organization=orgs["own"]).count() == 1
