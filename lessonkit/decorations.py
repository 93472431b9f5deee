"""Decorations: what goes on top of a standard map so that a class can read it: place
names and their symbols, keys (legends), a scale bar, a grid, a north arrow, pointers
to places off the map and names of areas.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.legend import Legend
from matplotlib.transforms import Bbox

from . import data
from .look import FONT_PT, HALO, PALETTE, add_credits, has_credits, move_credits_below_grid
from .maps import to_lonlat, to_map
from .measure import WGS84, lonlat

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
    if has_credits(ax):
        add_credits(ax, ["places"])
    for each in ax.figure.axes:      # fix the transforms so text sizes can be measured
        each.apply_aspect()          # (what drawing would do, without rendering the figure)
    renderer = ax.figure.canvas.get_renderer()
    to_display = ax.transData
    axes_box = ax.get_window_extent(renderer)
    # Text and legends already on the map (river and area names) count as taken space.
    drawn = [t.get_window_extent(renderer)
             for t in ax.texts + [a for a in ax.get_children() if isinstance(a, Legend)]]
    taken: list[Bbox] = [box.padded(2) for box in drawn if axes_box.overlaps(box)]
    lines = [line.get_transform().transform_path(line.get_path()) for line in ax.lines
             if len(line.get_xdata()) > 1 and line.get_linestyle() not in ("None", "")]
    points, kinds = [], set()
    for item in labels:
        label, lon, lat = item if isinstance(item, tuple) else (item, *lonlat(item))
        x, y = to_map(ax, lon, lat)
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
    # xycoords: the points are already in the map's coordinates (cartopy would otherwise
    # pass them through PROJ, unchanged, every time a label is measured or drawn).
    style = {"xycoords": ax.transData, "textcoords": "offset points", "fontsize": fontsize,
             "zorder": 7, "path_effects": HALO}
    for label, x, y, big in points:
        bold = {"fontsize": fontsize + 1, "fontweight": "bold"} if big else {}
        tried = []                   # (overlapped names, crossed lines, offset) per place
        trial = ax.annotate(label, (x, y), xytext=(0, 0), **style | bold)   # moved about
        for offset in offsets:
            if big:                  # clear of the bigger dot
                offset = (1.4 * offset[0], 1.4 * offset[1], *offset[2:])
            ox, oy, ha, va = offset
            trial.xyann = (ox, oy)
            trial.set(ha=ha, va=va)
            bb = trial.get_window_extent(renderer).padded(2)
            if not (axes_box.containsx(bb.x0) and axes_box.containsx(bb.x1) and
                    axes_box.containsy(bb.y0) and axes_box.containsy(bb.y1)):
                continue
            tried.append((sum(bb.overlaps(t) for t in taken),
                          sum(path.intersects_bbox(bb, filled=False) for path in lines),
                          len(tried), offset, bb))
            if tried[-1][:2] == (0, 0):
                break
        trial.remove()
        overlaps, crossings, _, (ox, oy, ha, va), bb = min(tried) if tried else \
            (0, 0, 0, offsets[0], None)
        # Nowhere free of lines: the label sits on a white patch, so a line passes behind it.
        patch = {"bbox": {"boxstyle": "round,pad=0.15", "facecolor": PALETTE["white"],
                          "edgecolor": "none", "alpha": 0.85}} if crossings else {}
        # A name placed inside the map cannot move the figure's layout or edges: left out of
        # their measuring (in_layout), which would otherwise measure every name again.
        ax.annotate(label, (x, y), xytext=(ox, oy), ha=ha, va=va, in_layout=bb is None,
                    **style | bold | patch)
        if bb is not None:
            taken.append(bb)
    return place_key(kinds, main=main) if marker_colour != "none" else []


def add_scale_bar(ax, km: int = 50, *, at=(0.04, 0.06)) -> None:
    """A level scale bar of `km` kilometres, measured on the ellipsoid where it is drawn."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    sx, sy = x0 + at[0] * (x1 - x0), y0 + at[1] * (y1 - y0)
    lon, lat = to_lonlat(ax, sx, sy)
    lon2, lat2, _ = WGS84.fwd(lon, lat, 90, km * 1000)
    ex = to_map(ax, lon2, lat2)[0]
    for _ in range(3):            # stretch the level bar until its ends are `km` apart
        end = to_lonlat(ax, ex, sy)
        ex = sx + (ex - sx) * km * 1000 / WGS84.inv(lon, lat, *end)[2]
    for colour, width in ((PALETTE["white"], 7), (PALETTE["black"], 4)):
        ax.plot([sx, ex], [sy, sy], color=colour, linewidth=width, solid_capstyle="butt",
                zorder=8)
    ax.text((sx + ex) / 2, sy + 0.012 * (y1 - y0), f"{km} km", ha="center", va="bottom",
            fontsize=12, zorder=8, path_effects=HALO)


