"""Notebook 02 (lesson 3): its figures and printed tables.

What happened, when and where: the timeline of events (Chart 1), the towns retaken
(Chart 2), the area held by Russian forces on four dates (Map 1), the towns retaken on
the map (Map 2), how far each lies beyond the old front, and the day-by-day slider.
"""

from __future__ import annotations

import base64
import datetime as dt
from textwrap import fill

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D

from .. import data, decorations, inline, look, maps
from ..look import FONT_PT, PALETTE
from ..measure import km_beyond_front
from . import event_days

# ---- what the figures share ----

# The retaken towns on every map of this lesson, one shape per group of dates (never a
# square, which means a capital, nor a plain dot, which means a town):
# (label, the group's last day, face colour, marker); a group starts the day after the last.
RETAKEN_GROUPS = [("6–8 Sep", dt.date(2022, 9, 8), "white", "o"),
                  ("9–12 Sep", dt.date(2022, 9, 12), "blue", "^"),
                  ("13–30 Sep", dt.date(2022, 9, 30), "green", "D"),
                  ("1–3 Oct", dt.date(2022, 10, 3), "purple", "p")]
# The towns Map 1 and the slider name (Shevchenkove: the 8 September outline's edge).
SITUATION_TOWNS = ["Kharkiv", "Balakliia", "Shevchenkove", "Kupiansk", "Izium", "Lyman"]
RUSSIA_LABEL = ("RUSSIA", 37.55, 50.6)


def _events(category: str | None = None) -> list[dict]:
    return [e for e in data.read_table("events.csv")
            if category is None or e["category"] == category]


def _retaken() -> list[dict]:
    """The 'retaken' events that name a place, earliest first."""
    return sorted((e for e in _events("retaken") if e["place"]), key=lambda e: e["date"])


def _group(day: dt.date) -> tuple | None:
    for group in RETAKEN_GROUPS:
        if day <= group[1]:
            return group
    return None


def _marker_style(colour: str, marker: str) -> dict:
    return {"marker": marker, "facecolor": PALETTE[colour], "edgecolor": "black",
            "linewidth": 2.2 if colour == "white" else 1.2}


def _retaken_key() -> list:
    """Key entries for the groups of dates (all of them, so every map's key is the same)."""
    return [Line2D([], [], linestyle="none", markersize=12,
                   markerfacecolor=PALETTE[colour], markeredgecolor="black",
                   markeredgewidth=2 if colour == "white" else 1, marker=marker,
                   label=f"Retaken {label}") for label, _, colour, marker in RETAKEN_GROUPS]


def _mark_retaken(ax, towns: dict[str, dt.date]) -> None:
    """One shape per group of dates at each retaken town ({name: date retaken})."""
    for rank, group in enumerate(RETAKEN_GROUPS):
        _, _, colour, marker = group
        here = [data.place(t) for t, day in towns.items() if _group(day) == group]
        if here:
            xs, ys = maps.to_map(ax, [p.lon for p in here], [p.lat for p in here])
            # Earlier groups on top (names, at 7, above all): Kupiansk stays in sight beside
            # Kupiansk-Vuzlovyi.
            ax.scatter(xs, ys, s=150, zorder=7 - rank / 10, transform=ax.transData,
                       **_marker_style(colour, marker))


def _towns(ax, names: list[str], retaken: dict[str, dt.date], *, fontsize: int) -> None:
    """Name the towns: a dot for a town, its group's shape for a town retaken."""
    _mark_retaken(ax, {t: retaken[t] for t in names if t in retaken})
    decorations.add_places(ax, [t for t in names if t not in retaken], fontsize=fontsize)
    decorations.add_places(ax, [t for t in names if t in retaken], fontsize=fontsize,
                           marker_colour="none")


def _label_russia(ax) -> None:
    name, lon, lat = RUSSIA_LABEL
    decorations.label_area(ax, name, lon, lat, style="normal", fontsize=FONT_PT)


# ---- Charts 1 and 2: the events in order ----

# How sure a report is, shown by shape as well as colour (data/events.csv, column status).
STATUS_MARKERS = {"confirmed": ("o", "green"), "claimed": ("^", "orange"),
                  "disputed": ("X", "vermillion")}


