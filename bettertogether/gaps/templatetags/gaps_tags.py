from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def pct(value: float | None) -> str:
    """A share (0.0818) as a percentage to one decimal in the page's language ('8.2 %'); '–' when unknown."""
    if value is None:
        return "–"
    return f"{floatformat(value * 100, 1)} %"


@register.filter
def km(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{floatformat(value, 1)} km"


@register.filter
def get(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key) if isinstance(mapping, dict) else None
