"""The gap analysis' inputs and its door, `analyse(filters)`.

Places come from the positions app (its filters and its per-point aggregation, so the gap page and
the positions map count the same rows); service points from the directory (active services only,
one point per service location, categories reduced to their top-level taxonomy slug). The page,
the JSON endpoint, the downloads and `gap_report` all call `analyse()`: one set of numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Q, Sum
from django.utils import translation
from django.utils.translation import gettext as _

from bettertogether.core.geodata.tables import tables
from bettertogether.core.languages import MANY_LANGUAGES, SPOKEN_LANGUAGES
from bettertogether.directory import door as directory
from bettertogether.positions.door import OUTSIDE_CANADA, FilterError, PositionFilters, places

from . import coverage
from .coverage import ANY, Analysis, Candidate, Place, ServicePoint

CATEGORIES: tuple[str, ...] = directory.TOP_LEVEL_SLUGS
DEFAULT_CATEGORY = "rights-info"
CANDIDATE_KINDS = ("places", "towns")
MIN_RADIUS_KM = 1.0
MAX_RADIUS_KM = 300.0


def category_label(slug: str) -> str:
    if slug == ANY:
        return str(_("Any service"))
    lang = (translation.get_language() or "en").split("-")[0]
    for term in directory.TERMS:
        if term.slug == slug:
            return (term.text.get(lang) or term.text["en"])[0]
    return slug


@dataclass(frozen=True)
class GapFilters:
    """The positions' filters (same names and defaults as the positions map) and the analysis' own."""

    positions: PositionFilters = field(default_factory=PositionFilters)
    radius_km: float = coverage.DEFAULT_RADIUS_KM
    category: str = DEFAULT_CATEGORY  # the one the map colours by and the suggestions are shown for
    language: str = ""
    candidates: str = "places"  # where new services may go: "places" (with positions) or "towns"

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> GapFilters:
        """A QueryDict or dict → filters; raises FilterError naming every bad value."""
        errors: list[str] = []
        try:
            positions = PositionFilters.from_query(query)
        except FilterError as exc:
            errors.extend(exc.messages)
            positions = PositionFilters.default()
        radius = coverage.DEFAULT_RADIUS_KM
        raw = _one(query, "radius")
        if raw:
            try:
                radius = float(raw.replace(",", "."))
                if not MIN_RADIUS_KM <= radius <= MAX_RADIUS_KM:
                    raise ValueError
            except ValueError:
                errors.append(
                    _("The radius must be a number of kilometres from %(min)d to %(max)d.")
                    % {"min": MIN_RADIUS_KM, "max": MAX_RADIUS_KM}
                )
                radius = coverage.DEFAULT_RADIUS_KM
        category = _one(query, "category") or DEFAULT_CATEGORY
        if category not in (*CATEGORIES, ANY):
            errors.append(_("Unknown service category: %(value)s.") % {"value": category[:40]})
            category = DEFAULT_CATEGORY
        language = _one(query, "language")
        if language and language not in SPOKEN_LANGUAGES:
            errors.append(_("Unknown language: %(value)s.") % {"value": language[:20]})
            language = ""
        candidates = _one(query, "candidates") or "places"
        if candidates not in CANDIDATE_KINDS:
            errors.append(_("Unknown kind of candidate site: %(value)s.") % {"value": candidates[:20]})
            candidates = "places"
        if errors:
            raise FilterError(errors)
        return cls(positions=positions, radius_km=radius, category=category, language=language, candidates=candidates)

    def as_query(self) -> list[tuple[str, str]]:
        pairs = list(self.positions.as_query())
        pairs.append(("radius", f"{self.radius_km:g}"))
        pairs.append(("category", self.category))
        if self.language:
            pairs.append(("language", self.language))
        if self.candidates != "places":
            pairs.append(("candidates", self.candidates))
        return pairs

    @property
    def period(self) -> str:
        return f"{self.positions.period_from}–{self.positions.period_to}"


def _one(query: Mapping[str, Any], key: str) -> str:
    getlist = getattr(query, "getlist", None)
    values = getlist(key) if getlist is not None else query.get(key)
    if isinstance(values, list | tuple):
        values = values[-1] if values else ""
    return str(values or "").strip()


# ---------------------------------------------------------------------------------------------------------------


def places_for(filters: PositionFilters) -> list[Place]:
    """Positions per point (as on the positions map), plus the rows without coordinates grouped by
    province and the place or postal area they name; head offices outside Canada are among those."""
    qs = filters.queryset()
    out = [Place(p.label, p.province, p.latitude, p.longitude, p.precision, p.positions) for p in places(qs)]
    groups = (
        qs.filter(Q(latitude__isnull=True) | Q(longitude__isnull=True))
        .values("province", "place", "fsa")
        .annotate(n_positions=Sum("positions"))
        .order_by("province", "place", "fsa")
    )
    for g in groups:
        label = " ".join(x for x in (g["fsa"], g["place"]) if x)
        if not label:
            label = _("Head office outside Canada") if g["province"] == OUTSIDE_CANADA else _("No usable address")
        out.append(Place(label, g["province"], None, None, "", g["n_positions"]))
    return out


def services_for() -> tuple[list[ServicePoint], int]:
    """Active services' located points, and how many active services have no point (phone lines,
    online services): they cannot be measured by distance and are counted in the report's limits.
    A point's `provinces` are the provinces named by its service's service areas (none: national)."""
    located = directory.located_services()
    points = [
        ServicePoint(
            id=p.id,
            name=p.name,
            organization=p.organization,
            latitude=p.latitude,
            longitude=p.longitude,
            categories=p.categories,
            languages=p.languages,
            provinces=p.provinces,
        )
        for p in located.points
    ]
    return points, located.unlocated


def towns_for(provinces: Iterable[str]) -> list[Candidate]:
    """Every named place of the provinces (the geocoder's place names from postal codes), as candidate
    sites: a new service may well go to a town that has no approved positions itself."""
    out: list[Candidate] = []
    for province in provinces:
        for homonyms in tables().places(province).values():
            out.extend(Candidate(t.name, province, t.latitude, t.longitude) for t in homonyms)
    return sorted(out, key=lambda c: (c.province, c.name, c.latitude, c.longitude))


@dataclass
class Result:
    """An analysis with what it was computed from."""

    filters: GapFilters
    analysis: Analysis
    services_without_point: int


def analyse(filters: GapFilters) -> Result:
    """The door: the whole gap analysis for one set of filters."""
    points, unlocated = services_for()
    places = places_for(filters.positions)
    candidates = None
    if filters.candidates == "towns":
        candidates = towns_for(sorted({p.province for p in places if p.placed and p.province != OUTSIDE_CANADA}))
    analysis = coverage.analyse(
        places,
        points,
        categories=CATEGORIES,
        radius_km=filters.radius_km,
        language=filters.language,
        candidates=candidates,
    )
    return Result(filters=filters, analysis=analysis, services_without_point=unlocated)


def language_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in SPOKEN_LANGUAGES.items() if code != MANY_LANGUAGES]


def with_category(filters: GapFilters, category: str) -> GapFilters:
    return replace(filters, category=category)
