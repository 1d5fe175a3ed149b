"""Text in and text compared: control characters at input (the one definition, and the places it is
applied), accent folding (`fold`, `strip_accents`) wherever two spellings must compare equal, and the
guard on text written to CSV downloads (`csv_safe`).

Refused everywhere text comes in: C0 controls (NUL included, which PostgreSQL cannot store) except
tab, line feed and carriage return in multi-line text; DEL and the C1 controls; and the
bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make a name or
a title display as something else (right-to-left override spoofing). The marks U+200E/U+200F stay:
real right-to-left text uses them.

Applied (no Django here; core/text_input.py holds the form and request parts):
- to every form field (text_input.install_form_validation(), from CoreConfig.ready()): a form
  answers with a translated validation message and keeps what was typed;
- to every query string (text_input.RefuseControlCharactersMiddleware): the search filters of
  every page, CSV and GeoJSON answer 400 instead of reaching the database;
- by the importers to file contents (`find_control()`, `strip_control()`).
"""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_SINGLE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
_MULTI_LINE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def find_control(text: str, *, multiline: bool = False) -> str | None:
    """The first control character in `text` ("U+202E"), or None."""
    match = (_MULTI_LINE if multiline else _SINGLE_LINE).search(text)
    return f"U+{ord(match.group()):04X}" if match else None


def strip_control(text: str, *, multiline: bool = False) -> str:
    """`text` without its control characters (for imported data, where a refusal would lose a whole file)."""
    return (_MULTI_LINE if multiline else _SINGLE_LINE).sub("", text)


def strip_accents(text: str) -> str:
    """`text` without its accents: compatibility forms decomposed, combining marks dropped ('Cap-Pelé' →
    'Cap-Pele'); case and everything else kept."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """`text` as it is compared: without accents and case-folded ('Église' → 'eglise', 'Straße' → 'strasse')."""
    return strip_accents(text).casefold()


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """A spreadsheet must never run a cell as a formula: text starting with = + - @ (or tab/CR) gets a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
