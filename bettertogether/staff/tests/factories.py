"""Staff-home test data: each organization's rows in distinctive numbers (own 1–2, other 7–9)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from bettertogether.directory.models import Service, Suggestion
from bettertogether.outreach.models import Event, Resource
from bettertogether.support.models import HelplineContact

OTHER_SERVICE = "Other Centre's secret clinic"


def _services(org: Any, n: int, prefix: str, *, flagged: int = 0, fresh: int = 0) -> list[Service]:
    today = timezone.localdate()
    rows = []
    for i in range(n):
        rows.append(
            Service.objects.create(
                organization=org,
                name=f"{prefix} {i}",
                needs_verification=i < flagged,
                assured_date=today - dt.timedelta(days=10) if i >= n - fresh else today - dt.timedelta(days=400),
            )
        )
    return rows


def _events(org: Any, n: int, registered: int) -> None:
    start = timezone.now() + dt.timedelta(days=5)
    for i in range(n):
        Event.objects.create(
            organization=org,
            title=f"Session {org.name} {i}",
            province="NS",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            registered_count=registered,
        )


def _contacts(org: Any, n: int) -> None:
    for _ in range(n):
        HelplineContact.objects.create(
            organization=org, channel="phone", language="es", province="NS", outcome="informed"
        )


def populate(orgs: dict[str, Any], desk: dict[str, Any]) -> dict[str, Any]:
    own = _services(orgs["own"], 2, "Own listing", flagged=1, fresh=1)
    other = _services(orgs["other"], 9, OTHER_SERVICE, flagged=8)
    Suggestion.objects.create(service=own[0], field="phone", proposed_value="902 555 0100")
    for _ in range(7):
        Suggestion.objects.create(service=other[0], field="phone", proposed_value="902 555 0199")
    _events(orgs["own"], 1, registered=3)
    _events(orgs["other"], 8, registered=11)
    Resource.objects.create(organization=orgs["own"], title="Own guide")
    for i in range(7):
        Resource.objects.create(organization=orgs["other"], title=f"Other guide {i}", is_published=False)
    _contacts(orgs["own"], 2)
    _contacts(orgs["other"], 9)
    return {"own_services": own, "other_services": other, **desk}
