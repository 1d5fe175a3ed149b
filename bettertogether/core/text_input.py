"""Control characters (core/text.py) refused in forms and query strings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from .text import find_control, strip_control


@deconstructible
class ControlCharacterValidator:
    """Refuses text holding a control character; line breaks and tabs only when `multiline`."""

    message = _("Remove the invisible control character (%(character)s) from this text.")
    code = "control_character"

    def __init__(self, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, value: Any) -> None:
        character = find_control(str(value), multiline=self.multiline) if value is not None else None
        if character:
            raise ValidationError(self.message, code=self.code, params={"character": character})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ControlCharacterValidator) and other.multiline == self.multiline

    def __hash__(self) -> int:
        return hash((type(self), self.multiline))


_char_field_validate = forms.CharField.validate


def _validate_text(field: forms.Field, value: Any) -> None:
    _char_field_validate(field, value)
    multiline = isinstance(field.widget, forms.Textarea)
    ControlCharacterValidator(multiline=multiline)(value)


def install_form_validation() -> None:
    """Every forms.CharField (and subclass: e-mail, URL, slug…) of every form, the admin's included,
    refuses control characters; a Textarea's field accepts line breaks and tabs."""
    forms.CharField.validate = _validate_text  # type: ignore[method-assign,assignment]


class RefuseControlCharactersMiddleware:
    """Answers 400 to a query string holding a control character (a NUL in a search filter used to
    reach PostgreSQL and give a 500): the error page, or under /api/ a JSON `detail` as the APIs
    answer. Multi-line text never travels in a query string."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for key, values in request.GET.lists():
            if find_control(key) or any(find_control(value) for value in values):
                if request.path.startswith("/api/"):
                    detail = f"Parameter '{strip_control(key)}' contains a control character."
                    return JsonResponse({"detail": detail}, status=400)
                raise BadRequest("control character in the query string")
        return self.get_response(request)
