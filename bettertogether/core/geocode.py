"""Offline geocoding of Canadian postal codes, FSAs, place names and LMIA addresses.

The chain for an address (see docs: geocoding): a remembered coordinator fix → the full postal
code → an urban FSA's centroid → for a rural FSA, the town within 60 km of the FSA's median point,
else that median → the town within the province → not placed. Every point says how precise it is.
Tables are built once per process on first use (core.geodata.tables); never per request.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save

from .geo import haversine_km
from .geodata import names
from .geodata.tables import ALL_PROVINCES, MARITIMES, Place, in_canada, tables
from .models import GeocodeFix
from .provinces import POSTAL_LETTER_PROVINCES, province_code
from .users import Account

logger = logging.getLogger(__name__)

PRECISIONS = ("postal_code", "fsa", "place", "fix")
RURAL_PLACE_MAX_KM = 60.0  # a town further than this from its rural FSA is a homonym or a contradiction
MAX_QUERY_LENGTH = 200
_DIRECTIONAL = ("lower", "upper", "middle", "north", "south", "east", "west", "centre")


@dataclass(frozen=True, slots=True)
class GeoPoint:
    latitude: float
    longitude: float
    precision: str  # 'postal_code' | 'fsa' | 'place' | 'fix'
    label: str
    province: str | None


@dataclass(slots=True)
class AddressGeocode:
    point: GeoPoint | None
    postal_code: str = ""  # normalised full code ('B4N1A1') or ''
    fsa: str = ""
    place: str = ""  # the town as written, tidied ('Cap-Pelé', RR suffix removed)
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- postal codes


def normalize_postal_code(text: str) -> str | None:
    """'B4N 1A1', 'b4n1a1', 'B4N\\u00a01A1', 'B4N-1A1' → 'B4N1A1'; None for truncated, impossible or placeholder codes.

    When text is a whole address, the last postal code in it is taken.
    """
    if not text:
        return None
    kind, _fsa, code, _span = names.scan_postal(text[:MAX_QUERY_LENGTH])
    if kind != "full" or not names.valid_code(code) or names.is_placeholder(code):
        return None
    return code


def fsa_of(text: str) -> str | None:
    """The forward sortation area (first three characters) of a full, truncated or malformed code."""
    if not text:
        return None
    kind, fsa, code, _span = names.scan_postal(text[:MAX_QUERY_LENGTH])
    if not kind or not names.valid_fsa(fsa) or (code and names.is_placeholder(code)):
        return None
    return fsa


def _format_code(code: str) -> str:
    return f"{code[:3]} {code[3:]}"


def _code_point(code: str) -> GeoPoint | None:
    found = tables().code(code)
    if found is None:
        return None
    lat, lon, name, prov = found
    return GeoPoint(lat, lon, "postal_code", f"{_format_code(code)} ({name})", prov)


def _fsa_point(fsa: str) -> GeoPoint | None:
    found = tables().fsa(fsa)
    if found is None:
        return None
    return GeoPoint(found.latitude, found.longitude, "fsa", f"{fsa} ({found.label})", found.province)


# ---------------------------------------------------------------- place names


def _places_in(key: str, county: str | None, province: str) -> tuple[Place, ...]:
    places = tables().places(province)
    found = places.get(key, ())
    if not found and county:
        found = places.get(county, ())
        if not found and county in tables().counties.get(province, {}):
            found = (tables().counties[province][county],)
    if not found:
        # 'Sackville, NS' is written for Lower Sackville: try the directional variants, largest first.
        variants = [p for d in _DIRECTIONAL for p in places.get(d + key, ())]
        found = tuple(sorted(variants, key=lambda p: -p.codes))
    return found


@lru_cache(maxsize=65_536)  # tables never change once built; LMIA rows repeat their towns
def _place_options(text: str, province: str) -> tuple[Place, ...]:
    """Every place called `text` in the province (homonyms included), largest first."""
    cleaned = names.strip_rural_route(text)
    key = names.place_key(cleaned)
    if not key:
        return ()
    return _places_in(key, names.county_key(cleaned), province)


def _find_place(text: str, provinces: tuple[str, ...]) -> Place | None:
    """The largest place called `text` in the first of `provinces` that has one."""
    for province in provinces:
        options = _place_options(text, province)
        if options:
            return options[0]
    return None


def _nearest_place(text: str, province: str, latitude: float, longitude: float) -> tuple[Place, float] | None:
    """The place called `text` in the province closest to a point, and its distance in km."""
    best: tuple[Place, float] | None = None
    for place in _place_options(text, province):
        km = haversine_km(place.latitude, place.longitude, latitude, longitude)
        if best is None or km < best[1]:
            best = (place, km)
    return best


def _find_place_anywhere(text: str) -> Place | None:
    """No province given: prefer the Maritimes, then the place with the most postal codes elsewhere."""
    found = _find_place_among(text, MARITIMES)
    return found or _find_place_among(text, tuple(p for p in ALL_PROVINCES if p not in MARITIMES))


def _find_place_among(text: str, provinces: tuple[str, ...]) -> Place | None:
    candidates = [p for p in (_find_place(text, (prov,)) for prov in provinces) if p is not None]
    return max(candidates, key=lambda p: p.codes) if candidates else None


def _place_point(place: Place) -> GeoPoint:
    return GeoPoint(place.latitude, place.longitude, "place", f"{place.name}, {place.province}", place.province)


# ---------------------------------------------------------------- address parsing


@dataclass(frozen=True, slots=True)
class _Parsed:
    kind: str  # scan_postal kind
    fsa: str
    code: str
    province: str | None  # a province written in the text
    places: tuple[str, ...]  # candidate town strings, most likely first
    place: str  # the first candidate, tidied for display ('' when none)


def _split_province(part: str) -> tuple[str, str | None]:
    """'Coquitlam BC' → ('Coquitlam', 'BC'); 'kentville nova scotia' → ('kentville', 'NS')."""
    words = part.split()
    for n in (3, 2, 1):
        if len(words) > n:
            prov = province_code(" ".join(words[-n:]))
            if prov:
                return " ".join(words[:-n]), prov
    return part, None


@lru_cache(maxsize=65_536)  # the same employer address comes back on many rows
def _parse(text: str) -> _Parsed:
    kind, fsa, code, span = names.scan_postal(text)
    if span is not None and len(text.upper()) == len(text):
        text = text[: span[0]] + " " + text[span[1] :]
    stated: str | None = None
    places: list[str] = []
    for raw in reversed(text.split(",")):
        # Digits-only words are ZIP codes or street numbers, never part of a town or province.
        part = " ".join(w for w in names.remove_postal_codes(raw).split() if not w.isdigit()).strip(" .;")
        if not part:
            continue
        prov = province_code(part)
        if prov:
            stated = stated or prov
            continue
        part, prov = _split_province(part)
        stated = stated or prov
        part = names.strip_rural_route(part)
        if part and any(ch.isalpha() for ch in part):
            places.append(part)
    return _Parsed(kind, fsa, code, stated, tuple(places), _tidy_place(places[0]) if places else "")


def _tidy_place(text: str) -> str:
    return names.clean_text(text).strip(" .,-")


# ---------------------------------------------------------------- remembered fixes

_FIX_TTL_S = 30.0  # other processes' new fixes show up within this delay
_fix_lock = threading.Lock()
_fix_cache: tuple[float, dict[str, GeoPoint]] | None = None
_signals_connected = False


def fix_key(address: str, province: str | None) -> str:
    """The GeocodeFix key: province code and the address with case, accents and punctuation ignored."""
    return f"{province_of(province) or '--'}|{names.address_key(address)}"[:255]


def clear_caches(parsing: bool = False) -> None:
    """Forget cached fixes (done on every GeocodeFix save or delete in this process); with
    parsing=True also the parsed-address and town caches (for measurements)."""
    global _fix_cache
    _fix_cache = None
    if parsing:
        _parse.cache_clear()
        _place_options.cache_clear()
        names.place_key.cache_clear()


def _on_fix_change(**_kwargs: Any) -> None:
    clear_caches()


def _fixes() -> dict[str, GeoPoint]:
    global _fix_cache, _signals_connected
    cached = _fix_cache
    now = time.monotonic()
    if cached is not None and now - cached[0] < _FIX_TTL_S:
        return cached[1]
    with _fix_lock:
        if not _signals_connected:
            post_save.connect(_on_fix_change, sender=GeocodeFix, dispatch_uid="core.geocode.fix_saved")
            post_delete.connect(_on_fix_change, sender=GeocodeFix, dispatch_uid="core.geocode.fix_deleted")
            _signals_connected = True
        try:
            fixes = {
                key: GeoPoint(lat, lon, "fix", label, prov or None)
                for key, lat, lon, label, prov in GeocodeFix.objects.values_list(
                    "key", "latitude", "longitude", "label", "province"
                )
            }
        except (DatabaseError, RuntimeError) as exc:  # no table yet, or a context without database access
            logger.debug("geocode fixes unavailable: %s", exc)
            fixes = {}
        _fix_cache = (now, fixes)
    return fixes


def remember_fix(
    address: str,
    province: str | None,
    latitude: float,
    longitude: float,
    user: Account | None = None,
    label: str = "",
) -> GeocodeFix:
    """Record a coordinator's placement of an address; it wins over every lookup from now on."""
    lat, lon = float(latitude), float(longitude)
    if not (math.isfinite(lat) and math.isfinite(lon) and in_canada(lat, lon)):
        raise ValueError(f"({latitude}, {longitude}) is not in Canada")
    if not names.address_key(address):
        raise ValueError("empty address")
    prov = province_of(province)
    if province and prov is None:
        raise ValueError(f"unknown province {province!r}")
    fix, _created = GeocodeFix.objects.update_or_create(
        key=fix_key(address, prov),
        defaults={
            "province": prov or "",
            "latitude": lat,
            "longitude": lon,
            "label": (label or names.clean_text(address))[:200],
            "created_by": user if user is not None and user.pk else None,
        },
    )
    clear_caches()
    return fix


