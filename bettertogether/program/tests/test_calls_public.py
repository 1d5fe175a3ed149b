"""The public pages of the calls for proposals in every interface language: no English left in the
interface, the call's own texts in the content languages, nothing loaded from another host, small."""

from __future__ import annotations

import gzip
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from bettertogether.program.calls_models import Call

from .factories_calls import call

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "es", "tl", "zh-hans", "hi", "ko", "th")
ENGLISH = (
    "Calls for proposals",
    "How applications are assessed",
    "Who may apply",
    "How to apply",
    "Project period",
    "Total budget",
    "Sign in to apply",
    "Closed: this call no longer takes applications.",
    "Past calls",
    "No call is open at the moment.",
)
LOADED = re.compile(r"<(?:script|link|img)\b[^>]*\b(?:src|href)=\"([^\"]+)\"")


@pytest.fixture
def calls(db: Any) -> None:
    made = call(slug="closed-call", status="closed")
    Call.objects.filter(pk=made.pk).update(title_fr="Appel de projets")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["calls/", "calls/closed-call/"])
def test_no_english_interface_left(lang: str, path: str, calls: None) -> None:
    response = Client().get(f"/{lang}/program/{path}")
    assert response.status_code == 200
    page = response.content.decode()
    left = [text for text in ENGLISH if text in page]
    assert not left, (lang, path, left)
    for url in LOADED.findall(page):
        assert url.startswith("/"), f"loaded from another host: {url}"
    assert len(gzip.compress(response.content)) < 8_000


def test_call_texts_come_in_the_content_language(calls: None) -> None:
    assert "Appel de projets" in Client().get("/fr/program/calls/closed-call/").content.decode()
    # No French content for Korean: the English text stands.
    assert "Projects for migrant workers" in Client().get("/ko/program/calls/closed-call/").content.decode()


def test_a_call_prepared_on_french_pages_keeps_its_texts_as_the_english_base(db: Any) -> None:
    with translation.override("fr"):
        made = call(slug="prepared-in-french")
    assert Client().get("/ko/program/calls/prepared-in-french/").status_code == 200
    assert "Reach of migrant workers" in Client().get("/th/program/calls/prepared-in-french/").content.decode()
    assert Call.objects.get(pk=made.pk).title_en == "Projects for migrant workers"  # type: ignore[attr-defined]
