from django import template
from django.forms import BoundField
from django.template.defaultfilters import floatformat
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def km(value: float | None) -> str:
    """'850 m', '3.2 km' or '42 km' (decimal separator of the current language)."""
    if value is None:
        return ""
    if value < 1:
        return f"{round(value * 1000, -1):.0f} m"
    return f"{floatformat(value, 1 if value < 10 else 0)} km"


@register.filter
def spans_nowrap(spans: list[str]) -> str:
    """Opening spans joined by ', ', each kept on one line ('07:30–21:00' never breaks at the dash)."""
    return format_html_join(", ", '<span class="nw">{}</span>', ((span,) for span in spans))


@register.filter
def web_url(value: str | None) -> str:
    """The URL if it is http(s), else '' (a stored 'javascript:' link never becomes a link)."""
    text = (value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""


@register.simple_tag
def options(field: BoundField) -> str:
    """The <option>s of a select, escaped; much cheaper than rendering the widget's templates."""
    current = str(field.value() or "")
    selected = mark_safe(" selected")  # a constant attribute, no content
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, selected if str(value) == current else "", label) for value, label in field.field.widget.choices),
    )
