"""Exercises of notebook 02 (lesson 3): what happened, when and where."""

from __future__ import annotations

import datetime as dt

from .. import checks
from ..measure import km_beyond_front
from . import Exercise
from .answers_from_data import retaken

# A measurement with a ruler on a screen is good to about a fifth of the distance.
MEASURE_TOLERANCE_KM = 10

EXERCISES: dict[str, Exercise] = {
    "02-order": Exercise(
        "Put these events in the order they happened.",
        lambda a: checks.check_names(a, ["Balakliia", "Izium", "Kupiansk-Vuzlovyi", "Lyman"],
                                     ordered=True, hint="Look at Chart 2, the towns retaken."),
        level=1,
        hint2="Chart 2 has one row per town, earliest at the top: find the four towns and "
              "write them in the order of their rows.",
        method="Find each of the four names on the left of Chart 2. The one highest up was "
               "retaken first. Write the names in a list, top row first."),
    "02-balakliia": Exercise(
        "On which date was Balakliia retaken?",
        lambda a: checks.check_date(a, retaken("Balakliia"),
                                    hint="Look for Balakliia's row in Chart 2."),
        level=1,
        hint2="The marker in Balakliia's row sits above one day's tick: read the day number "
              "below it, and the month under the first tick.",
        method="Follow Balakliia's row to its marker, then go straight down to the day "
               "numbers. Write the year, the month and the day with dashes: 2022-MM-DD."),
    "02-river": Exercise(
        "Behind which river did Russian forces withdraw in mid-September?",
        lambda a: checks.check_name(a, "Oskil", hint="Look at the map for 12 September: which "
                                                     "river does the edge follow?"),
        hint2="Two rivers are named on the maps. On 12 September, the western edge of the "
              "hatched area runs down one of them, past Kupiansk.",
        method="On the 12 September map, put a finger on the western edge of the hatched "
               "area and follow it. The blue line it runs along has its name written beside "
               "it."),
    "02-measure": Exercise(
        "On the 5 September map, how far was Kupiansk from the front line (km)?",
        lambda a: checks.check_number(a, round(km_beyond_front("Kupiansk")),
                                      tolerance=MEASURE_TOLERANCE_KM, unit="km",
                                      hint="Measure the shortest line from Kupiansk to the "
                                           "western edge of the hatched area."),
        level=3,
        hint2="The shortest line from Kupiansk to the edge does not go straight west: try "
              "several directions and keep the shortest.",
        method="Mark the 50 km scale bar on a strip of paper. Lay it from Kupiansk to the "
               "nearest point of the western edge; count the scale bars and multiply by 50."),
    "02-days": Exercise(
        "How many days passed from the start of the counter-offensive (6 September) to the "
        "day Ukrainian troops entered Lyman (1 October)?",
        lambda a: checks.check_number(a, (retaken("Lyman") - dt.date(2022, 9, 6)).days,
                                      unit="days", hint="Subtract the earlier date from the "
                                                        "later one and add .days."),
        hint2="Make both dates with dt.date(2022, month, day), the later one first, as in "
              "the example above.",
        method="Copy the example above. Change the later date to 1 October 2022 and the "
               "earlier date to 6 September 2022, put the subtraction in brackets and add "
               ".days after it."),
}
