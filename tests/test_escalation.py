"""Hints grow with wrong tries (PLAN: Exercise.hint2 and Exercise.method): the first wrong try
gets the check's own hint, the second also the second hint, the third and later the method,
which never states the answer. A right answer is never changed."""

import re

import pytest
from answer_keys import model_answers

from lessonkit import checks
from lessonkit import exercises as ex

MODELS = model_answers()


@pytest.fixture
def fresh_tries(monkeypatch):
    monkeypatch.setattr(ex, "_wrong_tries", {})


@pytest.fixture
def practice(monkeypatch, fresh_tries):
    """A stand-in exercise with both extra hints, under a made-up id."""
    exercise = ex.Exercise("What is 6 × 7?",
                           lambda a: checks.check_number(a, 42, hint="Count in sevens."),
                           level=1, hint2="Six sevens: 7 + 7 + 7 + 7 + 7 + 7.",
                           method="Multiply the two numbers, or add one of them up that "
                                  "many times.")
    monkeypatch.setitem(ex.EXERCISES, "99-practice", exercise)
    return exercise


def test_each_wrong_try_adds_the_next_help(practice):
    first, second, third, fourth = (ex.check("99-practice", 40) for _ in range(4))
    assert "Count in sevens." in first.message
    assert practice.hint2 not in first.message and practice.method not in first.message
    assert practice.hint2 in second.message and practice.method not in second.message
    assert practice.method in third.message and practice.method in fourth.message
    assert all(not f.correct and f.message.startswith(checks.WRONG)
               for f in (first, second, third, fourth))


def test_a_right_answer_is_never_escalated(practice):
    for _ in range(3):
        ex.check("99-practice", 40)
    right = ex.check("99-practice", 42)
    assert right.correct and "💡" not in right.message


def test_unanswered_and_each_exercise_count_apart(practice):
    for _ in range(3):
        assert "💡" not in ex.check("99-practice", ...).message     # not answered is not wrong
    assert "💡" not in ex.check("99-practice", 40).message           # first real wrong try
    assert "💡" not in ex.check("00-practice", 40).message           # another exercise


def test_an_old_id_counts_with_its_new_one(fresh_tries, monkeypatch):
    aliases = getattr(ex, "ALIASES", {})
    if not aliases:
        pytest.skip("no renamed exercise ids")
    old, new = next(iter(aliases.items()))
    exercise = ex.EXERCISES[new]
    monkeypatch.setitem(ex.EXERCISES, new, ex.Exercise(exercise.question, exercise.judge,
                                                       hint2="second", method="method"))
    wrong = object()                    # wrong for every kind of check
    ex.check(old, wrong)
    assert "second" in ex.check(new, wrong).message


def _answer_words(exercise_id) -> list[str]:
    words = []
    for answer in MODELS.get(exercise_id, []):
        for item in answer if isinstance(answer, list) else [answer]:
            shown = f"{item:g}" if isinstance(item, (int, float)) else str(item)
            words.append(shown)
    return [w for w in words if len(w) > 1]


@pytest.mark.parametrize("exercise_id", sorted(ex.EXERCISES))
def test_hints_and_method_never_state_the_answer(exercise_id):
    exercise = ex.EXERCISES[exercise_id]
    old_ids = [o for o, n in getattr(ex, "ALIASES", {}).items() if n == exercise_id]
    for word in _answer_words(exercise_id) + [w for o in old_ids for w in _answer_words(o)]:
        for text in (exercise.hint2, exercise.method):
            assert not re.search(rf"(?<![\w.-]){re.escape(word)}(?![\w-])", text, re.I), \
                f"{exercise_id}: its hint2 or method states the answer {word!r}"
