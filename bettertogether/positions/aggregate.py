"""The TFW positions map's numbers: filters read from a query string, and positions aggregated per place,
per province, per quarter, per stream, per occupation and per community.

Plain module: the page, the table, the CSV and the GeoJSON all call `PositionFilters.from_query()` then
`summarize()` / `filtered_rows()`, so what is drawn, listed and downloaded is always the same set of rows.
Rows that have no coordinates (head office outside Canada, or an address the geocoder could not place)
are counted in every total and listed as "not placed on the map": never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from bettertogether.core.periods import Period, parse_period
from bettertogether.core.provinces import MARITIMES, Province
from bettertogether.core.text import csv_safe, find_control, fold

from .lmia import OUTSIDE_CANADA, canonical_stream
from .models import ApprovedPosition, ImportRun
from .query import positions_in

# The seed period (July 2021 – June 2022): the default until a file is imported, and the fields' defaults
# of a PositionFilters built in code. Pages and downloads default to `default_period()`.
DEFAULT_FROM = "2021Q3"
DEFAULT_TO = "2022Q2"
DEFAULT_PROVINCES: tuple[str, ...] = tuple(str(p) for p in MARITIMES)
FILTER_KEYS = ("from", "to", "province", "stream", "noc", "occupation", "employer")
# Maritimes first (the program's provinces), then the others, then head offices outside Canada.
PROVINCE_CODES: tuple[str, ...] = (
    *DEFAULT_PROVINCES,
    *(str(p.value) for p in Province if p.value not in DEFAULT_PROVINCES),
    OUTSIDE_CANADA,
)
# The importer's canonical stream names (lmia.canonical_stream maps every spelling, English or French, to one).
STREAM_NAMES: tuple[str, ...] = (
    "High Wage",
    "Low Wage",
    "Primary Agriculture",
    "Global Talent Stream",
    "Permanent Resident Only",
    "Unspecified",
)
APPROXIMATE = {ApprovedPosition.GeoPrecision.FSA.value, ApprovedPosition.GeoPrecision.PLACE.value}
MAX_TEXT = 100
TOP = 10

_QUARTER = re.compile(r"^\s*(\d{4})\s*[Qq]\s*([1-4])\s*$")
_NOC_CODE = re.compile(r"^\d{2,5}$")


class FilterError(ValueError):
    """Bad filter values; `messages` says which and why, in the user's language."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def province_name(code: str) -> str:
    if code == OUTSIDE_CANADA:
        return str(_("Head office outside Canada"))
    try:
        return str(Province(code).label)
    except ValueError:
        return code