# ---------------------------------------------------------------- public API


def province_of(text: str | None) -> str | None:
    if not text:
        return None
    text = text.strip()
    if len(text) == 2 and text.upper() in ALL_PROVINCES:
        return text.upper()
    return province_code(text)


def _address_text(address: str) -> str:
    return names.clean_text(address or "")[: MAX_QUERY_LENGTH * 2]


def geocode_address(address: str, province: str | None, *, use_fixes: bool = True) -> AddressGeocode:
    """Place one LMIA address ('Kentville, NS B4N 1A1') of a row in `province` (code or name)."""
    row_province = province_of(province)
    text = _address_text(address)
    parsed = _parse(text)
    result = AddressGeocode(point=None, place=parsed.place)
    warnings = result.warnings
    prov = row_province or parsed.province

    fsa_ok = _read_postal_code(parsed, prov, result)

    fixes = _fixes() if use_fixes else None
    if fixes:  # the key costs more than the lookup: skip it while no address was ever fixed
        fixed = fixes.get(fix_key(text, row_province))
        if fixed is not None:
            result.point = fixed
            return result

    search_provinces = (prov,) if prov else ()
    point = _postal_point(result, parsed, prov, fsa_ok)
    if point is not None and point.precision != "place" and parsed.places:
        near = _nearest_place(parsed.places[0], prov or point.province or "", point.latitude, point.longitude)
        if near is not None and near[1] > RURAL_PLACE_MAX_KM:
            warnings.append("town contradicts postal code")
    if point is None and search_provinces:
        for candidate in parsed.places:
            place = _find_place(candidate, search_provinces)
            if place:
                point = _place_point(place)
                break
    result.point = point
    return result


