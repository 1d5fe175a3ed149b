"""What a coordinator's staff home shows of the positions data: imports and the places to review.

A door for the staff workspace; empty for anyone who may not manage positions (permissions.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max

from bettertogether.core.users import User

from .models import ImportRun
from .permissions import can_manage_positions
from .review import review_queue


@dataclass(frozen=True)
class PositionsWork:
    imports: int  # runs that loaded rows (status ok)
    failed_imports: int
    last_import_at: dt.datetime | None
    places_to_review: int  # distinct address × province groups in the geocoding review queue


def positions_work(user: User) -> PositionsWork:
    if not can_manage_positions(user):
        return PositionsWork(0, 0, None, 0)
    runs = ImportRun.objects.all()
    return PositionsWork(
        imports=runs.filter(status=ImportRun.Status.OK).count(),
        failed_imports=runs.filter(status=ImportRun.Status.FAILED).count(),
        last_import_at=runs.aggregate(last=Max("started_at"))["last"],
        places_to_review=review_queue().values("address", "province").distinct().count(),
    )