@dataclass(frozen=True)
class PositionFilters:
    """What the map shows: whole quarters from `period_from` to `period_to`, and optional narrowing.

    `provinces` empty means every province (and rows of head offices outside Canada). `noc` is a NOC broad
    category (one digit); `occupation` a NOC code (2–5 digits, matched as a prefix) or words of its title.
    """

    period_from: str = DEFAULT_FROM
    period_to: str = DEFAULT_TO
    provinces: tuple[str, ...] = DEFAULT_PROVINCES
    streams: tuple[str, ...] = ()
    noc: str = ""
    occupation: str = ""
    employer: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> PositionFilters:
        """A QueryDict (or a dict of str / list of str) → filters; raises FilterError naming each bad value.

        With no filter in the query the defaults apply (`default_period()`: the latest four imported
        quarters; NS NB PE). Once any filter is given, an absent `province` means all of them: a form with
        every province unticked shows all of Canada. `province=all` says so explicitly.
        """
        errors: list[str] = []
        given = any(_values(query, key) for key in FILTER_KEYS)
        spoiled = [key for key in FILTER_KEYS if any(find_control(value) for value in _values(query, key))]
        if spoiled:  # NUL would reach PostgreSQL; nothing else is worth checking in such a query
            message = _("Remove the invisible control characters from the filters: %(names)s.")
            raise FilterError([message % {"names": ", ".join(spoiled)}])

        period_from, period_to = _one(query, "from"), _one(query, "to")
        if not (period_from and period_to):
            default_from, default_to = default_period()
            period_from, period_to = period_from or default_from, period_to or default_to
        first = _quarter(period_from, "from", errors)
        last = _quarter(period_to, "to", errors)
        if first and last and last < first:
            errors.append(_("The period ends (%(to)s) before it starts (%(from)s).") % {"to": last, "from": first})

        provinces = _provinces(query, given, errors)
        streams = _streams(query, errors)

        noc = _one(query, "noc")
        occupation = " ".join(_one(query, "occupation").split())
        if noc and _NOC_CODE.match(noc) and not occupation:
            noc, occupation = "", noc  # `noc=9463` (design.md's query form): a code, searched as a prefix
        elif noc and not (len(noc) == 1 and noc.isdigit()):
            errors.append(_("The occupation group must be one digit from 0 to 9, or a NOC code."))
        employer = " ".join(_one(query, "employer").split())
        too_long = _("The %(name)s search is too long (at most %(max)d characters).")
        for name, value in ((_("occupation"), occupation), (_("employer"), employer)):
            if len(value) > MAX_TEXT:
                errors.append(too_long % {"name": name, "max": MAX_TEXT})
        if errors:
            raise FilterError(errors)
        return cls(
            period_from=first,
            period_to=last,
            provinces=provinces,
            streams=tuple(streams),
            noc=noc,
            occupation=occupation,
            employer=employer,
        )

    @classmethod
    def default(cls) -> PositionFilters:
        """What a page shows with no filter in its query (and after a bad one)."""
        period_from, period_to = default_period()
        return cls(period_from=period_from, period_to=period_to)

    @property
    def period(self) -> Period:
        return parse_period(f"{self.period_from}-{self.period_to}")

    def as_query(self) -> list[tuple[str, str]]:
        """The query string pairs that give these filters back (for download links)."""
        pairs = [("from", self.period_from), ("to", self.period_to)]
        pairs += [("province", p) for p in self.provinces] or [("province", "all")]
        pairs += [("stream", s) for s in self.streams]
        for key, value in (("noc", self.noc), ("occupation", self.occupation), ("employer", self.employer)):
            if value:
                pairs.append((key, value))
        return pairs

    def queryset(self) -> QuerySet[ApprovedPosition]:
        qs = positions_in(
            self.period_from,
            self.period_to,
            provinces=self.provinces or None,
            streams=self.streams or None,
            noc=self.noc or None,
            employer=self.employer or None,
        )
        if self.occupation:
            if _NOC_CODE.match(self.occupation):
                qs = qs.filter(noc_code__startswith=self.occupation)
            else:
                for word in self.occupation.split()[:8]:
                    qs = qs.filter(noc_title__icontains=word)
        return qs


def default_period() -> tuple[str, str]:
    """The latest four imported quarters: the year of quarters ending with the last quarter an imported
    file covers (a later file moves it on). The seed period while nothing is imported."""
    last = ImportRun.objects.filter(status=ImportRun.Status.OK, period_end__isnull=False).aggregate(
        last=Max("period_end")
    )["last"]
    if last is None:
        return DEFAULT_FROM, DEFAULT_TO
    year, quarter = last.year, (last.month - 1) // 3 + 1
    first = (year, 1) if quarter == 4 else (year - 1, quarter + 1)
    return f"{first[0]}Q{first[1]}", f"{year}Q{quarter}"


def _provinces(query: Mapping[str, Any], given: bool, errors: list[str]) -> tuple[str, ...]:
    raw_provinces = [p.strip().upper() for p in _values(query, "province") for p in p.split(",") if p.strip()]
    if "ALL" in raw_provinces:
        return ()
    if raw_provinces:
        bad = [p for p in raw_provinces if p not in PROVINCE_CODES]
        if bad:
            errors.append(_("Unknown province: %(value)s.") % {"value": ", ".join(bad)[:MAX_TEXT]})
        return tuple(p for p in PROVINCE_CODES if p in raw_provinces)
    return () if given else DEFAULT_PROVINCES


def _streams(query: Mapping[str, Any], errors: list[str]) -> list[str]:
    streams: list[str] = []
    for value in _values(query, "stream"):
        value = " ".join(value.split())
        if not value:
            continue
        canonical = canonical_stream(value)
        if canonical is None:
            errors.append(_("Unknown stream: %(value)s.") % {"value": value[:MAX_TEXT]})
        elif canonical not in streams:
            streams.append(canonical)
    return streams


