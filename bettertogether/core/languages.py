"""The site's languages (interface and content), and the languages spoken at services (ISO 639-1 where
one exists), which are a different list."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# The languages of the interface (the /<lang>/ URL prefixes), English first.
SITE_LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)

# The languages content is stored in (name_en … name_tl, by django-modeltranslation), English first.
# In the other site languages the interface is translated and the content shows in English.
CONTENT_LANGUAGES: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)

# Site languages whose catalogues no native speaker has reviewed yet (their .po headers say so too).
# Take a language out once a reviewer has read its public pages.
UNREVIEWED_LANGUAGES: tuple[str, ...] = ("zh-hans", "hi", "ko", "th")

# Languages migrant workers in the Maritimes most often speak, in the order the filter shows them.
SPOKEN_LANGUAGES: dict[str, object] = {
    "en": _("English"),
    "fr": _("French"),
    "es": _("Spanish"),
    "tl": _("Tagalog"),
    "pt": _("Portuguese"),
    "hi": _("Hindi"),
    "pa": _("Punjabi"),
    "vi": _("Vietnamese"),
    "zh": _("Chinese"),
    "uk": _("Ukrainian"),
    "ar": _("Arabic"),
    "ht": _("Haitian Creole"),
    "jam": _("Jamaican Patois"),
    "ne": _("Nepali"),
    "th": _("Thai"),
    "ko": _("Korean"),
}

# Marker for services that offer interpretation into (nearly) any language, e.g. 200 languages.
MANY_LANGUAGES = "mul"


def content_language(code: str | None) -> str:
    """The stored content language for a site language ('fr-ca' -> 'fr', 'th' -> 'en')."""
    primary = (code or "").lower().split("-")[0]
    return primary if primary in CONTENT_LANGUAGES else CONTENT_LANGUAGES[0]


def language_name(code: str) -> str:
    if code == MANY_LANGUAGES:
        return str(_("Many languages (interpretation)"))
    return str(SPOKEN_LANGUAGES.get(code, code))