def _read_postal_code(parsed: _Parsed, prov: str | None, result: AddressGeocode) -> bool:
    """Keep the address's postal code (or only its FSA) on `result`, with a warning for each doubt.
    True when the FSA exists."""
    if not parsed.kind:
        return False
    warnings = result.warnings
    fsa, code = parsed.fsa, parsed.code
    if code and names.is_placeholder(code):
        warnings.append(f"placeholder postal code {code}")
        return False
    if not names.valid_fsa(fsa):
        warnings.append(f"invalid postal code {fsa}")
        return False
    result.fsa = fsa
    if code and names.valid_code(code):
        result.postal_code = code
    elif code:
        warnings.append(f"impossible postal code {code}; FSA {fsa} used")
    elif parsed.kind == "truncated":
        warnings.append(f"postal code truncated; FSA {fsa} used")
    elif parsed.kind == "malformed":
        warnings.append(f"malformed postal code; FSA {fsa} used")
    if prov and prov not in POSTAL_LETTER_PROVINCES.get(fsa[0], ()):
        warnings.append(f"postal code {result.postal_code or fsa} contradicts province {prov}")
    if tables().fsa(fsa) is None:
        warnings.append(f"FSA {fsa} does not exist")
        return False
    return True


def _postal_point(result: AddressGeocode, parsed: _Parsed, prov: str | None, fsa_ok: bool) -> GeoPoint | None:
    """The point of the full postal code, else (an FSA that exists) of a town of the address in the
    rural FSA's area, else of the FSA."""
    point = _code_point(result.postal_code) if result.postal_code else None
    if point is not None or not fsa_ok:
        return point
    fsa_info = tables().fsa(result.fsa)
    assert fsa_info is not None
    if result.fsa[1] == "0":
        # Rural: a town written in the address is better than a centroid that can be 100 km off,
        # but only when it lies in the FSA's area (the nearest of its homonyms).
        place_province = prov or fsa_info.province
        for candidate in parsed.places:
            near = _nearest_place(candidate, place_province, fsa_info.latitude, fsa_info.longitude)
            if near is not None and near[1] <= RURAL_PLACE_MAX_KM:
                return _place_point(near[0])
    return _fsa_point(result.fsa)


