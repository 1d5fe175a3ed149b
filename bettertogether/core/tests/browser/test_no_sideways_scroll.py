"""No public page scrolls sideways on a 320 px phone, in any language of the site.

One browser page is reused for every visit (the harness starts Chromium once per session), so the
whole walk costs one page load per (page, language).
"""

from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from bettertogether.directory.models import Service
from bettertogether.outreach.models import Event
from bettertogether.positions.tests.factories import ApprovedPositionFactory

from .harness import visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 320, "height": 640}

# Elements whose right edge passes the screen, to say what is too wide when the test fails.
WIDEST = """() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelectorAll("body *")) {
        const box = el.getBoundingClientRect();
        if (box.right > width + 0.5 && box.width > 0) {
            const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim() : "";
            out.push(`${el.tagName.toLowerCase()}${cls} right=${Math.round(box.right)}`);
        }
    }
    return out.slice(0, 6);
}"""


def _public_paths() -> dict[str, str]:
    """Every public page, with the demo's widest cases: the service with the longest web address."""
    service = max(Service.objects.active(), key=lambda s: (len(s.url), len(s.name), str(s.pk)))
    event = Event.objects.public().order_by("starts_at").first()
    assert event is not None, "the demo has no public event"
    paths = {
        "home": reverse("site:home"),
        "directory search": reverse("directory:list") + "?q=work&near=Moncton",
        "service page": reverse("directory:detail", args=[service.pk]),
        "rights": reverse("site:rights"),
        "events": reverse("outreach:events"),
        "event page": reverse("outreach:event", args=[event.pk]),
        "resources": reverse("outreach:resources"),
        "program": reverse("program:overview"),
        "contact": reverse("site:contact"),
        "positions map": reverse("positions:map"),
        "positions table": reverse("positions:table"),
        "suggest a correction": reverse("directory:suggest", args=[service.pk]),
    }
    return paths


def test_no_public_page_is_wider_than_a_320_px_screen(new_page: Any) -> None:
    call_command("load_demo", verbosity=0)
    # Positions fill the period and stream filters; the long NOC group names fill the occupation select.
    ApprovedPositionFactory.create_batch(3)
    page = new_page(viewport=NARROW)
    too_wide = []
    for lang, _name in settings.LANGUAGES:
        with translation.override(lang):
            paths = _public_paths()
        for name, path in paths.items():
            response = visit(page, path, settle=False)
            assert response.status == 200, (lang, name, path, response.status)
            # What a visitor can unfold (the positions filters on a phone) must fit once unfolded.
            page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > NARROW["width"]:
                too_wide.append(f"{lang} {name} {path}: {width} px wide; {page.evaluate(WIDEST)}")
    assert too_wide == [], "\n".join(too_wide)
