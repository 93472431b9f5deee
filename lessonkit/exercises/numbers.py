"""Exercises of notebook 04 (lesson 5): how big, in numbers."""

from __future__ import annotations

from .. import checks
from ..measure import km2_to_sq_miles
from . import Exercise
from .answers_from_data import reference_km2, round_to

EXERCISES: dict[str, Exercise] = {
    "04-convert": Exercise(
        "Convert 6,000 km² to square miles (to the nearest 10).",
        lambda a: checks.check_number(a, round_to(km2_to_sq_miles(6000), 10), tolerance=10,
                                      unit="sq mi", hint="Divide by the square-mile factor "
                                                         "of Exercise 1, not by 1.61: area "
                                                         "uses the length factor squared.")),
    "04-percent": Exercise(
        "What percentage of Ukraine's official area is 3,000 km²? (one decimal place)",
        lambda a: checks.check_number(a, round(3000 / reference_km2("Ukraine") * 100, 1),
                                      tolerance=0.05, unit="%",
                                      hint="Divide 3,000 by Ukraine's official area (from "
                                           "reference_areas.csv), then multiply by 100.")),
    "04-factor": Exercise(
        "By what number do you divide square kilometres to get square miles? "
        "(two decimal places)",
        lambda a: checks.check_number(a, 2.59, tolerance=0.005,
                                      hint="A mile is 1.609 km, so a square mile is "
                                           "1.609 × 1.609 km².")),
    "04-londons": Exercise(
        "About how many Greater Londons fit into 3,000 km²? (one decimal place)",
        lambda a: checks.check_number(a, round(3000 / reference_km2("Greater London"), 1),
                                      tolerance=0.05, hint="Divide 3,000 by the area of "
                                                           "Greater London.")),
}
