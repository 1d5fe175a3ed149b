"""The UI speaks English, French, Spanish and Tagalog: every catalogue complete, and no English left
on the public pages in the other three languages."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

PACKAGE_DIR = Path(__file__).resolve().parents[2]
LANGUAGES = ("fr", "es", "tl")
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "tl": "nplurals=2; plural=(n != 1);",
}
# %(name)s, %s, %d…; {name}; HTML tags (by name) inside blocktranslate.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifg]|%[sdifg]|\{\w*\}|</?[a-zA-Z][a-zA-Z0-9]*")


def catalogues() -> list[Path]:
    return sorted(PACKAGE_DIR.glob("**/locale/*/LC_MESSAGES/django.po"))


def catalogue_id(path: Path) -> str:
    return str(path.relative_to(PACKAGE_DIR))


def entries(po: polib.POFile) -> Iterator[polib.POEntry]:
    return (e for e in po if not e.obsolete)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_catalogues_use_the_standard_layout() -> None:
    found = catalogues()
    assert found, "no catalogue found"
    for path in found:
        parts = path.relative_to(PACKAGE_DIR).parts
        # locale/<lang>/LC_MESSAGES/django.po, or <app>/locale/<lang>/LC_MESSAGES/django.po
        assert parts[-4] == "locale" and len(parts) in (4, 5), path
        assert parts[-3] in LANGUAGES, path
    owners = {path.relative_to(PACKAGE_DIR).parts[0] for path in found}
    assert {"locale", "core", "directory", "site", "positions", "gaps", "outreach", "support"} <= owners


@pytest.mark.parametrize(
    "owner",
    ["locale", "core", "directory", "site", "positions", "gaps", "outreach", "support", "staff", "program"],
    ids=str,
)
def test_each_catalogue_exists_in_french_spanish_and_tagalog(owner: str) -> None:
    base = PACKAGE_DIR / "locale" if owner == "locale" else PACKAGE_DIR / owner / "locale"
    for lang in LANGUAGES:
        assert (base / lang / "LC_MESSAGES" / "django.po").is_file(), f"{owner}: no {lang} catalogue"


@pytest.mark.parametrize("path", catalogues(), ids=catalogue_id)
def test_catalogue_is_complete(path: Path) -> None:
    po = polib.pofile(str(path))
    lang = path.parts[-3]
    assert po.metadata.get("Language") == lang
    assert po.metadata.get("Plural-Forms") == PLURAL_FORMS[lang]
    assert not po.metadata_is_fuzzy, "fuzzy header"
    problems = []
    for entry in entries(po):
        label = f"{entry.msgid!r}"
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {label}")
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(2)]
            if not all(forms):
                problems.append(f"untranslated: {label}")
            for form in forms:
                if form and set(placeholders(form)) != set(placeholders(entry.msgid_plural)):
                    problems.append(f"placeholders differ: {label} → {form!r}")
        else:
            if not entry.msgstr:
                problems.append(f"untranslated: {label}")
            elif placeholders(entry.msgstr) != placeholders(entry.msgid):
                problems.append(f"placeholders differ: {label} → {entry.msgstr!r}")
    assert not problems, "\n".join(problems)


def test_provinces_and_spoken_languages_come_out_translated() -> None:
    from bettertogether.core.languages import language_name
    from bettertogether.core.provinces import Province

    expected = {"fr": ("Nouvelle-Écosse", "Espagnol"), "es": ("Nueva Escocia", "Español"), "tl": (None, "Espanyol")}
    for lang, (province, spoken) in expected.items():
        with translation.override(lang):
            if province:
                assert str(Province.NS.label) == province
            assert language_name("es") == spoken


def test_django_dates_sizes_and_form_errors_speak_tagalog(compiled: None) -> None:
    # Django ships no Tagalog catalogue: core/django_strings.py brings these into ours.
    from django import forms
    from django.template.defaultfilters import filesizeformat
    from django.utils.dateformat import format as date_format

    with translation.override("tl"):
        assert date_format(dt.date(2030, 1, 7), "l j F Y") == "Lunes 7 Enero 2030"
        assert date_format(dt.date(2030, 1, 7), "D j M Y") == "Lun 7 Ene 2030"
        assert filesizeformat(10) == "10\xa0bytes"
        with pytest.raises(forms.ValidationError) as error:
            forms.CharField().clean("")
        assert error.value.messages == ["Kailangang punan ito."]


# --- Pages -----------------------------------------------------------------------------------

PAGES = ["/{lang}/", "/{lang}/services/", "/{lang}/events/", "/{lang}/resources/", "/{lang}/program/"]
# A few English strings per page that must not show once translated (labels, buttons, headings).
ENGLISH = {
    "/{lang}/": ["Know your rights", "See all services", "Skip to content", ">Search<"],
    "/{lang}/services/": [">Search<", "More filters", "Near me", "All provinces"],
    "/{lang}/events/": ["Events and information sessions", "Past events", "All provinces", ">Show<", "Mon 7 Jan"],
    "/{lang}/resources/": ["Resources: guides and fact sheets", "All languages", "All topics", ">Show<"],
    "/{lang}/program/": ["The Better Together program", "Objectives", "Expected results", ">Partners<"],
}
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_ATTR_TEXT = re.compile(r'\b(?:aria-label|placeholder|title|alt)="([^"]*)"')


def visible_text(page: str) -> str:
    """The page's text and its user-visible attributes, whitespace collapsed."""
    page = _HIDDEN.sub(" ", page)
    attributes = " | ".join(_ATTR_TEXT.findall(page))
    text = _TAG.sub(" | ", page)
    return html.unescape(" ".join(f"{text} | {attributes}".split()))


