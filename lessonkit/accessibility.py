"""The pack's rules for a figure that a whole class can read from a projector.

``figure_problems(fig)`` lists every way a drawn figure breaks them: no title, a
colour outside the colour-blind-safe PALETTE, or text that looks smaller than
MIN_FONT_PT as displayed (JupyterLab shrinks a figure wider than DISPLAY_WIDTH_PX to
fit the notebook, and its text with it).
The tests run it on every figure of every notebook; an author can run it on a
new figure before adding it to a notebook.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import Collection
from matplotlib.colors import to_hex, to_rgba_array
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text

from .look import DISPLAY_WIDTH_PX, MIN_FONT_PT, PALETTE

ALLOWED = {to_hex(c) for c in PALETTE.values()}


def title(fig: Figure) -> str:
    """The figure's title: its suptitle, or else the first axes title found."""
    if fig.get_suptitle():
        return fig.get_suptitle()
    for ax in fig.axes:
        for loc in ("left", "center", "right"):
            if ax.get_title(loc):
                return ax.get_title(loc)
    return ""


def _colours(artist) -> list:
    """The colours an artist actually paints (invisible and unused ones left out)."""
    if isinstance(artist, Text):
        return [artist.get_color()] if artist.get_text().strip() else []
    if isinstance(artist, Line2D):
        found = [artist.get_color()] if artist.get_linestyle() not in ("None", "") else []
        if artist.get_marker() not in ("None", "", None):
            found += [artist.get_markerfacecolor(), artist.get_markeredgecolor()]
        return found
    if isinstance(artist, Patch):
        found = [artist.get_facecolor()] if artist.get_fill() else []
        return found + ([artist.get_edgecolor()] if artist.get_linewidth() > 0 else [])
    if isinstance(artist, Collection):
        found = list(artist.get_facecolor())
        if np.any(np.asarray(artist.get_linewidth()) > 0):
            found += list(artist.get_edgecolor())
        return found
    return []


def _name(artist) -> str:
    label = artist.get_text() if isinstance(artist, Text) else artist.get_label()
    label = f" {label!r}" if label and not str(label).startswith("_") else ""
    return f"{type(artist).__name__}{label}"


def shown_width_px(fig: Figure) -> float:
    """How wide the figure's picture is, in pixels, as Jupyter saves it (trimmed to what is
    drawn, plus the padding)."""
    try:
        inches = fig.get_tightbbox(fig.canvas.get_renderer()).width
    except (AttributeError, TypeError):         # a canvas without a renderer: use the size
        inches = fig.get_figwidth()
    return (inches + 2 * plt.rcParams["savefig.pad_inches"]) * fig.dpi


def figure_problems(fig: Figure) -> list[str]:
    """Every accessibility problem of a drawn figure, as sentences (empty if none)."""
    problems = [] if title(fig) else ["the figure has no title (use a suptitle or ax.set_title)"]
    width = shown_width_px(fig)
    shrink = min(1.0, DISPLAY_WIDTH_PX / width)
    for artist in fig.findobj(lambda a: a.get_visible()):
        if isinstance(artist, AxesImage):
            problems.append("an image or colour map: its colours cannot be checked "
                            "against the palette")
            continue
        for rgba in to_rgba_array(_colours(artist)) if _colours(artist) else []:
            if rgba[3] > 0 and to_hex(rgba[:3]) not in ALLOWED:
                problems.append(f"{_name(artist)} uses {to_hex(rgba[:3])}, which is not a "
                                "colour of lessonkit.look.PALETTE")
        if isinstance(artist, Text) and artist.get_text().strip() \
                and artist.get_fontsize() * shrink < MIN_FONT_PT - 1e-9:
            size = artist.get_fontsize()
            shown = "" if shrink == 1 else (
                f" but looks {size * shrink:.1f} pt once the {width:.0f}-px-wide figure is "
                f"shrunk to {DISPLAY_WIDTH_PX} px in the notebook")
            problems.append(f"{_name(artist)} is {size:g} pt{shown}, smaller than the "
                            f"{MIN_FONT_PT} pt minimum for projection")
    return list(dict.fromkeys(problems))
