"""Notebook 01 (lesson 2): its maps, for map skills done on the map, and its printed lines."""

from __future__ import annotations

import cartopy.crs as ccrs
import matplotlib.pyplot as plt
import numpy as np

from .. import data, decorations, look, maps
from ..measure import METRES_PER_DEGREE, area_km2, distance_km, flat_area_km2

# Where Map 1 names Ukraine's neighbours and seas (lon, lat of each label).
NEIGHBOUR_LABELS = [("POLAND", 22.6, 51.8), ("BELARUS", 28.0, 52.4), ("RUSSIA", 38.6, 51.9),
                    ("SLOVAKIA", 22.2, 48.95), ("HUNGARY", 22.0, 47.7), ("ROMANIA", 26.7, 45.95),
                    ("MOLDOVA", 28.5, 47.4)]
SEA_LABELS = [("Black Sea", 31.5, 44.6), ("Sea of Azov", 36.6, 46.25)]
# The close-up maps (Maps 3 and 4): their towns, and the two the article names.
EAST_TOWNS = ["Kharkiv", "Chuhuiv", "Balakliia", "Kupiansk", "Izium", "Lyman", "Belgorod"]
ARTICLE_TOWNS = ["Kupiansk", "Izium"]
KEY_OUTSIDE = {"loc": "upper left", "bbox_to_anchor": (1.02, 1.0)}   # the key beside the map


def label_neighbours(ax) -> None:
    """Name Ukraine's land neighbours and seas, and Crimea's status, on the 'ukraine' map."""
    for name, lon, lat in NEIGHBOUR_LABELS:
        decorations.label_area(ax, name, lon, lat, colour="dark grey", style="normal", fontsize=12)
    for name, lon, lat in SEA_LABELS:
        decorations.label_area(ax, name, lon, lat, colour="blue", fontsize=13)
    decorations.label_area(ax, "Crimea: part of Ukraine,\noccupied by Russia since 2014",
                           34.0, 45.55, colour="black", fontsize=11)


def neighbours_map() -> None:
    """Map 1: Ukraine, its neighbours and seas, its capital and Kharkiv."""
    ax = maps.ukraine_map("Map 1. Ukraine, its neighbours and its seas")
    label_neighbours(ax)
    key = decorations.add_places(ax, ["Kyiv", "Kharkiv", "Lviv", "Odesa", "Dnipro"],
                                 emphasis=["Kharkiv"], main="City in the story")
    decorations.add_scale_bar(ax, 200, at=(0.28, 0.04))
    decorations.add_legend(ax, key + decorations.base_key(), loc="lower left", title="Key")
    maps.done(ax)


def regions_map() -> None:
    """Map 2: Ukraine's oblasts, with Kharkiv oblast and the Donbas shaded differently."""
    ax = maps.ukraine_map("Map 2. Ukraine's oblasts: Kharkiv oblast and the Donbas")
    donbas = maps.add_area(ax, data.oblast("Donetsk").union(data.oblast("Luhansk")),
                           colour="vermillion", hatch="\\\\", alpha=0.45,
                           label="The Donbas: two oblasts (orange, striped)")
    kharkiv = maps.add_area(ax, data.oblast("Kharkiv"), colour="blue", hatch="..", alpha=0.7,
                            label="Kharkiv oblast (blue, dotted)")
    for name, lon, lat in [("Kharkiv\noblast", 36.6, 49.6), ("Luhansk\noblast", 39.2, 49.0),
                           ("Donetsk\noblast", 37.7, 47.85)]:
        decorations.label_area(ax, name, lon, lat, colour="black", style="normal", fontsize=12)
    key = decorations.add_places(ax, ["Kyiv"])
    decorations.add_legend(ax, [donbas, kharkiv] + key, loc="lower left", title="Key")
    maps.done(ax)


def _east_map(title: str):
    """The eastern close-up with RUSSIA and the oblasts named, for Maps 3 and 4."""
    ax = maps.east_map(title)
    decorations.label_area(ax, "RUSSIA", 37.2, 50.62, colour="black", style="normal", fontsize=14)
    decorations.label_area(ax, "Kharkiv oblast", 36.05, 49.25, colour="dark grey")
    decorations.label_area(ax, "Donetsk oblast", 37.05, 48.72, colour="dark grey")
    return ax


