"""The support app's door: the only names other apps import from it (with `crypto`, the field
encryption other apps' models use: `EncryptedTextField`, `check_field_keys`).

Figures: `case_statistics(period, org) -> CaseStatistics` (counts only; 1–5 withheld). Staff
workspace: the worklists, the permission checks its menu and home use, the case desk's guard,
whether a request passed the second factor, the second-factor reset and the workflow types.
"""

from __future__ import annotations

from .guard import case_desk, has_confirmed_device
from .permissions import (
    SECOND_FACTOR_ROLES,
    can_review_emergencies,
    can_see_statistics,
    can_use_cases,
    can_use_helpline,
    needs_second_factor,
    second_factor_passed,
)
from .services import reset_second_factor
from .statistics import SUPPRESS_MAX, Breakdown, CaseStatistics, Count, case_statistics
from .workflows import Transition, TransitionRefused, Workflow
from .worklist import (
    CaseWork,
    HelplineWork,
    ReviewWork,
    StatisticsSummary,
    case_work,
    helpline_work,
    review_work,
    statistics_summary,
)

__all__ = [
    "SECOND_FACTOR_ROLES",
    "SUPPRESS_MAX",
    "Breakdown",
    "CaseStatistics",
    "CaseWork",
    "Count",
    "HelplineWork",
    "ReviewWork",
    "StatisticsSummary",
    "Transition",
    "TransitionRefused",
    "Workflow",
    "can_review_emergencies",
    "can_see_statistics",
    "can_use_cases",
    "can_use_helpline",
    "case_desk",
    "case_statistics",
    "case_work",
    "has_confirmed_device",
    "helpline_work",
    "needs_second_factor",
    "reset_second_factor",
    "review_work",
    "second_factor_passed",
    "statistics_summary",
]
