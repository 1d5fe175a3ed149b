"""The invitation's lifecycle as a state table (the same Workflow as the case desk's lifecycles).

pending → accepted (the invited person set a password), → revoked (the inviter or a coordinator
withdrew it), → expired (its time ran out: recorded when the link is next opened or listed).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bettertogether.support.door import Transition, TransitionRefused, Workflow

__all__ = ["INVITATION", "TransitionRefused"]

INVITATION = Workflow(
    name="invitation",
    initial="pending",
    states={
        "pending": _("Waiting for an answer"),
        "accepted": _("Accepted"),
        "expired": _("Expired"),
        "revoked": _("Withdrawn"),
    },
    transitions=(
        Transition("pending", "accept", "accepted", "invited", _("Accept")),
        Transition("pending", "expire", "expired", "clock", _("Expire")),
        Transition("pending", "revoke", "revoked", "inviter", _("Withdraw the invitation")),
    ),
)
