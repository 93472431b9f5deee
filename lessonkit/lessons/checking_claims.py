"""Notebook 05 (lesson 6, "Who says so, and can we check?"): its figures and printed tables.

Each function is one cell's work: our approximate map measured and set beside officials'
figures, the chart of every area claimed, the "8-to-1" claim, and where the numbers come from.
"""

from __future__ import annotations

import datetime as dt
import re

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.transforms import Bbox

from .. import data, look
from ..measure import area_km2, outline_retaken_km2
from .numbers import claims, reference_km2

FIRST_DAY, LAST_DAY = dt.date(2022, 9, 4), dt.date(2022, 9, 16)   # Chart 1's days
GOVERNOR = "Oleh Syniehubov"          # Kharkiv oblast's governor in 2022
SHARE = re.compile(r"(?:(?:about|a little under|under|almost) )?\d+ per cent")


def show_outline_areas() -> None:
    """The land retaken between each pair of the APPROXIMATE outlines, and in how many days."""
    days = data.control_snapshots()
    print("Land retaken (approximate outlines):")
    for start, end in zip(days[:-1], days[1:], strict=True):
        km2 = outline_retaken_km2(end, since=start)
        print(f"  {start.day:>2} {start:%b} to {end.day:>2} {end:%b}: {km2:6,.0f} km² "
              f"in {(end - start).days:>2} days")


def show_kharkiv_shares() -> None:
    """The share of Kharkiv oblast our outlines leave Russian-held, beside what the
    oblast's governor said was still occupied (14 September; and 20 October, given with the
    number of settlements still occupied, without saying a share of what)."""
    kharkiv = data.oblast("Kharkiv")
    rows = []
    for day in data.control_snapshots()[2:]:
        share = area_km2(data.control_area(day).intersection(kharkiv)) / area_km2(kharkiv)
        rows.append((day, "our outline:", f"about {share:.0%}".replace("%", " per cent")))
    for c in claims().values():
        if c["who"] == GOVERNOR and SHARE.search(c["claim"]):
            said = _share_said(c["claim"])
            # A share given with a count of settlements may not be a share of the land.
            rows.append((c["date"], "the governor:", said if c["unit"] == "percent"
                         else f'"{said}" (of what?)'))
    print("Share of Kharkiv oblast held by Russian forces:")
    for day, who, share in sorted(rows):
        print(f"  {f'{day.day} {day:%B},':<14} {who:<13} {share}")


def _share_said(claim: str) -> str:
    """The words of a claim that give a share, e.g. 'a little under 2 per cent'."""
    found = SHARE.search(claim)
    return found.group(0) if found else claim


def _september_km2() -> list[dict]:
    """Every area in km² claimed in September 2022, and the UK MoD's 'twice Greater London'
    turned into km², in date order."""
    found = [c for c in claims().values() if c["date"].year == 2022 and c["date"].month == 9
             and c["unit"] == "km2"]
    for c in claims().values():
        if c["who"] == "UK Ministry of Defence" and "Greater London" in c["claim"]:
            found.append({**c, "value": c["value"] * reference_km2("Greater London")})
    return sorted(found, key=lambda c: c["date"])


SHORT_NAMES = {"Institute for the Study of War": "ISW", "UK Ministry of Defence": "UK MoD"}
# Each kind of land its own marker and colour, so the key reads without colour too.
LAND_LOOK = {"Kharkiv oblast": ("o", "blue", "Kharkiv oblast only"),
             "east and south": ("s", "orange", "East and south together"),
             "south only": ("v", "vermillion", "South only (Kherson oblast)"),
             "not stated": ("^", "green", "Not stated (the whole front?)")}


def short_name(who: str) -> str:
    """A short label for who gave a figure: 'ISW', 'UK MoD' or a surname."""
    who = who.split(" (")[0]
    return SHORT_NAMES.get(who, who.split()[-1])


def land_covered(claim: dict) -> str:
    """The land a figure counts (a key of LAND_LOOK), from its covers_area column."""
    for land in LAND_LOOK:
        if claim["covers_area"].startswith(land):
            return land
    return "Kharkiv oblast"


# Where a name may go beside its point (offset in points, alignment): right, left, above,
# below, then the diagonals, then all of those further out; the first place that overlaps
# no point or name is used.
NEAR = [(9, 0, "left", "center"), (-9, 0, "right", "center"), (0, 9, "center", "bottom"),
        (0, -9, "center", "top"), (7, 7, "left", "bottom"), (-7, 7, "right", "bottom"),
        (7, -7, "left", "top"), (-7, -7, "right", "top")]
LABEL_PLACES = NEAR + [(2 * dx, 2 * dy, ha, va) for dx, dy, ha, va in NEAR]


