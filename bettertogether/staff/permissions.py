"""Who may onboard whom. Named functions, tested as a matrix (tests/test_authorization_matrix.py).

- Coordinators and administrators: every organization and service, every account and invitation
  of a role not above their own, the change log.
- Partner staff and case workers: their own organization only: its listing, its people, inviting
  colleagues into it in a role not above their own.
- Funder approvers, inactive accounts and anonymous visitors: nothing here.
Another organization's person or invitation is not found (404), so its existence does not leak.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeGuard

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from bettertogether.core.roles import ORGANIZATION_ROLES, Role
from bettertogether.core.users import Account, User, signed_in
from bettertogether.directory import door

from .models import Invitation

# Who is above whom: nobody gives a role above their own.
RANK: dict[str, int] = {
    Role.PARTNER_STAFF: 1,
    Role.CASE_WORKER: 2,
    Role.FUNDER_APPROVER: 2,
    Role.COORDINATOR: 3,
    Role.ADMINISTRATOR: 4,
}


def rank(user: Account) -> int:
    if user.is_superuser:
        return RANK[Role.ADMINISTRATOR]
    return RANK.get(user.role, 0)


def onboards_everyone(user: User) -> bool:
    """Coordinators and administrators."""
    return signed_in(user) and door.edits_everything(user)


def organization_id_of(user: User) -> uuid.UUID | None:
    """The organization a partner-side person onboards into, or None."""
    return door.organization_id_of(user)


def can_onboard(user: User) -> TypeGuard[Account]:
    """May open the people pages at all."""
    return signed_in(user) and (onboards_everyone(user) or organization_id_of(user) is not None)


def can_edit_organizations(user: User) -> bool:
    """May open the organizations pages (partners: their own organization only)."""
    return can_onboard(user)


def can_see_changes(user: User) -> bool:
    return onboards_everyone(user)


def invitable_roles(user: User) -> list[Role]:
    if not can_onboard(user):
        return []
    roles = [role for role in Role if RANK[role] <= rank(user)]
    if onboards_everyone(user):
        return roles
    return [role for role in roles if role in ORGANIZATION_ROLES]


def invitable_organizations(user: User) -> QuerySet[door.Organization]:
    return door.editable_organizations(user) if can_onboard(user) else door.Organization.objects.none()


def accounts_visible_to(user: User) -> QuerySet[Any]:
    User = get_user_model()
    if onboards_everyone(user):
        return User.objects.all()
    org_id = organization_id_of(user)
    if org_id is None:
        return User.objects.none()
    return User.objects.filter(membership__organization_id=org_id)


def can_manage_account(user: User, account: Account) -> bool:
    """Deactivate, or reset the second factor of, someone else not above oneself."""
    return (
        can_onboard(user)
        and account.pk != user.pk
        and rank(account) <= rank(user)
        and accounts_visible_to(user).filter(pk=account.pk).exists()
    )


def invitations_visible_to(user: User) -> QuerySet[Invitation]:
    if onboards_everyone(user):
        return Invitation.objects.all()
    org_id = organization_id_of(user)
    if org_id is None:
        return Invitation.objects.none()
    return Invitation.objects.filter(organization_id=org_id)


def can_invite(user: User, role: str, organization_id: uuid.UUID | None) -> bool:
    """The one check every invitation passes (the form offers only what it allows)."""
    if role not in invitable_roles(user):
        return False
    if role in ORGANIZATION_ROLES:
        return organization_id is not None and invitable_organizations(user).filter(pk=organization_id).exists()
    return organization_id is None


def can_revoke(user: User, invitation: Invitation) -> bool:
    return (
        signed_in(user)
        and invitations_visible_to(user).filter(pk=invitation.pk).exists()
        and RANK.get(Role(invitation.role), 99) <= rank(user)
    )
