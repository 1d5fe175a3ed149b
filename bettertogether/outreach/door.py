"""The outreach app's door: the only names other apps import from it.

Figures: `reach(period, org) -> Reach` (events, contacts, unique people, per province and per
kind). Staff workspace: `outreach_work` and `can_manage_events`. The program office: the
knowledge-sharing events (`knowledge_sharing_events`, `save_knowledge_event`) and the resources
library's upload checks, which its agreement documents pass too (`check_upload`, `clean_filename`).
"""

from __future__ import annotations

from .knowledge import (
    KnowledgeEvent,
    KnowledgeEventInput,
    knowledge_sharing_choices,
    knowledge_sharing_events,
    save_knowledge_event,
)
from .permissions import can_manage_events
from .reach import ProvinceReach, Reach, Tally, reach
from .uploads import ALLOWED_EXTENSIONS, check_upload, clean_filename, max_bytes
from .worklist import OutreachWork, outreach_work

__all__ = [
    "ALLOWED_EXTENSIONS",
    "KnowledgeEvent",
    "KnowledgeEventInput",
    "OutreachWork",
    "ProvinceReach",
    "Reach",
    "Tally",
    "can_manage_events",
    "check_upload",
    "clean_filename",
    "knowledge_sharing_choices",
    "knowledge_sharing_events",
    "max_bytes",
    "outreach_work",
    "reach",
    "save_knowledge_event",
]
