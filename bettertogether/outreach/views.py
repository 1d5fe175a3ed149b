"""Public pages: the events calendar, an event, registration and cancellation, iCalendar feeds."""

from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, override
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from bettertogether.core import ratelimit
from bettertogether.core.provinces import MARITIMES
from bettertogether.directory.door import Organization

from . import ical, services
from .forms import RegistrationForm, consent_text
from .library import EventFilters, public_events
from .models import Event, EventKind

FEED_WINDOW_DAYS = 90
REGISTER_SCOPE = "event-register"


def _filter_context(filters: EventFilters) -> dict[str, object]:
    return {
        "filters": filters,
        "provinces": [(p.value, p.label) for p in MARITIMES],
        "kinds": EventKind.choices,
    }


@require_GET
def event_list(request: HttpRequest, past: bool = False) -> HttpResponse:
    filters = EventFilters.from_query(request.GET.dict())
    page = Paginator(public_events(filters, past=past), 20).get_page(request.GET.get("page"))
    return render(request, "outreach/event_list.html", {"page": page, "past": past, **_filter_context(filters)})


def _public_event(pk: object) -> Event:
    events: QuerySet[Event] = Event.objects.public().select_related("organization")
    return get_object_or_404(events, pk=pk)


@require_GET
def event_detail(request: HttpRequest, pk: object) -> HttpResponse:
    event = _public_event(pk)
    page_url = request.build_absolute_uri()
    share_text = f"{event.title} – {page_url}"
    return render(
        request,
        "outreach/event_detail.html",
        {
            "event": event,
            "can_register": services.can_register(event),
            "is_past": event.ends_at < timezone.now(),
            "whatsapp_url": f"https://wa.me/?text={quote(share_text)}",
            "osm_url": (
                f"https://www.openstreetmap.org/?mlat={event.latitude:.5f}&mlon={event.longitude:.5f}"
                f"#map=16/{event.latitude:.5f}/{event.longitude:.5f}"
                if event.has_point
                else ""
            ),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, pk: object) -> HttpResponse:
    event = _public_event(pk)
    if not services.can_register(event):
        return render(request, "outreach/register_closed.html", {"event": event}, status=410)
    consent = consent_text()
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Registrations are anonymous: a per-address limit keeps one client from filling an event.
        key = ratelimit.client_key(request, REGISTER_SCOPE)
        limit = int(getattr(settings, "BT_REGISTRATION_RATE", 10))
        if not ratelimit.allow(REGISTER_SCOPE, key, limit=limit, window=timedelta(hours=1)):
            return render(request, "outreach/register_limited.html", {"event": event}, status=429)
        try:
            result = services.register(
                event.pk,
                name=form.cleaned_data["name"],
                phone=form.cleaned_data["phone"],
                email=form.cleaned_data["email"],
                consent_text=consent,
                language=get_language() or "",
            )
        except services.RegistrationClosed:
            return render(request, "outreach/register_closed.html", {"event": event}, status=410)
        # The confirmation is rendered, not redirected to: the token appears only in the cancel link.
        return render(
            request,
            "outreach/register_done.html",
            {"event": event, "result": result, "cancel_path": _cancel_path(result.token)},
        )
    return render(request, "outreach/register.html", {"event": event, "form": form, "consent_text": consent})


def _cancel_path(token: str) -> str:
    return reverse("outreach:cancel", args=[token])


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = services.registration_for_token(token)
    if registration is None:
        raise Http404
    done = False
    if request.method == "POST":
        services.cancel(token)
        registration.refresh_from_db()
        done = True
    return render(
        request, "outreach/cancel.html", {"registration": registration, "event": registration.event, "done": done}
    )


def _calendar_response(request: HttpRequest, events: object, name: object, filename: str) -> HttpResponse:
    # Feeds outside the language prefix take ?lang= (else Accept-Language, as the APIs do).
    lang = request.GET.get("lang", "")
    lang = lang if lang in dict(settings.LANGUAGES) else (get_language() or "en")
    with override(lang):
        body = ical.build_calendar(
            list(events),  # type: ignore[call-overload]
            name=str(name),
            domain=request.get_host().split(":")[0],
            base_url=f"{request.scheme}://{request.get_host()}",
            lang=lang,
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _feed_events() -> object:
    since = timezone.now() - timedelta(days=FEED_WINDOW_DAYS)
    return Event.objects.public().filter(ends_at__gte=since).select_related("organization").order_by("starts_at")


@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    return _calendar_response(request, _feed_events(), gettext_lazy("Better Together events"), "events.ics")


@require_GET
def organization_feed(request: HttpRequest, org_id: object) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=org_id)
    events = _feed_events().filter(organization=organization)  # type: ignore[attr-defined]
    return _calendar_response(request, events, organization.name, f"events-{organization.pk}.ics")


@require_GET
def event_ics(request: HttpRequest, pk: object) -> HttpResponse:
    event = _public_event(pk)
    return _calendar_response(request, [event], event.title, f"event-{event.pk}.ics")
