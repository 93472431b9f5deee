"""Loading: every data file of the pack is read, checked and cached here, and only here.

Paths are resolved from this package, so a notebook opened from any folder finds
the data (set the environment variable LESSONKIT_DATA to read another copy of data/).
A missing or malformed file raises DataFileError, whose message names the file, the
row and what to do about it.  Besides each value, the files are checked as a whole:
no id twice, every place and source an event or claim names is listed, and every
place the notebooks use is there.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from . import freeze_imports
from .geojson import read_geometries

DATA_DIR = Path(os.environ.get("LESSONKIT_DATA") or Path(__file__).resolve().parent.parent / "data")

# Said for a file that ships with the pack, in words that work without git (a ZIP download).
RESTORE = ("It comes with the pack. To put the original back, download the pack again (for "
           "example as a ZIP file) and copy data/{name} from the new copy into this one's data "
           "folder (in a git clone, `git checkout -- data/{name}` does the same; on a school "
           "server, ask your teacher). Then restart the kernel.")


class DataFileError(Exception):
    """A data file is missing or malformed; the message says which, where and what to do."""


@dataclass(frozen=True)
class Col:
    """One column of a CSV file and what its values must look like."""

    name: str
    kind: str = "text"          # text | number | date | choice | place | sources
    required: bool = True
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()


# What kind of publication each row of sources.csv is (data/README.md explains each kind).
# State media count only for what their own state said.
# The kinds of event in events.csv, in the order notebook 02's timeline lists them.
EVENT_CATEGORIES = ("invasion", "occupation", "counter-offensive", "retaken", "withdrawal",
                    "statement", "strike", "other")
SOURCE_KINDS = ("official statement", "wire service", "broadcaster or newspaper", "news website",
                "think tank or analyst", "government intelligence assessment", "statistics office",
                "reference work", "data publisher", "state media of Russia",
                "state media of Ukraine", "commentary")
# The kinds a fact may rest on: every fact row cites at least one (tests/test_sources.py).
STRONG_SOURCE_KINDS = frozenset({"official statement", "wire service", "broadcaster or newspaper",
                                 "think tank or analyst", "government intelligence assessment",
                                 "statistics office", "reference work"})

SOURCES = Col("sources", "sources")    # source ids from sources.csv, separated by ";"
SCHEMAS: dict[str, list[Col]] = {
    "places.csv": [
        Col("label"), Col("name_local"), Col("kind"), Col("country"),
        Col("oblast", required=False),
        Col("lat", "number", low=30, high=72), Col("lon", "number", low=-15, high=60),
        Col("geonameid", "number", low=1), Col("source"),
    ],
    "sources.csv": [
        Col("source_id"), Col("publisher"), Col("title"),
        Col("date"),                         # YYYY-MM-DD, YYYY-MM, or "undated"
        Col("url"), Col("kind", "choice", choices=SOURCE_KINDS),
    ],
    "events.csv": [
        Col("event_id"), Col("date", "date"), Col("date_latest", "date", required=False),
        Col("place", "place", required=False),
        Col("category", "choice", choices=EVENT_CATEGORIES),
        Col("what"), Col("reported_by"),
        Col("status", "choice", choices=("confirmed", "claimed", "disputed")), SOURCES,
    ],
    "claims.csv": [
        Col("claim_id"), Col("date", "date"), Col("who"), Col("role"),
        Col("side", "choice", choices=("Ukraine", "Russia", "independent", "UK government")),
        Col("claim"), Col("value", "number", low=0), Col("unit"),
        Col("covers_area"), Col("covers_period"),
        Col("status", "choice", choices=("claimed", "independent estimate",
                                         "government intelligence assessment", "confirmed")),
        SOURCES,
    ],
    "reference_areas.csv": [
        Col("name"), Col("area_km2", "number", low=1, high=1e7), Col("kind"),
        Col("country"), SOURCES,
    ],
    "control_areas.csv": [
        Col("snapshot", "date"), Col("vertex", "number", low=1),
        Col("label"), Col("lat", "number", low=47, high=52), Col("lon", "number", low=34, high=41),
        Col("geonameid", required=False), Col("basis"), SOURCES,
    ],
    "supply_routes.csv": [
        Col("route_id"), Col("route_name"), Col("mode", "choice", choices=("rail", "road")),
        Col("order", "number", low=1), Col("label"),
        Col("lat", "number", low=47, high=52), Col("lon", "number", low=34, high=41),
        Col("geonameid", required=False), SOURCES,
    ],
}

# The column(s) that identify a row: no two rows of a file may share them.
KEYS = {
    "places.csv": ("label",), "sources.csv": ("source_id",), "events.csv": ("event_id",),
    "claims.csv": ("claim_id",), "reference_areas.csv": ("name",),
    "control_areas.csv": ("snapshot", "vertex"), "supply_routes.csv": ("route_id", "order"),
}

# Every place the notebooks and lessonkit name (tests/test_data.py keeps this list complete):
# places.csv must have them all, so a file cut short fails here and not halfway through a lesson.
NEEDED_PLACES = (
    "Balakliia", "Belgorod", "Chuhuiv", "Dnipro", "Donetsk", "Izium", "Kharkiv", "Kherson",
    "Kupiansk", "Kupiansk-Vuzlovyi", "Kyiv", "London", "Luhansk", "Lviv", "Lyman", "Moscow",
    "Odesa", "Oskil", "Poltava", "Sevastopol", "Shevchenkove", "Simferopol", "Sloviansk", "Sumy",
    "Valuyki", "Verbivka", "Zaporizhzhia",
)


@dataclass(frozen=True)
class Layer:
    """What a GeoJSON layer must hold: the lon/lat box every coordinate falls in, the
    properties every feature has, and the property (if any) no two features share."""

    box: tuple[float, float, float, float]
    props: tuple[str, ...] = ("name",)
    key: str | None = "name"


LAYERS = {
    "countries.geojson": Layer((19.9, 42.9, 42.1, 54.1), ("iso_a3", "name"), "iso_a3"),
    "europe.geojson": Layer((-25.1, 29.9, 80.1, 75.1), ("iso_a3", "name"), "iso_a3"),
    "oblasts.geojson": Layer((22.0, 44.3, 40.3, 52.4),
                             ("name", "name_local", "iso_3166_2", "kind")),
    "rivers.geojson": Layer((19.9, 42.9, 42.1, 54.1)),           # unnamed rivers have ""
    "lakes.geojson": Layer((19.9, 42.9, 42.1, 54.1), key=None),   # lakes are all unnamed
}

SAVE_AS_UTF8 = ("Save it again as UTF-8: in Excel choose File > Save As > "
                "'CSV UTF-8 (Comma delimited)'; in LibreOffice tick 'Edit filter settings' "
                "and choose 'Unicode (UTF-8)'.")


def _path(name: str) -> Path:
    path = DATA_DIR / name
    if not path.is_file():
        raise DataFileError(f"The data file data/{name} is missing (looked in {DATA_DIR}). "
                            + RESTORE.format(name=name))
    return path


def _text(name: str) -> str:
    """A data file's text, without the byte-order mark Excel's "CSV UTF-8" adds."""
    raw = _path(name).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        advice = (" (it was probably saved as plain 'CSV', which breaks letters like é or ї). "
                  + SAVE_AS_UTF8 if name.endswith(".csv") else ". " + RESTORE.format(name=name))
        raise DataFileError(f"data/{name}, line {line}: the file is not in the UTF-8 encoding "
                            "the pack uses" + advice) from None


def _parse(value: str, col: Col, where: str) -> object:
    """Turn one CSV cell into a Python value, or explain why it cannot be."""
    if value == "":
        if col.required:
            raise DataFileError(f"{where}: column '{col.name}' is empty but must be filled in.")
        return None
    if col.kind == "number":
        try:
            number = float(value)
        except ValueError:
            raise DataFileError(f"{where}: column '{col.name}' should be a number "
                                f"but is {value!r}.") from None
        if (col.low is not None and number < col.low) or (col.high is not None
                                                           and number > col.high):
            raise DataFileError(f"{where}: column '{col.name}' is {value}, outside the expected "
                                f"range {col.low:g} to {col.high:g}.")
        return number
    if col.kind == "date":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise DataFileError(f"{where}: column '{col.name}' is {value!r}, not a date in the "
                                "form YYYY-MM-DD (for example 2022-09-10).") from None
    if col.kind == "choice" and value not in col.choices:
        raise DataFileError(f"{where}: column '{col.name}' is {value!r}; it must be one of "
                            f"{', '.join(col.choices)}.")
    return value


@cache
def read_table(name: str) -> tuple[dict, ...]:
    """Read one CSV file of the pack as a tuple of row dicts with checked, typed values."""
    schema = SCHEMAS[name]
    reader = csv.DictReader(io.StringIO(_text(name), newline=""))
    missing = [c.name for c in schema if c.name not in (reader.fieldnames or [])]
    if missing:
        raise DataFileError(f"data/{name}: the header has no column {', '.join(missing)} "
                            f"(found: {', '.join(reader.fieldnames or ['nothing'])}). "
                            + RESTORE.format(name=name))
    rows, lines = [], []
    for raw in reader:
        where = f"data/{name}, line {reader.line_num}"
        if None in raw or any(v is None for v in raw.values()):
            raise DataFileError(f"{where}: the row has the wrong number of fields "
                                "(a missing or extra comma?). " + RESTORE.format(name=name))
        rows.append({c.name: _parse(raw[c.name].strip(), c, where) for c in schema})
        lines.append(reader.line_num)
    if not rows:
        raise DataFileError(f"data/{name} has a header but no rows. " + RESTORE.format(name=name))
    _check_whole(name, rows, lines)
    return tuple(rows)


def _check_whole(name: str, rows: list[dict], lines: list[int]) -> None:
    """No id twice; every place and source a row names is listed; every needed place is there."""
    key, first = KEYS[name], {}
    for row, line in zip(rows, lines):
        ident = tuple(row[c] for c in key)
        if ident in first:
            shown = ", ".join(f"{c} {_show(row[c])}" for c in key)
            raise DataFileError(f"data/{name}: lines {first[ident]} and {line} both have {shown}. "
                                f"Each row needs its own {' and '.join(key)}: delete the copy, "
                                "or give one of them a new one.")
        first[ident] = line
        for col in SCHEMAS[name]:
            if col.kind == "place" and row[col.name] is not None:
                _check_listed(row[col.name], "places.csv", "label", f"data/{name}, line {line}")
            if col.kind == "sources" and row[col.name] is not None:
                for source in filter(None, (s.strip() for s in row[col.name].split(";"))):
                    _check_listed(source, "sources.csv", "source_id",
                                  f"data/{name}, line {line}")
    if name == "places.csv":
        gone = [p for p in NEEDED_PLACES if (p,) not in first]
        if gone:
            raise DataFileError(f"data/places.csv has no row for {', '.join(map(repr, gone))}, "
                                "which the notebooks use (was the file cut short, or a row "
                                "deleted?). " + RESTORE.format(name=name))


def _show(value: object) -> str:
    """A cell's value as the file has it: 'Kyiv', 2022-09-05, 3."""
    return f"{value:g}" if isinstance(value, float) else repr(value) if isinstance(value, str) \
        else str(value)


