"""Demo sign-ins, one per role, for local development only (passwords in docs/demo.md).

Created only when settings.BT_DEMO_PASSWORDS_ALLOWED is True: published passwords must never
exist on a production database.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from bettertogether.core.roles import Role

from ..models import Membership
from .loader import demo_id


class DemoUsersRefused(Exception):
    """Raised when demo users are asked for where published passwords are not allowed."""


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    password: str
    organization_key: str = ""  # demo key of the member organization (data.py)
    superuser: bool = False


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("partner.cmwr", Role.PARTNER_STAFF, "demo-partner-cmwr-2024", "cmwr-ns"),
    DemoUser("partner.madhu", Role.PARTNER_STAFF, "demo-partner-madhu-2024", "madhu-centre"),
    DemoUser("caseworker", Role.CASE_WORKER, "demo-caseworker-2024", "cmwr-ns"),
    DemoUser("coordinator", Role.COORDINATOR, "demo-coordinator-2024"),
    DemoUser("funder", Role.FUNDER_APPROVER, "demo-funder-2024"),
    DemoUser("admin", Role.ADMINISTRATOR, "demo-admin-2024", superuser=True),
)


def demo_users_allowed() -> bool:
    return bool(getattr(settings, "BT_DEMO_PASSWORDS_ALLOWED", False))


@transaction.atomic
def load_users() -> list[str]:
    """Create or update the demo users; return their usernames. Idempotent."""
    if not demo_users_allowed():
        raise DemoUsersRefused(
            "Demo users not created: settings.BT_DEMO_PASSWORDS_ALLOWED is False here (production), "
            "and their passwords are published in docs/demo.md."
        )
    User = get_user_model()
    names = []
    for spec in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=spec.username)
        wanted = {
            "role": spec.role.value,
            "is_superuser": spec.superuser,
            # Coordinators load LMIA files and place positions in the back office (positions.permissions).
            "is_staff": spec.superuser or spec.role == Role.COORDINATOR,
            "is_active": True,
            "email": f"{spec.username}@example.org",
        }
        changed = [k for k, v in wanted.items() if getattr(user, k) != v]
        for key in changed:
            setattr(user, key, wanted[key])
        if not user.check_password(spec.password):
            user.set_password(spec.password)
            changed.append("password")
        if changed:
            user.save()
        if spec.organization_key:
            Membership.objects.update_or_create(
                user=user, defaults={"organization_id": demo_id("organization", spec.organization_key)}
            )
        else:
            Membership.objects.filter(user=user).delete()
        names.append(spec.username)
    return names
