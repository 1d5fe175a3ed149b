"""The staff frame's menu and "signed in as", for staff/base.html (and so every staff page)."""

from __future__ import annotations

from typing import Any

from django import template

from ..frame import navigation, signed_in

register = template.Library()


@register.inclusion_tag("staff/frame_nav.html", takes_context=True)
def staff_nav(context: Any) -> dict[str, Any]:
    request = context["request"]
    return {"links": navigation(request.user, request.path)}


@register.simple_tag(takes_context=True)
def staff_signed_in(context: Any) -> Any:
    return signed_in(context["request"].user)
