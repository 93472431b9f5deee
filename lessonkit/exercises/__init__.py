"""The pack's exercises: what each one expects, and the hints a wrong answer gets.

A notebook cell calls ``check("01-river", answer)``.  Each notebook's exercises live in
a module of their own here (``geography.py`` for notebook 01, and so on); this module
gathers them and gives the feedback.  Expected values that come from the data
(distances, areas) are computed from the data files, never typed in, so a change to the
data changes the answer key with it.  Worked answers live in answers/, and
tests/test_exercises.py proves that every check accepts its model answer and rejects a
typical wrong one.

Hints grow more specific with each wrong try at the same exercise: the first wrong try
gets the check's own hint, the second a second hint, the third and later the method
(never the answer itself).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import checks, friendly_errors

# In a notebook, turn `answer = Oskil` (a word without quotes) into a friendly sentence.
friendly_errors.install()

LEVELS = {1: "★ support", 2: "★★ core", 3: "★★★ challenge"}


@dataclass(frozen=True)
class Exercise:
    question: str
    judge: Callable[[object], checks.Feedback]
    level: int = 2
    hint2: str = ""          # shown at the second wrong try
    method: str = ""         # shown at the third wrong try and later: how, never the answer


def _gather() -> dict[str, Exercise]:
    from . import checking_claims, counter_offensive, geography, numbers, start_here, who_said_what
    found: dict[str, Exercise] = {}
    for lesson in (start_here, geography, counter_offensive, who_said_what, numbers,
                   checking_claims):
        found.update(lesson.EXERCISES)
    return found


EXERCISES: dict[str, Exercise] = _gather()

# Exercise ids of notebooks before the lessons were renumbered (December 2026): a student's
# older copy of a notebook, kept by nbgitpuller, still gets its feedback.
ALIASES: dict[str, str] = {
    "02-junction": "03-junction",
    "03-convert": "04-convert", "03-factor": "04-factor", "03-londons": "04-londons",
    "03-percent": "04-percent",
    "03-rate": "05-rate", "03-who": "05-who", "03-checkable": "05-checkable",
}

_wrong_tries: dict[str, int] = {}


def _escalated(exercise_id: str, exercise: Exercise, feedback: checks.Feedback):
    """The feedback, with a second hint or the method once the same exercise went wrong before."""
    if feedback.correct or not feedback.message.startswith(checks.WRONG):
        return feedback
    tries = _wrong_tries[exercise_id] = _wrong_tries.get(exercise_id, 0) + 1
    if tries >= 3 and exercise.method:
        return checks.Feedback(False, f"{feedback.message}\n💡 How to work it out: "
                                      f"{exercise.method}")
    if tries == 2 and exercise.hint2:
        return checks.Feedback(False, f"{feedback.message}\n💡 Another hint: {exercise.hint2}")
    return feedback


_NO_ANSWER = object()


def check(exercise_id: str, answer=_NO_ANSWER) -> checks.Feedback:
    """Check a student's answer to one exercise and say, kindly, how it went."""
    if answer is _NO_ANSWER:
        return checks.Feedback(False, f"{checks.TODO} The check needs your answer too: "
                                      "check(\"...\", answer), with answer after the comma.")
    exercise_id = ALIASES.get(exercise_id, exercise_id) if isinstance(exercise_id, str) \
        else exercise_id
    if not isinstance(exercise_id, str) or exercise_id not in EXERCISES:
        return checks.Feedback(False, f"{checks.WRONG} There is no exercise called "
                                      f"{checks.describe(exercise_id).removeprefix('the text ')}"
                                      ": check the first part of the cell, check(\"...\", "
                                      "answer).")
    exercise = EXERCISES[exercise_id]
    try:
        feedback = exercise.judge(answer)
    except Exception:  # a last safety net: the checks are written never to get here
        return checks.Feedback(False, f"{checks.WRONG} I couldn't check "
                                      f"{checks.describe(answer)}. Write the answer as the "
                                      "exercise asks: a number, a word in quotes, or a list.")
    return _escalated(exercise_id, exercise, feedback)
