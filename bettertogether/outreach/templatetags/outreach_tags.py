from django import template

from bettertogether.core.languages import language_name

register = template.Library()


@register.filter
def language_label(code: str) -> str:
    return language_name(code)
