"""The outreach app's door: the only names other apps import from it.

Figures: `reach(period, org) -> Reach` (events, contacts, unique people, per province and per
kind). Staff workspace: `outreach_work` and `can_manage_events`.
"""

from __future__ import annotations

from .permissions import can_manage_events
from .reach import ProvinceReach, Reach, Tally, reach
from .worklist import OutreachWork, outreach_work

__all__ = [
    "OutreachWork",
    "ProvinceReach",
    "Reach",
    "Tally",
    "can_manage_events",
    "outreach_work",
    "reach",
]
