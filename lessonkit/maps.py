"""Drawing: the pack's standard maps, one call each, in one projector-friendly style.

Every map is drawn from the files in data/ and never from cartopy's Natural
Earth features, which download at run time and fail offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from textwrap import fill
from weakref import WeakKeyDictionary

import cartopy
import matplotlib.patheffects as pe
import matplotlib.pyplot as plt
import numpy as np
import shapely
from cartopy.mpl.path import shapely_to_path
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_rgba
from matplotlib.legend import Legend
from matplotlib.patches import Patch
from matplotlib.path import Path
from matplotlib.transforms import Bbox
from pyproj import Transformer
from shapely.geometry import box

from . import data
from .measure import WGS84, lonlat

# Fail at once, with cartopy's own message, if anything asks for a download
# (instead of hanging behind a school proxy).
cartopy.config["downloaders"] = {}
import cartopy.crs as ccrs  # noqa: E402  (after the config change on purpose)

# Okabe & Ito's colour-blind-safe palette, plus the light tints and greys the maps
# use for background.  Meaning is never carried by colour alone: the maps add
# hatching, line styles or labels as well.
PALETTE = {
    "orange": "#E69F00", "sky blue": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000",
    "sea": "#DCEEF9", "land": "#F2F2F2", "ukraine": "#F8F0A8", "russia": "#D6D6D6",
    "grey": "#7F7F7F", "dark grey": "#404040", "white": "#FFFFFF",
}
MIN_FONT_PT = 10          # nothing smaller than this on any figure (credits, scale bar)
# JupyterLab shrinks a figure wider than the notebook to fit it: at 100 dpi, a figure
# more than about 1000 px (10 in) wide is shown smaller than drawn, and so is its text.
DISPLAY_WIDTH_PX = 1000
FONT_PT = 13              # place labels
TITLE_PT = 16
HALO = [pe.withStroke(linewidth=3, foreground="white")]

STYLE = {
    "font.size": FONT_PT, "axes.titlesize": TITLE_PT, "axes.titleweight": "bold",
    "axes.labelsize": FONT_PT, "legend.fontsize": 12, "xtick.labelsize": 12,
    "ytick.labelsize": 12, "figure.dpi": 100, "savefig.dpi": 100,
    "font.family": "DejaVu Sans", "hatch.linewidth": 1.2, "legend.edgecolor": PALETTE["grey"],
    "axes.prop_cycle": plt.cycler(color=[PALETTE[c] for c in (
        "blue", "orange", "green", "vermillion", "purple", "sky blue", "yellow", "black")]),
}
plt.rcParams.update(STYLE)

CREDIT = {
    "countries": "Natural Earth 5.1.1 (public domain)",
    "rivers": "GSHHG rivers and lakes (LGPL-3.0)",
    "places": "GeoNames places (CC BY 4.0)",
}
POV = "Borders: Ukraine's internationally recognised borders, Crimea included."


def credit_line(layers=tuple(CREDIT)) -> str:
    """'Map data: …' naming each layer's source and licence, from CREDIT."""
    return "Map data: " + "; ".join(CREDIT[k] for k in layers) + "."


@dataclass(frozen=True)
class View:
    """A standard map: its lon/lat extent, projection and which layers it shows."""

    extent: tuple[float, float, float, float]     # west, east, south, north
    projection: ccrs.Projection
    size: tuple[float, float]
    oblasts: bool
    rivers: str                                   # "none", "named" or "all"
    coarse: bool = False


