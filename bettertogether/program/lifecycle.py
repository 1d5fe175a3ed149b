"""The lifecycles as data: for each status, the statuses it may move to. Services consult these
tables and refuse any other move; pages offer only the moves listed here."""

from __future__ import annotations

from .calls_models import ApplicationStatus as P
from .calls_models import CallStatus as C
from .models import ActionStatus as F
from .models import AgreementStatus as A
from .models import MilestoneStatus as M
from .models import ReportStatus as R

AGREEMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    A.DRAFT: frozenset({A.SIGNED, A.CANCELLED}),
    A.SIGNED: frozenset({A.ACTIVE, A.CANCELLED}),
    A.ACTIVE: frozenset({A.CLOSED, A.TERMINATED}),
    A.CLOSED: frozenset(),
    A.TERMINATED: frozenset(),
    A.CANCELLED: frozenset(),
}

# Agreements that can still be amended (an extension of a closed project is a new agreement).
AMENDABLE = frozenset({A.SIGNED, A.ACTIVE})

# Agreements that count towards the 4–6 target: signed, whatever happened after.
COUNTED = frozenset({A.SIGNED, A.ACTIVE, A.CLOSED})

MILESTONE_TRANSITIONS: dict[str, frozenset[str]] = {
    M.PLANNED: frozenset({M.IN_PROGRESS, M.DONE, M.CANCELLED}),
    M.IN_PROGRESS: frozenset({M.DONE, M.CANCELLED}),
    M.DONE: frozenset(),
    M.CANCELLED: frozenset({M.PLANNED}),
}


ACTION_TRANSITIONS: dict[str, frozenset[str]] = {
    F.OPEN: frozenset({F.DONE, F.CANCELLED}),
    F.DONE: frozenset({F.OPEN}),
    F.CANCELLED: frozenset({F.OPEN}),
}


REPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    R.DRAFT: frozenset({R.SUBMITTED}),
    R.SUBMITTED: frozenset({R.ACCEPTED, R.RETURNED}),
    R.RETURNED: frozenset({R.SUBMITTED}),
    R.ACCEPTED: frozenset(),
}

# A partner edits its report only in these.
REPORT_EDITABLE = frozenset({R.DRAFT, R.RETURNED})


class TransitionRefused(ValueError):
    """A move the lifecycle's table does not allow."""


def check(table: dict[str, frozenset[str]], current: str, target: str) -> None:
    if target not in table.get(current, frozenset()):
        raise TransitionRefused(f"{current} → {target} is not allowed")


def next_statuses(table: dict[str, frozenset[str]], current: str) -> list[str]:
    return sorted(table.get(current, frozenset()))


# Calls for proposals (program/calls_models.py).
CALL_TRANSITIONS: dict[str, frozenset[str]] = {
    C.DRAFT: frozenset({C.OPEN}),
    C.OPEN: frozenset({C.CLOSED}),
    C.CLOSED: frozenset({C.DECIDED}),
    C.DECIDED: frozenset(),
}

APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    P.DRAFT: frozenset({P.SUBMITTED}),
    P.SUBMITTED: frozenset({P.ELIGIBLE, P.INELIGIBLE}),
    P.ELIGIBLE: frozenset({P.UNDER_REVIEW}),
    P.INELIGIBLE: frozenset(),
    P.UNDER_REVIEW: frozenset({P.FUNDED, P.DECLINED}),
    P.FUNDED: frozenset(),
    P.DECLINED: frozenset(),
}

# The applicant edits and attaches only in these; reviewers score only in these; a call takes new
# applications and submissions only while open; a decision is recorded only on a closed call.
APPLICATION_EDITABLE = frozenset({P.DRAFT})
APPLICATION_REVIEWABLE = frozenset({P.ELIGIBLE, P.UNDER_REVIEW})
APPLICATION_DECIDED = frozenset({P.INELIGIBLE, P.FUNDED, P.DECLINED})
CALL_ACCEPTING = frozenset({C.OPEN})
CALL_DECIDING = frozenset({C.CLOSED})
CALL_PUBLIC = frozenset({C.OPEN, C.CLOSED, C.DECIDED})
