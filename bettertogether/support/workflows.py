"""Lifecycles of cases, referrals and emergency requests, declared as state tables.

Each table maps (state, action) to the next state and names who may take the action: the
`owner` (the organization that holds the case), the `receiver` (the organization a referral was
sent to) or the `approver` (the funder). services.py is the only caller of `advance`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class TransitionRefused(Exception):
    """An action that the state table does not allow from the current state or for this party."""


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    party: str
    label: object


@dataclass(frozen=True)
class Workflow:
    name: str
    initial: str
    states: dict[str, object]
    transitions: tuple[Transition, ...]

    def actions(self, state: str, party: str) -> list[Transition]:
        return [t for t in self.transitions if t.source == state and t.party == party]

    def advance(self, state: str, action: str, party: str) -> str:
        for t in self.transitions:
            if t.source == state and t.action == action and t.party == party:
                return t.target
        raise TransitionRefused(f"{self.name}: no action {action!r} for {party} in state {state!r}")

    def choices(self) -> list[tuple[str, object]]:
        return list(self.states.items())


CASE = Workflow(
    name="case",
    initial="open",
    states={"open": _("Open"), "closed": _("Closed")},
    transitions=(
        Transition("open", "close", "closed", "owner", _("Close the case")),
        Transition("closed", "reopen", "open", "owner", _("Reopen the case")),
    ),
)

REFERRAL = Workflow(
    name="referral",
    initial="sent",
    states={
        "sent": _("Sent"),
        "accepted": _("Accepted"),
        "declined": _("Declined"),
        "completed": _("Completed"),
        "withdrawn": _("Withdrawn"),
    },
    transitions=(
        Transition("sent", "accept", "accepted", "receiver", _("Accept")),
        Transition("sent", "decline", "declined", "receiver", _("Decline")),
        Transition("accepted", "complete", "completed", "receiver", _("Mark completed")),
        Transition("sent", "withdraw", "withdrawn", "owner", _("Withdraw")),
        Transition("accepted", "withdraw", "withdrawn", "owner", _("Withdraw")),
    ),
)

EMERGENCY = Workflow(
    name="emergency",
    initial="requested",
    states={
        "requested": _("Awaiting the funder"),
        "approved": _("Approved"),
        "declined": _("Declined"),
        "withdrawn": _("Withdrawn"),
    },
    transitions=(
        Transition("requested", "approve", "approved", "approver", _("Approve")),
        Transition("requested", "decline", "declined", "approver", _("Decline")),
        Transition("requested", "withdraw", "withdrawn", "owner", _("Withdraw")),
    ),
)
