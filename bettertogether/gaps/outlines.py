"""Province outlines for the report's map image, from the `coord2loc-can` package (geoBoundaries,
CC BY 4.0: zlib-compressed msgpack of WKB multipolygons, one per province). Optional: without the
package the map is drawn on a plain latitude/longitude frame."""

from __future__ import annotations

import functools
import zlib
from typing import Any

OUTLINE_ATTRIBUTION = "Province outlines: geoBoundaries (CC BY 4.0), via coord2loc-can."


@functools.lru_cache(maxsize=1)
def _provinces() -> tuple[Any, ...]:
    try:
        import coord2loc_can
        import msgpack
        import shapely
    except ImportError:
        return ()
    _name, polygons, _meta = coord2loc_can.get_data()
    blobs = msgpack.unpackb(zlib.decompress(polygons.read_bytes()), strict_map_key=False)
    return tuple(shapely.from_wkb(blob) for blob in blobs)


def available() -> bool:
    return bool(_provinces())


def province_outlines(west: float, south: float, east: float, north: float) -> list[tuple[list[float], list[float]]]:
    """Outline rings (longitudes, latitudes) inside the box, simplified to about 1/400 of its width."""
    geometries = _provinces()
    if not geometries:
        return []
    import shapely

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
