from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from bettertogether.core.provinces import Province
from bettertogether.directory.door import SearchForm, helplines


def helpline_groups() -> list[tuple[object, list[Any]]]:
    """The helplines by province, as the home page and the contact form's notices show them."""
    return [
        (Province(group.province).label if group.province else _("Across Canada"), group.lines) for group in helplines()
    ]


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "site/home.html", {"form": SearchForm(), "helpline_groups": helpline_groups()})
