"""The geocoding review queue: the rows a coordinator places by hand, grouped by address, and the
placing itself.

One reading of the queue for the staff page and the back office alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Min, Q, QuerySet, Sum

from bettertogether.core.geocode import remember_fix
from bettertogether.core.users import Account

from .lmia import OUTSIDE_CANADA
from .models import ApprovedPosition

REVIEW_GROUPS_SHOWN = 200


def review_queue() -> QuerySet[ApprovedPosition]:
    """Rows in Canada that are unplaced, or placed with a warning, and not yet placed by a coordinator."""
    return (
        ApprovedPosition.objects.exclude(province=OUTSIDE_CANADA)
        .exclude(geo_precision=ApprovedPosition.GeoPrecision.FIX)
        .filter(Q(latitude__isnull=True) | ~Q(geo_warnings=[]))
    )


def place_address(address: str, province: str, latitude: float, longitude: float, user: Account | None = None) -> int:
    """A coordinator places an address: the fix is remembered for later imports and every row with that
    address and province is moved there. Returns the number of rows updated. Raises ValueError for a
    point outside Canada or an empty address."""
    with transaction.atomic():
        remember_fix(address, province, latitude, longitude, user)
        return ApprovedPosition.objects.filter(address=address, province=province).update(
            latitude=float(latitude), longitude=float(longitude), geo_precision=ApprovedPosition.GeoPrecision.FIX
        )


@dataclass(frozen=True)
class ReviewGroup:
    address: str
    province: str
    rows: int
    positions: int
    employer: str  # of one row, as an example
    warnings: tuple[str, ...]
    latitude: float | None
    longitude: float | None
    precision: str  # the current placement's precision, for display


def review_groups(limit: int = REVIEW_GROUPS_SHOWN) -> tuple[list[ReviewGroup], int]:
    """The `limit` address groups holding the most positions, and how many groups there are in all."""
    queue = review_queue()
    grouped = list(
        queue.values("address", "province")
        .annotate(rows=Count("id"), positions=Sum("positions"), sample=Min("id"))
        .order_by("-positions", "address")[:limit]
    )
    samples = ApprovedPosition.objects.in_bulk([g["sample"] for g in grouped])
    groups = []
    for group in grouped:
        sample = samples[group["sample"]]
        groups.append(
            ReviewGroup(
                address=group["address"],
                province=group["province"],
                rows=group["rows"],
                positions=group["positions"] or 0,
                employer=sample.employer,
                warnings=tuple(sample.geo_warnings or ()),
                latitude=sample.latitude,
                longitude=sample.longitude,
                precision=str(sample.get_geo_precision_display()),
            )
        )
    return groups, queue.values("address", "province").distinct().count()
