"""The pack's exercises: what each one expects, and the hint a wrong answer gets.

A notebook cell calls ``check("01-river", answer)``.  Expected values that come
from the data (distances, areas) are computed here from the data files, never
typed in, so a change to the data changes the answer key with it.  Worked
answers live in answers/, and tests/test_exercises.py proves that every check
accepts its model answer and rejects a typical wrong one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from . import checks, data, friendly_errors
from .measure import distance_km, km2_to_sq_miles

# In a notebook, turn `answer = Oskil` (a word without quotes) into a friendly sentence.
friendly_errors.install()


@dataclass(frozen=True)
class Exercise:
    question: str
    judge: Callable[[object], checks.Feedback]


def _round_to(value: float, step: float) -> float:
    return round(value / step) * step


def _retaken(place: str) -> dt.date:
    """The date data/events.csv gives for a place being retaken."""
    for row in data.read_table("events.csv"):
        if row["category"] == "retaken" and row["place"] == place:
            return row["date"]
    raise KeyError(f"data/events.csv has no 'retaken' event for {place}")


EXERCISES: dict[str, Exercise] = {
    # 00 — start here (practice)
    "00-practice": Exercise(
        "What is 6 × 7?",
        lambda a: checks.check_number(a, 42, hint="Count up in sevens six times: "
                                                  "7, 14, 21, ...")),
    "00-capital": Exercise(
        "What is the capital city of Ukraine?",
        lambda a: checks.check_name(a, "Kyiv", hint="Look at Map 1: the capital is the place "
                                                    "marked with a square.")),
    # 01 — geography
    "01-neighbours": Exercise(
        "How many countries share a land border with Ukraine?",
        lambda a: checks.check_number(a, 7, hint="Count the countries that touch Ukraine's "
                                                 "outline on map 2 (the sea does not count).")),
    "01-river": Exercise(
        "Which river runs through Kupiansk?",
        lambda a: checks.check_name(a, "Oskil", hint="Find Kupiansk on the close-up map and "
                                                     "read the name of the river beside it.")),
    "01-distance": Exercise(
        "How far is Izium from Kharkiv in a straight line, to the nearest 10 km?",
        lambda a: checks.check_number(a, _round_to(distance_km("Kharkiv", "Izium"), 10),
                                      unit="km", hint="Use distance_km('Kharkiv', 'Izium') "
                                                      "and round to the nearest 10.")),
    "01-donbas": Exercise(
        "Which two oblasts form the Donbas?",
        lambda a: checks.check_names(a, ["Donetsk", "Luhansk"],
                                     hint="Look at the hatched area on map 3.")),
    "01-oblast": Exercise(
        "In which oblast are Kupiansk and Izium?",
        lambda a: checks.check_name(a, "Kharkiv", hint="Use place('Izium').oblast.")),
    # 02 — the counter-offensive
    "02-order": Exercise(
        "Put these events in the order they happened.",
        lambda a: checks.check_names(a, ["Balakliia", "Izium", "Kupiansk-Vuzlovyi", "Lyman"],
                                     ordered=True, hint="Look at Chart 2, the towns retaken.")),
    "02-balakliia": Exercise(
        "On which date was Balakliia retaken?",
        lambda a: checks.check_date(a, _retaken("Balakliia"),
                                    hint="Look for Balakliia in the events table.")),
    "02-river": Exercise(
        "Behind which river did Russian forces withdraw in mid-September?",
        lambda a: checks.check_name(a, "Oskil", hint="Look at the map for 12 September: which "
                                                     "river does the edge follow?")),
    "02-junction": Exercise(
        "Which town was the railway junction that supplied Russian forces at Izium?",
        lambda a: checks.check_name(a, ["Kupiansk", "Kupiansk-Vuzlovyi"],
                                    hint="Look at the supply-route map: where do the "
                                         "railway lines meet?")),
    "02-days": Exercise(
        "How many days passed from the start of the counter-offensive (6 September) to the "
        "retaking of Lyman?",
        lambda a: checks.check_number(a, (_retaken("Lyman") - dt.date(2022, 9, 6)).days,
                                      unit="days", hint="Count the days on Chart 2, or "
                                                        "subtract the two dates.")),
    # 03 — the numbers
    "03-convert": Exercise(
        "Convert 6,000 km² to square miles (to the nearest 10).",
        lambda a: checks.check_number(a, _round_to(km2_to_sq_miles(6000), 10), tolerance=10,
                                      unit="sq mi", hint="Divide by the square-mile factor "
                                                         "of Exercise 1, not by 1.61: area "
                                                         "uses the length factor squared.")),
    "03-percent": Exercise(
        "What percentage of Ukraine's official area is 3,000 km²? (one decimal place)",
        lambda a: checks.check_number(a, round(3000 / _reference("Ukraine") * 100, 1),
                                      tolerance=0.05, unit="%",
                                      hint="Divide 3,000 by Ukraine's official area (from "
                                           "reference_areas.csv), then multiply by 100.")),
    "03-factor": Exercise(
        "By what number do you divide square kilometres to get square miles? "
        "(two decimal places)",
        lambda a: checks.check_number(a, 2.59, tolerance=0.005,
                                      hint="A mile is 1.609 km, so a square mile is "
                                           "1.609 × 1.609 km².")),
    "03-londons": Exercise(
        "About how many Greater Londons fit into 3,000 km²? (one decimal place)",
        lambda a: checks.check_number(a, round(3000 / _reference("Greater London"), 1),
                                      tolerance=0.05, hint="Divide 3,000 by the area of "
                                                           "Greater London.")),
    "03-rate": Exercise(
        "How many km per day, on average, did the advance cover from Balakliia to Kupiansk, "
        "counting from 6 September to the day Kupiansk was retaken? (nearest whole number)",
        lambda a: checks.check_number(
            a, round(distance_km("Balakliia", "Kupiansk")
                     / (_retaken("Kupiansk") - dt.date(2022, 9, 6)).days),
            tolerance=1, unit="km per day",
            hint="Divide distance_km('Balakliia', 'Kupiansk') by the number of days.")),
    "03-who": Exercise(
        "Who made the '8-to-1' claim: 'Ukraine', 'Russia' or 'independent'?",
        lambda a: checks.check_name(a, "Russia", hint="Look up who Vitaly Ganchev is in "
                                                      "the claims table.")),
    "03-checkable": Exercise(
        "Can the 8-to-1 ratio be checked with this pack's data? Answer 'yes' or 'no'.",
        lambda a: checks.check_name(a, "no", hint="Which file would hold the number of "
                                                  "soldiers on each side?")),
}


def _reference(name: str) -> float:
    for row in data.read_table("reference_areas.csv"):
        if row["name"] == name:
            return row["area_km2"]
    raise KeyError(f"data/reference_areas.csv has no row for {name}")


def check(exercise_id: str, answer) -> checks.Feedback:
    """Check a student's answer to one exercise and say, kindly, how it went."""
    if not isinstance(exercise_id, str) or exercise_id not in EXERCISES:
        return checks.Feedback(False, f"{checks.WRONG} There is no exercise called "
                                      f"{checks.describe(exercise_id).removeprefix('the text ')}"
                                      ": check the first part of the cell, check(\"...\", "
                                      "answer).")
    try:
        return EXERCISES[exercise_id].judge(answer)
    except Exception:  # a last safety net: the checks are written never to get here
        return checks.Feedback(False, f"{checks.WRONG} I couldn't check "
                                      f"{checks.describe(answer)}. Write the answer as the "
                                      "exercise asks: a number, a word in quotes, or a list.")