def _values(query: Mapping[str, Any], key: str) -> list[str]:
    getlist = getattr(query, "getlist", None)
    if getlist is not None:
        values = getlist(key)
    else:
        raw = query.get(key)
        values = [] if raw is None else raw if isinstance(raw, list | tuple) else [raw]
    return [str(v) for v in values if str(v).strip()]


def _one(query: Mapping[str, Any], key: str) -> str:
    values = _values(query, key)
    return values[-1].strip() if values else ""


def _quarter(value: str, name: str, errors: list[str]) -> str:
    match = _QUARTER.match(value)
    if not match:
        message = _("“%(value)s” is not a quarter (expected e.g. 2021Q3) in “%(name)s”.")
        errors.append(message % {"value": value[:20], "name": name})
        return ""
    return f"{match[1]}Q{match[2]}"


# ---------------------------------------------------------------------------------------------------------------
# Aggregates


@dataclass
class PlaceTotal:
    """Positions at one map point: a full postal code, a postal area (FSA), a place name or a coordinator fix."""

    province: str
    latitude: float
    longitude: float
    precision: str
    label: str
    positions: int
    rows: int
    employers: int
    lmias: int | None

    @property
    def approximate(self) -> bool:
        return self.precision in APPROXIMATE


@dataclass
class Unplaced:
    province: str
    employer: str
    address: str
    positions: int
    rows: int


@dataclass
class Summary:
    filters: PositionFilters
    positions: int = 0
    rows: int = 0
    employers: int = 0
    lmias: int | None = None  # None when no row of the selection gives its LMIAs
    lmias_partial: bool = False  # some rows (older files) do not give LMIAs
    per_province: list[dict[str, Any]] = field(default_factory=list)
    by_quarter: list[tuple[str, int]] = field(default_factory=list)
    by_stream: list[tuple[str, int]] = field(default_factory=list)
    top_occupations: list[tuple[str, int]] = field(default_factory=list)
    top_communities: list[tuple[str, int]] = field(default_factory=list)
    places: list[PlaceTotal] = field(default_factory=list)
    place_count: int = 0
    unplaced: list[Unplaced] = field(default_factory=list)
    unplaced_positions: int = 0
    unplaced_rows: int = 0

    @property
    def placed_positions(self) -> int:
        return self.positions - self.unplaced_positions

    def totals_json(self) -> dict[str, Any]:
        return {
            "positions": self.positions,
            "rows": self.rows,
            "employers": self.employers,
            "lmias": self.lmias,
            "lmias_partial": self.lmias_partial,
            "per_province": {p["code"]: {"positions": p["positions"], "rows": p["rows"]} for p in self.per_province},
            "per_quarter": dict(self.by_quarter),
            "unplaced_positions": self.unplaced_positions,
            "unplaced_rows": self.unplaced_rows,
        }


