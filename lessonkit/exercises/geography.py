"""Exercises of notebook 01 (lesson 2): where the places are, read on the map."""

from __future__ import annotations

from .. import checks
from ..measure import distance_km
from . import Exercise
from .answers_from_data import round_to

EXERCISES: dict[str, Exercise] = {
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
        lambda a: checks.check_number(a, round_to(distance_km("Kharkiv", "Izium"), 10),
                                      unit="km", hint="Use distance_km('Kharkiv', 'Izium') "
                                                      "and round to the nearest 10.")),
    "01-donbas": Exercise(
        "Which two oblasts form the Donbas?",
        lambda a: checks.check_names(a, ["Donetsk", "Luhansk"],
                                     hint="Look at the hatched area on map 3.")),
    "01-oblast": Exercise(
        "In which oblast are Kupiansk and Izium?",
        lambda a: checks.check_name(a, "Kharkiv", hint="Use place('Izium').oblast.")),
}
