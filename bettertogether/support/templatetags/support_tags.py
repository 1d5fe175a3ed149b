from typing import Any

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def count_or_range(value: Any) -> str:
    """A suppressed count (None) reads '1–5'."""
    from ..statistics import SUPPRESS_MAX

    return _("1–%(max)s") % {"max": SUPPRESS_MAX} if value is None else str(value)


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, "")
