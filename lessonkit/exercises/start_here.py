"""Exercises of notebook 00 (lesson 1): practice with the checks, a map and the article."""

from __future__ import annotations

import datetime as dt

from .. import checks
from . import Exercise

EXERCISES: dict[str, Exercise] = {
    "00-practice": Exercise(
        "What is 6 × 7?",
        lambda a: checks.check_number(a, 42, hint="Count up in sevens six times: "
                                                  "7, 14, 21, ..."),
        level=1,
        hint2="Six sevens are the same as seven sixes: 6, 12, 18, ... Count seven of them.",
        method="Count up in sevens and stop after the sixth number, or type 6 * 7 in the "
               "code cell above and run it."),
    "00-capital": Exercise(
        "What is the capital city of Ukraine?",
        lambda a: checks.check_name(a, "Kyiv", hint="Look at Map 1: capital cities are black "
                                                    "squares. Find the one inside Ukraine."),
        level=1,
        hint2="Ukraine is the yellow country on Map 1. Read the name beside the black square "
              "inside it.",
        method="Read the key of Map 1 to see which symbol means a capital city, find that "
               "symbol inside the yellow country, and copy the name beside it, in quotes."),
    "00-direction": Exercise(
        "Kharkiv is ___ of Kyiv: which compass direction?",
        lambda a: checks.check_direction(a, "east", hint="Start at Kyiv on Map 1 and look "
                                                         "towards Kharkiv."),
        level=2,
        hint2="Kharkiv is on the right of Kyiv on Map 1, and the N arrow points up.",
        method="Find the arrow marked N: that way is north, the opposite way south. With "
               "north up, the right-hand side is one of the four main directions. Move your "
               "finger from Kyiv to Kharkiv and name the way it went, in quotes."),
    "00-saturday": Exercise(
        "The article came out on Monday 12 September 2022. What was the date on the "
        "Saturday it mentions?",
        lambda a: checks.check_date(a, dt.date(2022, 9, 10),
                                    hint="Count back from Monday 12 September, one day at a "
                                         "time."),
        level=3,
        hint2="The Saturday is the one just before the Monday the article came out.",
        method="Write the days of that week in order, ending with Monday 12 September. Go "
               "back one day at a time until you reach a Saturday, then write its date as "
               "'YYYY-MM-DD', in quotes."),
}
