"""The sanctuary network: a coordinator's flag on organizations, a public filter on the services page
(`?sanctuary=1`, a plain GET form) and its own layer on the service map."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from bettertogether.core.tests.factories import CoordinatorFactory, PartnerStaffFactory, sign_in
from bettertogether.directory import services
from bettertogether.directory.models import ChangeLog, Organization
from bettertogether.directory.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def network() -> dict[str, Any]:
    member = f.OrganizationFactory(name="Shelter House", in_sanctuary_network=True)
    other = f.OrganizationFactory(name="Town Library")
    return {
        "member": member,
        "other": other,
        "refuge": f.located_service(45.0, -64.0, name="Night refuge", organization=member),
        "books": f.located_service(45.1, -64.1, name="Reading room", organization=other),
        "unlocated": f.ServiceFactory(name="Refuge phone line", organization=member),
    }


def _names(html: str, *names: str) -> set[str]:
    return {n for n in names if n in html}


def test_the_filter_keeps_only_the_network_members_services(client: Client, network: dict[str, Any]) -> None:
    everything = client.get("/en/services/").content.decode()
    assert _names(everything, "Night refuge", "Reading room", "Refuge phone line") == {
        "Night refuge",
        "Reading room",
        "Refuge phone line",
    }
    response = client.get("/en/services/", {"sanctuary": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert _names(html, "Night refuge", "Reading room", "Refuge phone line") == {"Night refuge", "Refuge phone line"}
    assert "2 services found" in html
    # The box stays ticked and the filters stay open: the form works without JavaScript.
    assert 'name="sanctuary" value="1" checked' in html
    assert '<details class="more" open>' in html
    assert not response.cookies


def test_the_filter_combines_with_the_others(client: Client, network: dict[str, Any]) -> None:
    html = client.get("/en/services/", {"sanctuary": "1", "q": "refuge phone"}).content.decode()
    assert _names(html, "Night refuge", "Refuge phone line") == {"Refuge phone line"}


def test_members_are_marked_on_the_list(client: Client, network: dict[str, Any]) -> None:
    html = client.get("/en/services/").content.decode()
    assert html.count('<span class="sanctuary">Sanctuary network</span>') == 2


def test_the_filter_and_layer_are_translated(client: Client, network: dict[str, Any]) -> None:
    html = client.get("/fr/services/", {"sanctuary": "1"}).content.decode()
    assert "Réseau sanctuaire seulement" in html
    assert "Membres du réseau sanctuaire" in html
    assert "Sanctuary network" not in html


def test_the_map_carries_the_flag_and_the_same_filter(client: Client, network: dict[str, Any]) -> None:
    data = json.loads(client.get("/api/map/services.geojson").content)
    flags = {feat["properties"]["name"]: feat["properties"]["sanctuary"] for feat in data["features"]}
    assert flags == {"Night refuge": True, "Reading room": False}
    only = json.loads(client.get("/api/map/services.geojson", {"sanctuary": "1"}).content)
    assert [feat["properties"]["name"] for feat in only["features"]] == ["Night refuge"]


def test_the_map_follows_a_change_of_membership(client: Client, network: dict[str, Any]) -> None:
    client.get("/api/map/services.geojson")
    services.update_organization(network["other"].pk, {"in_sanctuary_network": True}, by=CoordinatorFactory())
    data = json.loads(client.get("/api/map/services.geojson", {"sanctuary": "1"}).content)
    assert {feat["properties"]["name"] for feat in data["features"]} == {"Night refuge", "Reading room"}


def test_the_page_has_the_layer_legend(client: Client, network: dict[str, Any]) -> None:
    html = client.get("/en/services/").content.decode()
    assert 'id="map-layers"' in html
    assert 'data-layer="sanctuary"' in html
    assert 'data-layer="services"' in html


def test_a_coordinator_flags_an_organization_on_the_staff_form(client: Client, network: dict[str, Any]) -> None:
    org = network["other"]
    sign_in(client, CoordinatorFactory())
    url = f"/en/staff/organizations/{org.pk}/"
    page = client.get(url).content.decode()
    assert 'name="in_sanctuary_network"' in page
    data = {"name_en": org.name, "in_sanctuary_network": "on"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert Organization.objects.get(pk=org.pk).in_sanctuary_network
    entry = ChangeLog.objects.filter(object_id=str(org.pk)).latest("pk")
    assert "in_sanctuary_network" in entry.changes


def test_partner_staff_cannot_flag_their_own_organization(client: Client, network: dict[str, Any]) -> None:
    org = network["other"]
    user = PartnerStaffFactory(organization=org)
    sign_in(client, user)
    url = f"/en/staff/organizations/{org.pk}/"
    assert 'name="in_sanctuary_network"' not in client.get(url).content.decode()
    client.post(url, {"name_en": org.name, "in_sanctuary_network": "on"})
    services.update_organization(org.pk, {"in_sanctuary_network": True}, by=user)
    assert not Organization.objects.get(pk=org.pk).in_sanctuary_network
