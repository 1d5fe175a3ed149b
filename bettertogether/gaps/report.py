"""The gap analysis as JSON, CSV and PDF (with a PNG map). Every format is built from `as_json()`'s
numbers, so the page, the endpoint, the downloads and `gap_report` cannot disagree."""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Iterator
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bettertogether.core.languages import language_name
from bettertogether.core.text import csv_safe
from bettertogether.positions.door import dict_of_pairs, province_name

from .coverage import ANY, Analysis, CategoryCoverage
from .inputs import Result, category_label
from .outlines import OUTLINE_ATTRIBUTION, available, province_outlines

LMIA_ATTRIBUTION = "Contains information licensed under the Open Government Licence – Canada."
# The licence's own French wording, for French reports.
LMIA_ATTRIBUTION_FR = "Contient des informations visées par la Licence du gouvernement ouvert – Canada."
LMIA_SOURCE = (
    "Employment and Social Development Canada, Temporary Foreign Worker Program: positive Labour Market "
    "Impact Assessment (LMIA) employers lists (open data portal dataset 90fed587-1364-4f33-a9ee-208181dc0b97)"
)
GAPS_SHOWN = 25
DISTANCE_BANDS = (1, 2, 4)  # multiples of the radius: the map's colour classes


def _km(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _category(figures: CategoryCoverage) -> dict[str, Any]:
    return {
        "label": category_label(figures.category),
        "covered_positions": figures.covered_positions,
        "uncovered_positions": figures.uncovered_positions,
        "unplaced_positions": figures.unplaced_positions,
        "coverage": _share(figures.coverage),
        "covered_in_language": figures.covered_in_language,
        "coverage_in_language": _share(figures.coverage_in_language),
    }


def as_json(result: Result, *, with_places: bool = True, with_services: bool = True) -> dict[str, Any]:
    """The analysis as plain JSON-ready data. Distances in km to 0.1, shares to 4 decimals."""
    a: Analysis = result.analysis
    f = result.filters
    data: dict[str, Any] = {
        "period": {"from": f.positions.period_from, "to": f.positions.period_to},
        "filters": dict_of_pairs(f.as_query()),
        "radius_km": f.radius_km,
        "distance": "great-circle",  # a straight line on the sphere, not a route
        "category": f.category,
        "language": f.language,
        "total_positions": a.overall.total_positions,
        "placed_positions": a.overall.placed_positions,
        "unplaced_positions": a.overall.unplaced_positions,
        "places_count": sum(1 for p in a.places if p.place.placed),
        "positions_by_precision": _by_precision(a),
        "services_count": len({s.id for s in a.services}),
        "service_points": len(a.services),
        "services_without_point": result.services_without_point,
        "categories": {c: _category(a.overall.categories[c]) for c in a.categories},
        "provinces": [
            {
                "province": area.province,
                "name": province_name(area.province),
                "total_positions": area.total_positions,
                "placed_positions": area.placed_positions,
                "unplaced_positions": area.unplaced_positions,
                "places": area.places,
                "categories": {c: _category(area.categories[c]) for c in a.categories},
            }
            for area in a.provinces
        ],
        "gaps": {
            c: [
                {
                    "rank": rank,
                    "name": g.name,
                    "province": g.province,
                    "positions": g.positions,
                    "precision": g.precision,
                    "latitude": round(a.places[g.place].place.latitude or 0.0, 5),
                    "longitude": round(a.places[g.place].place.longitude or 0.0, 5),
                    "nearest_km": _km(g.km),
                    "km_beyond_radius": _km(g.excess_km(a.radius_km)),
                    "need_position_km": None if g.need(a.radius_km) is None else round(g.need(a.radius_km) or 0.0),
                    "nearest_service": g.service.name if g.service else None,
                    "nearest_service_organization": g.service.organization if g.service else None,
                }
                for rank, g in enumerate(a.gaps[c][:GAPS_SHOWN], start=1)
            ]
            for c in a.categories
        },
        "suggestions": {
            c: [
                {
                    "k": s.k,
                    "name": s.candidate.name,
                    "province": s.candidate.province,
                    "latitude": round(s.candidate.latitude, 5),
                    "longitude": round(s.candidate.longitude, 5),
                    "new_positions": s.new_positions,
                    "new_places": s.new_places,
                    "cumulative_positions": s.cumulative_positions,
                    "coverage_after": _share(s.coverage_after),
                }
                for s in a.suggestions[c]
            ]
            for c in a.categories
        },
        "candidates": a.candidates,
        "candidate_kind": f.candidates,
        "unplaced": [{"name": p.name, "province": p.province, "positions": p.positions} for p in a.unplaced],
        "sources": {"positions": LMIA_SOURCE, "licence": LMIA_ATTRIBUTION, "services": _("Better Together directory")},
    }
    if with_places:
        data["places"] = [
            {
                "name": r.place.name,
                "province": r.place.province,
                "latitude": None if r.place.latitude is None else round(r.place.latitude, 5),
                "longitude": None if r.place.longitude is None else round(r.place.longitude, 5),
                "precision": r.place.precision or None,
                "positions": r.place.positions,
                "nearest_km": {c: _km(r.nearest_km[c]) for c in a.categories},
                **(
                    {"nearest_km_language": {c: _km(v) for c, v in r.nearest_km_language.items()}} if a.language else {}
                ),
            }
            for r in a.places
        ]
    if with_services:
        data["services"] = [
            {
                "id": s.id,
                "name": s.name,
                "organization": s.organization,
                "latitude": round(s.latitude, 5),
                "longitude": round(s.longitude, 5),
                "categories": sorted(s.categories),
                "languages": sorted(s.languages),
                "provinces": sorted(s.provinces),  # the provinces it serves; empty for a national service
            }
            for s in a.services
        ]
    return data


def _by_precision(a: Analysis) -> dict[str, int]:
    """Positions per location precision ('none' = without coordinates), most precise first."""
    order = ("postal_code", "fix", "fsa", "place", "none")
    counts: dict[str, int] = dict.fromkeys(order, 0)
    for r in a.places:
        key = r.place.precision if r.place.placed and r.place.precision in counts else "none"
        counts[key] += r.place.positions
    return {k: v for k, v in counts.items() if v}


# ---------------------------------------------------------------------------------------------------------------
# CSV: one row per place, nearest service per category.


def csv_rows(data: dict[str, Any]) -> Iterator[list[Any]]:
    categories = list(data["categories"])
    yield [
        "name",
        "province",
        "latitude",
        "longitude",
        "precision",
        "positions",
        *(f"nearest_km_{c}" for c in categories),
        *(f"within_{c}" for c in categories),
        "period_from",
        "period_to",
        "radius_km",
    ]
    radius = data["radius_km"]
    for p in data["places"]:
        km = [p["nearest_km"][c] for c in categories]
        yield [
            csv_safe(p["name"]),
            p["province"],
            "" if p["latitude"] is None else p["latitude"],
            "" if p["longitude"] is None else p["longitude"],
            p["precision"] or "",
            p["positions"],
            *("" if v is None else v for v in km),
            *("" if p["latitude"] is None else int(v is not None and v <= radius) for v in km),
            data["period"]["from"],
            data["period"]["to"],
            radius,
        ]


# ---------------------------------------------------------------------------------------------------------------
# Map image and PDF


def band(km: float | None, radius: float) -> int:
    """0 within the radius … 3 beyond 4× the radius (or no service at all)."""
    if km is None:
        return len(DISTANCE_BANDS)
    for i, factor in enumerate(DISTANCE_BANDS):
        if km <= radius * factor:
            return i
    return len(DISTANCE_BANDS)


BAND_COLOURS = ("#1a9850", "#fee08b", "#fc8d59", "#d73027")


def map_png(data: dict[str, Any], category: str, *, width_in: float = 7.0, height_in: float = 5.2) -> bytes:
    """Places coloured by distance to the nearest service of `category`, services as triangles, province
    outlines underneath when the outline package is installed. Plain lat/lon frame, equirectangular."""
    # The object API, not pyplot: no global figure state, safe in a threaded server.
    from matplotlib.figure import Figure  # noqa: PLC0415  (a second or more to load: only when a map is drawn)

    radius = data["radius_km"]
    placed = [p for p in data["places"] if p["latitude"] is not None]
    services = [s for s in data.get("services", []) if category == ANY or category in s["categories"]]
    fig = Figure(figsize=(width_in, height_in), dpi=150)
    ax = fig.subplots()
    lats = [p["latitude"] for p in placed] + [s["latitude"] for s in services]
    lons = [p["longitude"] for p in placed] + [s["longitude"] for s in services]
    if lats:
        pad = 0.6
        south, north = min(lats) - pad, max(lats) + pad
        west, east = min(lons) - pad, max(lons) + pad
    else:
        south, north, west, east = 43.3, 47.2, -67.0, -59.7
    for ring in province_outlines(west, south, east, north):
        ax.plot(ring[0], ring[1], color="#9a9a9a", linewidth=0.5, zorder=1)
    labels = [
        _("within %(r)g km") % {"r": radius},
        _("up to %(r)g km") % {"r": radius * DISTANCE_BANDS[1]},
        _("up to %(r)g km") % {"r": radius * DISTANCE_BANDS[2]},
        _("farther, or none"),
    ]
    for b in range(len(BAND_COLOURS)):
        group = [p for p in placed if band(p["nearest_km"][category], radius) == b]
        if not group:
            continue
        ax.scatter(
            [p["longitude"] for p in group],
            [p["latitude"] for p in group],
            s=[6 + 2.2 * p["positions"] ** 0.75 for p in group],
            c=BAND_COLOURS[b],
            edgecolors="#333333",
            linewidths=0.3,
            alpha=0.85,
            label=labels[b],
            zorder=3,
        )
    if services:
        ax.scatter(
            [s["longitude"] for s in services],
            [s["latitude"] for s in services],
            marker="^",
            s=22,
            c="#1f3a93",
            label=_("service"),
            zorder=4,
        )
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    mid = (south + north) / 2
    ax.set_aspect(1 / max(0.2, math.cos(math.radians(mid))))
    ax.set_xlabel(_("longitude"))
    ax.set_ylabel(_("latitude"))
    ax.tick_params(labelsize=7)
    ax.legend(loc="lower right", fontsize=7, framealpha=0.9, markerscale=0.7)
    ax.set_title(category_label(category), fontsize=9)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def report_context(result: Result, data: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the page and the PDF templates share."""
    data = data if data is not None else as_json(result)
    category = result.filters.category
    categories = [{"slug": c, **data["categories"][c]} for c in data["categories"]]
    provinces = [
        {**p, "rows": [{"slug": c, **p["categories"][c]} for c in data["categories"]]} for p in data["provinces"]
    ]
    best_sites = [
        {"slug": c, "label": category_label(c), **picks[0]} for c, picks in data["suggestions"].items() if picks
    ]
    return {
        "data": data,
        "category": category,
        "category_label": category_label(category),
        "categories_table": categories,
        "provinces_table": provinces,
        "gap_rows": data["gaps"][category],
        "suggestion_rows": data["suggestions"][category],
        "best_sites": best_sites,
        "lmia_attribution": lmia_attribution(),
        "lmia_source": LMIA_SOURCE,
        "generated": timezone.now(),
        "language_name": _language_name(result.filters.language),
    }


def lmia_attribution() -> str:
    return LMIA_ATTRIBUTION_FR if (translation.get_language() or "").startswith("fr") else LMIA_ATTRIBUTION


def _language_name(code: str) -> str:
    return language_name(code) if code else ""


def pdf_bytes(result: Result) -> bytes:
    """The printable briefing as PDF bytes."""
    return bytes(pdf_document(result).write_pdf())


def pdf_document(result: Result) -> Any:
    """The briefing laid out in pages by WeasyPrint from gaps/report_pdf.html. Nothing is fetched:
    the map is an inline PNG and the fetcher refuses every URL that is not data:."""
    from weasyprint import HTML, default_url_fetcher  # noqa: PLC0415  (needs pango, see pdf_available)

    def fetcher(url: str, timeout: int = 10, ssl_context: Any = None) -> Any:
        if not url.startswith("data:"):
            raise ValueError(f"refused to fetch {url[:60]}")
        return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)

    data = as_json(result)
    context = report_context(result, data)
    context["map_data_uri"] = "data:image/png;base64," + base64.b64encode(
        map_png(data, result.filters.category)
    ).decode("ascii")
    context["outline_attribution"] = OUTLINE_ATTRIBUTION if available() else ""
    html = render_to_string("gaps/report_pdf.html", context)
    return HTML(string=html, url_fetcher=fetcher, base_url=None).render()


def pdf_available() -> tuple[bool, str]:
    """Whether WeasyPrint and its system libraries (pango) load here, and why not."""
    try:
        import weasyprint  # noqa: F401, PLC0415  (pango may be missing: the other pages still load)
    except (ImportError, OSError) as exc:
        return False, f"WeasyPrint cannot load ({exc}); install libpango-1.0-0 libpangoft2-1.0-0"
    return True, ""