def close_up_map() -> None:
    """Map 3: eastern Ukraine's towns and rivers, with a scale bar and a north arrow, for
    measuring distances and giving directions."""
    ax = _east_map("Map 3. Eastern Ukraine: towns, rivers and a scale bar")
    key = decorations.add_places(ax, EAST_TOWNS, emphasis=ARTICLE_TOWNS,
                                 main="Town named in the article")
    decorations.add_scale_bar(ax, 50, at=(0.05, 0.05))
    decorations.add_north_arrow(ax, at=(0.95, 0.8))
    decorations.add_legend(ax, key + decorations.base_key(), title="Key", **KEY_OUTSIDE)
    maps.done(ax)


def grid_map() -> None:
    """Map 4: the same area with lines of latitude and longitude every half degree."""
    ax = _east_map("Map 4. Eastern Ukraine with a grid of latitude and longitude")
    decorations.add_grid(ax, 0.5)
    key = decorations.add_places(ax, ["Kharkiv", "Kupiansk", "Izium"])
    decorations.add_scale_bar(ax, 50, at=(0.05, 0.05))
    decorations.add_north_arrow(ax, at=(0.95, 0.8))
    grid = plt.Line2D([], [], color=look.PALETTE["dark grey"], label="Grid line (every 0.5°)")
    decorations.add_legend(ax, key + [grid] + decorations.base_key(), title="Key", **KEY_OUTSIDE)
    maps.done(ax)


def print_distance(start: str, end: str) -> None:
    """The straight-line distance between two places, measured on the round Earth."""
    print(f"The computer measures {start} to {end} as {distance_km(start, end):.0f} km "
          "in a straight line.")


# Extension: why maps disagree.  Two projections of Ukraine, drawn at one scale.
PROJECTIONS = {"Plate carrée": ccrs.PlateCarree(),
               "Albers equal-area": ccrs.AlbersEqualArea(central_longitude=31,
                                                         standard_parallels=(45, 51))}


def _metres_per_unit(projection) -> float:
    return METRES_PER_DEGREE if isinstance(projection, ccrs.PlateCarree) else 1.0


def projections_map() -> None:
    """Map 5: Ukraine in each of PROJECTIONS, side by side at ONE scale (the same number of
    metres per centimetre of paper), each with how big Ukraine looks against its true area."""
    ukraine = data.country("UKR")
    true_km2 = area_km2(ukraine)
    boxes = {}
    for name, projection in PROJECTIONS.items():
        x0, y0, x1, y1 = maps.project(ukraine, projection).bounds
        boxes[name] = np.array([x0, y0, x1, y1]) * _metres_per_unit(projection)
    width = 1.06 * max(b[2] - b[0] for b in boxes.values())
    height = 1.12 * max(b[3] - b[1] for b in boxes.values())
    fig = plt.figure(figsize=(12, 12 / 2 * height / width + 1.6))
    for i, (name, projection) in enumerate(PROJECTIONS.items()):
        ax = fig.add_subplot(1, len(PROJECTIONS), i + 1, projection=projection)
        maps.base_map("europe", title=f"Map 5{'ab'[i]}. {name}", ax=ax, credits=False,
                      detail=False)
        x0, y0, x1, y1 = boxes[name]
        unit = _metres_per_unit(projection)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        ax.set_xlim((cx - width / 2) / unit, (cx + width / 2) / unit)
        ax.set_ylim((cy - height / 2) / unit, (cy + height / 2) / unit)
        decorations.add_graticule(ax, range(15, 50, 5), range(40, 60, 5))
        factor = flat_area_km2(ukraine, projection) / true_km2
        ax.text(0.5, -0.03, f"Ukraine looks {factor:.2f} × its true area", ha="center",
                va="top", transform=ax.transAxes, fontsize=15, fontweight="bold", zorder=9,
                bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": look.PALETTE["grey"]})
    fig.suptitle("Map 5. The same country in two projections, drawn at one scale",
                 fontsize=17, weight="bold")
    look.figure_credits(fig, f"{look.credit_line(['countries'])} {look.POV}")
    maps.done(ax)


def line_to_kyiv(*, town: str, lon: float, lat: float) -> None:
    """Map 6: a straight line from a town (its longitude and latitude) to Kyiv, and how long."""
    ax = maps.europe_map(f"Map 6. From {town} to Kyiv")
    line = maps.add_line(ax, [(lon, lat), "Kyiv"], colour="orange", label="Straight line")
    key = decorations.add_places(ax, [(town, lon, lat), "Kyiv"], emphasis=[town], main="Your town")
    decorations.add_legend(ax, key + [line], loc="lower left", title="Key")
    maps.done(ax)
    print(f"{town} to Kyiv: {distance_km((lon, lat), 'Kyiv'):,.0f} km in a straight line")
