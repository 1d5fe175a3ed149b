import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from bettertogether.outreach.models import Registration

from .factories import EventFactory, LinkVersionFactory

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert("x")</script>&"\'<img src=x onerror=alert(1)>'


def test_calendar_lists_upcoming_by_default_and_filters(client: Client) -> None:
    ns = EventFactory(title_en="NS session", province="NS", kind="information_session")
    nb = EventFactory(title_en="NB social", province="NB", kind="social")
    past = EventFactory(
        title_en="Old session",
        starts_at=timezone.now() - dt.timedelta(days=9),
        ends_at=timezone.now() - dt.timedelta(days=8),
    )
    EventFactory(title_en="Draft", is_published=False)
    html = client.get("/en/events/").content.decode()
    assert "NS session" in html and "NB social" in html
    assert "Old session" not in html and "Draft" not in html
    html = client.get("/en/events/?province=NB").content.decode()
    assert "NB social" in html and "NS session" not in html
    html = client.get("/en/events/?kind=information_session").content.decode()
    assert "NS session" in html and "NB social" not in html
    html = client.get("/en/events/past/").content.decode()
    assert "Old session" in html and "NS session" not in html
    assert client.get(f"/en/events/{past.pk}/").status_code == 200
    assert ns and nb


def test_event_page_has_calendar_whatsapp_and_map_links(client: Client) -> None:
    event = EventFactory(title_en="Rights & wages", latitude=45.0775, longitude=-64.4945, capacity=10)
    html = client.get(f"/en/events/{event.pk}/").content.decode()
    assert f"/en/events/{event.pk}/calendar.ics" in html
    match = re.search(r'href="(https://wa\.me/\?text=[^"]+)"', html)
    assert match and "Rights%20%26%20wages" in match.group(1) and str(event.pk) in match.group(1)
    assert "https://www.openstreetmap.org/?mlat=45.07750&amp;mlon=-64.49450" in html
    assert 'rel="noopener external"' in html and "external link" in html
    assert f"/en/events/{event.pk}/register/" in html
    assert "Atlantic time" in html


def test_event_times_show_in_atlantic_time(client: Client) -> None:
    start = dt.datetime(timezone.localdate().year + 1, 1, 15, 22, 30, tzinfo=dt.UTC)  # 18:30 AST
    # Ends 00:30 UTC the next day, but the same Atlantic day: only the end time is shown.
    event = EventFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    html = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "15 January" in html and "18:30" in html
    assert ">20:30</time>" in html and "16 January" not in html


@pytest.mark.parametrize("lang", ["en", "fr", "es", "tl"])
def test_hostile_strings_are_escaped_in_every_language(client: Client, lang: str) -> None:
    fields = {f"{name}_{code}": HOSTILE for name in ("title", "description") for code in ("en", "fr", "es", "tl")}
    event = EventFactory(place_name=HOSTILE, address=HOSTILE, **fields)
    event.organization.name_en = HOSTILE
    event.organization.save()
    version = LinkVersionFactory(title=HOSTILE)
    version.resource.title_en = version.resource.summary_en = version.resource.publisher = HOSTILE
    version.resource.save()
    for path in (
        f"/{lang}/events/",
        f"/{lang}/events/{event.pk}/",
        f"/{lang}/events/{event.pk}/register/",
        f"/{lang}/resources/",
    ):
        html = client.get(path).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;" in html, path


@pytest.mark.parametrize("path", ["/en/events/", "/en/events/past/", "/en/resources/", "/fr/events/", "EVENT"])
def test_public_pages_without_forms_set_no_cookie(client: Client, path: str) -> None:
    if path == "EVENT":
        path = f"/en/events/{EventFactory().pk}/"
    response = client.get(path)
    assert response.status_code == 200
    assert response.cookies == {} and not response.has_header("Set-Cookie")


def test_registration_page_sets_only_the_csrf_cookie_and_shows_consent(client: Client) -> None:
    event = EventFactory()
    response = client.get(f"/en/events/{event.pk}/register/")
    assert set(response.cookies) == {"csrftoken"}
    html = response.content.decode()
    assert "deleted 30 days after the event" in html
    assert 'name="consent"' in html


def test_register_then_cancel_through_the_link(client: Client) -> None:
    event = EventFactory(capacity=1)
    other = EventFactory(capacity=1)
    Client().post(f"/en/events/{event.pk}/register/", {"name": "First", "consent": "on"})
    response = client.post(
        f"/en/events/{event.pk}/register/", {"name": "Analyn Quisumbing", "phone": "902 555 0101", "consent": "on"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "waiting list" in html
    assert "555 0101" not in html and "Quisumbing" not in html  # no personal data echoed back
    cancel_path = re.search(r'href="(/en/events/cancel/[^"]+/)"', html).group(1)
    assert "Quisumbing" not in cancel_path and "5550101" not in cancel_path.replace("%20", "")
    assert response["Cache-Control"].startswith("max-age=0")
    registration = Registration.objects.get(name="Analyn Quisumbing")
    assert registration.status == "waitlisted" and registration.consent_text.startswith("I agree")

    assert client.get(cancel_path).status_code == 200
    assert Registration.objects.get(name="Analyn Quisumbing").status == "waitlisted"  # GET changes nothing
    assert client.post(cancel_path).status_code == 200
    assert Registration.objects.get(name="Analyn Quisumbing").status == "cancelled"
    assert client.get(f"/en/events/cancel/{'x' * 43}/").status_code == 404
    assert other


def test_registration_requires_consent_and_a_name(client: Client) -> None:
    event = EventFactory()
    response = client.post(f"/en/events/{event.pk}/register/", {"name": "Ana"})
    assert response.status_code == 200 and Registration.objects.count() == 0
    response = client.post(f"/en/events/{event.pk}/register/", {"name": "", "consent": "on"})
    assert Registration.objects.count() == 0


def test_registration_closed_for_past_events(client: Client) -> None:
    event = EventFactory(
        starts_at=timezone.now() - dt.timedelta(days=3), ends_at=timezone.now() - dt.timedelta(days=3, hours=-1)
    )
    assert client.get(f"/en/events/{event.pk}/register/").status_code == 410
    assert client.post(f"/en/events/{event.pk}/register/", {"name": "A", "consent": "on"}).status_code == 410


def test_unpublished_event_is_not_found(client: Client) -> None:
    event = EventFactory(is_published=False)
    assert client.get(f"/en/events/{event.pk}/").status_code == 404
    assert client.get(f"/en/events/{event.pk}/calendar.ics").status_code == 404


@pytest.mark.parametrize(
    ("lang", "heading", "kind"),
    [
        ("fr", "Événements et séances d’information", "Séance d’information"),
        ("es", "Eventos y sesiones informativas", "Sesión informativa"),
        ("tl", "Mga kaganapan at sesyon ng impormasyon", "Sesyon ng impormasyon"),
    ],
)
def test_calendar_speaks_each_language(client: Client, lang: str, heading: str, kind: str) -> None:
    EventFactory(title_en="Session", kind="information_session")
    html = client.get(f"/{lang}/events/").content.decode()
    assert f'<html lang="{lang}">' in html
    assert heading in html and kind in html


def test_registrations_are_rate_limited_per_address(client: Client, settings) -> None:
    settings.BT_REGISTRATION_RATE = 2
    event = EventFactory()
    for name in ("A", "B"):
        assert client.post(f"/en/events/{event.pk}/register/", {"name": name, "consent": "on"}).status_code == 200
    assert client.post(f"/en/events/{event.pk}/register/", {"name": "C", "consent": "on"}).status_code == 429
    assert Registration.objects.count() == 2
