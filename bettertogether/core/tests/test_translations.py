"""The UI speaks English, French, Spanish and Tagalog everywhere, and Chinese (simplified), Hindi,
Korean and Thai on the public pages: every catalogue complete, each public-page catalogue of the
four public-only languages holds every string those pages use, and no English is left on the
public pages in any language but English."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.utils import translation
from django.utils.dateformat import format as date_format
from django.utils.translation import to_locale, trans_real

from bettertogether.core.languages import SITE_LANGUAGES, UNREVIEWED_LANGUAGES, language_name
from bettertogether.core.provinces import Province
from bettertogether.directory.tests import factories as directory
from bettertogether.outreach.tests import factories as outreach

PACKAGE_DIR = Path(__file__).resolve().parents[2]
# Every page in these (staff pages too).
LANGUAGES = ("fr", "es", "tl")
# The public pages only in these; staff pages show English.
PUBLIC_LANGUAGES = tuple(code for code in SITE_LANGUAGES if code not in ("en", *LANGUAGES))
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "tl": "nplurals=2; plural=(n != 1);",
    "zh_Hans": "nplurals=1; plural=0;",
    "hi": "nplurals=2; plural=(n != 1);",
    "ko": "nplurals=1; plural=0;",
    "th": "nplurals=1; plural=0;",
}
# The catalogues whose strings the public pages show: project templates (base.html), core, site,
# directory, outreach, program (its public page).
PUBLIC_OWNERS = ("locale", "core", "site", "directory", "outreach", "program")
# Sources of strings only staff see (staff pages, sign-in, admin names) and of Django's own
# strings (Django ships catalogues for the public-only languages): all other sources of a public
# owner's strings are public.
STAFF_SOURCES = re.compile(
    r"(^|/)(manage[^/]*|[^/]*_manage[^/]*|registration/[^/]*|attendance\.html|roles\.py|django_strings\.py|apps\.py)$"
    r"|/manage/"
)
# The program app's catalogue serves mostly its staff pages (agreements, reports, results, visits),
# whose sources share names with other apps' public ones (models.py, forms.py): of its strings,
# only those of the public program page (program:overview) and of the public pages of the calls for
# proposals (program:calls, program:call) are public.
OWNER_PUBLIC_SOURCES = {
    "program": re.compile(
        r"^(templates/program/(overview|_indicators|_when|calls/list|calls/call)\.html|texts\.py|results\.py)$"
    ),
}
UNREVIEWED = "not reviewed by a native speaker"
# %(name)s, %s, %d…; {name}; HTML tags (by name) inside blocktranslate.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifg]|%[sdifg]|\{\w*\}|</?[a-zA-Z][a-zA-Z0-9]*")


def catalogues() -> list[Path]:
    return sorted(PACKAGE_DIR.glob("**/locale/*/LC_MESSAGES/django.po"))


def catalogue_id(path: Path) -> str:
    return str(path.relative_to(PACKAGE_DIR))


def catalogue_path(owner: str, locale: str) -> Path:
    base = PACKAGE_DIR / "locale" if owner == "locale" else PACKAGE_DIR / owner / "locale"
    return base / locale / "LC_MESSAGES" / "django.po"


def is_public(entry: polib.POEntry, owner: str | None = None) -> bool:
    if owner in OWNER_PUBLIC_SOURCES:
        return any(OWNER_PUBLIC_SOURCES[owner].search(source) for source, _line in entry.occurrences)
    return any(not STAFF_SOURCES.search(source) for source, _line in entry.occurrences)


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
        assert parts[-3] in PLURAL_FORMS, path
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


def test_public_only_languages_are_site_languages_with_django_catalogues() -> None:
    # Django's own strings (dates, form errors) come from its catalogues for these languages.
    assert set(PUBLIC_LANGUAGES) == {"zh-hans", "hi", "ko", "th"}
    assert set(UNREVIEWED_LANGUAGES) <= set(SITE_LANGUAGES)
    for lang in PUBLIC_LANGUAGES:
        assert to_locale(lang) in PLURAL_FORMS
        with translation.override(lang):
            assert translation.gettext("This field is required.") != "This field is required.", lang
            assert translation.gettext("January") != "January", lang


@pytest.mark.parametrize("owner", PUBLIC_OWNERS)
@pytest.mark.parametrize("lang", PUBLIC_LANGUAGES)
def test_public_catalogue_has_every_public_string(owner: str, lang: str) -> None:
    """The French catalogue is complete (test above): each of its public strings must be in the
    public-only language's catalogue of the same owner, translated (test above)."""
    path = catalogue_path(owner, to_locale(lang))
    assert path.is_file(), f"{owner}: no {to_locale(lang)} catalogue"
    have = {(e.msgctxt, e.msgid) for e in entries(polib.pofile(str(path)))}
    reference = polib.pofile(str(catalogue_path(owner, "fr")))
    missing = [
        f"{e.msgid!r} ({', '.join(source for source, _line in e.occurrences)})"
        for e in entries(reference)
        if is_public(e, owner) and (e.msgctxt, e.msgid) not in have
    ]
    assert not missing, f"{path.relative_to(PACKAGE_DIR)} lacks:\n" + "\n".join(missing)


