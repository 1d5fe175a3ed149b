"""LMIA cell values → typed values: text, province, stream, address parts, counts, periods.

Plain functions on plain data, used by the parser (lmia.py); no Django.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from bettertogether.core.periods import Period, parse_period
from bettertogether.core.provinces import POSTAL_LETTER_PROVINCES, province_code
from bettertogether.core.text import strip_control

OUTSIDE_CANADA = "XX"  # province code of the "head office outside Canada" section
MAX_COUNT = 100_000  # the largest row seen approves 932 positions; a bigger number is a shifted column

STREAMS: dict[str, str] = {
    "high wage": "High Wage",
    "high-wage": "High Wage",
    "haut salaire": "High Wage",
    "postes à haut salaire": "High Wage",
    "volet des postes à haut salaire": "High Wage",
    "low wage": "Low Wage",
    "low-wage": "Low Wage",
    "bas salaire": "Low Wage",
    "postes à bas salaire": "Low Wage",
    "volet des postes à bas salaire": "Low Wage",
    "primary agriculture": "Primary Agriculture",
    "agriculture primaire": "Primary Agriculture",
    "volet de l'agriculture primaire": "Primary Agriculture",
    "global talent stream": "Global Talent Stream",
    "global talent": "Global Talent Stream",
    "volet des talents mondiaux": "Global Talent Stream",
    "talents mondiaux": "Global Talent Stream",
    "permanent resident only": "Permanent Resident Only",
    "résidence permanente seulement": "Permanent Resident Only",
    "unspecified": "Unspecified",
    "non précisé": "Unspecified",
}

_OUTSIDE = re.compile(r"outside (of )?canada|extérieur du canada|exterieur du canada")
SUMMARY_EMPLOYERS = {"total", "grand total", "other employers", "autres employeurs"}
NOTES_CELL = re.compile(r"^(notes?|remarques?)\s*:?$")
BLANK_CELLS = {"", "(blank)", "(vide)"}

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "janvier", "janv"),
            ("february", "feb", "février", "fevrier", "févr"),
            ("march", "mar", "mars"),
            ("april", "apr", "avril", "avr"),
            ("may", "mai"),
            ("june", "jun", "juin"),
            ("july", "jul", "juillet", "juil"),
            ("august", "aug", "août", "aout"),
            ("september", "sep", "sept", "septembre"),
            ("october", "oct", "octobre"),
            ("november", "nov", "novembre"),
            ("december", "dec", "décembre", "decembre", "déc"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"\b(" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?:\d{1,2}(?:er)?\s+)?"
_SEP = r"\s*(?:-|–|—|to|à|au|through)\s*"
_TITLE_RANGE_YEAR_LAST = re.compile(_DAY + _MONTH + r"(?:\s+\d{4})?" + _SEP + _DAY + _MONTH + r",?\s+(\d{4})", re.I)
_TITLE_YEAR_THEN_RANGE = re.compile(r"(\d{4})\s*\(\s*" + _MONTH + _SEP + _MONTH + r"\s*\)", re.I)
_TITLE_YEAR = re.compile(r"\b(?:in|en)\s+(\d{4})\b", re.I)
_NAME_QUARTERS = re.compile(r"(?<!\d)(20\d\d)[_ -]?q([1-4])(?:[_ -]?q([1-4]))?(?!\d)", re.I)
_NAME_YEAR = re.compile(r"^(20\d\d)_")

NOC_CELL = re.compile(r"^(\d{1,8})\s*[-–]\s*(.*)$", re.S)
_POSTAL = re.compile(r"\b([A-Za-z]\d[A-Za-z])[\s\u00a0]*(\d[A-Za-z]\d)\b")
_FSA_ONLY = re.compile(r"\b([A-Za-z]\d[A-Za-z])[\s\u00a0]+(\d[A-Za-z])?\s*$")
_PR_ABBR = re.compile(r"^(NL|PE|NS|NB|QC|ON|MB|SK|AB|BC|YT|NT|NU)$", re.I)
_RURAL_ROUTE = re.compile(r"\b(RR|R\.R\.)\s*#?\s*\d+\b", re.I)
_INT = re.compile(r"^-?\d+$")
_INT_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+$")


# ---------------------------------------------------------------------------------------------------------------
# Text helpers


_CLEANED: dict[str, str] = {}  # cell texts repeat a lot (provinces, streams, occupations): clean each once


def clean(value: object) -> str:
    """A cell as stripped text: NBSP and runs of whitespace (padding, CRLF) collapsed into single spaces."""
    if type(value) is str:
        cleaned = _CLEANED.get(value)
        if cleaned is None:
            # Control and bidi-override characters are debris (or spoofing), never content: dropped.
            cleaned = " ".join(strip_control(value.replace("\u00a0", " "), multiline=True).split())
            if len(_CLEANED) > 200_000:
                _CLEANED.clear()
            _CLEANED[value] = cleaned
        return cleaned
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    if not text:
        return ""
    return " ".join(text.replace("\u00a0", " ").split())


def normalize_header(value: object) -> str:
    return clean(value).lower()


@lru_cache(maxsize=512)
def province_of(text: str) -> str | None:
    """'Nova Scotia' (any case, padded, EN or FR) → 'NS'; the outside-Canada section → 'XX'; else None."""
    code = province_code(text)
    if code:
        return code
    lowered = text.lower()
    if _OUTSIDE.search(lowered) or lowered in {"outside canada", "hors du canada"}:
        return OUTSIDE_CANADA
    return None


@lru_cache(maxsize=256)
def canonical_stream(text: str) -> str | None:
    return STREAMS.get(clean(text).lower())


@dataclass(frozen=True, slots=True)
class AddressParts:
    postal_code: str
    fsa: str
    place: str
    province: str | None  # province abbreviation written in the address, if any


@lru_cache(maxsize=65536)
def split_address(address: str) -> AddressParts:
    """'Kentville, NS B4N 1A1' → postal code, FSA, place ('Kentville') and the written province ('NS').

    Tolerates the catalogued shapes: truncated codes ('B3J  0C' → FSA only), no province or no space
    ('Mount Pearl, A1N3J5'), duplicated tails, extra commas, street addresses before the town.
    """
    text = address.replace("\u00a0", " ").replace("\u2019", "'")
    postal = fsa = ""
    found = list(_POSTAL.finditer(text))
    match = found[-1] if found else None  # the last code: tails are sometimes repeated
    if match:
        fsa = match[1].upper()
        postal = f"{fsa} {match[2].upper()}"
        head = text[: match.start()]
    else:
        truncated = _FSA_ONLY.search(text)
        if truncated and truncated[2]:
            fsa = truncated[1].upper()
            head = text[: truncated.start()]
        else:
            head = text
    tokens = [t.strip() for t in head.split(",")]
    written: str | None = None
    place = ""
    for token in reversed(tokens):
        if not token:
            continue
        words = [w for w in _POSTAL.sub(" ", token).split() if not w.isdigit()]
        if words and _PR_ABBR.match(words[-1]):
            written = written or words[-1].upper()
            words = words[:-1]
        rest = _RURAL_ROUTE.sub("", " ".join(words)).strip()
        if rest:
            place = rest
            break
    return AddressParts(postal, fsa, place, written)


def parse_count(value: object) -> int | None:
    """A count cell → int, None when blank; raises ValueError with a user-facing reason."""
    if type(value) is str and value.isdigit() and value.isascii() and len(value) < 6:
        return int(value)  # the usual case, fast
    if type(value) is float and value.is_integer() and 0 <= value <= MAX_COUNT:
        return int(value)
    number = _whole_number(value)
    if number is None:
        return None
    if number < 0:
        raise ValueError(f"{number} is negative")
    if number > MAX_COUNT:
        raise ValueError(f"{number} is implausibly large (a row never approves more than {MAX_COUNT:,})")
    return number


def _whole_number(value: object) -> int | None:
    """A cell as a whole number, None when blank; raises ValueError for anything else."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"{value:g} is not a whole number")
        return int(value)
    text = clean(value)
    if text == "":
        return None
    if _INT.match(text):
        return int(text)
    if _INT_GROUPED.match(text):
        return int(text.replace(",", ""))
    raise ValueError(f"{text[:40]!r} is not a whole number")


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ---------------------------------------------------------------------------------------------------------------
# Periods