def _check_listed(value: str, name: str, column: str, where: str) -> None:
    """A value that must be the id of a row in another file."""
    known = [row[column] for row in read_table(name)]
    if value not in known:
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise DataFileError(f"{where}: {value!r}{hint} is not in data/{name}. Fix the spelling, "
                            f"or add a row for it to data/{name} (see data/README.md, "
                            "'Adding an event, a place or a claim').")


@dataclass(frozen=True)
class Feature:
    """One map feature: its properties and its shapely geometry (lon/lat degrees)."""

    props: dict
    geometry: BaseGeometry


@cache
def read_layer(name: str) -> tuple[Feature, ...]:
    """Read one GeoJSON layer, checking every feature's properties and geometry."""
    try:
        features = [dict(f) for f in json.loads(_text(name))["features"]]
    except (KeyError, TypeError, ValueError) as err:   # ValueError includes bad JSON
        raise DataFileError(f"data/{name} is not a readable GeoJSON FeatureCollection ({err}). "
                            + RESTORE.format(name=name)) from None
    layer, out, first = LAYERS[name], [], {}
    west, south, east, north = layer.box
    for i, (feat, geom) in enumerate(zip(features, read_geometries(features))):
        props = feat.get("properties")
        where = f"data/{name}, feature {i}"
        if not isinstance(props, dict):
            raise DataFileError(f"{where}: its \"properties\" are {json.dumps(props)}, but "
                                f"every feature needs {', '.join(layer.props)}. "
                                + RESTORE.format(name=name))
        where += f" ({props.get('name') or '?'})"
        missing = [p for p in layer.props if not isinstance(props.get(p), str)]
        if missing:
            raise DataFileError(f"{where}: it has no property {' or '.join(missing)} (every "
                                f"feature needs {', '.join(layer.props)}). "
                                + RESTORE.format(name=name))
        ident = props[layer.key] if layer.key else ""
        if ident and ident in first:
            raise DataFileError(f"data/{name}: features {first[ident]} and {i} both have "
                                f"{layer.key} {ident!r}; delete the copy. "
                                + RESTORE.format(name=name))
        first[ident] = i
        if isinstance(geom, Exception):
            raise DataFileError(f"{where}: the geometry cannot be read ({geom}). "
                                + RESTORE.format(name=name))
        x0, y0, x1, y1 = geom.bounds
        if not (west <= x0 and south <= y0 and x1 <= east and y1 <= north):
            raise DataFileError(f"{where}: coordinates reach ({x0:.2f}, {y0:.2f})-({x1:.2f}, "
                                f"{y1:.2f}), outside the expected lon {west}..{east}, lat "
                                f"{south}..{north}. " + RESTORE.format(name=name))
        if not geom.is_valid:
            raise DataFileError(f"{where}: the geometry is not valid (it crosses itself "
                                "or is broken). " + RESTORE.format(name=name))
        out.append(Feature(props, geom))
    return tuple(out)


