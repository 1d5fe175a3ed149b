"""`User`: the type of whoever a permission check or worklist is asked about.

A signed-in `Account` (the `core.models.User` model) or, on public pages and before sign-in,
Django's anonymous user. Checks start from `signed_in(user)`, which also tells the type checker
that the user is an account; a view already behind a sign-in check hands its user to a write as
`signed_in_account(request.user)`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, TypeGuard

from django.core.exceptions import PermissionDenied

from .models import User as Account

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

User: TypeAlias = "Account | AnonymousUser"

__all__ = ["Account", "User", "signed_in", "signed_in_account"]


def signed_in(user: User | None) -> TypeGuard[Account]:
    """True for an active, signed-in account."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def signed_in_account(user: User | None) -> Account:
    """The signed-in account of a view behind a sign-in check; anyone else is refused (403)."""
    if not signed_in(user):
        raise PermissionDenied
    return user
