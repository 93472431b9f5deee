"""Notebook 04 (lesson 5, "How big?"): its figures and printed tables.

Each function is one cell's work: the numbers in the article, the unit conversion, the
chart of familiar places, the retaken land moved over England, and "a fifth of Ukraine".
"""

from __future__ import annotations

import datetime as dt

import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

from .. import data, decorations, look, maps
from ..exercises.answers_from_data import reference_km2
from ..measure import (
    KM2_PER_SQ_MILE,
    KM_PER_MILE,
    area_km2,
    km2_to_sq_miles,
    moved_over,
    outline_retaken_km2,
    square_of,
)

CLAIMED_KM2 = 3000          # the article's figure (Zaluzhnyi, 11 September 2022)
IN_THE_ARTICLE = ["zaluzhnyi-3000km2-2022-09-11", "zaluzhnyi-3000km2-as-sq-mi",
                  "bbc-20-villages-24h-2022-09-12", "ganchev-outnumbered-8-to-1-2022-09-12",
                  "bbc-newsround-fifth-2022-09-12"]
UNITS = {"km2": "km²", "sq mi": "square miles", "ratio (to 1)": "to 1", "percent": "%"}


def claims() -> dict[str, dict]:
    """Every row of data/claims.csv, by its claim_id."""
    return {row["claim_id"]: row for row in data.read_table("claims.csv")}


def show_article_numbers() -> None:
    """The five numbers in the article: the number, who gave it and which side they are on."""
    table = claims()
    for claim_id in IN_THE_ARTICLE:
        c = table[claim_id]
        number = f"{c['value']:,.0f} {UNITS.get(c['unit'], c['unit'])}"
        print(f"{number:<19}{c['who']} (side: {c['side']})")


def show_conversion() -> None:
    """The square-mile factor, and the BBC's 1,158 square miles checked both ways."""
    printed = claims()["zaluzhnyi-3000km2-as-sq-mi"]["value"]
    print(f"1 square mile = {KM_PER_MILE:.3f} km × {KM_PER_MILE:.3f} km = "
          f"{KM2_PER_SQ_MILE:.2f} km²")
    print(f"{CLAIMED_KM2:,} km² ÷ {KM2_PER_SQ_MILE:.2f} = "
          f"{km2_to_sq_miles(CLAIMED_KM2):,.0f} square miles (the BBC printed {printed:,.0f})")
    wrong = round(KM_PER_MILE, 2)                  # divided by as printed, so the sum checks
    print(f"The wrong way: {CLAIMED_KM2:,} ÷ {wrong} = {CLAIMED_KM2 / wrong:,.0f} (far too big)")


def familiar_places_chart(places=("Isle of Wight", "Greater London", "Luxembourg")) -> None:
    """Chart 1: horizontal bars, shortest at the bottom, the article's 3,000 km² hatched
    in red-orange among familiar places in blue, each bar labelled with its area."""
    bars = sorted([(name, reference_km2(name)) for name in places]
                  + [("The article's 3,000 km²", CLAIMED_KM2)], key=lambda bar: bar[1])
    fig, ax = plt.subplots(figsize=(10, 5.6))
    for i, (name, km2) in enumerate(bars):
        claimed = name.startswith("The article")
        ax.barh(i, km2, color=look.PALETTE["vermillion" if claimed else "sky blue"],
                edgecolor=look.PALETTE["black"], hatch="//" if claimed else None)
        ax.text(km2 + 50, i, f"{km2:,.0f} km²", va="center", fontsize=14)
    ax.set_yticks(range(len(bars)), [name for name, _ in bars], fontsize=14)
    ax.set_xlim(0, 4200)
    ax.xaxis.set_major_formatter("{x:,.0f}")
    ax.set_xlabel("Area (square kilometres)")
    ax.set_title("Chart 1. The article's 3,000 km² next to places we know", loc="left")
    look.figure_credits(fig, "Data: data/reference_areas.csv (sources listed per place); "
                             "3,000 km² is the figure in the article")
    plt.tight_layout()
    plt.show()