@dataclass(frozen=True)
class Place:
    """A named place from data/places.csv."""

    label: str
    name_local: str
    kind: str
    country: str
    oblast: str | None
    lat: float
    lon: float

    @property
    def point(self) -> Point:
        return Point(self.lon, self.lat)


@cache
def places() -> dict[str, Place]:
    """Every place the notebooks mention, by English label."""
    return {r["label"]: Place(r["label"], r["name_local"], r["kind"], r["country"],
                              r["oblast"], r["lat"], r["lon"])
            for r in read_table("places.csv")}


def place(label: str) -> Place:
    """One place by its English label, with a suggestion if the spelling is off."""
    table = places()
    if label in table:
        return table[label]
    close = difflib.get_close_matches(str(label), table, n=3, cutoff=0.5)
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise KeyError(f"There is no place called {label!r} in data/places.csv.{hint}")


def country(iso_a3: str, *, coarse: bool = False) -> BaseGeometry:
    """One country's outline (Ukraine as recognised internationally, with Crimea)."""
    layer = "europe.geojson" if coarse else "countries.geojson"
    for feat in read_layer(layer):
        if feat.props["iso_a3"] == iso_a3:
            return feat.geometry
    raise KeyError(f"No country with code {iso_a3!r} in data/{layer}.")


