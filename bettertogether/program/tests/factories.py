"""Sub-agreements made through the services, as a coordinator would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from bettertogether.program import services
from bettertogether.program.models import SubAgreement


def agreement(org: Any, *, kind: str = "new", title: str = "Rights sessions", status: str = "draft") -> SubAgreement:
    made = services.create_agreement(
        services.AgreementInput(
            organization_id=org.pk,
            kind=kind,
            title=title,
            starts_on=dt.date(2023, 4, 1),
            ends_on=dt.date(2024, 3, 31),
            amount=Decimal("50000.00"),
        ),
        by=None,
    )
    path = {"draft": [], "signed": ["signed"], "active": ["signed", "active"], "closed": ["signed", "active", "closed"]}
    for step in path[status]:
        services.move_agreement(made.pk, step, by=None)
    made.refresh_from_db()
    return made