def english_ui_strings(lang: str) -> set[str]:
    """Our English msgids of at least two words, without placeholders, translated differently in `lang`.

    Names alone ("Nova Scotia", an organization's name) are left out: translations may keep them.
    """
    found: set[str] = set()
    for path in catalogues():
        if path.parts[-3] != lang:
            continue
        for entry in entries(polib.pofile(str(path))):
            msgid = entry.msgid
            if entry.msgid_plural or PLACEHOLDER.search(msgid) or len(msgid.split()) < 2:
                continue
            if not any(word[:1].islower() and len(word) > 3 for word in msgid.split()):
                continue
            if entry.msgstr and entry.msgstr != msgid:
                found.add(msgid)
    return found


@pytest.fixture(scope="module")
def compiled() -> None:
    # The pages read the .mo files: compile what changed (as `make messages` does), then reload.
    call_command("compile_translations", verbosity=0)
    from django.utils.translation import trans_real

    trans_real._translations = {}  # type: ignore[attr-defined]
    trans_real._default = None  # type: ignore[attr-defined]


@pytest.fixture
def listed() -> None:
    """One event, resource and service, so lists show dates, provinces, kinds and languages."""
    from bettertogether.directory.tests import factories as directory
    from bettertogether.outreach.tests import factories as outreach

    starts = dt.datetime(2030, 1, 7, 10, 0, tzinfo=dt.UTC)  # a Monday
    outreach.EventFactory(title="—", description="—", place_name="—", address="", starts_at=starts, languages=["es"])
    outreach.LinkVersionFactory(resource=outreach.ResourceFactory(title="—"), language="es")
    directory.ServiceAtLocationFactory(service=directory.ServiceFactory(name="—", description="—"))


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_pages_show_no_english_ui_string(compiled: None, listed: None, client: Client, lang: str, page: str) -> None:
    response = client.get(page.format(lang=lang))
    assert response.status_code == 200
    content = response.content.decode()
    assert f'<html lang="{lang}">' in content
    english_here = ENGLISH[page] + (["Nova Scotia"] if lang != "tl" and "events" in page else [])
    for english in english_here:
        assert english not in content, f"{english!r} in {page.format(lang=lang)}"
    text = visible_text(content)
    left = sorted(s for s in english_ui_strings(lang) if s in text)
    assert not left, f"English on {page.format(lang=lang)}: {left}"


@pytest.mark.parametrize(
    ("lang", "phrase"),
    [("fr", "trop court"), ("es", "demasiado corta"), ("tl", "Masyadong maikli"), ("tl", "Puro numero")],
)
def test_password_errors_speak_the_page_language(lang: str, phrase: str) -> None:
    # Django ships no Tagalog: our catalogue must carry the validators' messages.
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override(lang), pytest.raises(ValidationError) as raised:
        validate_password("12345")
    assert phrase in " ".join(raised.value.messages)
