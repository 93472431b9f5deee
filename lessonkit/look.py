"""The look: colours, fonts and the credit lines every figure of the pack carries.

Importing it sets matplotlib's style for the whole notebook, so every map and chart
shares one projector-friendly look.
"""

from __future__ import annotations

from textwrap import fill
from weakref import WeakKeyDictionary

import matplotlib.patheffects as pe
import matplotlib.pyplot as plt
import numpy as np

from . import inline

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
inline.install()      # figures reach the notebook drawn once (lessonkit.inline)

CREDIT = {
    "countries": "Natural Earth 5.1.1 (public domain)",
    "rivers": "GSHHG rivers and lakes (LGPL-3.0)",
    "places": "GeoNames places (CC BY 4.0)",
}
POV = "Borders: Ukraine's internationally recognised borders, Crimea included."


def credit_line(layers=tuple(CREDIT)) -> str:
    """'Map data: …' naming each layer's source and licence, from CREDIT."""
    return "Map data: " + "; ".join(CREDIT[k] for k in layers) + "."


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


# Maps with grid labels along their bottom edge: their credits go lower.
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




def has_credits(ax) -> bool:
    """Whether the map has a credit block (that a layer drawn on it should add to)."""
    return ax in _CREDITS


def move_credits_below_grid(ax) -> None:
    """Put the map's credits (now or later) below the grid labels along its bottom edge."""
    _GRIDDED[ax] = True
    if has_credits(ax):
        add_credits(ax, [])
