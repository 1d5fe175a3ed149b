"""The figures of a partner report, pre-filled from the platform for the partner's organization and
the report's period: people reached with rights information per province (as in the results),
information sessions held, referrals sent and emergency requests approved."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils.translation import gettext as _

from bettertogether.core.periods import Period
from bettertogether.core.provinces import Province
from bettertogether.directory.door import Organization
from bettertogether.outreach.door import reach
from bettertogether.support.door import case_statistics

from .results import PROVINCES, reached_by_province

INFORMATION_SESSION = "information_session"
KEYS = (*(f"reached_{code}" for code in PROVINCES), "sessions", "referrals", "emergencies")


def label(key: str) -> str:
    if key.startswith("reached_"):
        return _("Workers reached with rights information in %(province)s") % {
            "province": Province(key.removeprefix("reached_")).label
        }
    return {
        "sessions": _("Information sessions held"),
        "referrals": _("Referrals sent"),
        "emergencies": _("Emergency support requests approved"),
    }[key]


def platform_figures(org: Organization | uuid.UUID, start: dt.date, end: dt.date) -> dict[str, int | None]:
    """Each figure as the platform counts it; None where the case statistics withhold a count of 1–5."""
    period = Period(start, end)
    events = reach(period, org)
    support = case_statistics(period, org)
    reached = reached_by_province(start, end, org, events=events, support=support)
    return {
        **{f"reached_{code}": reached[code]["reached"] for code in PROVINCES},
        "sessions": sessions.events if (sessions := events.by_kind.get(INFORMATION_SESSION)) else 0,
        "referrals": support.referrals_sent,
        "emergencies": support.emergencies_approved,
    }
