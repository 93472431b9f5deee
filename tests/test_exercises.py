"""The answer keys and the checks agree: every model answer passes, typical mistakes fail.

The model answers are read from the answer keys in answers/ (the ```python blocks that
end with ``check("<id>", answer)``), so a key that drifts from its check fails here.
"""

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from lessonkit.data import place
from lessonkit.exercises import EXERCISES, check
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
    "00-capital": "Kharkiv",
    "01-neighbours": 6,
    "01-donbas": ["Donetsk", "Kharkiv"],
    "01-river": "Siverskyi Donets",
    "01-distance": 114,
    "01-oblast": "Donetsk",
    "02-order": ["Balakliia", "Kupiansk-Vuzlovyi", "Izium", "Lyman"],
    "02-balakliia": "2022-09-06",
    "02-river": "Siverskyi Donets",
    "02-junction": "Izium",
    "02-days": 26,
    "03-factor": 1.61,
    "03-convert": 3730,         # 6,000 ÷ 1.61: the length factor, not the area factor
    "03-londons": 0.5,          # divided the wrong way round: 1,572 ÷ 3,000
    "03-percent": 5,
    "03-rate": 62,              # the distance, not divided by the days
    "03-who": "Ukraine",
    "03-checkable": "yes",
}


def model_answers() -> dict[str, list]:
    """Every `answer = ...` paired with a check in the answer keys, by exercise id."""
    found: dict[str, list] = {}
    for key in sorted((ROOT / "answers").glob("[0-9][0-9]_*.md")):
        for block in BLOCK.findall(key.read_text(encoding="utf-8")):
            ids = CHECK.findall(block)
            if ids:
                expr = re.search(r"^answer = (.+)$", block, re.M).group(1)
                found.setdefault(ids[0], []).append(eval(expr, dict(SETUP)))
    return found


MODELS = model_answers()


def notebook_exercise_ids() -> set[str]:
    ids = set()
    for nb in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"):
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            ids.update(CHECK.findall("".join(cell["source"])))
    return ids


def test_every_exercise_is_in_a_notebook_an_answer_key_and_this_file():
    assert notebook_exercise_ids() == set(EXERCISES)
    assert set(MODELS) == set(EXERCISES), "an exercise has no worked answer in answers/"
    assert set(WRONG) == set(EXERCISES)


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_model_answer_is_accepted(exercise_id):
    for answer in MODELS[exercise_id]:
        feedback = check(exercise_id, answer)
        assert feedback.correct, f"{exercise_id}: {answer!r} -> {feedback.message}"


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_typical_wrong_answer_is_rejected(exercise_id):
    feedback = check(exercise_id, WRONG[exercise_id])
    assert not feedback.correct
    assert feedback.message.startswith("❌")


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
@pytest.mark.parametrize("odd", [None, "seventy", float("nan"), -5, [1, 2], {"a": 1}])
def test_every_exercise_survives_odd_input(exercise_id, odd):
    feedback = check(exercise_id, odd)
    assert not feedback.correct and feedback.message


def test_unknown_exercise_id():
    assert "no exercise called" in check("02-rivers", "Oskil").message
