from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils.translation import get_language

from bettertogether.core.languages import UNREVIEWED_LANGUAGES

from .basemap import ATTRIBUTION as BASEMAP_ATTRIBUTION


def platform(request: HttpRequest) -> dict[str, object]:
    """What every page needs: the language switcher's links (and whether this page's language is
    still unreviewed), the offline basemap and the map tile server."""
    path = request.get_full_path()
    return {
        "language_links": [(code, name, translate_url(path, code)) for code, name in settings.LANGUAGES],
        "language_unreviewed": get_language() in UNREVIEWED_LANGUAGES,
        "tile_url": settings.BT_TILE_URL,
        "tile_attribution": settings.BT_TILE_ATTRIBUTION,
        "basemap_url": reverse("core_map:basemap", args=["maritimes"]),
        "basemap_canada_url": reverse("core_map:basemap", args=["canada"]),
        "basemap_attribution": BASEMAP_ATTRIBUTION,
        "tile_min_zoom": settings.BT_TILE_MIN_ZOOM,
    }
