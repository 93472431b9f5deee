"""Notebook 00 (lesson 1): its figures and printed tables."""

from __future__ import annotations

from .. import decorations, maps


def first_map() -> None:
    """Map 1: Ukraine in Europe, with four capitals, Kharkiv, a north arrow and a key."""
    ax = maps.europe_map("Map 1. Ukraine in Europe")
    decorations.label_area(ax, "UKRAINE", 31.5, 48.3, colour="black", style="normal")
    decorations.label_area(ax, "RUSSIA", 42.0, 56.5, colour="black", style="normal")
    key = decorations.add_places(ax, ["Kyiv", "Moscow", "London", "Kharkiv"], emphasis=["Kharkiv"],
                                 main="City in the story")
    decorations.add_north_arrow(ax, at=(0.72, 0.12))
    decorations.add_legend(ax, key, loc="lower left", title="Key")
    maps.done(ax)