def _points(ax, lons, lats) -> np.ndarray:
    """Points given as arrays of longitudes and latitudes, in the map's coordinates (n × 2)."""
    return np.column_stack(to_map(ax, lons, lats))


def lonlat_extent(ax) -> tuple[float, float, float, float]:
    """The longitudes and latitudes the map's frame reaches (west, east, south, north): its
    four edges, 100 points along each, taken back to lon/lat (cartopy's get_extent would
    build a PROJ transformer for it, and traces the edges more coarsely)."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    along = np.linspace(0, 1, 100)
    xs = np.concatenate([x0 + (x1 - x0) * along, np.full(100, x1),
                         x0 + (x1 - x0) * along, np.full(100, x0)])
    ys = np.concatenate([np.full(100, y0), y0 + (y1 - y0) * along,
                         np.full(100, y1), y0 + (y1 - y0) * along])
    lons, lats = to_lonlat(ax, xs, ys)
    return float(lons.min()), float(lons.max()), float(lats.min()), float(lats.max())


def add_graticule(ax, lons, lats, *, colour: str = "grey", width: float = 0.8) -> None:
    """Lines of longitude (`lons`, degrees east) and latitude (`lats`) across the map,
    like cartopy's gridlines but projected once rather than at every render."""
    west, east, south, north = lonlat_extent(ax)
    along_lat = np.linspace(south - 5, north + 5, 200)
    along_lon = np.linspace(west - 5, east + 5, 200)
    lines = [_points(ax, np.full_like(along_lat, lon), along_lat) for lon in lons]
    lines += [_points(ax, along_lon, np.full_like(along_lon, lat)) for lat in lats]
    ax.add_collection(LineCollection(lines, colors=PALETTE[colour], linewidths=width,
                                     zorder=2, clip_path=ax.patch), autolim=False)


def add_grid(ax, step: float) -> None:
    """Grid lines every `step` degrees of longitude and latitude, each named at the map's
    edge (longitudes below the map, latitudes on its left), for reading coordinates."""
    west, east, south, north = lonlat_extent(ax)
    lons = np.arange(np.ceil(west / step) * step, east, step)
    lats = np.arange(np.ceil(south / step) * step, north, step)
    add_graticule(ax, lons, lats, colour="dark grey", width=1.0)
    move_credits_below_grid(ax)
    to_axes = ax.transAxes.inverted()
    style = {"transform": ax.transAxes, "fontsize": 12, "color": PALETTE["black"]}
    along = np.linspace(south - 1, north + 1, 400)
    for lon in lons:             # where the line of longitude meets the bottom edge
        xy = to_axes.transform(ax.transData.transform(_points(ax, np.full_like(along, lon),
                                                              along)))
        x = float(np.interp(0.0, xy[:, 1], xy[:, 0]))
        if 0.02 < x < 0.98:
            ax.text(x, -0.015, f"{lon:g}° E", ha="center", va="top", **style)
    along = np.linspace(west - 1, east + 1, 400)
    for lat in lats:             # where the line of latitude meets the left edge
        xy = to_axes.transform(ax.transData.transform(_points(ax, along,
                                                              np.full_like(along, lat))))
        y = float(np.interp(0.0, xy[:, 0], xy[:, 1]))
        if 0.02 < y < 0.98:
            ax.text(-0.01, y, f"{lat:g}° N", ha="right", va="center", **style)


def add_north_arrow(ax, *, at=(0.95, 0.84)) -> None:
    """An arrow with an N that points to true north from where it stands (`at`, a fraction
    of the map's width and height): on a cone-shaped projection north leans a little."""
    ax.apply_aspect()
    to_axes = ax.transAxes.inverted()
    x, y = ax.transData.inverted().transform(ax.transAxes.transform(at))
    lon, lat = to_lonlat(ax, x, y)
    ahead = to_map(ax, lon, lat + 0.5)
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
        to_map(ax, x, y))) for x, y in ((a.lon, a.lat), (lon, lat)))
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
    ax.text(*to_map(ax, lon, lat), text, ha="center", va="center", fontsize=fontsize,
            color=PALETTE[colour], style=style, zorder=5, path_effects=HALO)




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


