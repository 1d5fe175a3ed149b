"""The sanctuary network: organizations that take in migrant workers whom the other services do not
reach. A coordinator flags them (Organization.in_sanctuary_network); the services search filters on
it (`?sanctuary=1`) and the service map draws them as their own layer."""

from __future__ import annotations

import uuid

from .models import Organization, Service


def sanctuary_service_ids() -> set[uuid.UUID]:
    """The active services of the network's member organizations."""
    return set(Service.objects.active().filter(organization__in_sanctuary_network=True).values_list("id", flat=True))


def sanctuary_organizations() -> list[Organization]:
    return list(Organization.objects.filter(in_sanctuary_network=True).order_by("name"))
