"""Exercises of notebook 05 (lesson 6): who says so, and can we check?"""

from __future__ import annotations

import datetime as dt

from .. import checks
from ..measure import distance_km
from . import Exercise
from .answers_from_data import retaken

EXERCISES: dict[str, Exercise] = {
    "05-rate": Exercise(
        "How many km per day, on average, did the advance cover from Balakliia to Kupiansk, "
        "counting from 6 September to the day Kupiansk was retaken? (nearest whole number)",
        lambda a: checks.check_number(
            a, round(distance_km("Balakliia", "Kupiansk")
                     / (retaken("Kupiansk") - dt.date(2022, 9, 6)).days),
            tolerance=1, unit="km per day",
            hint="Divide distance_km('Balakliia', 'Kupiansk') by the number of days.")),
    "05-who": Exercise(
        "Who made the '8-to-1' claim: 'Ukraine', 'Russia' or 'independent'?",
        lambda a: checks.check_name(a, "Russia", hint="Look up who Vitaly Ganchev is in "
                                                      "the claims table.")),
    "05-checkable": Exercise(
        "Can the 8-to-1 ratio be checked with this pack's data? Answer 'yes' or 'no'.",
        lambda a: checks.check_name(a, "no", hint="Which file would hold the number of "
                                                  "soldiers on each side?")),
}