VIEWS = {
    "europe": View((-11.0, 48.0, 35.0, 62.0),
                   ccrs.LambertAzimuthalEqualArea(central_longitude=18, central_latitude=50),
                   (10, 7.4), oblasts=False, rivers="none", coarse=True),
    "ukraine": View((21.8, 40.6, 43.9, 52.7),
                    ccrs.LambertConformal(central_longitude=31.2, central_latitude=48.5,
                                          standard_parallels=(45, 51)),
                    (11, 7.6), oblasts=True, rivers="named"),
    "east": View((35.45, 38.75, 48.62, 50.78),
                 ccrs.LambertConformal(central_longitude=37.1, central_latitude=49.6,
                                       standard_parallels=(49, 50.2)),
                 (11, 8.2), oblasts=True, rivers="all"),
}
LONLAT = ccrs.PlateCarree()
# Where each view names its rivers: a fraction of the way along the visible line,
# or a (lon, lat) point for the Dnipro, which the data holds as reservoirs.
RIVER_LABELS = {
    "east": [("Siverskyi Donets", 0.1), ("Oskil", 0.5), ("Siverskyi Donets", 0.93)],
    "ukraine": [("Dnipro", (32.6, 48.95))],
}


def _clip(geom, view: View):
    west, east, south, north = view.extent
    dx, dy = (east - west) / 2, (north - south) / 2     # projected corners reach further
    return geom.intersection(box(west - dx, south - dy, east + dx, north + dy))


@cache
def _transformer(projection: ccrs.Projection) -> Transformer:
    """lon/lat (WGS84) to the map's coordinates.  The pack's projections share the WGS84
    ellipsoid, so no datum shift is needed and the pipeline is written out: the same
    numbers as Transformer.from_crs, built in a tenth of a millisecond instead of 20."""
    return Transformer.from_pipeline("+proj=pipeline +step +proj=unitconvert +xy_in=deg "
                                     f"+xy_out=rad +step {projection.proj4_init}")


def project(geom, projection: ccrs.Projection):
    """A lon/lat geometry in the map's coordinates, projected in one vectorised step.

    Cartopy would project each ring in Python at draw time, which made the
    country-level maps slow; the pack's views never cross a projection's edge,
    so a point-by-point transform draws the same map several times faster.
    """
    forward = _transformer(projection)
    return shapely.transform(geom, lambda xy: np.column_stack(forward.transform(*xy.T)))


def _draw(ax, geom, **style) -> None:
    """Draw a lon/lat geometry, projected to the map's coordinates."""
    ax.add_geometries([project(geom, ax.projection)], ax.projection, **style)


def _add(ax, geom, view: View, **style):
    geom = _clip(geom, view)
    if not geom.is_empty:
        _draw(ax, geom, **style)


class _StraightPath(Path):
    """A path of straight segments that keeps its segment ends at hand.

    Matplotlib checks a lone path's extent every time it renders its collection (twice
    per figure in Jupyter), scanning the path's codes for curves each time; that scan
    was half the cost of rendering a map.  Same extent, same pixels.
    """

    def __init__(self, path: Path):
        super().__init__(path.vertices, path.codes)
        self.ends = self.vertices if self.codes is None else \
            self.vertices[np.isin(self.codes, [Path.MOVETO, Path.LINETO])]

    def get_extents(self, transform=None, **kwargs):
        ends = self.ends if transform is None else transform.transform(self.ends)
        return Bbox([ends.min(axis=0), ends.max(axis=0)]) if len(ends) else Bbox.null()


@cache
def _layer(name: str, view: View, projection: ccrs.Projection, folder) -> list:
    """A data layer's features that reach into a view, each clipped, projected and turned
    into a matplotlib path: (feature, path) pairs, worked out once per session for each
    map (`folder`, the data folder, is part of the key so a scratch copy gets its own)."""
    found = []
    for feat in data.read_layer(name):
        geom = _clip(feat.geometry, view)
        if not geom.is_empty:
            found.append((feat, _StraightPath(shapely_to_path(project(geom, projection)))))
    return found


class _BaseLayer(PathCollection):
    """One feature of a base layer.  Jupyter saves a figure with bbox_inches="tight",
    which draws it twice: first with drawing switched off, only to measure the text,
    then for real.  A base layer has nothing to measure, so it skips the first pass."""

    def draw(self, renderer):
        # While drawing is off, matplotlib's RendererBase._draw_disabled puts no-ops in
        # place of the renderer's drawing methods.  (Should that ever change, this test
        # is simply false and the layer is drawn in both passes, as before.)
        if "_draw_disabled" in getattr(renderer.draw_path_collection, "__qualname__", ""):
            return
        super().draw(renderer)


