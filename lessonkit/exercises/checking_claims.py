"""Exercises of notebook 05 (lesson 6): who says so, and can we check?"""

from __future__ import annotations

import datetime as dt

from .. import checks, data
from ..measure import distance_km
from . import Exercise
from .answers_from_data import retaken

START = dt.date(2022, 9, 6)          # the counter-offensive began near Balakliia (events.csv)

def _rate(answer) -> checks.Feedback:
    """km a day from Balakliia to Kupiansk: the distance over 10 - 6 = 4 days, or over 5 days
    if both the first and the last day are counted, as ISW's 'five days' (6 to 10 September)
    in the worked example does."""
    km = distance_km("Balakliia", "Kupiansk")
    days = (retaken("Kupiansk") - START).days
    feedback = checks.check_number(answer, round(km / days), tolerance=1, unit="km per day",
                                   hint="Divide the distance printed above by the number of "
                                        "days from 6 to 10 September.")
    if not feedback.correct and checks.check_number(answer, km / (days + 1),
                                                    tolerance=1).correct:
        return checks.Feedback(True, f"{checks.RIGHT} Right, counting {days + 1} days (6 to 10 "
                                     f"September, both days included, as ISW did). Counted as "
                                     f"10 − 6 = {days} days it is about {round(km / days)} km a "
                                     "day.")
    return feedback


def _days_ahead() -> int:
    """Days from the outline of 12 September to the governor's 'about 6 per cent' (14 Sep)."""
    said = [row["date"] for row in data.read_table("claims.csv")
            if row["claim_id"].startswith("syniehubov-6pct")]
    return (said[0] - data.control_snapshots()[2]).days


EXERCISES: dict[str, Exercise] = {
    "05-ahead": Exercise(
        "Our outline shows about 6 per cent of Kharkiv oblast still held on 12 September; "
        "the governor said about 6 per cent on 14 September. How many days ahead of him is "
        "the outline there?",
        lambda a: checks.check_number(a, _days_ahead(), unit="days",
                                      hint="Count the days from 12 September to 14 "
                                           "September."),
        level=1,
        hint2="Subtract the day numbers: the later date minus the earlier one.",
        method="Both dates are in September, so take the smaller day number away from the "
               "bigger one."),
    "05-isw": Exercise(
        "Our outlines give about 700 km² retaken by 8 September and about 8,600 km² by 12 "
        "September. ISW said about 2,500 km² on 9 September. Does ISW's figure show that our "
        "outline is wrong? Answer 'yes' or 'no'.",
        lambda a: checks.check_name(a, "no", hint="Our map was drawn for 8 and 12 September "
                                                  "only. What does it say about 9 September?"),
        level=3,
        hint2="Is 2,500 between the outline's figure for 8 September and its figure for 12 "
              "September?",
        method="Look at Chart 1: find the outline's diamonds either side of 9 September. If "
               "ISW's point lies between them, could both be right? Our map says nothing "
               "about the days it was not drawn for."),
    "05-rate": Exercise(
        "How many km per day, on average, did the advance cover from Balakliia to Kupiansk, "
        "from 6 September (the start) to 10 September (soldiers photographed at Kupiansk's "
        "city council)? (nearest whole number)",
        _rate,
        level=2,
        hint2="From 6 September to 10 September is 4 days. Divide the distance by 4.",
        method="Speed = distance ÷ time. Do it as in the worked example with ISW's 70 km in 5 "
               "days: put the distance in km over the number of days, then round."),
    "05-who": Exercise(
        "Who made the '8-to-1' claim: 'Ukraine', 'Russia' or 'independent'?",
        # (checks.SAME_SIDE counts 'Russian', 'the Russian side', 'Russian-installed' ...)
        lambda a: checks.check_name(a, "Russia", hint="Read the role printed above: who put "
                                                      "Vitaly Ganchev in his job?"),
        level=1,
        hint2="He ran the parts of Kharkiv oblast that Russian forces held.",
        method="Read the 'Role' line printed above, and ask which side put that person in "
               "charge."),
    "05-checkable": Exercise(
        "Can the 8-to-1 ratio be checked with this pack's data? Answer 'yes' or 'no'.",
        lambda a: checks.check_name(a, "no", hint="Which file would hold the number of "
                                                  "soldiers on each side?"),
        level=2,
        hint2="Look at the units printed above. Is any of them a count of soldiers?",
        method="To check a ratio of soldiers you need someone independent to count the "
               "soldiers on both sides. Look for such a count in the units printed above."),
}
