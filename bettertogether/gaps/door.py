"""The gap analysis' door: the only names other apps import from it.

`analyse(GapFilters)` (the page, the JSON, the downloads and `gap_report` all use it),
`pdf_available()` (whether this host can render PDF reports, for the program's funder report) and
`can_view_gaps` for the staff workspace.
"""

from __future__ import annotations

from .inputs import GapFilters, analyse
from .permissions import can_view_gaps
from .report import pdf_available

__all__ = ["GapFilters", "analyse", "can_view_gaps", "pdf_available"]
