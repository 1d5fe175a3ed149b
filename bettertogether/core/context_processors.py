from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

from bettertogether.core.languages import UNREVIEWED_LANGUAGES


def platform(request: HttpRequest) -> dict[str, object]:
    """What every page needs: the language switcher's links (and whether this page's language is
    still unreviewed) and the map tile server."""
    path = request.get_full_path()
    return {
        "language_links": [(code, name, translate_url(path, code)) for code, name in settings.LANGUAGES],
        "language_unreviewed": get_language() in UNREVIEWED_LANGUAGES,
        "tile_url": settings.BT_TILE_URL,
        "tile_attribution": settings.BT_TILE_ATTRIBUTION,
    }
