"""Staff workspace pages. Thin: home.py builds the data, the frame (templatetags) the menu."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .home import home_for


@never_cache
@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Every signed-in person has a home; what it shows depends on their role (home.py)."""
    return render(request, "staff/home.html", {"home": home_for(request.user)})