def summarize(
    filters: PositionFilters, *, with_places: bool = True, places_limit: int | None = None, unplaced_limit: int = 200
) -> Summary:
    """Every figure of the map's side panel, and the places to draw, in a handful of grouped queries.

    `places_limit` keeps only the largest places (the page lists 50; the GeoJSON takes them all);
    `place_count` is always the number of all places."""
    qs = filters.queryset()
    summary = Summary(filters=filters)
    totals = qs.aggregate(
        n_positions=Sum("positions"),
        n_rows=Count("id"),
        n_employers=Count("employer", distinct=True),
        n_lmias=Sum("lmias"),
        lmias_missing=Count("id", filter=Q(lmias__isnull=True)),
    )
    summary.rows = totals["n_rows"] or 0
    if not summary.rows:
        return summary
    summary.positions = totals["n_positions"] or 0
    summary.employers = totals["n_employers"] or 0
    summary.lmias = totals["n_lmias"]
    summary.lmias_partial = summary.lmias is not None and totals["lmias_missing"] > 0

    order = {code: i for i, code in enumerate(PROVINCE_CODES)}
    provinces = qs.values("province").annotate(n_positions=Sum("positions"), n_rows=Count("id"))
    summary.per_province = sorted(
        (
            {
                "code": p["province"],
                "name": province_name(p["province"]),
                "positions": p["n_positions"],
                "rows": p["n_rows"],
            }
            for p in provinces
        ),
        key=lambda p: order.get(p["code"], 99),
    )
    periods = qs.values("period", "period_start").annotate(n_positions=Sum("positions")).order_by("period_start")
    summary.by_quarter = [(p["period"], p["n_positions"]) for p in periods]
    streams = qs.values("stream").annotate(n_positions=Sum("positions")).order_by("-n_positions", "stream")
    summary.by_stream = [(s["stream"] or _("Not given"), s["n_positions"]) for s in streams]
    occupations = (
        qs.values("noc_code")
        .annotate(n_positions=Sum("positions"), title=Max("noc_title"))
        .order_by("-n_positions", "noc_code")[:TOP]
    )
    summary.top_occupations = [
        (f"{o['noc_code']} {o['title']}".strip() or _("Not given"), o["n_positions"]) for o in occupations
    ]
    communities = qs.exclude(place="").values("place", "province").annotate(n_positions=Sum("positions"))
    summary.top_communities = top_communities((c["place"], c["province"], c["n_positions"]) for c in communities)

    unplaced = qs.filter(Q(latitude__isnull=True) | Q(longitude__isnull=True))
    counts = unplaced.aggregate(n_positions=Sum("positions"), n_rows=Count("id"))
    summary.unplaced_positions = counts["n_positions"] or 0
    summary.unplaced_rows = counts["n_rows"] or 0
    if summary.unplaced_rows:
        groups = (
            unplaced.values("province", "employer", "address")
            .annotate(n_positions=Sum("positions"), n_rows=Count("id"))
            .order_by("province", "employer", "address")[:unplaced_limit]
        )
        summary.unplaced = [
            Unplaced(g["province"], g["employer"], g["address"], g["n_positions"], g["n_rows"]) for g in groups
        ]
    if with_places:
        summary.places = places(qs, limit=places_limit)
        summary.place_count = len(summary.places)
        if places_limit is not None and summary.place_count >= places_limit:
            summary.place_count = _placed(qs).values(*_PLACE_KEY).distinct().count()
    return summary


