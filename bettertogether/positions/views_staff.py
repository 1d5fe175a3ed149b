"""The coordinators' positions pages inside the staff frame: the import runs and the review queue.

Thin: review.py reads the queue, review.place_address writes. Anonymous visitors are sent to
sign in; anyone signed in who may not manage positions is refused (403).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from bettertogether.core.users import signed_in_account

from .forms import PlaceAddressForm
from .models import ImportRun
from .permissions import can_manage_positions
from .review import place_address, review_groups

RUNS_SHOWN = 100


def _managers_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_manage_positions(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return never_cache(login_required(inner))


@require_GET
@_managers_only
def imports(request: HttpRequest) -> HttpResponse:
    runs = ImportRun.objects.select_related("created_by")[:RUNS_SHOWN]
    return render(request, "positions/staff_imports.html", {"runs": runs, "total": ImportRun.objects.count()})


def place_from_post(request: HttpRequest) -> bool:
    """Place one address from a review form (this page's or the admin's), saying how it went.
    False when the form itself was invalid, so the page is shown again."""
    form = PlaceAddressForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a latitude and a longitude in Canada."))
        return False
    data = form.cleaned_data
    try:
        count = place_address(
            data["address"], data["province"], data["latitude"], data["longitude"], signed_in_account(request.user)
        )
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(address)s placed: %(count)d rows updated; later imports will use it.")
            % {"address": data["address"] or "—", "count": count},
        )
    return True


@require_http_methods(["GET", "POST"])
@_managers_only
def review(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and place_from_post(request):
        return redirect("positions:review")
    groups, total = review_groups()
    rows = [
        (
            group,
            PlaceAddressForm(
                initial={
                    "address": group.address,
                    "province": group.province,
                    "latitude": group.latitude,
                    "longitude": group.longitude,
                },
                auto_id=f"place{index}-%s",
            ),
        )
        for index, group in enumerate(groups)
    ]
    return render(request, "positions/staff_review.html", {"rows": rows, "total": total})
