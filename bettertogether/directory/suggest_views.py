"""The public "suggest a correction" page. No account, no personal data; spam is kept out by a
honeypot field, a minimum time to fill the form (signed timestamp) and a per-client rate limit.
The only cookie it sets is the CSRF cookie of its form.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from bettertogether.core import ratelimit

from . import services
from .manage_forms import SuggestForm
from .models import Service

RATE_SCOPE = "directory.suggest"
RATE_LIMIT = 5
RATE_WINDOW = dt.timedelta(hours=1)


@require_http_methods(["GET", "POST"])
def suggest(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    service: Service = get_object_or_404(Service.objects.select_related("organization"), pk=pk)
    done_url = f"{reverse('directory:suggest', args=[service.pk])}?sent=1"
    if request.method == "GET" and request.GET.get("sent"):
        return render(request, "directory/suggest_done.html", {"service": service})
    status = 200
    if request.method == "POST":
        form = SuggestForm(request.POST)
        if form.is_spam:
            return redirect(done_url)  # tell a bot nothing
        if form.is_valid():
            key = ratelimit.client_key(request, RATE_SCOPE)
            if not ratelimit.allow(RATE_SCOPE, key, limit=RATE_LIMIT, window=RATE_WINDOW):
                return render(request, "directory/suggest_limited.html", {"service": service}, status=429)
            services.create_suggestion(
                service.pk,
                field=form.cleaned_data["field"],
                proposed_value=form.cleaned_data["proposed_value"],
                comment=form.cleaned_data["comment"],
            )
            return redirect(done_url)
        status = 400
    else:
        form = SuggestForm()
    return render(request, "directory/suggest.html", {"service": service, "form": form}, status=status)
