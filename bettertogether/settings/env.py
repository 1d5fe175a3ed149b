"""One typed reader for environment variables, used by every settings layer."""

import ipaddress
import os

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()


def env_str(name: str, default: object = _MISSING) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is _MISSING:
            raise ImproperlyConfigured(f"Set the environment variable {name}.")
        return str(default)
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_proxies(name: str) -> int | tuple[str, ...]:
    """The reverse proxies trusted to report the client's address in X-Forwarded-For.

    Either a whole number (how many proxies stand in front, each appending the address it was
    reached from; only when nothing else can reach the application) or a comma-separated list of
    the proxies' addresses or networks in CIDR form (a forwarded address counts only when the
    peer that sent it is one of them). Unset or 0: X-Forwarded-For is ignored.
    """
    value = os.environ.get(name, "").strip()
    if not value:
        return 0
    if value.isdigit():
        return int(value)
    networks = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        try:
            networks.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"{name} must be a number of proxies or comma-separated addresses or networks (CIDR), not {item!r}."
            ) from exc
    return tuple(networks)
