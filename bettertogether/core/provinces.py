"""Canadian provinces and territories: codes, names in both official languages, postal letters."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.TextChoices):
    NL = "NL", _("Newfoundland and Labrador")
    PE = "PE", _("Prince Edward Island")
    NS = "NS", _("Nova Scotia")
    NB = "NB", _("New Brunswick")
    QC = "QC", _("Quebec")
    ON = "ON", _("Ontario")
    MB = "MB", _("Manitoba")
    SK = "SK", _("Saskatchewan")
    AB = "AB", _("Alberta")
    BC = "BC", _("British Columbia")
    YT = "YT", _("Yukon")
    NT = "NT", _("Northwest Territories")
    NU = "NU", _("Nunavut")


MARITIMES = (Province.NS, Province.NB, Province.PE)

# First letter of a postal code → province(s). X is shared by NT and NU.
POSTAL_LETTER_PROVINCES: dict[str, tuple[str, ...]] = {
    "A": ("NL",),
    "B": ("NS",),
    "C": ("PE",),
    "E": ("NB",),
    "G": ("QC",),
    "H": ("QC",),
    "J": ("QC",),
    "K": ("ON",),
    "L": ("ON",),
    "M": ("ON",),
    "N": ("ON",),
    "P": ("ON",),
    "R": ("MB",),
    "S": ("SK",),
    "T": ("AB",),
    "V": ("BC",),
    "X": ("NT", "NU"),
    "Y": ("YT",),
}

# Every spelling seen in the data (EN and FR names, abbreviations) → code. Keys are lower-case.
PROVINCE_ALIASES: dict[str, str] = {
    "newfoundland and labrador": "NL",
    "terre-neuve-et-labrador": "NL",
    "nl": "NL",
    "nfld": "NL",
    "prince edward island": "PE",
    "île-du-prince-édouard": "PE",
    "ile-du-prince-edouard": "PE",
    "pe": "PE",
    "pei": "PE",
    "p.e.i.": "PE",
    "nova scotia": "NS",
    "nouvelle-écosse": "NS",
    "nouvelle-ecosse": "NS",
    "ns": "NS",
    "new brunswick": "NB",
    "nouveau-brunswick": "NB",
    "nb": "NB",
    "quebec": "QC",
    "québec": "QC",
    "qc": "QC",
    "pq": "QC",
    "ontario": "ON",
    "on": "ON",
    "manitoba": "MB",
    "mb": "MB",
    "saskatchewan": "SK",
    "sk": "SK",
    "alberta": "AB",
    "ab": "AB",
    "british columbia": "BC",
    "colombie-britannique": "BC",
    "bc": "BC",
    "yukon": "YT",
    "yt": "YT",
    "northwest territories": "NT",
    "territoires du nord-ouest": "NT",
    "territoires-du-nord-ouest": "NT",
    "nt": "NT",
    "nwt": "NT",
    "nunavut": "NU",
    "nu": "NU",
}


def province_code(text: str) -> str | None:
    """The two-letter code for a province name or abbreviation in English or French, or None."""
    return PROVINCE_ALIASES.get(" ".join(text.replace("\u00a0", " ").split()).lower().strip(" ."))
