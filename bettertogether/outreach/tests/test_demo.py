import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from bettertogether.outreach.models import Event, Resource, ResourceVersion

pytestmark = pytest.mark.django_db


def test_load_demo_gives_upcoming_events_in_each_province_and_the_seed_resources(client: Client) -> None:
    call_command("load_demo", verbosity=0)
    upcoming = Event.objects.public().upcoming()
    assert {e.province for e in upcoming} >= {"NS", "NB", "PE"}
    assert all("(demo)" in e.title_en for e in upcoming)
    assert all(e.organization.is_program_partner for e in upcoming)
    assert all(e.starts_at > timezone.now() for e in upcoming)
    assert upcoming.filter(latitude__isnull=False).count() >= 5  # towns placed on the map
    assert Resource.objects.count() >= 10
    tip = ResourceVersion.objects.get(language="tl")
    assert tip.url.endswith("report-abuse-tl.html")
    assert set(
        ResourceVersion.objects.filter(resource__publisher="Cooper Institute").values_list("language", flat=True)
    ) == {"en", "es", "zh"}

    before = (Event.objects.count(), Resource.objects.count(), ResourceVersion.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Event.objects.count(), Resource.objects.count(), ResourceVersion.objects.count()) == before

    for lang in ("en", "fr", "es", "tl"):
        assert client.get(f"/{lang}/events/").status_code == 200
    html = client.get("/es/events/").content.decode()
    assert "Sesión informativa: sus derechos en el trabajo (demo)" in html
    html = client.get("/en/resources/?language=es").content.decode()
    assert "Cooper Institute" in html
    assert client.get("/en/program/").content.decode().count("Cooper Institute") >= 1