def _add_layer(ax, name: str, view: View, style_of) -> None:
    """Draw a layer, one plain collection per feature, ready to render.

    (Cartopy's own artist would look for the map's extent and its cached paths again at
    every render, twice per figure; a lone path per collection keeps matplotlib's
    rendering, and so the pixels, as they were.)  `style_of(feature)` gives the
    feature's style, or None to leave it out.
    """
    for feat, path in _layer(name, view, ax.projection, data.DATA_DIR):
        style = style_of(feat)
        if style is not None:
            artist = _BaseLayer([path], zorder=1.5, **style)
            artist.set_clip_path(ax.patch)
            ax.add_collection(artist, autolim=False)


def base_map(view: str = "east", *, title: str, ax=None, credits: bool = True,
             detail: bool = True):
    """Draw one of the standard maps ('europe', 'ukraine' or 'east') and return its axes.

    detail=False leaves out oblasts and rivers (for small maps side by side).
    """
    v = VIEWS[view]
    if not detail:
        v = View(v.extent, v.projection, v.size, oblasts=False, rivers="none", coarse=v.coarse)
    if ax is None:
        fig = plt.figure(figsize=v.size)
        ax = fig.add_subplot(projection=v.projection)
    ax.set_extent(v.extent, crs=LONLAT)
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
        ax.text(*where, name, transform=LONLAT, rotation=-25, **style)
        return
    west, east, south, north = view.extent
    line = data.river(name).intersection(box(west, south, east, north))
    line = max(getattr(line, "geoms", [line]), key=lambda g: g.length)
    a, b = (line.interpolate(where + d, normalized=True) for d in (-0.03, 0.03))
    (x0, y0), (x1, y1) = (ax.transData.transform(ax.projection.transform_point(p.x, p.y, LONLAT))
                          for p in (a, b))
    angle = np.degrees(np.arctan2(y1 - y0, x1 - x0))
    angle = (angle + 90) % 180 - 90                      # keep the text upright
    normal = np.radians(angle + 90)
    mid = line.interpolate(where, normalized=True)
    text = ax.annotate(name, ax.projection.transform_point(mid.x, mid.y, LONLAT),
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


def base_key(*, rivers: bool = True, oblasts: bool = True) -> list:
    """Key (legend) handles for the lines every standard map draws: Ukraine's border, the
    oblasts' borders and the rivers, drawn as base_map draws them."""
    handles = [plt.Line2D([], [], color=PALETTE["black"], linewidth=1.6,
                          label="Ukraine's border")]
    if oblasts:
        handles.append(plt.Line2D([], [], color=PALETTE["grey"], linewidth=1.2,
                                  linestyle=(0, (4, 3)), label="Oblast border"))
    if rivers:
        handles.append(plt.Line2D([], [], color=PALETTE["blue"], linewidth=2.2, label="River"))
    return handles


def europe_map(title: str = "Ukraine in Europe", **kw):
    return base_map("europe", title=title, **kw)


def ukraine_map(title: str = "Ukraine", **kw):
    return base_map("ukraine", title=title, **kw)


def east_map(title: str = "Eastern Ukraine: Kharkiv oblast and its neighbours", **kw):
    return base_map("east", title=title, **kw)


def min_text_pt(fig) -> float:
    """The smallest font size that still looks MIN_FONT_PT big in the notebook.

    A figure wider than DISPLAY_WIDTH_PX is shrunk to fit, and its text with it, so a
    wide figure needs larger small print (a 15-inch figure needs 15 pt for 10 pt).
    """
    width_px = (fig.get_figwidth() + 2 * plt.rcParams["savefig.pad_inches"]) * fig.dpi
    return float(np.ceil(MIN_FONT_PT * max(1.0, width_px / DISPLAY_WIDTH_PX)))


def figure_credits(fig, text: str) -> None:
    """Credits for a whole figure (several maps or a chart), bottom right, readable as shown.

    Written as the figure's x-label, so the figure's layout makes room for it, and
    wrapped to the figure's width (about 0.52 em a character).
    """
    size = min_text_pt(fig)
    text = fill(text, int(fig.get_figwidth() * 72 * 0.95 / (0.52 * size)))
    fig.supxlabel(text, x=0.99, ha="right", multialignment="right", fontsize=size,
                  color=PALETTE["dark grey"], fontweight="normal")


# Maps with grid labels along their bottom edge (add_grid): their credits go lower.
_GRIDDED: WeakKeyDictionary = WeakKeyDictionary()
# Each map's credit block, so that helpers drawing a layer (places, an outline) can add
# their credit to it: axes -> (layers, point of view or None, notes, the Text drawn).
_CREDITS: WeakKeyDictionary = WeakKeyDictionary()


def add_credits(ax, layers: list[str], *, pov: str | None = POV,
                notes: tuple[str, ...] = ()) -> None:
    """Data credits, the map's point of view and notes along the bottom of the map.

    Called again on the same map, it adds to the one block (pov=None leaves out the
    borders line, for a map that shows no Ukrainian border).
    """
    if ax in _CREDITS:
        known, pov, known_notes, text = _CREDITS[ax]
        text.remove()
        layers = known + [k for k in layers if k not in known]
        notes = known_notes + tuple(n for n in notes if n not in known_notes)
    lines = [credit_line(layers)]
    lines += ([pov] if pov else []) + list(notes)
    below = -0.06 if ax in _GRIDDED else -0.012      # under the grid's labels, if any
    text = ax.text(1.0, below, "\n".join(fill(line, 85) for line in lines),
                   transform=ax.transAxes, ha="right",
                   va="top", fontsize=min_text_pt(ax.figure), color=PALETTE["dark grey"])
    _CREDITS[ax] = (layers, pov, notes, text)


# One symbol, one meaning, on every map: a capital city is a black square, any other town
# or city a black dot, and the towns a map is about a bigger dot with a bold name.  (Towns
# retaken by Ukraine get shapes of their own, per group of dates, never these.)
PLACE_SYMBOLS = {"capital": ("s", 9, "Capital city"), "town": ("o", 6, "Town or city"),
                 "main": ("o", 11, "Town this map is about")}


def _symbol_of(label: str, big: bool, item) -> str:
    if not isinstance(item, tuple) and data.place(label).kind == "capital city":
        return "capital"
    return "main" if big else "town"


def place_key(kinds, *, colour: str = "black", main: str | None = None) -> list:
    """Legend handles for the place symbols `kinds` ('capital', 'town', 'main'), in that
    order; `main` renames the bigger dot (e.g. 'Town in the story')."""
    handles = []
    for kind in PLACE_SYMBOLS:
        if kind in kinds:
            marker, size, label = PLACE_SYMBOLS[kind]
            handles.append(plt.Line2D([], [], marker=marker, markersize=size, color=colour,
                                      markeredgecolor="white", linestyle="none",
                                      label=main if kind == "main" and main else label))
    return handles


def add_places(ax, labels, *, emphasis=(), fontsize: int = FONT_PT, marker_colour="black",
               main: str | None = None) -> list:
    """Mark places and name them, moving each label until it overlaps nothing; return the
    key's handles for the symbols drawn (PLACE_SYMBOLS; `main` names the bigger dot).

    A label is a place name from data/places.csv or a (name, lon, lat) tuple.  Capital
    cities get a square, the places in `emphasis` a bigger dot and a bold name, the rest a
    dot.  Lines already drawn (routes, distances) count as taken, so no line crosses a
    name.  The map's credits (if it has them) gain GeoNames, where the positions come from.
    """
    if ax in _CREDITS:
        add_credits(ax, ["places"])
    for each in ax.figure.axes:      # fix the transforms so text sizes can be measured
        each.apply_aspect()          # (what drawing would do, without rendering the figure)
    renderer = ax.figure.canvas.get_renderer()
    to_display = ax.transData
    axes_box = ax.get_window_extent(renderer)
    # Text and legends already on the map (river and area names) count as taken space.
    taken: list[Bbox] = [t.get_window_extent(renderer).padded(2)
                         for t in ax.texts + [a for a in ax.get_children() if isinstance(a, Legend)]
                         if axes_box.overlaps(t.get_window_extent(renderer))]
    lines = [line.get_transform().transform_path(line.get_path()) for line in ax.lines
             if len(line.get_xdata()) > 1 and line.get_linestyle() not in ("None", "")]
    points, kinds = [], set()
    for item in labels:
        label, lon, lat = item if isinstance(item, tuple) else (item, *lonlat(item))
        x, y = ax.projection.transform_point(lon, lat, LONLAT)
        big = label in emphasis
        kind = _symbol_of(label, big, item)
        kinds.add(kind)
        marker, size, _ = PLACE_SYMBOLS[kind]
        ax.plot(x, y, marker=marker, markersize=size, color=marker_colour,
                markeredgecolor="white", zorder=6)
        dx, dy = to_display.transform((x, y))
        taken.append(Bbox.from_extents(dx - 5, dy - 5, dx + 5, dy + 5))
        points.append((label, x, y, big))
    # Offsets in points: right, left, above, below, then the diagonals.
    near = [(7, 0, "left", "center"), (-7, 0, "right", "center"), (0, 8, "center", "bottom"),
            (0, -8, "center", "top"), (6, 6, "left", "bottom"), (-6, 6, "right", "bottom"),
            (6, -6, "left", "top"), (-6, -6, "right", "top")]
    offsets = near + [(2 * ox, 2 * oy, ha, va) for ox, oy, ha, va in near]   # then further out
    style = {"textcoords": "offset points", "fontsize": fontsize, "zorder": 7,
             "path_effects": HALO}
    for label, x, y, big in points:
        bold = {"fontsize": fontsize + 1, "fontweight": "bold"} if big else {}
        tried = []                   # (overlapped names, crossed lines, offset) per place
        for offset in offsets:
            if big:                  # clear of the bigger dot
                offset = (1.4 * offset[0], 1.4 * offset[1], *offset[2:])
            ox, oy, ha, va = offset
            text = ax.annotate(label, (x, y), xytext=(ox, oy), ha=ha, va=va, **style | bold)
            bb = text.get_window_extent(renderer).padded(2)
            text.remove()
            if not (axes_box.containsx(bb.x0) and axes_box.containsx(bb.x1) and
                    axes_box.containsy(bb.y0) and axes_box.containsy(bb.y1)):
                continue
            tried.append((sum(bb.overlaps(t) for t in taken),
                          sum(path.intersects_bbox(bb, filled=False) for path in lines),
                          len(tried), offset, bb))
            if tried[-1][:2] == (0, 0):
                break
        overlaps, crossings, _, (ox, oy, ha, va), bb = min(tried) if tried else \
            (0, 0, 0, offsets[0], None)
        # Nowhere free of lines: the label sits on a white patch, so a line passes behind it.
        patch = {"bbox": {"boxstyle": "round,pad=0.15", "facecolor": PALETTE["white"],
                          "edgecolor": "none", "alpha": 0.85}} if crossings else {}
        ax.annotate(label, (x, y), xytext=(ox, oy), ha=ha, va=va, **style | bold | patch)
        if bb is not None:
            taken.append(bb)
    return place_key(kinds, main=main) if marker_colour != "none" else []


def add_scale_bar(ax, km: int = 50, *, at=(0.04, 0.06)) -> None:
    """A level scale bar of `km` kilometres, measured on the ellipsoid where it is drawn."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    sx, sy = x0 + at[0] * (x1 - x0), y0 + at[1] * (y1 - y0)
    lon, lat = LONLAT.transform_point(sx, sy, ax.projection)
    lon2, lat2, _ = WGS84.fwd(lon, lat, 90, km * 1000)
    ex = ax.projection.transform_point(lon2, lat2, LONLAT)[0]
    for _ in range(3):            # stretch the level bar until its ends are `km` apart
        end = LONLAT.transform_point(ex, sy, ax.projection)
        ex = sx + (ex - sx) * km * 1000 / WGS84.inv(lon, lat, *end)[2]
    for colour, width in ((PALETTE["white"], 7), (PALETTE["black"], 4)):
        ax.plot([sx, ex], [sy, sy], color=colour, linewidth=width, solid_capstyle="butt",
                zorder=8)
    ax.text((sx + ex) / 2, sy + 0.012 * (y1 - y0), f"{km} km", ha="center", va="bottom",
            fontsize=12, zorder=8, path_effects=HALO)


def add_graticule(ax, lons, lats, *, colour: str = "grey", width: float = 0.8) -> None:
    """Lines of longitude (`lons`, degrees east) and latitude (`lats`) across the map,
    like cartopy's gridlines but projected once rather than at every render."""
    west, east, south, north = ax.get_extent(LONLAT)
    along_lat = np.linspace(south - 5, north + 5, 200)
    along_lon = np.linspace(west - 5, east + 5, 200)
    forward = _transformer(ax.projection)
    lines = [np.column_stack(forward.transform(np.full_like(along_lat, lon), along_lat))
             for lon in lons]
    lines += [np.column_stack(forward.transform(along_lon, np.full_like(along_lon, lat)))
              for lat in lats]
    ax.add_collection(LineCollection(lines, colors=PALETTE[colour], linewidths=width,
                                     zorder=2, clip_path=ax.patch), autolim=False)


def add_grid(ax, step: float) -> None:
    """Grid lines every `step` degrees of longitude and latitude, each named at the map's
    edge (longitudes below the map, latitudes on its left), for reading coordinates."""
    west, east, south, north = ax.get_extent(LONLAT)
    lons = np.arange(np.ceil(west / step) * step, east, step)
    lats = np.arange(np.ceil(south / step) * step, north, step)
    add_graticule(ax, lons, lats, colour="dark grey", width=1.0)
    _GRIDDED[ax] = True
    if ax in _CREDITS:
        add_credits(ax, [])                      # moved below the labels
    to_axes = ax.transAxes.inverted()
    style = {"transform": ax.transAxes, "fontsize": 12, "color": PALETTE["black"]}
    along = np.linspace(south - 1, north + 1, 400)
    for lon in lons:             # where the line of longitude meets the bottom edge
        xy = to_axes.transform(ax.transData.transform(_line_xy(ax, np.full_like(along, lon),
                                                                along)))
        x = float(np.interp(0.0, xy[:, 1], xy[:, 0]))
        if 0.02 < x < 0.98:
            ax.text(x, -0.015, f"{lon:g}° E", ha="center", va="top", **style)
    along = np.linspace(west - 1, east + 1, 400)
    for lat in lats:             # where the line of latitude meets the left edge
        xy = to_axes.transform(ax.transData.transform(_line_xy(ax, along,
                                                                np.full_like(along, lat))))
        y = float(np.interp(0.0, xy[:, 0], xy[:, 1]))
        if 0.02 < y < 0.98:
            ax.text(-0.01, y, f"{lat:g}° N", ha="right", va="center", **style)


def _line_xy(ax, lons, lats) -> np.ndarray:
    return np.column_stack(_transformer(ax.projection).transform(lons, lats))


def add_north_arrow(ax, *, at=(0.95, 0.84)) -> None:
    """An arrow with an N that points to true north from where it stands (`at`, a fraction
    of the map's width and height): on a cone-shaped projection north leans a little."""
    ax.apply_aspect()
    to_axes = ax.transAxes.inverted()
    x, y = ax.transData.inverted().transform(ax.transAxes.transform(at))
    lon, lat = LONLAT.transform_point(x, y, ax.projection)
    ahead = ax.projection.transform_point(lon, lat + 0.5, LONLAT)
    dx, dy = to_axes.transform(ax.transData.transform(ahead)) - np.asarray(at)
    width, height = ax.get_window_extent().size
    dx, dy = dx * width, dy * height                     # in pixels, so the angle is true
    length = np.hypot(dx, dy)
    tip = (at[0] + 0.07 * dx / length * height / width, at[1] + 0.07 * dy / length)
    ax.annotate("", tip, xytext=at, xycoords="axes fraction", textcoords="axes fraction",
                zorder=9, arrowprops={"arrowstyle": "-|>,head_width=0.5,head_length=0.9",
                                      "linewidth": 3, "color": PALETTE["black"]})
    ax.text(tip[0] + 0.004 * dx / length, tip[1] + 0.01, "N", transform=ax.transAxes,
            ha="center", va="bottom", fontsize=16, fontweight="bold", zorder=9,
            path_effects=HALO)


def add_legend(ax, handles, *, loc: str = "upper left", title: str | None = None,
               **where) -> None:
    """A legend with a solid white background so it stays readable over the map.
    Called again on the same map, it adds a second legend and keeps the first.
    (`where`: more placement arguments of ax.legend, such as bbox_to_anchor.)"""
    if ax.get_legend() is not None:
        ax.add_artist(ax.get_legend())
    legend = ax.legend(handles=handles, loc=loc, title=title, framealpha=0.95,
                       facecolor="white", edgecolor=PALETTE["grey"], **where)
    legend.set_zorder(9)


def add_pointer(ax, target: str, *, start: str, text: str) -> None:
    """An arrow at the edge of the map pointing from `start` towards `target`, a place off
    the map, labelled with `text` and the target's straight-line distance from `start`."""
    a, b = data.place(start), data.place(target)
    azimuth, _, metres = WGS84.inv(a.lon, a.lat, b.lon, b.lat)
    lon, lat, _ = WGS84.fwd(a.lon, a.lat, azimuth, 20_000)
    (sx, sy), (nx, ny) = (ax.transAxes.inverted().transform(ax.transData.transform(
        ax.projection.transform_point(x, y, LONLAT))) for x, y in ((a.lon, a.lat), (lon, lat)))
    dx, dy = nx - sx, ny - sy
    # How far along the direction the point goes before leaving a box 4% inside the frame.
    reach = min((edge - pos) / step for pos, step in ((sx, dx), (sy, dy)) if step
                for edge in (0.04, 0.96) if (edge - pos) / step > 0)
    head = (sx + reach * dx, sy + reach * dy)
    norm = (dx * dx + dy * dy) ** 0.5
    tail = (head[0] - 0.12 * dx / norm, head[1] - 0.12 * dy / norm)
    ax.annotate(f"{text}\n({target}: about {metres / 1000:,.0f} km from {start})", head,
                xytext=tail,
                xycoords="axes fraction", textcoords="axes fraction", ha="center",
                va="bottom" if dy < 0 else "top", fontsize=FONT_PT - 1, zorder=8,
                path_effects=HALO, arrowprops={"arrowstyle": "-|>", "linewidth": 2.5,
                                               "color": PALETTE["black"]})


def label_area(ax, text: str, lon: float, lat: float, *, fontsize: int = FONT_PT,
               colour: str = "dark grey", style: str = "italic") -> None:
    """A label for a region or sea (no dot), e.g. 'Black Sea' or 'RUSSIA'."""
    ax.text(lon, lat, text, transform=LONLAT, ha="center", va="center", fontsize=fontsize,
            color=PALETTE[colour], style=style, zorder=5, path_effects=HALO)


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
    """Draw a great-circle line through places (names or (lon, lat) points); return a legend
    handle."""
    lons, lats = zip(*map(lonlat, points))
    (line,) = ax.plot(lons, lats, transform=ccrs.Geodetic(), color=PALETTE[colour],
                      linestyle=style, linewidth=width, label=label, zorder=zorder)
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
    if ax in _CREDITS:
        add_credits(ax, [], notes=(APPROXIMATE + ".",))
    return [held, Patch(label="Not mapped by this pack",
                        linewidth=1, **NOT_MAPPED)]


def equal_area_projection(where) -> ccrs.Projection:
    """A map projection centred on a place that keeps every area true (notebook 03 draws the
    retaken area, moved over London, on it)."""
    lon, lat = lonlat(where)
    return ccrs.LambertAzimuthalEqualArea(central_longitude=lon, central_latitude=lat)
