"""Demo data of the directory app: taxonomy, the Maritime organizations, demo users.

`load(log)` is this app's load_demo hook (see core/management/commands/load_demo.py).
"""

from __future__ import annotations

from collections.abc import Callable

from .loader import load_directory
from .users import DemoUsersRefused, load_users


def load(log: Callable[[str], None]) -> None:
    counts = load_directory()
    log(
        "directory: {created} created, {updated} updated, {unchanged} unchanged".format(
            created=counts["created"], updated=counts["updated"], unchanged=counts["unchanged"]
        )
    )
    try:
        names = load_users()
    except DemoUsersRefused as refusal:
        log(str(refusal))
    else:
        log(f"directory: demo users {', '.join(names)} (passwords in docs/demo.md)")
