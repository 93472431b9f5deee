"""GeoJSON geometries into shapely, a whole layer at a time.

shapely.geometry.shape() builds one geometry at a time and walks every coordinate in
Python, which made reading the map layers the slowest part of loading the data.  Here
the coordinates of all a layer's polygons and lines are gathered into one array and
shapely builds the rings, polygons and lines from it in a few calls.  The geometries are
the same as shape() gives (tests/test_data.py compares them); anything else, or anything
malformed, goes through shape() one feature at a time, so that its error is shapely's own.
"""

from __future__ import annotations

from itertools import chain

import numpy as np
import shapely
from shapely.geometry import shape

# The kinds built here, a layer at a time (any other kind goes through shape()).
_KINDS = frozenset({"LineString", "MultiLineString", "Polygon", "MultiPolygon"})


def read_geometries(features: list) -> list:
    """The shapely geometry of each GeoJSON feature (a dict), in order; for a feature whose
    geometry cannot be read, the exception shape() raised for it instead."""
    try:
        return _all_at_once([feature["geometry"] for feature in features])
    except Exception:       # noqa: BLE001 (malformed somewhere: find which, one by one)
        return [_one(feature) for feature in features]


def _one(feature: dict):
    try:
        return shape(feature["geometry"])
    except Exception as err:  # noqa: BLE001 (shapely raises several types for bad input)
        return err


def _all_at_once(items: list) -> list:
    out = [None] * len(items)
    lines: list = []          # (item index, [point lists]) for each line or ring group
    polygons: list = []       # (item index, [[ring point lists], ...]) polygon by polygon
    for i, item in enumerate(items):
        kind, coords = item["type"], item["coordinates"]
        if kind not in _KINDS:
            out[i] = shape(item)
        elif kind == "LineString":
            lines.append((i, [coords]))
        elif kind == "MultiLineString":
            lines.append((i, coords))
        else:
            polygons.append((i, [coords] if kind == "Polygon" else coords))
    if not all(polys and all(polys) for _, polys in polygons) or \
            not all(group for _, group in lines):
        raise ValueError("an empty geometry or polygon")

    # Polygons: every ring's points in one array, then rings -> polygons -> multipolygons.
    rings = [ring for _, polys in polygons for poly in polys for ring in poly]
    if rings:
        ring_of = np.repeat(np.arange(len(rings)), [len(ring) for ring in rings])
        built = shapely.linearrings(_points(rings), indices=ring_of)
        polygon_of = np.repeat(np.arange(sum(len(polys) for _, polys in polygons)),
                               [len(poly) for _, polys in polygons for poly in polys])
        _hand_out(shapely.polygons(built, indices=polygon_of), polygons, items, out,
                  "MultiPolygon", shapely.multipolygons)

    # Lines: every line's points in one array, then lines -> multilines.
    parts = [line for _, group in lines for line in group]
    if parts:
        line_of = np.repeat(np.arange(len(parts)), [len(line) for line in parts])
        _hand_out(shapely.linestrings(_points(parts), indices=line_of), lines, items, out,
                  "MultiLineString", shapely.multilinestrings)
    return out


def _hand_out(built, groups, items, out, multi_kind, make_multi) -> None:
    """Give each item its built parts, in order: one part, or a multi-part of them."""
    start = 0
    for i, group in groups:
        parts = built[start:start + len(group)]
        start += len(group)
        out[i] = make_multi(parts) if items[i]["type"] == multi_kind else parts[0]


def _points(lists: list) -> np.ndarray:
    """Lists of [lon, lat] points as one (n, 2) array of numbers."""
    points = list(chain.from_iterable(lists))
    if set(map(len, points)) != {2}:
        raise ValueError("a point that is not [lon, lat]")
    return np.fromiter(chain.from_iterable(points), dtype=float,
                       count=2 * len(points)).reshape(-1, 2)
