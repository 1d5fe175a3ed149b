"""The program app's door: the only names other apps import from it.

`results(period, reached_in)` (the indicators against the targets, plain data) and, for the staff
workspace, `program_work` and the permission checks its menu and home use.
"""

from __future__ import annotations

from .permissions import can_view_agreements, can_view_calls_office, can_view_results
from .results import results
from .worklist import ProgramWork, program_work

__all__ = [
    "ProgramWork",
    "can_view_agreements",
    "can_view_calls_office",
    "can_view_results",
    "program_work",
    "results",
]
