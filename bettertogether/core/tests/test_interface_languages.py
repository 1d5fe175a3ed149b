"""Eight interface languages, four content languages: the public pages in Chinese (simplified),
Hindi, Korean and Thai show their interface translated and the content in English; staff pages,
the APIs and the maps keep working in those languages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import formats, translation

from bettertogether.core.languages import (
    CONTENT_LANGUAGES,
    SITE_LANGUAGES,
    UNREVIEWED_LANGUAGES,
    content_language,
)
from bettertogether.core.tests.factories import CoordinatorFactory, PartnerStaffFactory, sign_in
from bettertogether.directory.tests import factories as directory
from bettertogether.outreach.models import Registration
from bettertogether.outreach.tests import factories as outreach

INTERFACE_ONLY = ("zh-hans", "hi", "ko", "th")
NOTE = "not yet been reviewed by a native speaker"


def test_site_and_content_languages() -> None:
    assert ("en", "fr", "es", "tl", *INTERFACE_ONLY) == SITE_LANGUAGES
    assert CONTENT_LANGUAGES == ("en", "fr", "es", "tl") == tuple(settings.MODELTRANSLATION_LANGUAGES)
    assert set(UNREVIEWED_LANGUAGES) == set(INTERFACE_ONLY)
    assert [content_language(code) for code in ("fr", "fr-ca", "TL", "th", "zh-hans", "hi", "", None)] == [
        "fr",
        "fr",
        "tl",
        "en",
        "en",
        "en",
        "en",
        "en",
    ]


@pytest.fixture
def service() -> Any:
    service = directory.ServiceFactory(
        name="Workers' clinic", name_en="Workers' clinic", name_fr="Clinique des travailleurs", name_es="", name_tl=""
    )
    directory.ServiceAtLocationFactory(service=service)
    return service


@pytest.mark.django_db
@pytest.mark.parametrize("lang", INTERFACE_ONLY)
def test_public_pages_speak_the_language_and_show_content_in_english(client: Client, service: Any, lang: str) -> None:
    page = client.get(f"/{lang}/services/{service.pk}/").content.decode()
    assert f'<html lang="{lang}">' in page
    assert "Workers&#x27; clinic" in page and "Clinique" not in page
    found = client.get(f"/{lang}/services/", {"q": "clinic"}).content.decode()
    assert f"/{lang}/services/{service.pk}/" in found
    assert "Clinique des travailleurs" in client.get(f"/fr/services/{service.pk}/").content.decode()


@pytest.mark.django_db
def test_the_browser_language_picks_the_prefix(client: Client) -> None:
    for header, prefix in [("th", "/th/"), ("zh-CN,zh;q=0.9", "/zh-hans/"), ("ko-KR", "/ko/"), ("hi-IN", "/hi/")]:
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
        assert response.status_code == 302 and response["Location"] == prefix, (header, response.get("Location"))


@pytest.mark.django_db
@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_switcher_lists_every_language_in_itself_and_unreviewed_ones_say_so(client: Client, lang: str) -> None:
    page = client.get(f"/{lang}/rights/").content.decode()
    switcher = re.search(r'<nav [^>]*class="langs".*?</nav>', page, re.S)
    assert switcher is not None
    links = re.findall(
        r'<a href="([^"]+)" lang="([^"]+)" hreflang="\2"( aria-current="true")?>([^<]+)</a>', switcher[0]
    )
    assert [code for _href, code, _current, _name in links] == list(SITE_LANGUAGES)
    assert [name for *_rest, name in links] == [name for _code, name in settings.LANGUAGES]
    assert [href for href, *_rest in links] == [f"/{code}/rights/" for code in SITE_LANGUAGES]
    assert [code for _href, code, current, _name in links if current] == [lang]
    with translation.override(lang):
        note = translation.gettext("This translation has not yet been reviewed by a native speaker.")
    assert (note in page) is (lang in UNREVIEWED_LANGUAGES)
    if lang in UNREVIEWED_LANGUAGES:
        assert NOTE not in note, "the note is not translated"


@pytest.mark.django_db
def test_hsds_api_keeps_to_the_content_languages(client: Client, service: Any) -> None:
    refused = client.get("/api/hsds/services", {"lang": "th"})
    assert refused.status_code == 400 and "en, fr, es, tl" in refused.content.decode()
    for header in ("th", "zh-hans", "ko"):
        response = client.get(f"/api/hsds/services/{service.pk}", HTTP_ACCEPT_LANGUAGE=header)
        assert response.status_code == 200 and response["Content-Language"] == "en"
        assert response.json()["name"] == "Workers' clinic"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", INTERFACE_ONLY)
def test_maps_answer_in_interface_only_languages(client: Client, service: Any, lang: str) -> None:
    assert client.get(f"/{lang}/positions/").status_code == 200
    geojson = client.get("/api/map/services.geojson", {"lang": lang})
    assert geojson.status_code == 200 and geojson.json()["type"] == "FeatureCollection"
    assert client.get("/events.ics", {"lang": lang}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["th", "zh-hans"])
def test_staff_pages_work_in_interface_only_languages_in_english(client: Client, service: Any, lang: str) -> None:
    """Staff catalogues stay EN/FR/ES/TL: the staff pages answer, their own text in English, and the
    forms edit the four content languages."""
    sign_in(client, CoordinatorFactory())  # with the second factor every staff area asks of coordinators
    for path in ("manage/", "gaps/", "events/manage/", "events/manage/new/", "resources/manage/"):
        response = client.get(f"/{lang}/{path}")
        assert response.status_code == 200, (path, response.status_code)
        assert f'<html lang="{lang}">' in response.content.decode()
    client.force_login(PartnerStaffFactory(organization=service.organization))
    form = client.get(f"/{lang}/manage/services/{service.pk}/").content.decode()
    assert 'name="name_fr"' in form and 'name="name_tl"' in form and 'name="name_th"' not in form


def test_every_site_language_has_the_event_formats() -> None:
    for lang in SITE_LANGUAGES:
        for name in ("EVENT_DATETIME_FORMAT", "EVENT_SHORT_DATETIME_FORMAT"):
            assert formats.get_format(name, lang=lang) != name, (lang, name)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "long", "short"),
    [
        ("en", "Monday 7 January 2030, 10:00", "Mon 7 Jan 2030, 10:00"),
        ("ko", "2030년 1월 7일 월요일 10:00", "2030년 1월 7일 (월요일) 10:00"),
        ("zh-hans", "2030年1月7日 星期一 10:00", "2030年1月7日 星期一 10:00"),
        ("th", "วันจันทร์ 7 มกราคม 2030, 10:00", "จ. 7 ม.ค. 2030, 10:00"),
    ],
)
def test_event_times_read_in_the_language_word_order(client: Client, lang: str, long: str, short: str) -> None:
    starts = dt.datetime(2030, 1, 7, 14, 0, tzinfo=dt.UTC)  # 10:00 in Halifax
    event = outreach.EventFactory(starts_at=starts, ends_at=starts + dt.timedelta(hours=2))
    assert long in client.get(f"/{lang}/events/{event.pk}/").content.decode()
    assert short in client.get(f"/{lang}/events/").content.decode()


@pytest.mark.django_db
def test_a_worker_registers_and_cancels_in_chinese(client: Client) -> None:
    event = outreach.EventFactory(capacity=5)
    response = client.post(f"/zh-hans/events/{event.pk}/register/", {"name": "Li", "consent": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "您已报名" in page
    registration = Registration.objects.get(event=event)
    assert registration.language == "zh-hans"
    cancel = re.search(r'href="(/zh-hans/events/cancel/[^"]+/)"', page)
    assert cancel is not None
    assert "取消我的报名" in client.get(cancel[1]).content.decode()
