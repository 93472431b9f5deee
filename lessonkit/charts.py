"""Charts of notebook 03 (areas and who claimed them), one call each, in the maps' style.

The students' cells pass the numbers; the plotting plumbing lives here.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt

from .maps import PALETTE, figure_credits
from .measure import outline_retaken_km2


def area_bars(areas: dict[str, float], claim_km2: float, *, title: str) -> None:
    """Horizontal bars, shortest at the bottom: familiar places ({name: km²}) in blue and
    the claimed retaken area hatched in red-orange, each bar labelled with its area."""
    bars = sorted([*areas.items(), ("Claimed retaken area", claim_km2)], key=lambda b: b[1])
    fig, ax = plt.subplots(figsize=(10, 6))
    for i, (name, km2) in enumerate(bars):
        claimed = name.startswith("Claimed")
        ax.barh(i, km2, color=PALETTE["vermillion" if claimed else "sky blue"],
                edgecolor=PALETTE["black"], hatch="//" if claimed else None)
        ax.text(km2 + 50, i, f"{km2:,.0f} km²", va="center", fontsize=12)
    ax.set_yticks(range(len(bars)), [name for name, _ in bars])
    ax.set_xlim(0, 4600)
    ax.set_xlabel("Area (square kilometres)")
    ax.set_title(title, loc="left")
    figure_credits(fig, "Data: data/reference_areas.csv (sources listed per place); "
                        "3,000 km² is the article's figure")
    plt.tight_layout()
    plt.show()


SHORT_NAMES = {"Institute for the Study of War": "ISW", "UK Ministry of Defence": "UK MoD"}


def short_name(who: str) -> str:
    """A short label for who gave a figure: 'ISW', 'UK MoD' or a surname."""
    who = who.split(" (")[0]
    return SHORT_NAMES.get(who, who.split()[-1])


def land_covered(claim: dict) -> str:
    """The land a figure counts, in a few words, from the claim's covers_area column."""
    return next((k for k in LAND_LOOK if claim["covers_area"].startswith(k)), "Kharkiv oblast")


# Chart 2: each kind of land its own marker and colour, so the key reads without colour too.
LAND_LOOK = {"Kharkiv oblast": ("o", "blue", "Kharkiv oblast only"),
             "east and south": ("s", "orange", "East and south together"),
             "south only": ("v", "vermillion", "South only (around Kherson)"),
             "not stated": ("^", "green", "Not stated (the whole front?)")}
# Where to put a name beside its point (x, y in points, alignment) when the usual place is
# taken: (short name, day of the month) -> offset.
LABEL_AT = {("Zelensky", 8): (-8, 3, "right"), ("Zaluzhnyi", 9): (6, -13, "left"),
            ("ISW", 10): (0, 9, "center"), ("Zaluzhnyi", 11): (2, -16, "left"),
            ("UK MoD", 12): (8, -2, "left")}


def claims_chart(claims: list[dict], *, outline_days: list, title: str) -> None:
    """Areas claimed retaken (km²) against date, each point's marker showing which land it
    covers (LAND_LOOK) and named by who gave it, with the pack's APPROXIMATE outline's own
    figure on `outline_days` as a dashed line."""
    points = [(c["date"], c["value"], short_name(c["who"]), land_covered(c)) for c in claims]
    fig, ax = plt.subplots(figsize=(10, 6))
    for land, (marker, colour, label) in LAND_LOOK.items():
        mine = [p for p in points if p[3] == land]
        ax.scatter([p[0] for p in mine], [p[1] for p in mine], marker=marker, s=90, zorder=3,
                   color=PALETTE[colour], edgecolor="black", label=label)
    for day, km2, who, _ in points:
        dx, dy, ha = LABEL_AT.get((who, day.day), (8, -4, "left"))
        ax.annotate(who, (day, km2), xytext=(dx, dy), textcoords="offset points", ha=ha,
                    fontsize=10)
    ax.plot(outline_days, [outline_retaken_km2(d) for d in outline_days], "D--",
            color=PALETTE["black"],
            label="Our approximate outline, an estimate too\n(window around Kharkiv oblast)")
    ax.xaxis.set_major_locator(mdates.DayLocator(bymonthday=[1, 8, 15, 22]))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    ax.set(xlabel="Date (2022)", ylabel="Area retaken since the start (km²)")
    ax.set_title(title, loc="left")
    ax.legend(loc="lower right", title="Which land the figure covers")
    figure_credits(fig, "Data: data/claims.csv (sources listed per claim); outline: "
                        "data/control_areas.csv (approximate)")
    plt.tight_layout()
    plt.show()