def oblast(name: str) -> BaseGeometry:
    """One of Ukraine's 27 first-level units by English name (e.g. 'Kharkiv')."""
    for feat in read_layer("oblasts.geojson"):
        if feat.props["name"] == name:
            return feat.geometry
    raise KeyError(f"No oblast called {name!r} in data/oblasts.geojson.")


def river(name: str) -> BaseGeometry:
    """A named river line: 'Siverskyi Donets' or 'Oskil'."""
    for feat in read_layer("rivers.geojson"):
        if feat.props["name"] == name:
            return feat.geometry
    raise KeyError(f"No river called {name!r} in data/rivers.geojson.")


def load_all() -> None:
    """Read and check every data file once (the benchmark and the tests use this)."""
    for name in LAYERS:
        read_layer(name)
    for name in SCHEMAS:
        read_table(name)


def border(iso_a3: str) -> BaseGeometry:
    """Ukraine's land border with one neighbour, as lines (e.g. border('RUS'))."""
    neighbour = country(iso_a3).buffer(0.005)
    return country("UKR").boundary.intersection(neighbour)


# The window the approximate control areas are drawn in (lon/lat): Kharkiv oblast
# east of Kharkiv city and the edges of Donetsk and Luhansk oblasts.
CONTROL_WINDOW = (35.6, 48.75, 38.6, 50.45)


def control_snapshots() -> list[dt.date]:
    """The dates for which data/control_areas.csv has an approximate outline."""
    return sorted({r["snapshot"] for r in read_table("control_areas.csv")})


@cache
def control_area(snapshot: dt.date | str) -> BaseGeometry:
    """APPROXIMATE area held by Russian forces in the window on one date.

    The outline joins the vertices in data/control_areas.csv in order, then is
    clipped to Ukraine's border and to CONTROL_WINDOW, so it shows only land in
    Ukraine inside the window.
    """
    from shapely.geometry import Polygon, box

    if isinstance(snapshot, str):
        snapshot = dt.date.fromisoformat(snapshot)
    rows = sorted((r for r in read_table("control_areas.csv") if r["snapshot"] == snapshot),
                  key=lambda r: r["vertex"])
    if len(rows) < 3:
        dates = ", ".join(str(d) for d in control_snapshots())
        raise KeyError(f"data/control_areas.csv has no outline for {snapshot}; "
                       f"it has: {dates}.")
    ring = Polygon([(r["lon"], r["lat"]) for r in rows])
    if not ring.is_valid:
        raise DataFileError(f"data/control_areas.csv: the outline for {snapshot} crosses "
                            "itself; check the order of its vertices.")
    return ring.intersection(country("UKR")).intersection(box(*CONTROL_WINDOW))


def supply_routes() -> dict[str, dict]:
    """The schematic supply routes: name, mode and (lon, lat) points in order, by route id."""
    routes: dict[str, dict] = {}
    for r in sorted(read_table("supply_routes.csv"), key=lambda r: (r["route_id"], r["order"])):
        route = routes.setdefault(r["route_id"], {"name": r["route_name"], "mode": r["mode"],
                                                  "points": [], "labels": []})
        route["points"].append((r["lon"], r["lat"]))
        route["labels"].append(r["label"])
    return routes


freeze_imports()