def counter_offensive_dates() -> tuple[dt.date, dt.date]:
    """From the start of the counter-offensive to the last town retaken in the pack's data."""
    start = min(e["date"] for e in _events("counter-offensive"))
    end = max(e["date_latest"] or e["date"] for e in _retaken())
    return start, end


def _timeline(ax, events, rows: list[str], row_of, *, title: str) -> None:
    """Dated events as markers on labelled rows (earliest row at the top); a grey bar
    where reports differ on the day; the counter-offensive as a yellow band."""
    start, end = counter_offensive_dates()
    ax.axvspan(start, end + dt.timedelta(days=1), color=PALETTE["yellow"], alpha=0.35,
               label=f"the counter-offensive ({start.day} {start:%b} – {end.day} {end:%b})")
    for i, e in enumerate(e for e in events if e["date_latest"]):
        y = rows.index(row_of(e))
        ax.plot([e["date"], e["date_latest"]], [y, y], color=PALETTE["grey"], linewidth=5,
                solid_capstyle="round", zorder=2,
                label="reports differ on the day" if i == 0 else "_nolegend_")
    for status, (marker, colour) in STATUS_MARKERS.items():
        shown = [e for e in events if e["status"] == status]
        if not shown:
            continue
        ax.scatter([e["date"] for e in shown], [rows.index(row_of(e)) for e in shown],
                   marker=marker, s=110, color=PALETTE[colour], edgecolor="black",
                   label=status, zorder=3)
    ax.set_yticks(range(len(rows)), rows)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.grid(axis="x", color=PALETTE["grey"], alpha=0.4)
    ax.set_title(title, loc="left")


def events_chart(*, title: str) -> None:
    """Chart 1: every event of data/events.csv, one row per kind of event, Feb–Oct 2022."""
    fig, ax = plt.subplots(figsize=(12, 5.5))
    _timeline(ax, _events(), list(data.EVENT_CATEGORIES), lambda e: e["category"], title=title)
    first, last = (mdates.num2date(x).date() for x in ax.get_xlim())
    months = [dt.date(year, month, 1) for year in range(first.year, last.year + 1)
              for month in range(1, 13) if first <= dt.date(year, month, 1) <= last]
    ax.set_xticks(months, [f"{month:%b}" for month in months])     # a tick a month
    ax.legend(title="Key", loc="center")
    look.figure_credits(fig, "Data: data/events.csv (sources listed per event)")
    maps.done(ax)


def _day_label(day: dt.date) -> str:
    """A tick label for every day: the day's number, and the month under its first day."""
    return f"{day.day}\n{day:%b}" if day.day == 1 or day == dt.date(2022, 9, 5) else f"{day.day}"


def retaken_chart(*, title: str) -> None:
    """Chart 2: the towns retaken, one row per town (earliest at the top), a tick every day."""
    retaken = _retaken()
    rows = list(dict.fromkeys(e["place"] for e in retaken))
    fig, ax = plt.subplots(figsize=(12, 6.5))
    _timeline(ax, retaken, rows, lambda e: e["place"], title=title)
    ax.set_xlim(dt.date(2022, 9, 4), dt.date(2022, 10, 5))
    days = [dt.date(2022, 9, 5) + dt.timedelta(days=n) for n in range(31)]
    ax.set_xticks(days, [_day_label(day) for day in days])
    ax.legend(title="Key", loc="upper right")
    look.figure_credits(fig, "Data: data/events.csv (sources listed per event)")
    maps.done(ax)


# ---- Map 1: the area held by Russian forces on four dates ----

def _outline_for(day) -> tuple[dt.date, dt.date]:
    """The day (as a date) and the latest approximate outline on or before it."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    snapshots = [d for d in data.control_snapshots() if d <= day]
    if not snapshots:
        raise ValueError(f"The first outline is for {data.control_snapshots()[0]}; "
                         f"choose a day from then on (you chose {day}).")
    return day, snapshots[-1]


def _situation_title(day: dt.date, shown: dt.date) -> str:
    return f"Situation on {day:%d %B %Y} (outline of {shown:%d %b})"


def _situation_towns(ax, day: dt.date) -> None:
    """The towns of the story; those retaken by `day` in their group's shape."""
    retaken = {e["place"]: e["date"] for e in _retaken() if e["date"] <= day}
    _towns(ax, SITUATION_TOWNS, retaken, fontsize=FONT_PT - 1)


