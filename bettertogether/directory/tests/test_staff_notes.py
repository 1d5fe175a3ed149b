"""Verification notes and source lists are for staff; the public reads when a listing was last checked."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from bettertogether.core.tests.factories import CoordinatorFactory, FunderApproverFactory, PartnerStaffFactory
from bettertogether.directory.demo.data import ORGANIZATIONS
from bettertogether.directory.demo.loader import load_directory
from bettertogether.directory.models import Service
from bettertogether.directory.permissions import sees_staff_notes
from bettertogether.directory.tests import factories as f

pytestmark = pytest.mark.django_db

NOTE = "⚠ City taken from the dateline of a 2022 press release."
SOURCE = "https://example.org/press-release-2022"


@pytest.fixture
def listing():
    return f.located_service(
        44.65, -63.57, needs_verification=True, verification_note=NOTE, source_urls=f"{SOURCE}\nhttps://example.org/b"
    )


def _page(client: Client, service, lang: str = "en") -> str:
    response = client.get(f"/{lang}/services/{service.id}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("lang", [code for code, _name in settings.LANGUAGES])
def test_public_sees_no_notes_or_sources_in_any_language(client: Client, listing, lang: str) -> None:
    html = _page(client, listing, lang)
    assert "⚠" not in html and "dateline" not in html
    assert SOURCE not in html and "example.org/b" not in html
    with translation.override(lang):
        assert translation.gettext("Not yet checked") in html
        assert translation.gettext("Some of this information needs verification. Please call before you go.") in html


@pytest.mark.parametrize("lang", [code for code, _name in settings.LANGUAGES])
def test_public_sees_the_date_last_checked_in_its_language(client: Client, lang: str) -> None:
    service = f.located_service(44.65, -63.57, assured_date=dt.date(2026, 5, 1))
    html = _page(client, service, lang)
    with translation.override(lang):
        # The date may stand anywhere in the sentence (Hindi puts it in the middle): find each part around it.
        for part in translation.gettext("Last checked on %(date)s").split("%(date)s"):
            assert part.strip() in html, part
        assert translation.gettext("Not yet checked") not in html


@pytest.mark.parametrize("make_user", [PartnerStaffFactory, CoordinatorFactory, FunderApproverFactory])
def test_staff_see_notes_and_sources(client: Client, listing, make_user) -> None:
    client.force_login(make_user())
    html = _page(client, listing)
    assert NOTE in html
    assert f'href="{SOURCE}"' in html and "https://example.org/b" in html
    assert "Staff only" in html


def test_the_page_varies_on_the_cookie(client: Client, listing) -> None:
    """A shared cache must never give staff's page, notes included, to the public."""
    response = client.get(f"/en/services/{listing.id}/")
    assert "Cookie" in response["Vary"]
    assert not response.cookies


def test_inactive_account_is_public(client: Client, listing) -> None:
    user = PartnerStaffFactory(is_active=False)
    assert not sees_staff_notes(user)
    client.force_login(user)
    html = _page(client, listing)
    assert NOTE not in html


def test_demo_interpretation_text_carries_no_source_caveat() -> None:
    for org in ORGANIZATIONS:
        for service in org.services:
            for text in (service.interpretation, service.eligibility, service.application_process):
                assert "source" not in text.lower(), (service.key, text)


def test_reloading_the_demo_keeps_a_verified_listing_verified() -> None:
    load_directory()
    flagged = Service.objects.filter(needs_verification=True).order_by("pk").first()
    assert flagged is not None
    Service.objects.filter(pk=flagged.pk).update(needs_verification=False, assured_date=dt.date(2026, 5, 1))
    load_directory()
    flagged.refresh_from_db()
    assert flagged.needs_verification is False and flagged.verification_note
    assert Service.objects.filter(needs_verification=True).exists()  # the unverified ones stay flagged
