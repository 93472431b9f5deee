"""Notebook 03 (lesson 4): its figures and printed tables.

Why Kupiansk and Izium mattered (the supply map), what each side said (the statements of
one day, with how each is on the record), and the statements students sort.
"""

from __future__ import annotations

import datetime as dt
from textwrap import fill

from .. import data, decorations, maps
from ..exercises.who_said_what import SORTING, sorting_rows
from . import event_days

# ---- Map 1: the supply routes ----

SUPPLY_STYLES = {"rail": ("black", "-"), "road": ("orange", "--")}   # colour, line style
SUPPLY_TOWNS = ["Belgorod", "Valuyki", "Kupiansk", "Kupiansk-Vuzlovyi", "Izium", "Lyman",
                "Sloviansk", "Kharkiv"]


def supply_map(*, title: str) -> None:
    """The eastern map with the SCHEMATIC supply routes of data/supply_routes.csv (straight
    lines between the towns they pass through), railways solid, roads dashed."""
    ax = maps.east_map(title)
    handles = {}
    for route in data.supply_routes().values():
        colour, style = SUPPLY_STYLES[route["mode"]]
        handles[route["mode"]] = maps.add_line(
            ax, route["points"], colour=colour, style=style, width=3,
            label=f"{route['mode'].capitalize()} link (schematic)")
    decorations.label_area(ax, "RUSSIA", 37.1, 50.68, style="normal")
    decorations.label_area(ax, "DONETSK\nOBLAST", 37.05, 48.8, style="normal", fontsize=11)
    decorations.add_legend(ax, list(handles.values()) + decorations.place_key(["town"]),
                           loc="lower left")
    decorations.add_places(ax, SUPPLY_TOWNS)
    decorations.add_scale_bar(ax, 50, at=(0.72, 0.05))
    maps.done(ax)


# ---- Who said what ----

# How each statement is on the record (data/events.csv, column status, for statements):
# these describe the record, never whether what was said is true.
RECORD = {"confirmed": "said on the record",
          "claimed": "reported by others",
          "disputed": "said on the record; others said otherwise"}
STATEMENT_KINDS = ("statement", "withdrawal")


def _wrapped(text: str, first: str = "   ") -> str:
    """Text in lines of at most 86 characters, indented under a heading line."""
    return fill(text, 86, initial_indent=first, subsequent_indent="   ",
                break_on_hyphens=False)


def show_statements(*, day: str) -> None:
    """What was said on one day ('YYYY-MM-DD'): who, what, and how it is on the record."""
    when = dt.date.fromisoformat(day)
    lines = []
    for e in data.read_table("events.csv"):
        if e["category"] in STATEMENT_KINDS and e["date"] == when:
            lines += [f"{e['reported_by']} · {RECORD[e['status']]}", _wrapped(e["what"])]
    print("\n".join(lines))


def show_sort_statements() -> None:
    """Statements A to F to sort: each in a few words, its date and who reported it."""
    rows = sorting_rows()
    lines = []
    for letter, (_, said) in SORTING.items():
        row = rows[letter]
        lines += [_wrapped(f"{said} ({event_days(row)})", first=f"{letter}. "),
                  _wrapped(f"Reported by: {row['reported_by']}")]
    print("\n".join(lines))
