"""Exercises of notebook 03 (lesson 4): why it mattered, and who said what."""

from __future__ import annotations

import re

from .. import checks, data
from . import Exercise

# The statements students sort into 'claimed by one side' and 'independently confirmed':
# letter -> (event in data/events.csv, the statement in a few words).  The right group
# of each is the event's status in the data, never typed here.
SORTING = {
    "A": ("izium-retaken", "Ukrainian troops took control of Izium."),
    "B": ("sviatohirsk-retaken", "A Ukrainian flag was raised on the council building "
                                 "in Sviatohirsk, in Donetsk oblast."),
    "C": ("ganchev-outnumbered-claim", "Ukraine's attacking force was about eight times "
                                       "bigger than Russia's."),
    "D": ("vovchansk-retaken", "Ukrainian forces were back in Vovchansk."),
    "E": ("borova-retaken", "Ukrainian forces took back the village of Borova."),
    "F": ("kupiansk-retaken", "Ukrainian soldiers reached the city council building in "
                              "Kupiansk."),
}
# What each group may be called in a student's dictionary (the start of a key is enough).
# (Read in this order, so that 'unconfirmed' and 'unchecked' are not read as 'confirmed'.)
GROUP_NAMES = {"claimed": ("claim", "one side", "one-side", "unconfirmed", "not confirmed",
                           "unchecked", "not checked", "not independ"),
               "confirmed": ("confirm", "independ", "checked")}
# Each speaker: family name, other spellings of it (Ukrainian forms), and first names.
SPEAKERS = {"Peskov": (["Pieskov"], ["Dmitry", "Dmitriy", "Dmitrii", "Dmytro"]),
            "Ganchev": (["Hanchev"], ["Vitaly", "Vitalii", "Vitaliy", "Vitalij"])}


def sorting_rows() -> dict[str, dict]:
    """The events behind SORTING, by letter."""
    rows = {r["event_id"]: r for r in data.read_table("events.csv")}
    return {letter: rows[event_id] for letter, (event_id, _) in SORTING.items()}


def sorted_by_status() -> dict[str, list[str]]:
    """The letters of SORTING in each group, from the events' status."""
    groups: dict[str, list[str]] = {"claimed": [], "confirmed": []}
    for letter, row in sorting_rows().items():
        groups[row["status"]].append(letter)
    return groups


def confirmed_by_the_other_side() -> list[str]:
    """The confirmed statements about Ukraine's advance that someone on Russia's side
    reported too (their reported_by names Russia's defence ministry or a Russian-backed
    official)."""
    return [letter for letter, row in sorting_rows().items()
            if row["status"] == "confirmed" and "Russia" in row["reported_by"]]