def prefetch_postal_codes(addresses: Iterable[str]) -> None:
    """Read the full postal codes of many addresses in a few queries before they are geocoded one by one
    (an LMIA import places ten thousand). Changes no result, only how soon geocode_address answers."""
    parsed = (_parse(_address_text(address)) for address in addresses)
    tables().read_codes(p.code for p in parsed if p.code)  # impossible codes too: never asked for, harmless


def geocode(query: str, province: str | None = None) -> GeoPoint | None:
    """Place a search-box query: a postal code, an FSA or a town ('Kentville NS'); None when unknown."""
    if not query or not isinstance(query, str):
        return None
    text = names.clean_text(query)[:MAX_QUERY_LENGTH]
    if not text:
        return None
    prov = province_of(province)
    parsed = _parse(text)
    prov = prov or parsed.province
    if parsed.kind:
        code, fsa = parsed.code, parsed.fsa
        if code and (names.is_placeholder(code) or not names.valid_code(code)):
            return None
        if names.valid_fsa(fsa):
            point = _code_point(code) if code else None
            point = point or _fsa_point(fsa)
            if point is not None:
                return point
    candidates = parsed.places or ((text,) if parsed.province else ())
    for candidate in candidates:
        place = _find_place(candidate, (prov,)) if prov else _find_place_anywhere(candidate)
        if place is None and parsed.province and not province:
            # The 'province' was part of the name ('Quebec', 'Prince Edward Island' as a town).
            place = _find_place_anywhere(text)
        if place is not None:
            return _place_point(place)
    return None


def locate(*queries: str | None, province: str | None = None) -> GeoPoint | None:
    """The geocoder's one entry point for a place someone typed or the directory stores: the point of the
    first query it can place (a postal code, then the town, say), in `province` when given; None when
    it places none. (LMIA rows go through `geocode_address`, which also reports what it read.)"""
    for query in queries:
        if query:
            point = geocode(query, province)
            if point is not None:
                return point
    return None


def stored_point(point: GeoPoint | None) -> tuple[float | None, float | None, str]:
    """A point as a location stores it: (latitude, longitude) to 6 decimals (about 0.1 m) and its
    precision; (None, None, '') without a point."""
    if point is None:
        return None, None, ""
    return round(point.latitude, 6), round(point.longitude, 6), point.precision
