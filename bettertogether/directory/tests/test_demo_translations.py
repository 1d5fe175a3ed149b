"""The shipped demo directory shows no English on French, Spanish and Tagalog pages.

Every translated field of every demo record is checked after loading: a field whose English is
set and whose translation is empty falls back to English, and is listed. Only the proper names of
demo/translations.py's PROPER_NAMES may fall back.
"""

import pytest
from django.db import models
from modeltranslation.translator import translator

from bettertogether.directory.demo.loader import load_directory
from bettertogether.directory.demo.translations import DEMO_LANGUAGES, PROPER_NAMES, TRANSLATIONS
from bettertogether.directory.models import Location, Organization, Phone, Schedule, Service

pytestmark = pytest.mark.django_db

DEMO_MODELS: tuple[type[models.Model], ...] = (Organization, Service, Location, Phone, Schedule)
NAMED = (Organization, Service)


def _fallbacks() -> tuple[list[str], set[str]]:
    """(every field that falls back, described; the proper names that were allowed to)."""
    found, allowed = [], set()
    for model in DEMO_MODELS:
        fields = translator.get_options_for_model(model).fields
        for obj in model._default_manager.all():
            for name in fields:
                english = getattr(obj, f"{name}_en") or ""
                for lang in DEMO_LANGUAGES:
                    if not english or getattr(obj, f"{name}_{lang}"):
                        continue
                    if model in NAMED and name == "name" and english in PROPER_NAMES:
                        allowed.add(english)
                        continue
                    found.append(f"{model.__name__}.{name}_{lang} of {english[:60]!r}")
    return found, allowed


def test_no_demo_field_falls_back_to_english() -> None:
    load_directory()
    found, _allowed = _fallbacks()
    assert found == [], f"{len(found)} demo fields fall back to English:\n" + "\n".join(sorted(found))


def test_every_listed_proper_name_is_a_demo_name_left_untranslated() -> None:
    load_directory()
    _found, allowed = _fallbacks()
    assert allowed == set(PROPER_NAMES)


def test_a_missing_translation_is_reported() -> None:
    load_directory()
    service = Service.objects.filter(eligibility_description_en__gt="").order_by("pk").first()
    assert service is not None
    Service.objects.filter(pk=service.pk).update(eligibility_description_es="")
    found, _allowed = _fallbacks()
    assert found == [f"Service.eligibility_description_es of {service.eligibility_description_en[:60]!r}"]


def test_every_catalogue_entry_is_used_and_complete() -> None:
    load_directory()
    english = {
        getattr(obj, f"{name}_en")
        for model in DEMO_MODELS
        for name in translator.get_options_for_model(model).fields
        for obj in model._default_manager.all()
    }
    assert sorted(set(TRANSLATIONS) - english) == []
    incomplete = [
        en for en, text in TRANSLATIONS.items() if en not in PROPER_NAMES and set(text) != set(DEMO_LANGUAGES)
    ]
    assert incomplete == []
