"""Exercises of notebook 04 (lesson 5, "How big?"): converting, comparing, measuring."""

from __future__ import annotations

from .. import checks, data
from ..measure import km2_to_sq_miles, outline_retaken_km2
from . import Exercise
from .answers_from_data import reference_km2, round_to


def _retaken_12_sep_to_3_oct_km2() -> float:
    """The land the approximate outlines show retaken between 12 September and 3 October."""
    days = data.control_snapshots()
    return outline_retaken_km2(days[3], since=days[2])


EXERCISES: dict[str, Exercise] = {
    "04-factor": Exercise(
        "Work out 1.609 × 1.609: how many km² are in a square mile? (two decimal places)",
        lambda a: checks.check_number(a, 2.59, tolerance=0.005,
                                      hint="Multiply the length of a mile in km by itself: "
                                           "1.609 * 1.609 in Python."),
        level=1,
        hint2="Type answer = 1.609 * 1.609 and run the cell; the check rounds it for you.",
        method="A square mile is 1.609 km long and 1.609 km wide. The area of a square is "
               "length times width, so multiply the two."),
    "04-convert": Exercise(
        "Convert 6,000 km² to square miles (to the nearest 10).",
        lambda a: checks.check_number(a, round_to(km2_to_sq_miles(6000), 10), tolerance=10,
                                      unit="sq mi", hint="Divide by the square-mile factor "
                                                         "from Exercise 1 (about 2.59), not by "
                                                         "1.61: area uses the length factor "
                                                         "squared."),
        level=2,
        hint2="Follow the worked example above it: 3,000 km² ÷ 2.59 gave 1,158 square miles. "
              "Do the same with 6,000.",
        method="Square miles are bigger than square kilometres, so the number gets smaller: "
               "divide the km² by the number of km² in one square mile, then round to the "
               "nearest 10."),
    "04-londons": Exercise(
        "About how many Greater Londons fit into 3,000 km²? (one decimal place)",
        lambda a: checks.check_number(a, round(3000 / reference_km2("Greater London"), 1),
                                      tolerance=0.05, hint="Divide 3,000 by the area of "
                                                           "Greater London in Chart 1."),
        level=2,
        hint2="Put the bigger area first: 3,000 ÷ (Greater London's km²). The answer is "
              "between 1 and 3.",
        method="'How many times does B fit into A' means A ÷ B. Read Greater London's area "
               "from its bar in Chart 1, divide 3,000 by it, and round to one decimal place."),
    "04-later": Exercise(
        "Measure the land retaken between 12 September and 3 October on our approximate "
        "outlines, and give it in square miles (to the nearest 10).",
        lambda a: checks.check_number(a, round_to(km2_to_sq_miles(
            _retaken_12_sep_to_3_oct_km2()), 10), tolerance=10, unit="sq mi",
            hint="First measure in km² by changing the dates in the cell above to '12 Sep' "
                 "and '3 Oct'; then convert to square miles."),
        level=3,
        hint2="Your measurement is in km². To get square miles, divide it by 2.59.",
        method="Two steps: run the measuring cell with start='12 Sep' and end='3 Oct' to get "
               "km², then divide by the number of km² in a square mile and round to the "
               "nearest 10."),
    "04-percent": Exercise(
        "What percentage of Ukraine's area is 3,000 km²? (one decimal place)",
        lambda a: checks.check_number(a, round(3000 / reference_km2("Ukraine") * 100, 1),
                                      tolerance=0.05, unit="%",
                                      hint="Divide 3,000 by Ukraine's area (printed above), "
                                           "then multiply by 100."),
        level=2,
        hint2="The answer is less than 1: 3,000 km² is a small part of a big country.",
        method="A percentage is part ÷ whole × 100. The part is 3,000 km² and the whole is "
               "Ukraine's area; round to one decimal place."),
}