def situation_key(held: list) -> list:
    """The key of a situation map: the held area, the land not mapped, towns, retaken."""
    return held + decorations.place_key(["town"]) + _retaken_key()


def situation_map(day, *, ax=None, title: str | None = None, key: bool = True) -> list:
    """The eastern map on one day: the APPROXIMATE Russian-held area from the latest
    outline on or before that day, and the towns Ukraine had retaken by then.

    Drawn on its own it carries its credits; drawn into a given `ax` (a panel of a
    larger figure) it leaves the credits (and, with key=False, the key) to the figure.
    Returns the key's entries.
    """
    day, shown = _outline_for(day)
    ax = maps.base_map("east", ax=ax, credits=ax is None,
                       title=title or _situation_title(day, shown))
    entries = situation_key(maps.add_russian_held(ax, shown))
    _label_russia(ax)
    if key:                          # before the towns, so that their names avoid it
        decorations.add_legend(ax, entries, loc="lower left")
    _situation_towns(ax, day)
    decorations.add_scale_bar(ax, 50, at=(0.08, 0.06))
    return entries


def situation_maps(*, title: str) -> None:
    """Map 1: situation_map on the four outline dates, as a 2 × 2 grid of maps with a
    scale bar on each and one key for the figure."""
    days = data.control_snapshots()
    fig = plt.figure(figsize=(11.5, 11.8), layout="constrained")
    grid = fig.add_gridspec(3, 2, height_ratios=[1, 1, 0.11])
    projection = maps.VIEWS["east"].projection
    axes = [fig.add_subplot(grid[i // 2, i % 2], projection=projection) for i in range(4)]
    for ax, day in zip(axes, days):
        entries = situation_map(day, ax=ax, title=f"{day.day} {day:%B %Y}", key=False)
    key = fig.add_subplot(grid[2, :])
    key.axis("off")
    key.legend(handles=entries, loc="center", ncol=4, fontsize=12, framealpha=0.95,
               edgecolor=PALETTE["grey"])
    fig.suptitle(title, fontsize=17, weight="bold")
    look.figure_credits(fig, f"{maps.APPROXIMATE}. {look.credit_line()}")
    maps.done(ax)


# ---- Map 2 and the table: the towns retaken and how far beyond the old front ----

def show_retaken_towns() -> None:
    """Each town retaken: its date, and the straight-line distance from the nearest point
    of the 5 September front line (the first outline), to the nearest km."""
    first = data.control_snapshots()[0]
    lines = [f"{'Town':<18} {'Retaken':<15} km beyond the {first.day} {first:%b} front"]
    for e in _retaken():
        km = km_beyond_front(e["place"], first)
        lines.append(f"{e['place']:<18} {event_days(e):<15} {km:3.0f}")
    print("\n".join(lines))       # one print: one output, however the kernel splits streams


def retaken_map(*, title: str) -> None:
    """Map 2: the eastern map with the APPROXIMATE Russian-held area of the first outline,
    lightly shaded, and every town retaken in its group's shape; an arrow points to
    Kherson oblast, Ukraine's southern counter-offensive."""
    before = data.control_snapshots()[0]
    retaken = {e["place"]: e["date"] for e in _retaken()}
    ax = maps.east_map(title)
    areas = maps.add_russian_held(ax, before, alpha=0.15,
                                  label=f"Russian-held on {before.day} {before:%b} (approximate)")
    _label_russia(ax)
    decorations.label_area(ax, "DONETSK\nOBLAST", 37.05, 48.8, style="normal", fontsize=11)
    decorations.add_pointer(ax, "Kherson", start="Izium",
                            text="To Kherson oblast:\nthe southern counter-offensive")
    decorations.add_legend(ax, decorations.place_key(["town"]) + _retaken_key(), loc="upper left",
                           bbox_to_anchor=(1.02, 1.0))
    decorations.add_legend(ax, areas, loc="upper left", bbox_to_anchor=(1.02, 0.6))
    _towns(ax, list(retaken) + ["Kharkiv"], retaken, fontsize=FONT_PT)
    decorations.add_scale_bar(ax, 50, at=(0.72, 0.05))
    maps.done(ax)


# ---- Extension: the day-by-day slider ----

# Its picture is 940 × 530 pixels: with the slider above it, it fits the ~600 pixels
# JupyterLab leaves for output on a 1280 × 720 projector screen.
SLIDER_FIGSIZE = (9.4, 5.3)
SLIDER_DAYS = [dt.date(2022, 9, 5) + dt.timedelta(days=n) for n in range(31)]


class _DayMaps:
    """Situation maps for one day after another, drawn fast enough for a slider.

    Everything under the held area (land, borders, rivers) is rendered once and kept
    as a picture.  Each day starts from that picture and draws only what lies on top:
    the held area, the towns, the river names, the title and the key.
    """

    def __init__(self, day: dt.date):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=SLIDER_FIGSIZE)     # not pyplot: shown only by the widget
        FigureCanvasAgg(self.figure)
        self.ax = self.figure.add_axes((0.01, 0.02, 0.5, 0.87),
                                       projection=maps.VIEWS["east"].projection)
        maps.base_map("east", ax=self.ax, credits=False, title="")
        _label_russia(self.ax)
        self.changing = self._add_day(day)
        decorations.add_legend(self.ax, situation_key(self.handles), loc="upper left",
                               bbox_to_anchor=(1.03, 1.0))
        credits = [look.credit_line(), maps.APPROXIMATE + "."]
        self.figure.text(0.985, 0.02, "\n".join(fill(line, 46) for line in credits),
                         ha="right", va="bottom", fontsize=look.MIN_FONT_PT,
                         color=PALETTE["dark grey"])
        on_top = self._on_top()
        for artist in on_top:
            artist.set_visible(False)
        self.figure.canvas.draw()
        self.background = self.figure.canvas.copy_from_bbox(self.figure.bbox)
        for artist in on_top:
            artist.set_visible(True)

    def _add_day(self, day: dt.date) -> list:
        day, shown = _outline_for(day)
        before = set(self.ax.get_children())
        # At a fixed height (where matplotlib puts it on this map): a title hidden while
        # the kept picture is drawn could not be placed by matplotlib.
        self.ax.set_title(_situation_title(day, shown), loc="left", pad=10, y=1.0)
        self.handles = maps.add_russian_held(self.ax, shown)
        _situation_towns(self.ax, day)
        return [a for a in self.ax.get_children() if a not in before]

    def _on_top(self) -> list:
        """The map's artists from the lowest changing one's level (the held area's) up,
        in the order a full draw takes them."""
        level = min(a.get_zorder() for a in self.changing)
        return sorted((a for a in self.ax.get_children() if a.get_zorder() >= level),
                      key=lambda a: a.get_zorder())

    def png(self, day: dt.date | None = None) -> bytes:
        """The map for another day (or the first): the kept picture plus what lies on top,
        redrawn."""
        if day is not None:
            for artist in self.changing:
                artist.remove()
            self.changing = self._add_day(day)
        canvas = self.figure.canvas
        canvas.restore_region(self.background)
        for artist in self._on_top():
            if artist.get_visible():
                self.ax.draw_artist(artist)
        return inline.png_bytes(np.asarray(canvas.buffer_rgba()))


class _WithPicture:
    """A widget that also carries a picture of how it first looks.

    JupyterLab shows the live widget while the kernel runs; a notebook opened before
    running it, or printed as a handout, shows the picture (never the widget's code).
    """

    def __init__(self, widget, png: bytes, text: str):
        self.widget, self.png, self.text = widget, png, text

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["image/png"] = base64.b64encode(self.png).decode("ascii")
        bundle["text/plain"] = self.text
        return bundle


def situation_slider():
    """The day-by-day map: a slider of days from 5 September to 5 October 2022 above the
    situation map, redrawn at once for the chosen day (the map is situation_map's)."""
    import ipywidgets as widgets

    day_maps = _DayMaps(SLIDER_DAYS[0])
    first = day_maps.png()
    slider = widgets.SelectionSlider(options=[(f"{d:%d %b}", d) for d in SLIDER_DAYS],
                                     value=SLIDER_DAYS[0], description="Day",
                                     layout={"width": "600px"})
    image = widgets.Image(value=first, format="png")
    slider.observe(lambda change: setattr(image, "value", day_maps.png(change["new"])),
                   names="value")
    return _WithPicture(widgets.VBox([slider, image]), first,
                        f"[Map: the situation on {SLIDER_DAYS[0]:%d %B %Y}. Run this cell "
                        "to choose another day with the slider.]")
