"""Province outlines for the report's map image, read once by the offline basemap (core/basemap.py) from the
`coord2loc-can` package (geoBoundaries, CC BY 4.0). Optional: without the package the map is drawn on a
plain latitude/longitude frame."""

from __future__ import annotations

from typing import Any

import shapely

from bettertogether.core.basemap import province_geometries

OUTLINE_ATTRIBUTION = "Province outlines: geoBoundaries (CC BY 4.0), via coord2loc-can."


def _provinces() -> tuple[Any, ...]:
    return tuple(geometry for _code, geometry in province_geometries())


def available() -> bool:
    return bool(_provinces())


def province_outlines(west: float, south: float, east: float, north: float) -> list[tuple[list[float], list[float]]]:
    """Outline rings (longitudes, latitudes) inside the box, simplified to about 1/400 of its width."""
    geometries = _provinces()
    if not geometries:
        return []
    tolerance = max(0.002, (east - west) / 400)
    rings: list[tuple[list[float], list[float]]] = []
    for geometry in geometries:
        clipped = shapely.simplify(shapely.clip_by_rect(geometry, west, south, east, north), tolerance)
        for part in getattr(clipped, "geoms", [clipped]):
            if part.is_empty or part.geom_type != "Polygon":
                continue
            for ring in (part.exterior, *part.interiors):
                xs, ys = ring.xy
                rings.append((list(xs), list(ys)))
    return rings
