"""An in-memory index of the active directory, for the searches the database cannot answer alone.

Text search (every word, accents and case ignored, in two languages), open-now, province and
sanctuary filters, and the map's markers with those filters, run on arrays per service
(categories, languages, provinces, free, points, names); searches near a place or by name without
them run in the database (search.py, search_near.py). The index is built once per process (in
gunicorn's master before the workers fork, bettertogether.warm) and rebuilt when the directory's
version (version.py: one row, changed in the same transaction as any directory write) differs from
the one it was built at, so no worker ever answers from a stale index. Importers that write in
bulk call `invalidate()` (that is, `version.bump()`).
"""

from __future__ import annotations

import gc
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bettertogether.core.provinces import province_code
from bettertogether.core.text import fold as core_fold

from . import models as m
from . import version

FREEZE_AT = 5000  # services
_lock = threading.Lock()
_current: DirectoryIndex | None = None

invalidate = version.bump


def fold(text: str | None) -> str | None:
    """The index's texts and the words searched for, compared as `core.text.fold` compares them."""
    return None if text is None else core_fold(text)


@dataclass
class DirectoryIndex:
    ids: list[uuid.UUID]
    position: dict[uuid.UUID, int]
    free: np.ndarray  # bool per service: is_free is True
    terms: dict[uuid.UUID, np.ndarray]  # term id → service positions
    languages: dict[str, np.ndarray]  # spoken language code → service positions
    provinces: dict[str, np.ndarray]  # province code → service positions (area or address)
    area_provinces: dict[str, np.ndarray]  # province code → positions, from service areas only
    has_area_province: np.ndarray  # bool: the service names at least one province it serves
    located: np.ndarray  # bool: the service has a location with a point
    pt_service: np.ndarray  # per service-location pair with a point: service position
    pt_location: list[uuid.UUID]
    pt_lat: np.ndarray
    pt_lon: np.ndarray
    built_at: float
    version: str
    _names: dict[str, list[str]] = field(default_factory=dict)
    _name_order: dict[str, np.ndarray] = field(default_factory=dict)
    _org_names: dict[str, list[str]] = field(default_factory=dict)
    _texts: dict[str, list[str]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def size(self) -> int:
        return len(self.ids)

    # Per-language data is loaded on first use in that language.

    def names(self, lang: str) -> list[str]:
        with self._lock:
            if lang not in self._names:
                rows = dict(m.Service.objects.order_by().values_list("id", f"name_{lang}"))
                en = self._names.get("en") if lang != "en" else None
                if en is None and lang != "en":
                    en = self._load_names_en()
                self._names[lang] = [rows.get(sid) or (en[i] if en else "") for i, sid in enumerate(self.ids)]
            return self._names[lang]

    def _load_names_en(self) -> list[str]:
        rows = dict(m.Service.objects.order_by().values_list("id", "name_en"))
        self._names["en"] = [rows.get(sid) or "" for sid in self.ids]
        return self._names["en"]

    def name_order(self, lang: str) -> np.ndarray:
        names = self.names(lang)
        with self._lock:
            if lang not in self._name_order:
                keys = [(fold(name) or "", str(sid)) for name, sid in zip(names, self.ids, strict=True)]
                self._name_order[lang] = np.array(sorted(range(self.size), key=keys.__getitem__), dtype=np.int64)
            return self._name_order[lang]

    def org_names(self, lang: str) -> list[str]:
        with self._lock:
            if lang not in self._org_names:
                fields = ["id", "organization__name_en"] + ([f"organization__name_{lang}"] if lang != "en" else [])
                rows = {r["id"]: r for r in m.Service.objects.order_by().values(*fields)}
                self._org_names[lang] = [
                    (rows[sid].get(f"organization__name_{lang}") or rows[sid]["organization__name_en"] or "")
                    if sid in rows
                    else ""
                    for sid in self.ids
                ]
            return self._org_names[lang]

    def texts(self, lang: str) -> list[str]:
        """Folded searchable text per service, in lang and English: its names and description, its
        organization's names, and its categories' names."""
        with self._lock:
            if lang not in self._texts:
                fields = ["name_en", "alternate_name", "description_en"]
                fields += ["organization__name_en", "organization__alternate_name"]
                term_fields = ["taxonomy_term__name_en"]
                if lang != "en":
                    fields += [f"name_{lang}", f"description_{lang}", f"organization__name_{lang}"]
                    term_fields += [f"taxonomy_term__name_{lang}"]
                parts: dict[uuid.UUID, list[str]] = defaultdict(list)
                for sid, *values in m.Service.objects.order_by().values_list("id", *fields):
                    parts[sid] += [v for v in values if v]
                for sid, *values in m.Attribute.objects.order_by().values_list("service_id", *term_fields):
                    parts[sid] += [v for v in values if v]
                self._texts[lang] = [fold(" | ".join(parts.get(sid, ()))) or "" for sid in self.ids]
            return self._texts[lang]


def _positions(pairs: Any, position: dict[uuid.UUID, int]) -> dict[Any, np.ndarray]:
    grouped: dict[Any, set[int]] = defaultdict(set)
    for key, sid in pairs:
        i = position.get(sid)
        if i is not None and key:
            grouped[key].add(i)
    return {key: np.array(sorted(found), dtype=np.int64) for key, found in grouped.items()}


def _build(token: str) -> DirectoryIndex:
    rows = list(m.Service.objects.active().order_by().values_list("id", "is_free"))
    ids = [r[0] for r in rows]
    position = {sid: i for i, sid in enumerate(ids)}
    n = len(ids)
    free = np.array([r[1] is True for r in rows], dtype=bool)
    terms = _positions(m.Attribute.objects.values_list("taxonomy_term_id", "service_id"), position)
    spoken = list(m.Language.objects.filter(service__isnull=False).values_list("code", "service_id"))
    spoken += list(m.Language.objects.filter(phone__service__isnull=False).values_list("code", "phone__service_id"))
    languages = _positions(((code.lower(), sid) for code, sid in spoken), position)
    areas = [(p, sid) for p, sid in m.ServiceArea.objects.exclude(province="").values_list("province", "service_id")]
    area_provinces = _positions(areas, position)
    address_rows = m.Address.objects.values_list("state_province", "location__service_at_locations__service_id")
    by_address = [(province_code(text or ""), sid) for text, sid in address_rows if sid]
    provinces = _positions([*areas, *by_address], position)
    has_area_province = np.zeros(n, dtype=bool)
    for found in area_provinces.values():
        has_area_province[found] = True
    points = list(
        m.ServiceAtLocation.objects.filter(location__latitude__isnull=False, location__longitude__isnull=False)
        .order_by()
        .values_list("service_id", "location_id", "location__latitude", "location__longitude")
    )
    points = [p for p in points if p[0] in position]
    pt_service = np.array([position[p[0]] for p in points], dtype=np.int64)
    located = np.zeros(n, dtype=bool)
    located[pt_service] = True
    return DirectoryIndex(
        ids=ids,
        position=position,
        free=free,
        terms=terms,
        languages=languages,
        provinces=provinces,
        area_provinces=area_provinces,
        has_area_province=has_area_province,
        located=located,
        pt_service=pt_service,
        pt_location=[p[1] for p in points],
        pt_lat=np.array([p[2] for p in points], dtype=np.float64),
        pt_lon=np.array([p[3] for p in points], dtype=np.float64),
        built_at=time.monotonic(),
        version=token,
    )


def get_index() -> DirectoryIndex:
    """The index at the directory's current version (built here if this process has none yet)."""
    global _current
    token = version.current()
    index = _current
    if index is not None and index.version == token:
        return index
    with _lock:
        index = _current
        if index is not None and index.version == token:
            return index
        index = _build(token)
        _current = index
        # At national scale the index is tens of thousands of long-lived objects: keep the cyclic
        # garbage collector from walking them on every full collection (a 100+ ms pause).
        if index.size >= FREEZE_AT:
            gc.collect()
            gc.freeze()
        return index
