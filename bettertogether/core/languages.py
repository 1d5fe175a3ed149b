"""Languages spoken at services (ISO 639-1 where one exists), distinct from the four UI languages."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# The four languages of the interface and of translated content (name_en … name_tl), English first.
SITE_LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)

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


def language_name(code: str) -> str:
    if code == MANY_LANGUAGES:
        return str(_("Many languages (interpretation)"))
    return str(SPOKEN_LANGUAGES.get(code, code))
