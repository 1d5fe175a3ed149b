"""The demo directory's texts in French, Spanish and Tagalog, keyed by their English.

The organization files (orgs_*.py) give the translations of most names and descriptions beside
the English; this catalogue gives the rest (eligibility, how to apply, phone labels, hours notes,
location names, and the texts the files give in English only). The loader takes a language from
the record first, then from here, so that the demo shows no English on FR/ES/TL pages.

PROPER_NAMES lists the names that stay as they are in some language because the organization or
program has no official name in it; `test_demo_translations.py` accepts a missing translation for
these names only.
"""

from .translations_contacts import CONTACT_TEXTS
from .translations_organizations import ORGANIZATION_TEXTS
from .translations_services import SERVICE_TEXTS

# The languages the demo directory is translated into (besides English).
DEMO_LANGUAGES = ("fr", "es", "tl")

TRANSLATIONS: dict[str, dict[str, str]] = {**ORGANIZATION_TEXTS, **SERVICE_TEXTS, **CONTACT_TEXTS}

PROPER_NAMES = frozenset(
    {
        # Names in French only, as the organization itself writes it.
        "CAFi – Centre d'accueil et d'accompagnement francophone des immigrants du Sud-Est du N.-B.",
        # Community organizations and programs known only by their English name.
        "Filipino-Canadian CommUNITY of New Brunswick",
        "Immigrant Services Association of Nova Scotia",
        "Migrant Workers Alliance for Change",
        "Multicultural Association of Fredericton",
        "PEI Association for Newcomers to Canada",
        "YMCA Newcomer Connections",
        # Official in English and French only (the French is in the catalogue).
        "Multicultural Association of the Greater Moncton Area",
        "WorkSafeNB",
    }
)
