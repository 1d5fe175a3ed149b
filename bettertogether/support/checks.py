"""System checks: `manage.py check` (and `check --deploy`, runserver, migrate) refuse bad field keys."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .crypto import check_field_keys


@checks.register(checks.Tags.security)
def field_keys(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    try:
        check_field_keys(list(getattr(settings, "BT_FIELD_KEYS", []) or []))
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="support.E001")]
    return []