def _name_points(ax, points, *, also_drawn) -> None:
    """Write who gave each figure beside its point, where it overlaps no point or name
    (`also_drawn`: more (date, km²) points that need room)."""
    renderer = ax.figure.canvas.get_renderer()
    taken = []
    drawn = [(p[0], p[1]) for p in points] + also_drawn
    for x, y in ax.transData.transform([(mdates.date2num(d), km2) for d, km2 in drawn]):
        taken.append(Bbox.from_extents(x - 9, y - 9, x + 9, y + 9))
    for day, km2, who, _ in points:
        # At the day as a number: a date would be converted again at every measurement.
        text = ax.annotate(who, (mdates.date2num(day), km2), xytext=(0, 0),
                           textcoords="offset points", fontsize=12, path_effects=look.HALO,
                           zorder=5)
        tried = []                   # (names overlapped, order, place, box): moved to each
        for dx, dy, ha, va in LABEL_PLACES:
            text.xyann = (dx, dy)
            text.set(ha=ha, va=va)
            box = text.get_window_extent(renderer).padded(2)
            clashes = sum(box.overlaps(other) for other in taken)
            tried.append((clashes, len(tried), (dx, dy, ha, va), box))
            if not clashes:
                break
        _, _, (dx, dy, ha, va), box = min(tried, key=lambda t: t[:2])
        text.xyann = (dx, dy)
        text.set(ha=ha, va=va)
        taken.append(box)


def _side_by_side(points):
    """The points, with any that share a date and a value moved a few hours apart (so two
    people who gave the same figure on the same day both show)."""
    moved = []
    for day, km2, who, land in points:
        same = [p for p in points if p[:2] == (day, km2)]
        shift = (same.index((day, km2, who, land)) - (len(same) - 1) / 2) * 10
        moved.append((dt.datetime.combine(day, dt.time(0)) + dt.timedelta(hours=shift),
                      km2, who, land))
    return moved


def claims_chart() -> None:
    """Chart 1: every area claimed retaken in September 2022 (km²) against date, each point's
    marker showing which land it covers, and our APPROXIMATE outline's own figure as white
    diamonds on the dates it was drawn for (points only: it has no dates in between).  The
    chart ends on 16 September; the 3 October outline is written at its right edge."""
    points = _side_by_side([(c["date"], c["value"], short_name(c["who"]), land_covered(c))
                            for c in _september_km2()])
    fig, ax = plt.subplots(figsize=(10, 6.2))
    for land, (marker, colour, label) in LAND_LOOK.items():
        days = [p[0] for p in points if p[3] == land]
        ax.scatter(days, [p[1] for p in points if p[3] == land], marker=marker, s=120,
                   zorder=3, color=look.PALETTE[colour], edgecolor="black", label=label)
    outline_days = [d for d in data.control_snapshots() if d <= LAST_DAY]
    outline = [outline_retaken_km2(d) for d in outline_days]
    ax.scatter(outline_days, outline, marker="D", s=120, zorder=4, clip_on=False,
               color=look.PALETTE["white"], edgecolor="black", linewidth=2,
               label="Our approximate outline\n(drawn for a few dates only)")
    later = data.control_snapshots()[-1]
    ax.annotate(f"Our outline on {later.day} {later:%b}:\nabout "
                f"{round(outline_retaken_km2(later), -2):,.0f} km² →", (0.99, 0.97),
                xycoords="axes fraction", ha="right", va="top", fontsize=12)
    ax.set_xlim(FIRST_DAY, LAST_DAY)
    ax.set_ylim(0, 10500)
    ax.yaxis.set_major_formatter("{x:,.0f}")
    days = [FIRST_DAY + dt.timedelta(days=n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]
    ax.set_xticks(days, [str(day.day) for day in days])     # a tick a day, numbered
    ax.grid(axis="y", color=look.PALETTE["grey"], alpha=0.3)
    ax.set(xlabel="Day of September 2022", ylabel="Area retaken (km²), as each figure counts it")
    ax.set_title("Chart 1. Land retaken: every figure, and our map", loc="left")
    ax.legend(loc="upper left", title="Which land the figure covers", fontsize=11)
    _name_points(ax, points, also_drawn=list(zip(outline_days, outline, strict=True)))
    look.figure_credits(fig, "Data: data/claims.csv (sources listed per claim); outline: "
                             "data/control_areas.csv (approximate)")
    plt.tight_layout()
    plt.show()


def show_ratio_claim() -> None:
    """The '8-to-1' claim: who made it, in what role, and what the ratio would mean."""
    c = claims()["ganchev-outnumbered-8-to-1-2022-09-12"]
    ratio = round(c["value"])
    print(f"{c['date'].day} {c['date']:%B %Y}: {c['who']}")
    print(f"Role: {c['role']}")
    print(f"Claim: Ukraine's attacking soldiers outnumbered Russia's {ratio} to 1")
    print(f"If true, {ratio} in every {ratio + 1} soldiers there were Ukrainian")


def show_units() -> None:
    """The kinds of number (units) in data/claims.csv."""
    units = sorted({c["unit"] for c in claims().values()})
    print("Units of the numbers in claims.csv:", ", ".join(units))


def show_who_gave_the_numbers() -> None:
    """How many numbers in data/claims.csv come from each side, and with what status."""
    counts: dict[tuple[str, str], int] = {}
    for c in claims().values():
        counts[c["side"], c["status"]] = counts.get((c["side"], c["status"]), 0) + 1
    print(f"Numbers in claims.csv: {sum(counts.values())}")
    for (side, status), n in sorted(counts.items(), key=lambda kind: -kind[1]):
        print(f"  {n:>2} from {side} ({status})")
