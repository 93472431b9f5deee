"""Exercises of notebook 00 (lesson 1): practice with the checks."""

from __future__ import annotations

from .. import checks
from . import Exercise

EXERCISES: dict[str, Exercise] = {
    "00-practice": Exercise(
        "What is 6 × 7?",
        lambda a: checks.check_number(a, 42, hint="Count up in sevens six times: "
                                                  "7, 14, 21, ...")),
    "00-capital": Exercise(
        "What is the capital city of Ukraine?",
        lambda a: checks.check_name(a, "Kyiv", hint="Look at Map 1: the capital is the place "
                                                    "marked with a square.")),
}