@pytest.mark.parametrize("path", catalogues(), ids=catalogue_id)
def test_unreviewed_catalogues_say_so(path: Path) -> None:
    po = polib.pofile(str(path))
    locale = path.parts[-3]
    unreviewed = locale in {to_locale(code) for code in UNREVIEWED_LANGUAGES}
    assert (UNREVIEWED in po.metadata.get("Language-Team", "")) is unreviewed, path
    assert (UNREVIEWED.upper() in po.header) is unreviewed, path


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
            nplurals = int(PLURAL_FORMS[lang].split(";")[0].split("=")[1])
            forms = [entry.msgstr_plural.get(i, "") for i in range(nplurals)]
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
    expected = {"fr": ("Nouvelle-Écosse", "Espagnol"), "es": ("Nueva Escocia", "Español"), "tl": (None, "Espanyol")}
    for lang, (province, spoken) in expected.items():
        with translation.override(lang):
            if province:
                assert str(Province.NS.label) == province
            assert language_name("es") == spoken


def test_django_dates_sizes_and_form_errors_speak_tagalog(compiled: None) -> None:
    # Django ships no Tagalog catalogue: core/django_strings.py brings these into ours.
    with translation.override("tl"):
        assert date_format(dt.date(2030, 1, 7), "l j F Y") == "Lunes 7 Enero 2030"
        assert date_format(dt.date(2030, 1, 7), "D j M Y") == "Lun 7 Ene 2030"
        assert filesizeformat(10) == "10\xa0bytes"
        with pytest.raises(forms.ValidationError) as error:
            forms.CharField().clean("")
        assert error.value.messages == ["Kailangang punan ito."]


# --- Pages -----------------------------------------------------------------------------------