def _spelling_key(text: str) -> str:
    """One key for the spellings of a place: accents, case and punctuation ignored."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())


def top_communities(groups: Iterable[tuple[str, str, int]], top: int = TOP) -> list[tuple[str, int]]:
    """(place, province, positions) → the largest communities. Spellings of one place ('Cap-Pelé', 'Cap-Pele',
    'CAP PELE') are one community, named by its most common spelling."""
    totals: dict[tuple[str, str], int] = {}
    spellings: dict[tuple[str, str], dict[str, int]] = {}
    for place, province, positions in groups:
        key = (_spelling_key(place), province)
        totals[key] = totals.get(key, 0) + positions
        names = spellings.setdefault(key, {})
        names[place] = names.get(place, 0) + positions
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:top]
    out = []
    for key, positions in ranked:
        names = spellings[key]
        name = max(names, key=lambda n: (names[n], n))
        out.append((f"{name}, {key[1]}", positions))
    return out


_PLACE_KEY = ("province", "latitude", "longitude", "geo_precision")


def _placed(qs: QuerySet[ApprovedPosition]) -> QuerySet[ApprovedPosition]:
    return qs.filter(latitude__isnull=False, longitude__isnull=False)


def places(qs: QuerySet[ApprovedPosition], *, limit: int | None = None) -> list[PlaceTotal]:
    """Placed rows grouped by point and precision, largest first (the `limit` largest when given)."""
    groups = (
        _placed(qs)
        .values(*_PLACE_KEY)
        .annotate(
            n_positions=Sum("positions"),
            n_rows=Count("id"),
            n_employers=Count("employer", distinct=True),
            n_lmias=Sum("lmias"),
            any_place=Max("place"),
            any_fsa=Max("fsa"),
            any_postal_code=Max("postal_code"),
        )
        .order_by("-n_positions", "province", "latitude", "longitude")
    )
    if limit is not None:
        groups = groups[:limit]
    out = []
    for g in groups:
        precision = g["geo_precision"]
        if precision == ApprovedPosition.GeoPrecision.FSA:
            label = " ".join(x for x in (g["any_fsa"], g["any_place"]) if x)
        elif precision == ApprovedPosition.GeoPrecision.POSTAL_CODE:
            label = " ".join(x for x in (g["any_place"], g["any_postal_code"]) if x)
        else:
            label = g["any_place"] or g["any_fsa"]
        out.append(
            PlaceTotal(
                province=g["province"],
                latitude=g["latitude"],
                longitude=g["longitude"],
                precision=precision,
                label=label or _("Unnamed place"),
                positions=g["n_positions"],
                rows=g["n_rows"],
                employers=g["n_employers"],
                lmias=g["n_lmias"],
            )
        )
    return out


def data_version() -> str:
    """Changes when a file is imported or replaced, or a coordinator places an address: the cache key's part
    that keeps cached figures from outliving the data. (Moving an already placed address again does not
    change it; cached entries expire within minutes anyway.)"""
    runs = ImportRun.objects.filter(status=ImportRun.Status.OK).aggregate(
        last=Max("id"), n=Count("id"), at=Max("started_at")
    )
    fixes = ApprovedPosition.objects.filter(geo_precision=ApprovedPosition.GeoPrecision.FIX).count()
    at = runs["at"].isoformat() if runs["at"] else ""
    return f"{runs['last']}.{runs['n']}.{at}.{fixes}"


def filtered_rows(filters: PositionFilters) -> QuerySet[ApprovedPosition]:
    """The rows behind the figures, in a stable order (for the table and the CSV)."""
    return filters.queryset().order_by("period_start", "province", "place", "employer", "run_id", "row_number")


def available_quarters() -> list[str]:
    """Quarters covered by loaded files, oldest first, always with the default period's quarters."""
    default_from, default_to = default_period()
    quarters = set(Period(parse_period(default_from).start, parse_period(default_to).end).quarters())
    for start, end in ImportRun.objects.filter(status=ImportRun.Status.OK).values_list("period_start", "period_end"):
        if start and end:
            first = (start.year, (start.month - 1) // 3 + 1)
            last = (end.year, (end.month - 1) // 3 + 1)
            if last >= first:
                quarters.update(Period.of_quarters(first, last).quarters())
    return sorted(quarters, key=lambda q: (int(q[:4]), int(q[-1])))


# ---------------------------------------------------------------------------------------------------------------
# Downloads

# The download's columns: (header, ApprovedPosition field read for it), in order.
CSV_COLUMNS: Sequence[tuple[str, str]] = (
    ("period", "period"),
    ("province", "province"),
    ("stream", "stream"),
    ("employer", "employer"),
    ("address", "address"),
    ("postal_code", "postal_code"),
    ("place", "place"),
    ("noc_code", "noc_code"),
    ("noc_version", "noc_version"),
    ("occupation", "noc_title"),
    ("lmias", "lmias"),
    ("positions", "positions"),
    ("latitude", "latitude"),
    ("longitude", "longitude"),
    ("location_precision", "geo_precision"),
    ("source_file", "run__file_name"),
    ("source_row", "row_number"),
)
CSV_HEADER: Sequence[str] = tuple(header for header, _field in CSV_COLUMNS)
_CSV_FIELDS = tuple(field for _header, field in CSV_COLUMNS)
_CSV_COORDINATES = tuple(i for i, field in enumerate(_CSV_FIELDS) if field in ("latitude", "longitude"))


def csv_rows(filters: PositionFilters) -> Iterator[list[object]]:
    """The header, then one list of cells per row shown (plain tuples from the database: no model instances)."""
    yield list(CSV_HEADER)
    for values in filtered_rows(filters).values_list(*_CSV_FIELDS).iterator(chunk_size=5000):
        row = [csv_safe(v) if isinstance(v, str) else ("" if v is None else v) for v in values]
        for i in _CSV_COORDINATES:
            if row[i] != "":
                row[i] = round(float(row[i]), 6)  # type: ignore[arg-type]
        yield row


def geojson(summary: Summary) -> dict[str, Any]:
    """Places as GeoJSON points with their precision; the totals (unplaced included) as a foreign member."""
    return {
        "type": "FeatureCollection",
        "filters": dict_of_pairs(summary.filters.as_query()),
        "totals": summary.totals_json(),
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(p.longitude, 5), round(p.latitude, 5)]},
                "properties": {
                    "label": p.label,
                    "province": p.province,
                    "precision": p.precision,
                    "approximate": p.approximate,
                    "positions": p.positions,
                    "rows": p.rows,
                    "employers": p.employers,
                    "lmias": p.lmias,
                },
            }
            for p in summary.places
        ],
    }


def dict_of_pairs(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in ("province", "stream"):
            out.setdefault(key, []).append(value)
        else:
            out[key] = value
    return out
