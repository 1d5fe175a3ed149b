"""The geocoding review queue, grouped by address: what a coordinator places by hand.

One reading of the queue for the staff page and the back office alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Min, Sum

from .models import ApprovedPosition
from .services import review_queue

REVIEW_GROUPS_SHOWN = 200


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