def period_from_title(title: str) -> Period | None:
    """'… July to September 2021' / '… in 2019 (July-September)' / '… in 2016' → Period."""
    text = clean(title)
    match = _TITLE_RANGE_YEAR_LAST.search(text)
    if match:
        first, last, year = _MONTHS[match[1].lower()], _MONTHS[match[2].lower()], int(match[3])
        return _months_period(year, first, last)
    match = _TITLE_YEAR_THEN_RANGE.search(text)
    if match:
        year, first, last = int(match[1]), _MONTHS[match[2].lower()], _MONTHS[match[3].lower()]
        return _months_period(year, first, last)
    match = _TITLE_YEAR.search(text)
    if match:
        return parse_period(match[1])
    return None


def _months_period(year: int, first: int, last: int) -> Period | None:
    if last < first:
        return None
    return Period.of_quarters((year, (first - 1) // 3 + 1), (year, (last - 1) // 3 + 1))


def period_from_name(file_name: str) -> Period | None:
    """'tfwp_2022q2_positive_en.xlsx' → 2022Q2; '2017q1q2_…' → 2017Q1-Q2; '2015_positive…' → 2015."""
    name = Path(file_name).name
    match = _NAME_QUARTERS.search(name)
    if match:
        year, first = int(match[1]), int(match[2])
        last = int(match[3]) if match[3] else first
        if last >= first:
            return Period.of_quarters((year, first), (year, last))
    match = _NAME_YEAR.match(name)
    if match:
        return parse_period(match[1])
    return None


def clean_keep_padding(value: object) -> str:
    """The stream cell as written (leading/trailing spaces kept), capped for storage."""
    if value is None:
        return ""
    return str(value)[:120]


class Occupation(NamedTuple):
    code: str
    title: str
    version: int | None
    problem: str = ""  # makes the row an error
    warning: str = ""


@lru_cache(maxsize=16_384)  # a file names a few thousand occupations over thousands of rows
def occupation_of(text: str, noc_version: int | None) -> Occupation:
    """'7611 - Construction trades helpers' → NOC code (zero-padded to the version's width) and title."""
    if text.lower() in BLANK_CELLS:
        return Occupation("", "", None)
    match = NOC_CELL.match(text)
    if not match:
        return Occupation("", text, None, warning="occupation without a NOC code")
    width = 5 if noc_version == 2021 else 4
    problem = f"NOC code {match[1]!r} has more than {width} digits" if len(match[1]) > width else ""
    return Occupation(match[1].zfill(width), match[2].strip(), noc_version, problem)


def address_doubts(parts: AddressParts, province: str) -> list[str]:
    """Warnings when the address's postal code or province disagree with the row's province."""
    doubts = []
    letter_provinces = POSTAL_LETTER_PROVINCES.get(parts.fsa[:1], ()) if parts.fsa else ()
    if parts.fsa and province not in letter_provinces:
        doubts.append(f"postal code {parts.postal_code or parts.fsa} is not in {province}")
    if parts.province and parts.province != province:
        doubts.append(f"address says {parts.province}, row says {province}")
    return doubts
