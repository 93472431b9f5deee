"""Exercises of notebook 01 (lesson 2): where the places are, read and measured on the map."""

from __future__ import annotations

from .. import checks
from ..data import place
from ..measure import distance_km
from . import Exercise


def _direction(answer) -> checks.Feedback:
    """Izium is south-east of Kharkiv: 'south-east', 'SE', 'south-eastern' and the like."""
    feedback = checks.check_direction(answer, "south-east",
                                      hint="Start at Kharkiv on Map 3 and look towards Izium.")
    given = checks.compass_point(answer)
    if given == "north-west":
        return checks.Feedback(False, f"{checks.WRONG} Not quite: that is the way from Izium "
                                      "to Kharkiv. Start at Kharkiv and look towards Izium.")
    if given in ("south", "east"):
        return checks.Feedback(False, f"{checks.WRONG} Half right: the direction has two "
                                      "parts, like north-west.")
    return feedback


def _lat_lon(answer, label: str, tolerance: float) -> checks.Feedback:
    """A [latitude, longitude] pair read from a gridded map, each within `tolerance`°."""
    if answer is ... or answer is None:
        return checks.check_number(answer, 0)
    if not isinstance(answer, (list, tuple)) or len(answer) != 2:
        return checks.Feedback(False, f"{checks.WRONG} I expected two numbers in square "
                                      "brackets, latitude first, like [50.0, 36.25], but got "
                                      f"{checks.describe(answer)}.")
    where = place(label)
    # To 0.01°, as the answer key gives it, so that its edges (37.47 to 37.77) are right too.
    lat = checks.check_number(answer[0], round(where.lat, 2), tolerance=tolerance)
    lon = checks.check_number(answer[1], round(where.lon, 2), tolerance=tolerance)
    if lat.correct and lon.correct:
        return checks.Feedback(True, f"{checks.RIGHT} Right: about {where.lat:.1f}° N, "
                                     f"{where.lon:.1f}° E.")
    swapped = (checks.check_number(answer[0], round(where.lon, 2), tolerance=tolerance).correct
               and checks.check_number(answer[1], round(where.lat, 2),
                                       tolerance=tolerance).correct)
    if swapped:
        return checks.Feedback(False, f"{checks.WRONG} The two numbers are the wrong way "
                                      "round: latitude (the numbers on the left edge) comes "
                                      "first.")
    for name, part, given in (("latitude", lat, answer[0]), ("longitude", lon, answer[1])):
        if part.correct:
            continue
        if not part.message.startswith(f"{checks.WRONG} Not quite: "):
            return checks.Feedback(False, f"{checks.WRONG} I expected two numbers, latitude "
                                          f"first, like [50.0, 36.25]; the {name} is "
                                          f"{checks.describe(given)}.")
        return checks.Feedback(False, part.message.replace("Not quite: ", f"Not quite: the "
                                                           f"{name} ", 1) +
                               " Read it again between the two nearest grid lines.")
    return lat                                       # not reached


EXERCISES: dict[str, Exercise] = {
    "01-neighbours": Exercise(
        "How many countries share a land border with Ukraine?",
        lambda a: checks.check_number(a, 7, hint="Count the countries named around Ukraine "
                                                 "on Map 1 (the seas do not count)."),
        level=1,
        hint2="Go round Ukraine's border on Map 1 clockwise, starting at Poland in the "
              "north-west, and count every country you pass. Look closely in the south-west: "
              "one neighbour is small.",
        method="Follow Ukraine's border all the way round with your finger. Count one each "
               "time a new country's name is on the other side. Seas and Crimea add nothing."),
    "01-donbas": Exercise(
        "Which two oblasts form the Donbas?",
        lambda a: checks.check_names(a, ["Donetsk", "Luhansk"],
                                     hint="Look at the orange striped area on Map 2."),
        level=1,
        hint2="The Donbas is in the far east of Ukraine, south-east of Kharkiv oblast. Read "
              "the two names written on the orange stripes.",
        method="Find the orange striped area in the key of Map 2, then on the map. Read the "
               "two oblast names on it and write them as a list: two names in quotes, with a "
               "comma between, inside square brackets."),
    "01-river": Exercise(
        "Which river runs through Kupiansk?",
        lambda a: checks.check_name(a, "Oskil", hint="Find Kupiansk on Map 3 and read the "
                                                     "name of the river beside it."),
        level=1,
        hint2="Two rivers are named on Map 3. Kupiansk is on the one further east.",
        method="Find the big dot labelled Kupiansk. Follow the blue line through it up or down "
               "until you reach its name, written in blue, and copy that name in quotes."),
    "01-distance": Exercise(
        "How far is Izium from Kharkiv in a straight line? Measure it on Map 3 with the "
        "scale bar, to the nearest 10 km.",
        lambda a: checks.check_number(a, distance_km("Kharkiv", "Izium"), tolerance=20,
                                      unit="km", hint="Count how many 50 km scale bars fit "
                                                      "between Kharkiv and Izium."),
        level=2,
        hint2="Mark Kharkiv and Izium on the edge of a piece of paper, then lay it along the "
              "scale bar. More than one bar fits: count the part of a bar left over too.",
        method="Mark both towns on a strip of paper. Lay it along the scale bar and count the "
               "bars (2 bars = 100 km; half a bar = 25 km). Add them up and round to the "
               "nearest 10 km."),
    "01-direction": Exercise(
        "Izium is ___ of Kharkiv: which compass direction?",
        _direction,
        level=2,
        hint2="On Map 3, Izium is lower down than Kharkiv, and further to the right.",
        method="North is the way the N arrow points. Lower on the map is south; further right "
               "is east. Put the two parts together, the north-or-south part first, and write "
               "it in quotes."),
    "01-grid": Exercise(
        "Read Kupiansk's latitude and longitude from Map 4, to one decimal place.",
        lambda a: _lat_lon(a, "Kupiansk", tolerance=0.15),
        level=2,
        hint2="Kupiansk is between the 49.5° N and 50° N lines, and just right of the "
              "37.5° E line.",
        method="Judge how far up Kupiansk is between the two lines of latitude around it (in "
               "tenths of a degree), then how far across between the lines of longitude."),
    "01-degree": Exercise(
        "How many kilometres is one degree of latitude?",
        # To the km, as the answer key gives it (111), so its edges (99 and 123) are right.
        lambda a: checks.check_number(a, round(2 * distance_km((37.0, 49.5), (37.0, 50.0))),
                                      tolerance=12, unit="km",
                                      hint="Measure the gap between the 49.5° N and 50° N "
                                           "lines with the scale bar, then double it."),
        level=3,
        hint2="The gap between two lines of latitude on Map 4 is half a degree, a bit longer "
              "than the 50 km scale bar.",
        method="Mark two neighbouring lines of latitude on a strip of paper, straight up and "
               "down. Measure the gap with the scale bar. That gap is 0.5°, so multiply it "
               "by 2 to get one degree."),
    "01-projection": Exercise(
        "Which projection should you use to compare the areas of two countries?",
        lambda a: checks.check_name(a, ["Albers equal-area", "Albers", "equal-area",
                                        "Albers equal area"],
                                    hint="Look at the sentence under each map of Map 5."),
        level=2,
        hint2="One of the two maps makes Ukraine look bigger than it is.",
        method="Read how many times its true area Ukraine looks on each map. The projection "
               "that keeps the true area (1.00 ×) is the one to use. Write its name in "
               "quotes."),
}
