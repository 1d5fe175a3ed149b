from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def num(value: object) -> str:
    """A count with the language's thousands separator (10,546 · 10 546), whatever USE_THOUSAND_SEPARATOR says."""
    if not isinstance(value, int | float | Decimal | str) or value == "":
        return ""
    return number_format(value, force_grouping=True)