def _letters(value) -> list[str] | None:
    """A student's group as letters: a list, tuple or set of letters, or text like 'A, C'
    or 'ACE' (and a list of such texts)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple, set, frozenset)):
        return None
    letters = []
    for item in value:
        if not isinstance(item, str):
            return None
        for part in re.split(r"[\s,;/&]+|\band\b", item.strip()):
            part = part.strip(".):").upper()
            if len(part) > 1 and set(part) <= set(SORTING):
                letters += list(part)                   # 'ACE': three letters
            elif part:
                letters.append(part)
    return letters


def _groups(answer) -> dict[str, list[str]] | str:
    """The two groups of a dictionary (or of two lists, claimed first), or why not."""
    if isinstance(answer, (list, tuple)) and len(answer) == 2 and \
            all(isinstance(a, (list, tuple, set, frozenset)) for a in answer):
        answer = {"claimed": answer[0], "confirmed": answer[1]}
    if not isinstance(answer, dict):
        return (f"I expected a dictionary with two lists of letters, like "
                f"{{\"claimed\": [\"X\"], \"confirmed\": [\"Y\"]}}, but got "
                f"{checks.describe(answer)}.")
    groups: dict[str, list[str]] = {}
    for key, value in answer.items():
        name = next((g for g, starts in GROUP_NAMES.items() if isinstance(key, str)
                     and any(s in key.lower() for s in starts)), None)
        if name is None or name in groups:
            return (f"I couldn't tell which group {checks.describe(key)} is. Call the two "
                    "lists \"claimed\" and \"confirmed\".")
        letters = _letters(value)
        if letters is None:
            return (f"The {name} list should hold letters in quotes, like [\"X\", \"Y\"].")
        groups[name] = letters
    if len(groups) != 2:
        return "The dictionary needs both lists: \"claimed\" and \"confirmed\"."
    return groups


def judge_sort(answer) -> checks.Feedback:
    """Right if every statement's letter is in the group its event's status gives."""
    if answer is ... or answer is None:
        return checks.Feedback(False, f"{checks.TODO} Not answered yet: replace the ... with "
                                      "your answer, then run the cell again (Shift+Enter).")
    groups = _groups(answer)
    if isinstance(groups, str):
        return checks.Feedback(False, f"{checks.WRONG} {groups}")
    given = groups["claimed"] + groups["confirmed"]
    unknown = sorted(set(given) - set(SORTING))
    if unknown:
        return checks.Feedback(False, f"{checks.WRONG} {checks.shorten(', '.join(unknown))}: "
                                      f"use only the letters {', '.join(SORTING)}.")
    if sorted(given) != sorted(SORTING):
        return checks.Feedback(False, f"{checks.WRONG} Put every letter from A to F in one "
                                      "list, once.")
    expected = sorted_by_status()
    right = sum(letter in expected[group] for group in groups for letter in groups[group])
    if right == len(SORTING):
        return checks.Feedback(True, f"{checks.RIGHT} Right: claimed "
                                     f"{', '.join(expected['claimed'])}; confirmed "
                                     f"{', '.join(expected['confirmed'])}.")
    return checks.Feedback(False, f"{checks.WRONG} Not quite: {right} of {len(SORTING)} are "
                                  "in the right list. For each one, read who reported it: "
                                  "is everyone on the same side as the speaker?")


def _speaker(name: str) -> str:
    """The family name of SPEAKERS a student's name means ('Dmytro Peskov', 'Mr Hanchev'),
    or the name itself: one person per item, so 'Peskov or Marchenko' names nobody."""
    words = name.replace(".", " ").split()
    titles = {"mr"} | {first.lower() for _, firsts in SPEAKERS.values() for first in firsts}
    if len(words) == 2 and words[0].lower() in titles:
        words = words[1:]
    family = " ".join(words).lower()
    return next((s for s, (others, _) in SPEAKERS.items()
                 if family in {s.lower(), *(o.lower() for o in others)}), name)


def judge_speakers(answer) -> checks.Feedback:
    """Right if the list names Peskov and Ganchev (family name or full name)."""
    if isinstance(answer, (list, tuple)) and all(isinstance(a, str) for a in answer):
        answer = [_speaker(a) for a in answer]
    return checks.check_names(answer, list(SPEAKERS),
                              hint="Read who made each statement: which of them work for "
                                   "Russia's government, or for officials Russia installed?")


def judge_other_side(answer) -> checks.Feedback:
    """Right if the answer gives the letters of confirmed_by_the_other_side(), as a list
    or as text like 'A, D'."""
    expected = confirmed_by_the_other_side()
    hint = "Look at the 'Reported by' lines of the confirmed statements."
    typed = isinstance(answer, (list, tuple, set, frozenset)) or \
        (isinstance(answer, str) and answer.strip())
    letters = _letters(answer) if typed else None
    if letters and set(letters) <= set(SORTING) and len(letters) == len(expected):
        wrong = [letter for letter in letters if letter not in expected]
        if wrong:
            return checks.Feedback(False, f"{checks.WRONG} Not quite: {', '.join(wrong)} is not "
                                          f"one of them. {hint}")
        answer = letters
    return checks.check_names(answer, expected, hint=hint)


EXERCISES: dict[str, Exercise] = {
    "03-junction": Exercise(
        "Which town was the railway junction that supplied Russian forces at Izium?",
        lambda a: checks.check_name(a, ["Kupiansk", "Kupiansk-Vuzlovyi", "Kupyansk",
                                        "Kupiansk Vuzlovyi"],
                                    hint="Look at Map 1: where do the railway lines from "
                                         "Russia meet?"),
        level=1,
        hint2="Follow the solid black lines from Belgorod and from Valuyki: at which town "
              "do they join before the road to Izium starts?",
        method="Put a finger on each railway line coming from Russia and follow it into "
               "Ukraine. The town where the lines meet is the junction; its name is on the "
               "map beside it."),
    "03-speakers": Exercise(
        "Which two of the four people spoke for Russia's government or for officials "
        "Russia installed? (a list of two family names)",
        judge_speakers, level=1,
        hint2="One is the Kremlin's spokesman; the other was installed by Russia to run "
              "the occupied part of Kharkiv region.",
        method="Read the first line of each statement: it says who spoke and their job. "
               "Write the family name (the last name) of each person who works for Russia's "
               "side, in quotes, in a list."),
    "03-sort": Exercise(
        "Sort statements A to F into 'claimed' (by one side only) and 'confirmed' "
        "(independently confirmed).",
        judge_sort,
        hint2="A statement is independently confirmed when someone who is not on the "
              "speaker's side also reported it: journalists, analysts such as ISW, or the "
              "other side itself.",
        method="Take one statement at a time. List who reported it, then cross out everyone "
               "on the same side as the person who said it. If nobody is left, it goes in "
               "\"claimed\"; if someone is left, it goes in \"confirmed\"."),
    "03-otherside": Exercise(
        "In which two confirmed statements did someone on Russia's side report the same "
        "thing as Ukraine? (a list of two letters)",
        judge_other_side,
        level=3,
        hint2="Look for Russia's defence ministry, or an official Russia backed, in the "
              "'Reported by' lines of statements about Ukraine's advance.",
        method="For each statement you put in 'confirmed', read its 'Reported by' line and "
               "mark any reporter who works for Russia or for officials Russia backed. Write "
               "the letters of the statements with a mark, as a list in quotes."),
}