def _day(when) -> dt.date | None:
    """A 2022 date typed as '12 Sep', '12 September' or '2022-09-12' (None if unreadable)."""
    for text, pattern in ((f"{when} 2022", "%d %b %Y"), (f"{when} 2022", "%d %B %Y"),
                          (str(when), "%Y-%m-%d")):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def retaken_between(start: str, end: str) -> None:
    """Print the land our APPROXIMATE outlines show retaken between two of their dates
    (typed like '5 Sep'), measured on the curved Earth."""
    days = data.control_snapshots()
    first, last = _day(start), _day(end)
    if first not in days or last not in days or first >= last:
        shown = ", ".join(f"'{d.day} {d:%b}'" for d in days)
        print(f"Our outlines have these dates only: {shown}. Give two of them in quotes, "
              "the earlier one first.")
        return
    km2 = outline_retaken_km2(last, since=first)
    print(f"Retaken between {first.day} {first:%b} and {last.day} {last:%b} "
          f"(approximate outline): {km2:,.0f} km²")


def moved_over_england_map() -> None:
    """Map 1: the land retaken 5-12 September (approximate outline) moved over London, and a
    square of the article's 3,000 km² over Wales, on an equal-area map so both keep their
    true size."""
    days = data.control_snapshots()
    retaken = data.control_area(days[0]).difference(data.control_area(days[2]))
    moved = moved_over(retaken, "London")
    square = square_of(CLAIMED_KM2, (-3.5, 52.3))
    fig = plt.figure(figsize=(10, 8.6))
    ax = fig.add_subplot(projection=maps.equal_area_projection("London"))
    title = (f"Map 1. Land retaken {days[0].day}–{days[2].day} September 2022 "
             "(approximate),\nmoved over England at true scale")
    maps.base_map("europe", ax=ax, title=title, credits=False)
    look.add_credits(ax, ["countries"], pov=None,
                     notes=(maps.APPROXIMATE + ", moved at true scale.",))
    ax.set_extent((-6.2, 3.6, 49.9, 54.6), crs=maps.LONLAT)
    shape = maps.add_area(ax, moved, colour="vermillion", hatch="///", alpha=0.45,
                          label=f"Land retaken, approximate ({area_km2(moved):,.0f} km²)")
    claimed = maps.add_area(ax, square, colour="blue", hatch="..", alpha=0.3,
                            label=f"A square of {CLAIMED_KM2:,} km² (the article's figure)")
    decorations.label_area(ax, "WALES", -3.7, 52.85, colour="dark grey", style="normal")
    decorations.label_area(ax, "ENGLAND", -1.4, 53.7, colour="dark grey", style="normal")
    decorations.add_places(ax, ["London"], emphasis=["London"])
    capital = Line2D([], [], marker="s", markersize=9, color="black", linestyle="",
                     label="London (capital city)")
    decorations.add_legend(ax, [shape, claimed, capital], loc="upper right")
    decorations.add_scale_bar(ax, 100)
    maps.done(ax)


def show_fifth() -> None:
    """Ukraine's area, a fifth of it, Crimea's share, and President Zelensky's June figure."""
    ukraine = reference_km2("Ukraine")
    june = claims()["afp-20pct-as-km2-2022-06-02"]
    print(f"Ukraine: {ukraine:,.0f} km² (Encyclopaedia Britannica)")
    print(f"A fifth of Ukraine: {ukraine / 5:,.0f} km²")
    print(f"Crimea (without Sevastopol): {reference_km2('Crimea'):,.0f} km², "
          f"{reference_km2('Crimea') / ukraine:.0%} of Ukraine")
    print(f"{june['date'].day} {june['date']:%B %Y}: {june['who']} said Russia held almost "
          f"{june['value']:,.0f} km²")
