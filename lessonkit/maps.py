"""The drawing engine: the standard maps (views, projections, base layers) and the
areas and lines drawn on them.

Every map is drawn from the files in data/ and never from cartopy's Natural
Earth features, which download at run time and fail offline.  Labels, keys, scale
bars and grids go on top with lessonkit.decorations; colours and credits come from
lessonkit.look.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import cartopy
import matplotlib.pyplot as plt
import numpy as np
import shapely
from cartopy.mpl.path import shapely_to_path
from matplotlib.artist import Artist, allow_rasterization
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.patches import Patch
from matplotlib.path import Path
from matplotlib.transforms import Bbox, IdentityTransform
from pyproj import Transformer
from shapely.geometry import box

from . import data, freeze_imports, older_version
from .look import FONT_PT, HALO, PALETTE, add_credits, has_credits
from .measure import from_lonlat, geodesic, lonlat

# Fail at once, with cartopy's own message, if anything asks for a download
# (instead of hanging behind a school proxy).
cartopy.config["downloaders"] = {}
import cartopy.crs as ccrs  # noqa: E402  (after the config change on purpose)


@dataclass(frozen=True)
class View:
    """A standard map: its lon/lat extent, projection and which layers it shows.

    `limits` is the same extent in the projection's own coordinates (x0, x1, y0, y1), as
    cartopy's set_extent works it out.  It is written down because working it out builds
    a PROJ transformer, about 20 ms in every kernel; tests/test_map_details.py checks that
    the two still agree (and prints the numbers to write here if they do not).
    """

    extent: tuple[float, float, float, float]     # west, east, south, north
    projection: ccrs.Projection
    size: tuple[float, float]
    oblasts: bool
    rivers: str                                   # "none", "named" or "all"
    limits: tuple[float, float, float, float]
    coarse: bool = False


def _conformal(lon: float, lat: float, parallels: tuple[float, float]) -> ccrs.Projection:
    """Lambert conformal conic centred on (lon, lat): shapes kept, scale true along two
    parallels (a country-sized map's usual choice)."""
    return ccrs.LambertConformal(central_longitude=lon, central_latitude=lat,
                                 standard_parallels=parallels)


VIEWS = {
    "europe": View((-11.0, 48.0, 35.0, 62.0),
                   ccrs.LambertAzimuthalEqualArea(central_longitude=18, central_latitude=50),
                   (10, 7.4), oblasts=False, rivers="none", coarse=True,
                   limits=(-2601116.3495898787, 2685830.311765881,
                           -1657389.4566306684, 1659666.3973444311)),
    "ukraine": View((21.8, 40.6, 43.9, 52.7), _conformal(31.2, 48.5, (45, 51)),
                    (11, 7.6), oblasts=True, rivers="named",
                    limits=(-754204.6572467004, 754204.6572467006,
                            -464948.91236709355, 505946.17615261796)),
    "east": View((35.45, 38.75, 48.62, 50.78), _conformal(37.1, 49.6, (49, 50.2)),
                 (11, 8.2), oblasts=True, rivers="all",
                 limits=(-121650.5177934676, 121650.5177934676,
                         -107652.94067766005, 132532.95799684082)),
}
LONLAT = ccrs.PlateCarree()
# Where each view names its rivers: a fraction of the way along the visible line,
# or a (lon, lat) point for the Dnipro, which the data holds as reservoirs.
RIVER_LABELS = {
    "east": [("Siverskyi Donets", 0.1), ("Oskil", 0.5), ("Siverskyi Donets", 0.93)],
    "ukraine": [("Dnipro", (32.6, 48.95))],
}


def _clip_box(view: View):
    """The part of the world a view's layers are clipped to: its extent and half again on
    every side (projected corners reach further)."""
    west, east, south, north = view.extent
    dx, dy = (east - west) / 2, (north - south) / 2
    return box(west - dx, south - dy, east + dx, north + dy)


def _clip(geom, view: View):
    return geom.intersection(_clip_box(view))


def _transformer(projection: ccrs.Projection) -> Transformer:
    """lon/lat to the map's coordinates (see measure.from_lonlat)."""
    return from_lonlat(projection.proj4_init)


def project(geom, projection: ccrs.Projection):
    """A lon/lat geometry in the map's coordinates, projected in one vectorised step.

    Cartopy would project each ring in Python at draw time, which made the
    country-level maps slow; the pack's views never cross a projection's edge,
    so a point-by-point transform draws the same map several times faster.
    """
    forward = _transformer(projection)
    return shapely.transform(geom, lambda xy: np.column_stack(forward.transform(*xy.T)))


def to_map(ax, lon, lat):
    """Longitude and latitude (numbers, or arrays of them) in the map's coordinates, x and y.

    The same numbers as cartopy's transform_point, without cartopy building a PROJ
    transformer of its own (15 ms for each projection and direction in every kernel).
    """
    return _transformer(ax.projection).transform(lon, lat)


def to_lonlat(ax, x, y):
    """A point in the map's coordinates as longitude and latitude (to_map the other way)."""
    return _transformer(ax.projection).transform(x, y, direction="INVERSE")


def _draw(ax, geom, **style) -> None:
    """Draw a lon/lat geometry, projected to the map's coordinates: the path and the
    collection cartopy's add_geometries would draw, without it looking for the map's
    extent again at every render."""
    (path,) = _paths([project(geom, ax.projection)])
    ax.add_collection(PathCollection([path], transform=ax.transData, **{"zorder": 1.5} | style),
                      autolim=False)


def _add(ax, geom, view: View, **style):
    geom = _clip(geom, view)
    if not geom.is_empty:
        _draw(ax, geom, **style)


class _StraightPath(Path):
    """A path of straight segments that keeps its segment ends at hand.

    Matplotlib checks a lone path's extent every time it renders it, scanning the path's
    codes for curves each time; that scan was half the cost of rendering a map.  Same
    extent, same pixels.
    """

    def __init__(self, vertices, codes=None):
        super().__init__(vertices, codes)
        self.ends = vertices if codes is None else \
            vertices[(codes == Path.MOVETO) | (codes == Path.LINETO)]

    def get_extents(self, transform=None, **kwargs):
        ends = self.ends if transform is None else transform.transform(self.ends)
        return Bbox([ends.min(axis=0), ends.max(axis=0)]) if len(ends) else Bbox.null()


_POLYGONS, _LINES = (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON), \
    (shapely.GeometryType.LINESTRING, shapely.GeometryType.MULTILINESTRING)


def _paths(geoms: np.ndarray) -> list[Path]:
    """Projected geometries as paths: the vertices and codes of cartopy's shapely_to_path,
    built for a whole layer at once from shapely's arrays instead of ring by ring.

    A layer of polygons (or of lines) has every ring (or line) listed in order, so its
    coordinates come as one array, cut where each geometry ends.
    """
    kinds = shapely.get_type_id(geoms)
    polygons = np.isin(kinds, _POLYGONS).all()
    if not (polygons or np.isin(kinds, _LINES).all()):
        return [_path(geom) for geom in geoms]
    parts, owners = shapely.get_parts(geoms, return_index=True)
    if polygons:
        parts, rings_of = shapely.get_rings(parts, return_index=True)
        owners = owners[rings_of]
    counts = shapely.get_num_coordinates(parts)
    starts = np.cumsum(counts) - counts
    vertices = shapely.get_coordinates(parts)
    codes = np.full(len(vertices), Path.LINETO, dtype=Path.code_type)
    codes[starts] = Path.MOVETO
    if polygons:
        codes[starts + counts - 1] = Path.CLOSEPOLY
    cuts = np.cumsum(np.bincount(owners, weights=counts, minlength=len(geoms)).astype(int))
    return [_StraightPath(v) if kind == shapely.GeometryType.LINESTRING else _StraightPath(v, c)
            for kind, v, c in zip(kinds, np.split(vertices, cuts[:-1]), np.split(codes, cuts[:-1]))]


def _path(geom) -> Path:
    """One geometry as cartopy's shapely_to_path makes it (for a layer of mixed kinds)."""
    path = shapely_to_path(geom)
    return _StraightPath(path.vertices, path.codes)


@cache
def _layer(name: str, view: View, projection: ccrs.Projection, folder) -> list:
    """A data layer's features that reach into a view, each clipped, projected and turned
    into a matplotlib path: (feature, path) pairs, worked out once per session for each
    map (`folder`, the data folder, is part of the key so a scratch copy gets its own).
    The whole layer is clipped and projected in one step each."""
    features = data.read_layer(name)
    clipped = shapely.intersection([f.geometry for f in features], _clip_box(view))
    shown = ~shapely.is_empty(clipped)
    kept = [feat for feat, keep in zip(features, shown) if keep]
    return list(zip(kept, _paths(project(clipped[shown], projection)), strict=True))


class _BaseLayer(Artist):
    """A base layer: its features drawn one by one, each exactly as a collection of its own
    would draw it (the same calls to the renderer, so the same pixels), without building
    and preparing about a hundred collections for every map.

    Each style is kept as an undrawn PathCollection, which turns the style into the
    colours, widths and dashes the renderer takes; they are the layer's children, so the
    accessibility check reads their colours.
    """

    def __init__(self, features: list):
        super().__init__()
        self._features = features       # (path, style) pairs, the style a PathCollection
        self.set_zorder(1.5)

    def get_children(self):
        return list({id(style): style for _, style in self._features}.values())

    @allow_rasterization
    def draw(self, renderer):
        # With bbox_inches="tight", matplotlib first draws with drawing switched off,
        # only to measure; while it is off, RendererBase._draw_disabled puts no-ops in
        # place of the renderer's drawing methods.  A base layer has nothing to measure.
        if not self.get_visible() or \
                "_draw_disabled" in getattr(renderer.draw_markers, "__qualname__", ""):
            return
        transform = self.get_transform()
        frozen, figure = transform.frozen(), self.get_figure(root=True).bbox
        offsets, offset_transform = np.zeros((1, 2)), IdentityTransform()
        for path, style in self._features:
            gc = renderer.new_gc()
            self._set_gc_clip(gc)
            gc.set_snap(self.get_snap())
            face, edge, width, dashes, smooth, urls = (
                style.get_facecolor(), style.get_edgecolor(), style.get_linewidth(),
                style.get_linestyle(), style.get_antialiased(), style.get_urls())
            extents = path.get_extents(transform)
            if all(len(v) == 1 for v in (face, edge, width, dashes, smooth, urls)) and \
                    dashes[0][1] is None and extents.width < figure.width and \
                    extents.height < figure.height:     # Collection.draw's fast case
                gc.set_foreground(tuple(edge[0]))
                gc.set_linewidth(width[0])
                gc.set_dashes(*dashes[0])
                gc.set_antialiased(smooth[0])
                gc.set_url(urls[0])
                renderer.draw_markers(gc, path, frozen, Path(offsets), offset_transform,
                                      tuple(face[0]))
            else:
                renderer.draw_path_collection(
                    gc, frozen, [path], style.get_transforms(), offsets, offset_transform,
                    face, edge, width, dashes, smooth, urls, "screen")
            gc.restore()


def _add_layer(ax, name: str, view: View, style_of) -> None:
    """Draw a layer, ready to render.  `style_of(feature)` gives the feature's style (face
    and edge colours, line width and style, alpha), or None to leave it out.

    (Cartopy's own artist would look for the map's extent and its cached paths again at
    every render; drawing each feature as a lone path keeps matplotlib's rendering, and so
    the pixels, as they were.)
    """
    styles, features = {}, []
    for feat, path in _layer(name, view, ax.projection, data.DATA_DIR):
        style = style_of(feat)
        if style is not None:
            key = tuple(sorted(style.items()))
            if key not in styles:
                styles[key] = PathCollection([], **style)
            features.append((path, styles[key]))
    layer = _BaseLayer(features)
    layer.set_clip_path(ax.patch)
    ax.add_artist(layer)


def base_map(view: str = "east", *, title: str, ax=None, credits: bool = True,
             detail: bool = True):
    """Draw one of the standard maps ('europe', 'ukraine' or 'east') and return its axes.

    detail=False leaves out oblasts and rivers (for small maps side by side).  Drawn into
    an `ax` of another projection, the view gives the layers and the caller sets the limits.
    """
    v = VIEWS[view]
    if not detail:
        v = replace(v, oblasts=False, rivers="none")
    if ax is None:
        fig = plt.figure(figsize=v.size)
        ax = fig.add_subplot(projection=v.projection)
    if ax.projection is v.projection:        # else the caller sets the map's limits
        ax.set_xlim(v.limits[:2])
        ax.set_ylim(v.limits[2:])
    ax.set_facecolor(PALETTE["sea"])
    ax.set_title(title, loc="left", pad=10)
    countries = {"UKR": "ukraine", "RUS": "russia"}
    _add_layer(ax, "europe.geojson" if v.coarse else "countries.geojson", v, lambda feat: {
        "facecolor": PALETTE[countries.get(feat.props["iso_a3"], "land")],
        "edgecolor": PALETTE["grey"], "linewidth": 0.6})
    if v.oblasts:
        _add_layer(ax, "oblasts.geojson", v, lambda feat: {
            "facecolor": "none", "edgecolor": PALETTE["grey"], "linewidth": 0.7,
            "linestyle": (0, (4, 3))})
    if v.rivers != "none":
        _add_layer(ax, "lakes.geojson", v, lambda feat: {
            "facecolor": PALETTE["sky blue"], "edgecolor": PALETTE["blue"], "linewidth": 0.4})
        _add_layer(ax, "rivers.geojson", v, lambda feat: {
            "facecolor": "none", "edgecolor": PALETTE["blue"],
            "linewidth": 2.2 if feat.props["name"] else 0.5,
            "alpha": 1 if feat.props["name"] else 0.6}
            if feat.props["name"] or v.rivers == "all" else None)
    for name, where in RIVER_LABELS.get(view, []) if detail else []:
        _label_river(ax, name, where, v)
    ukraine = data.country("UKR", coarse=v.coarse)
    _add(ax, ukraine, v, facecolor="none", edgecolor=PALETTE["black"], linewidth=1.6)
    if credits:
        add_credits(ax, ["countries"] + (["rivers"] if v.rivers != "none" else []))
    return ax


def _label_river(ax, name: str, where, view: View) -> None:
    """Write a river's name beside it, turned to follow the line."""
    style = {"fontsize": FONT_PT - 1, "color": PALETTE["blue"], "style": "italic",
             "zorder": 5, "path_effects": HALO, "ha": "center", "va": "center"}
    if isinstance(where, tuple):
        ax.text(*to_map(ax, *where), name, rotation=-25, **style)
        return
    west, east, south, north = view.extent
    line = data.river(name).intersection(box(west, south, east, north))
    line = max(getattr(line, "geoms", [line]), key=lambda g: g.length)
    a, b = (line.interpolate(where + d, normalized=True) for d in (-0.03, 0.03))
    (x0, y0), (x1, y1) = (ax.transData.transform(to_map(ax, p.x, p.y)) for p in (a, b))
    angle = np.degrees(np.arctan2(y1 - y0, x1 - x0))
    angle = (angle + 90) % 180 - 90                      # keep the text upright
    normal = np.radians(angle + 90)
    mid = line.interpolate(where, normalized=True)
    text = ax.annotate(name, to_map(ax, mid.x, mid.y), xycoords=ax.transData,
                       xytext=(11 * np.cos(normal), 11 * np.sin(normal)),
                       textcoords="offset points", rotation=angle, rotation_mode="anchor",
                       clip_on=True, **style)
    # On a small map the label may not fit in the frame: then it is left out if the river
    # is named elsewhere on the map, and otherwise cut at the frame (clip_on), never spilt.
    ax.apply_aspect()                                    # the frame's final shape
    extent = text.get_window_extent(ax.figure.canvas.get_renderer())
    frame = ax.get_window_extent().padded(-2)
    fits = frame.contains(extent.x0, extent.y0) and frame.contains(extent.x1, extent.y1)
    if not fits and sum(t.get_text() == name for t in ax.texts) > 1:
        text.remove()


def europe_map(title: str = "Ukraine in Europe", **kw):
    return base_map("europe", title=title, **kw)


def ukraine_map(title: str = "Ukraine", **kw):
    return base_map("ukraine", title=title, **kw)


def east_map(title: str = "Eastern Ukraine: Kharkiv oblast and its neighbours", **kw):
    return base_map("east", title=title, **kw)


def done(ax) -> None:
    """Finish a figure without printing anything (keeps notebook outputs deterministic)."""
    if ax.figure.get_layout_engine() is None:
        ax.figure.tight_layout()
    plt.show()


def add_area(ax, geom, *, colour: str = "vermillion", hatch: str | None = "///",
             alpha: float = 0.35, label: str | None = None, zorder: int = 3):
    """Shade an area (colour plus hatching, so it reads without colour) and return a
    legend handle for it."""
    face = to_rgba(PALETTE[colour], alpha)
    _draw(ax, geom, facecolor=face, edgecolor=PALETTE[colour], hatch=hatch, linewidth=1.6,
          zorder=zorder)
    return Patch(facecolor=face, edgecolor=PALETTE[colour], hatch=hatch, label=label)


def add_line(ax, points, *, colour: str = "black", style: str = "-", width: float = 2.5,
             label: str | None = None, zorder: int = 5):
    """Draw the shortest way over the Earth through places (names or (lon, lat) points);
    return a legend handle."""
    (line,) = ax.plot(*to_map(ax, *geodesic(points)), transform=ax.transData,
                      color=PALETTE[colour], linestyle=style, linewidth=width, label=label,
                      zorder=zorder)
    return line


RUSSIAN_HELD = {"colour": "vermillion", "hatch": "///", "alpha": 0.3}
APPROXIMATE = ("Approximate outline drawn for this pack from reported positions "
               "(data/control_areas.csv)")
NOT_MAPPED = {"facecolor": to_rgba(PALETTE["white"], 0.6), "edgecolor": PALETTE["grey"],
              "hatch": "x"}


@cache
def _not_mapped_land():
    """Ukraine's land on the eastern map outside data.CONTROL_WINDOW."""
    return _clip(data.country("UKR"), VIEWS["east"]).difference(box(*data.CONTROL_WINDOW))


def add_russian_held(ax, snapshot, *, label: str = "Russian-held (approximate)",
                     alpha: float = RUSSIAN_HELD["alpha"]) -> list:
    """Shade the APPROXIMATE area held by Russian forces on an outline date, and hatch grey
    the land outside the window the outlines cover, so that nobody reads occupied land
    there as Ukrainian-held.  Notes both in the map's credits; returns legend handles."""
    held = add_area(ax, data.control_area(snapshot), label=label,
                    **{**RUSSIAN_HELD, "alpha": alpha})
    _draw(ax, _not_mapped_land(), linewidth=0, zorder=3, **NOT_MAPPED)
    if has_credits(ax):
        add_credits(ax, [], notes=(APPROXIMATE + ".",))
    return [held, Patch(label="Not mapped by this pack",
                        linewidth=1, **NOT_MAPPED)]


def equal_area_projection(where) -> ccrs.Projection:
    """A map projection centred on a place that keeps every area true (notebook 03 draws the
    retaken area, moved over London, on it)."""
    lon, lat = lonlat(where)
    return ccrs.LambertAzimuthalEqualArea(central_longitude=lon, central_latitude=lat)


def __getattr__(name: str):
    """A map helper of an older version of the pack (a notebook kept by nbgitpuller or saved
    from a ZIP may still call one): a sentence instead of a bare AttributeError."""
    if name.startswith("_"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    raise AttributeError(older_version(f"lessonkit.maps.{name} is not in this version of the "
                                       "helpers"))


freeze_imports()
