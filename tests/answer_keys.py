"""The worked answers in answers/*.md, read as code, and the typical wrong answer to each exercise.

A model answer is a ```python block of an answer key that ends with
``check("<id>", answer)``; its ``answer = ...`` line is the answer.  Used by
tests/test_exercises.py (every check accepts its model answers) and tests/test_marks.py
(students' notebooks filled in with them).
"""

import datetime as dt
import re
from pathlib import Path

from lessonkit.data import place
from lessonkit.measure import distance_km

# The names the notebooks' Setup cells define, which worked answers may use.
SETUP = {"dt": dt, "distance_km": distance_km, "place": place}
ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```python\n(.*?)```", re.S)
CHECK = re.compile(r'check\("([0-9]{2}-[a-z]+)", answer\)')

# The typical wrong answer for each exercise, as described under "Common wrong answer(s)"
# in its answer key.
WRONG = {
    "00-practice": 40,
    "00-saturday": "2022-09-17",    # the Saturday after the article
    "00-capital": "Kharkiv",
    "00-direction": "west",         # the way back, from Kharkiv to Kyiv
    "01-neighbours": 6,
    "01-donbas": ["Donetsk", "Kharkiv"],
    "01-river": "Siverskyi Donets",
    "01-distance": 50,              # one scale bar, read as the answer
    "01-direction": "north-west",   # from Izium to Kharkiv
    "01-grid": [37.6, 49.7],        # longitude first
    "01-degree": 55,                # the half-degree gap, not doubled
    "01-projection": "plate carrée",
    "02-order": ["Balakliia", "Kupiansk-Vuzlovyi", "Izium", "Lyman"],
    "02-balakliia": "2022-09-06",
    "02-river": "Siverskyi Donets",
    "02-measure": 100,          # read the 50 km scale bar as 100 km
    "02-days": 26,
    "03-junction": "Izium",
    "03-speakers": ["Peskov", "Marchenko"],
    "03-sort": {"claimed": ["C", "E"], "confirmed": ["A", "B", "D", "F"]},
    "03-otherside": ["A", "C"],
    "04-factor": 1.61,          # the length of a mile, not the area of a square mile
    "04-convert": 3730,         # 6,000 ÷ 1.61: the length factor, not the area factor
    "04-londons": 0.5,          # divided the wrong way round: 1,572 ÷ 3,000
    "04-later": 3010,           # measured in km², not converted to square miles
    "04-percent": 5,
    "05-ahead": 14,             # a date, not the number of days between two dates
    "05-isw": "yes",
    "05-rate": 63,              # the distance, not divided by the days
    "05-who": "Ukraine",
    "05-checkable": "yes",
}


def answer_code() -> dict[str, list[str]]:
    """The code after `answer = ` in every worked answer, by exercise id."""
    found: dict[str, list[str]] = {}
    for key in sorted((ROOT / "answers").glob("[0-9][0-9]_*.md")):
        for block in BLOCK.findall(key.read_text(encoding="utf-8")):
            ids = CHECK.findall(block)
            if ids:
                found.setdefault(ids[0], []).append(
                    re.search(r"^answer = (.+)$", block, re.M).group(1))
    return found


def model_answers() -> dict[str, list]:
    """Every worked answer's value, by exercise id."""
    return {exercise_id: [eval(code, dict(SETUP)) for code in codes]
            for exercise_id, codes in answer_code().items()}
