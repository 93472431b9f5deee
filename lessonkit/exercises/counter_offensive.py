"""Exercises of notebook 02 (lesson 3): what happened, when and where."""

from __future__ import annotations

import datetime as dt

from .. import checks
from . import Exercise
from .answers_from_data import retaken

EXERCISES: dict[str, Exercise] = {
    "02-order": Exercise(
        "Put these events in the order they happened.",
        lambda a: checks.check_names(a, ["Balakliia", "Izium", "Kupiansk-Vuzlovyi", "Lyman"],
                                     ordered=True, hint="Look at Chart 2, the towns retaken.")),
    "02-balakliia": Exercise(
        "On which date was Balakliia retaken?",
        lambda a: checks.check_date(a, retaken("Balakliia"),
                                    hint="Look for Balakliia in the events table.")),
    "02-river": Exercise(
        "Behind which river did Russian forces withdraw in mid-September?",
        lambda a: checks.check_name(a, "Oskil", hint="Look at the map for 12 September: which "
                                                     "river does the edge follow?")),
    "02-days": Exercise(
        "How many days passed from the start of the counter-offensive (6 September) to the "
        "retaking of Lyman?",
        lambda a: checks.check_number(a, (retaken("Lyman") - dt.date(2022, 9, 6)).days,
                                      unit="days", hint="Count the days on Chart 2, or "
                                                        "subtract the two dates.")),
}
