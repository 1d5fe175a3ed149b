"""Who may load LMIA files and place unplaced addresses: staff coordinators and administrators
(core.roles), and superusers. The positions themselves are public open data; these are back-office acts."""

from typing import TypeGuard

from bettertogether.core.roles import Role
from bettertogether.core.users import Account, User, signed_in

MANAGING_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})


def can_manage_positions(user: User) -> TypeGuard[Account]:
    """May upload LMIA files, read the run reports and work the review queue."""
    if not signed_in(user):
        return False
    if user.is_superuser:
        return True
    return bool(user.is_staff and getattr(user, "role", None) in MANAGING_ROLES)


def can_delete_import_runs(user: User) -> bool:
    """Deleting a run removes its rows: an administrator's act."""
    if not can_manage_positions(user):
        return False
    return bool(user.is_superuser or user.role == Role.ADMINISTRATOR)