PAGES = [
    "/{lang}/",
    "/{lang}/services/",
    "/{lang}/services/{service}/",
    "/{lang}/events/",
    "/{lang}/events/{event}/",
    "/{lang}/resources/",
    "/{lang}/program/",
    "/{lang}/rights/",
    "/{lang}/contact/",
]
# A few English strings per page that must not show once translated (labels, buttons, headings).
ENGLISH = {
    "/{lang}/": ["Know your rights", "See all services", "Skip to content", ">Search<"],
    "/{lang}/services/": [">Search<", "More filters", "Near me", "All provinces"],
    "/{lang}/events/": ["Events and information sessions", "Past events", "All provinces", ">Show<", "Mon 7 Jan"],
    "/{lang}/resources/": ["Resources: guides and fact sheets", "All languages", "All topics", ">Show<"],
    "/{lang}/program/": ["The Better Together program", "Objectives", "Expected results", ">Partners<"],
    "/{lang}/services/{service}/": ["Suggest a correction", "Copy link", "Opening hours", "Find other services"],
    "/{lang}/events/{event}/": ["Atlantic time", "Add to calendar", "Organized by", "Places left"],
    "/{lang}/rights/": ["Your rights in brief", "How to complain", "On this page", "No recruitment fees"],
    "/{lang}/contact/": ["Contact us", "Your name (optional)", ">Send<", "call 911"],
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
        if path.parts[-3] != to_locale(lang):
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
    trans_real._translations = {}  # type: ignore[attr-defined]
    trans_real._default = None  # type: ignore[attr-defined]


@pytest.fixture
def listed() -> dict[str, str]:
    """One event, resource and service, so lists show dates, provinces, kinds and languages; their
    ids for the detail pages."""
    starts = dt.datetime(2030, 1, 7, 10, 0, tzinfo=dt.UTC)  # a Monday
    event = outreach.EventFactory(
        title="—", description="—", place_name="—", address="", starts_at=starts, languages=["es"]
    )
    outreach.LinkVersionFactory(resource=outreach.ResourceFactory(title="—"), language="es")
    service = directory.ServiceFactory(name="—", description="—")
    directory.ServiceAtLocationFactory(service=service)
    return {"service": str(service.pk), "event": str(event.pk)}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES + PUBLIC_LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_pages_show_no_english_ui_string(
    compiled: None, listed: dict[str, str], client: Client, lang: str, page: str
) -> None:
    response = client.get(page.format(lang=lang, **listed))
    assert response.status_code == 200
    content = response.content.decode()
    assert f'<html lang="{lang}">' in content
    english_here = ENGLISH[page] + (["Nova Scotia"] if lang != "tl" and "events" in page else [])
    for english in english_here:
        assert english not in content, f"{english!r} in {page.format(lang=lang, **listed)}"
    text = visible_text(content)
    left = sorted(s for s in english_ui_strings(lang) if s in text)
    assert not left, f"English on {page.format(lang=lang, **listed)}: {left}"


@pytest.fixture
def looked_up(monkeypatch: pytest.MonkeyPatch) -> set[tuple[str | None, str]]:
    """Every (context, msgid) the code asks gettext for while the test runs."""
    seen: set[tuple[str | None, str]] = set()
    trans = translation._trans  # type: ignore[attr-defined]
    gettext, pgettext, ngettext, npgettext = trans.gettext, trans.pgettext, trans.ngettext, trans.npgettext

    def record_gettext(message: str) -> str:
        seen.add((None, str(message)))
        return gettext(message)

    def record_pgettext(context: str, message: str) -> str:
        seen.add((str(context), str(message)))
        return pgettext(context, message)

    def record_ngettext(singular: str, plural: str, number: int) -> str:
        seen.add((None, str(singular)))
        return ngettext(singular, plural, number)

    def record_npgettext(context: str, singular: str, plural: str, number: int) -> str:
        seen.add((str(context), str(singular)))
        return npgettext(context, singular, plural, number)

    monkeypatch.setattr(trans, "gettext", record_gettext)
    monkeypatch.setattr(trans, "pgettext", record_pgettext)
    monkeypatch.setattr(trans, "ngettext", record_ngettext)
    monkeypatch.setattr(trans, "npgettext", record_npgettext)
    return seen


def our_strings(locale: str) -> dict[tuple[str | None, str], polib.POEntry]:
    """Our catalogues' entries in one language, all apps together (Django merges them too)."""
    found: dict[tuple[str | None, str], polib.POEntry] = {}
    for path in catalogues():
        if path.parts[-3] == locale:
            found.update({(e.msgctxt, e.msgid): e for e in entries(polib.pofile(str(path)))})
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("lang", PUBLIC_LANGUAGES)
def test_public_pages_ask_only_for_translated_strings(
    compiled: None, listed: dict[str, str], client: Client, looked_up: set[tuple[str | None, str]], lang: str
) -> None:
    """Whatever app a public page takes its strings from, each of our strings it shows is in the
    language's catalogues (strings of Django's own come from Django's catalogue)."""
    for page in PAGES:
        assert client.get(page.format(lang=lang, **listed)).status_code == 200
    ours = {key: e for key, e in our_strings("fr").items() if is_public(e)}
    translated = our_strings(to_locale(lang))
    missing = sorted(
        f"{msgid!r} ({', '.join(source for source, _line in ours[(context, msgid)].occurrences)})"
        for context, msgid in looked_up
        if (context, msgid) in ours and (context, msgid) not in translated
    )
    assert looked_up, "nothing was looked up: the recorder is not wired"
    assert not missing, f"untranslated in {lang} on the public pages:\n" + "\n".join(missing)


@pytest.mark.parametrize(
    ("lang", "phrase"),
    [("fr", "trop court"), ("es", "demasiado corta"), ("tl", "Masyadong maikli"), ("tl", "Puro numero")],
)
def test_password_errors_speak_the_page_language(lang: str, phrase: str) -> None:
    # Django ships no Tagalog: our catalogue must carry the validators' messages.
    with translation.override(lang), pytest.raises(ValidationError) as raised:
        validate_password("12345")
    assert phrase in " ".join(raised.value.messages)
