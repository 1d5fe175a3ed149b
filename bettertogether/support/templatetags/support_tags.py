from typing import Any

from django import template
from django.utils.translation import gettext as _

from bettertogether.core.languages import language_name

from .. import labels
from ..statistics import SUPPRESS_MAX

register = template.Library()


@register.filter
def count_or_range(value: Any) -> str:
    """A suppressed count (None) reads '1–5'."""
    return _("1–%(max)s") % {"max": SUPPRESS_MAX} if value is None else str(value)


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, "")


register.filter("language_name", language_name)
register.filter("topic_name", labels.topic_name)
register.filter("topic_names", labels.topic_names)
register.filter("province_name", labels.province_name)
register.filter("field_names", labels.field_names)


@register.simple_tag
def dimension_label(dimension: str, key: str) -> str:
    return labels.dimension_label(dimension, key)
