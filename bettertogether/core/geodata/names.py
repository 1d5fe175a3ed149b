"""Place-name and postal-code text normalisation (pure functions, no data)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import strip_accents

# Letters Canada Post never uses in letter positions; W and Z never start a code.
_BAD_LETTERS = frozenset("DFIOQU")
_BAD_FIRST = _BAD_LETTERS | {"W", "Z"}

# Letter-digit-letter, then optionally digit-letter[-digit]; the last digit may be cut off in the data.
_POSTAL_RE = re.compile(r"(?<![A-Z0-9])([A-Z][0-9][A-Z])(?:[ \-]*([0-9][A-Z][0-9]?))?(?![A-Z0-9])")
# Malformed codes ('N2L5R10', 'L3R036'): the FSA is still usable.
_LOOSE_FSA_RE = re.compile(r"(?<![A-Z0-9])([A-Z][0-9][A-Z])(?=[ \-]*[0-9])")
_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " ", "\u2019": "'", "\u2018": "'"})

_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_COUNTY_WORDS = frozenset({"county", "co", "cty", "comte", "comté"})
_RR_RE = re.compile(
    r"\b(?:r\.?\s?r\.?|rural\s+route)\s*#?\s*\d*\b|\b(?:p\.?\s?o\.?\s+)?box\s*#?\s*\d+\b|\bsite\s+\d+\b|\bcomp\s+\d+\b",
    re.IGNORECASE,
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def clean_text(text: str) -> str:
    """Collapse every kind of space, unify apostrophes, strip."""
    if text.isascii():  # nothing to translate (split() handles tabs): most addresses, and translate() is slow
        return " ".join(text.split())
    return " ".join(text.translate(_SPACES).split())


def valid_fsa(fsa: str) -> bool:
    return len(fsa) == 3 and fsa[0] not in _BAD_FIRST and fsa[2] not in _BAD_LETTERS and fsa[1].isdigit()


def valid_code(code: str) -> bool:
    return valid_fsa(code[:3]) and len(code) == 6 and code[4] not in _BAD_LETTERS


def is_placeholder(code: str) -> bool:
    """A0A 0A0-style fillers (one letter repeated, all zeros) and Santa's H0H 0H0."""
    return len(code) == 6 and code[0] == code[2] == code[4] and code[1] == code[3] == code[5] == "0"


def scan_postal(text: str) -> tuple[str, str, str, tuple[int, int] | None]:
    """Find the last postal code in text.

    Returns (kind, fsa, code, span): kind is 'full', 'truncated', 'malformed' or '' (none found);
    code is the six-character code for 'full' only; span locates the match in the upper-cased text.
    Validity (letters, placeholders) is left to the caller.
    """
    upper = text.translate(_SPACES).upper()
    last = None
    for last in _POSTAL_RE.finditer(upper):  # noqa: B007 - the last match is the one we want
        pass
    if last is not None:
        fsa, ldu = last.group(1), last.group(2)
        if ldu and len(ldu) == 3:
            return "full", fsa, fsa + ldu, last.span()
        return ("truncated" if ldu else "fsa"), fsa, "", last.span()
    for last in _LOOSE_FSA_RE.finditer(upper):  # noqa: B007
        pass
    if last is not None:
        end = last.end()
        while end < len(upper) and (upper[end].isalnum() or upper[end] in " -"):
            end += 1
        return "malformed", last.group(1), "", (last.start(), end)
    return "", "", "", None


_ANY_POSTAL_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][0-9][A-Za-z](?:[ \-]*[0-9][A-Za-z][0-9]?)?(?![A-Za-z0-9])")


def remove_postal_codes(text: str) -> str:
    """Text without any postal-code-shaped words (addresses repeat their tail: 'ON L6X 4X7, ON L6X 4X7')."""
    return _ANY_POSTAL_RE.sub(" ", text)


def strip_rural_route(text: str) -> str:
    """'RR2 Centreville' → 'Centreville', 'Richmond RR#1' → 'Richmond', 'Box 20' dropped."""
    return clean_text(_RR_RE.sub(" ", text))


def place_tokens(text: str) -> list[str]:
    s = strip_accents(text).lower().replace("'", "")
    return [_ABBREVIATIONS.get(t, t) for t in _NON_ALNUM.split(s) if t]


@lru_cache(maxsize=65_536)
def place_key(text: str) -> str:
    """Spelling-insensitive key: 'Cap-Pelé', 'cap pele' → 'cappele'; 'St. Stephen' → 'saintstephen'."""
    return "".join(place_tokens(text))


def county_key(text: str) -> str | None:
    """'Shelburne County', 'Queens Co' → 'shelburne', 'queens'; None when not a county name."""
    tokens = place_tokens(text)
    if len(tokens) >= 2 and tokens[-1] in _COUNTY_WORDS:
        return "".join(tokens[:-1])
    return None


def address_key(text: str) -> str:
    """Key of a whole address for remembered fixes: case, accents, spaces and punctuation ignored."""
    s = text if text.isascii() else strip_accents(text.translate(_SPACES))
    return _NON_ALNUM.sub(" ", s.lower()).strip()
