"""Who may see the gap analysis: program coordinators and administrators (and superusers).

The analysis guides where partner projects are funded, so it is confidential to program staff.
Anonymous visitors are sent to sign in; anyone else signed in gets 404, as in the other
confidential areas, so the area's existence is not advertised.
"""

from bettertogether.core.users import User


def can_view_gaps(user: User) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(getattr(user, "is_coordinator", False))
