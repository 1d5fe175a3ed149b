"""The search as it was answered before the database answered it all: an in-memory index of the
active directory (arrays per service: categories, languages, provinces, free, points, names,
folded texts) and the functions that read it. Tests hold the database's answers to these, on the
demo directory and on generated ones (test_search_engines.py)."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bettertogether.core.geo import haversine_km_many
from bettertogether.core.languages import MANY_LANGUAGES
from bettertogether.core.provinces import province_code
from bettertogether.core.text import fold as core_fold
from bettertogether.directory import models as m
from bettertogether.directory.models import TaxonomyTerm
from bettertogether.directory.sanctuary import sanctuary_service_ids
from bettertogether.directory.search import Ranked, _lang, open_states, term_ids_for


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


def _positions(pairs: Any, position: dict[uuid.UUID, int]) -> dict[Any, np.ndarray]:
    grouped: dict[Any, set[int]] = defaultdict(set)
    for key, sid in pairs:
        i = position.get(sid)
        if i is not None and key:
            grouped[key].add(i)
    return {key: np.array(sorted(found), dtype=np.int64) for key, found in grouped.items()}


def _build() -> DirectoryIndex:
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
    )


def get_index() -> DirectoryIndex:
    """The index of the directory as it is now."""
    return _build()


def mask_of(
    index: DirectoryIndex,
    *,
    q: str | None,
    category: str | None,
    language: str | None,
    province: str | None,
    free: bool | None,
    open_now: bool,
    at: dt.datetime | None,
    sanctuary: bool = False,
) -> np.ndarray:
    """Which services of the index match every filter (a bool per service)."""
    mask = np.ones(index.size, dtype=bool)

    def only(positions: Iterable[np.ndarray | None]) -> None:
        keep = np.zeros(index.size, dtype=bool)
        for found in positions:
            if found is not None:
                keep[found] = True
        mask[~keep] = False

    if category:
        only(index.terms.get(term_id) for term_id in term_ids_for(category))
    if language:
        only([index.languages.get(language.lower()), index.languages.get(MANY_LANGUAGES)])
    if province:
        only([index.provinces.get(province.upper())])
    if free is True:
        mask &= index.free
    elif free is False:
        mask &= ~index.free
    if open_now and mask.any():
        states = open_states(None, at, narrow=True)
        only([np.array([index.position[sid] for sid, o in states.items() if o and sid in index.position], dtype=int)])
    if sanctuary:
        members = sanctuary_service_ids()
        only([np.array([index.position[sid] for sid in members if sid in index.position], dtype=int)])
    words = [w for w in (fold(q) or "").split() if w][:8]
    if words and mask.any():
        texts = index.texts(_lang())
        candidates = np.flatnonzero(mask)
        hits = [i for i in candidates.tolist() if all(w in texts[i] for w in words)]
        mask[:] = False
        mask[hits] = True
    return mask


def ranked(
    point: tuple[float, float] | None,
    place: Any,
    *,
    q: str | None,
    category: str | None,
    language: str | None,
    province: str | None,
    free: bool | None,
    open_now: bool,
    at: dt.datetime | None,
    offset: int,
    limit: int,
    sanctuary: bool = False,
) -> tuple[int, Ranked]:
    """The in-memory engine: any filter, text included."""
    index = get_index()
    mask = mask_of(
        index, q=q, category=category, language=language, province=province, free=free, open_now=open_now, at=at,
        sanctuary=sanctuary,
    )  # fmt: skip
    by_name = index.name_order(_lang())
    ranked: Ranked = []
    if point is None:
        matched = by_name[mask[by_name]]
        total = len(matched)
        ranked = [(index.ids[i], None, None) for i in matched[offset : offset + limit].tolist()]
    else:
        chosen = np.flatnonzero(mask[index.pt_service])
        distances = haversine_km_many(point[0], point[1], index.pt_lat[chosen], index.pt_lon[chosen])
        order = np.argsort(distances, kind="stable")
        # The first time a service appears in distance order is its nearest location.
        _, first = np.unique(index.pt_service[chosen][order], return_index=True)
        nearest = order[np.sort(first)]
        unlocated = mask & ~index.located
        place_province = getattr(place, "province", None)
        if place_province:
            serves = ~index.has_area_province
            found = index.area_provinces.get(place_province)
            if found is not None:
                serves[found] = True
            unlocated &= serves
        tail = by_name[unlocated[by_name]]
        total = len(nearest) + len(tail)
        for k in nearest[offset : offset + limit].tolist():
            pair = chosen[k]
            ranked.append((index.ids[index.pt_service[pair]], index.pt_location[pair], float(distances[k])))
        if len(ranked) < limit:
            start = max(0, offset - len(nearest))
            ranked += [(index.ids[i], None, None) for i in tail[start : start + limit - len(ranked)].tolist()]
    return total, ranked


def map_features(
    point: tuple[float, float] | None,
    limit: int | None,
    *,
    q: str | None,
    category: str | None,
    language: str | None,
    province: str | None,
    free: bool | None,
    open_now: bool,
    at: dt.datetime | None,
    sanctuary: bool,
) -> list[dict[str, Any]]:
    """map_features() by the in-memory index (any filter, text included)."""
    index = get_index()
    mask = mask_of(
        index, q=q, category=category, language=language, province=province, free=free, open_now=open_now, at=at,
        sanctuary=sanctuary,
    )  # fmt: skip
    chosen = np.flatnonzero(mask[index.pt_service])
    if point is not None and limit is not None and len(chosen) > limit:
        distances = haversine_km_many(point[0], point[1], index.pt_lat[chosen], index.pt_lon[chosen])
        chosen = chosen[np.argsort(distances, kind="stable")[: max(0, limit)]]
    if not len(chosen):
        return []
    lang = _lang()
    names, orgs = index.names(lang), index.org_names(lang)
    term_names = {row[0]: row[1] or row[2] for row in TaxonomyTerm.objects.values_list("id", f"name_{lang}", "name_en")}
    categories: dict[int, list[str]] = defaultdict(list)
    for term_id, positions in index.terms.items():
        name = term_names.get(term_id)
        if name:
            for i in positions[mask[positions]].tolist():
                categories[i].append(name)
    features = []
    for pair in chosen.tolist():
        i = int(index.pt_service[pair])
        features.append(
            {
                "id": str(index.ids[i]),
                "latitude": float(index.pt_lat[pair]),
                "longitude": float(index.pt_lon[pair]),
                "name": names[i],
                "organization": orgs[i],
                "categories": sorted(categories.get(i, [])),
            }
        )
    return features
