"""Who may read, send again and clear kept contact messages: administrators (in the admin).

The messages are a visitor's own words and contact details; only those who run the site see them.
"""

from bettertogether.core.roles import Role
from bettertogether.core.users import User


def can_handle_kept_messages(user: User) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_staff:
        return False
    return bool(user.is_superuser or getattr(user, "role", None) == Role.ADMINISTRATOR)
