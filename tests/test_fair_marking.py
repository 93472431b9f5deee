"""Checks mark fairly (issue 18 §6), over every exercise, driven from the answer keys.

For each worked answer in answers/*.md: the same answer written with another spelling of a
place (lessonkit.checks.OTHER_SPELLINGS: Izyum, Kiev, Oskol, ...), with a side named by its
people ("Russian", "the Russian side") or, for a yes/no question, with a reason after the
first word, is accepted; the typical wrong answer, written in those same ways, is still
rejected.
"""

import pytest
from answer_keys import WRONG, model_answers

from lessonkit.checks import OTHER_SPELLINGS, SAME_SIDE
from lessonkit.exercises import check

MODELS = model_answers()
REASONS = ["{}, because that is what the data shows", "{} - there are no soldier counts",
           "{}."]


def _word_variants(word: str) -> list[str]:
    forms = list(OTHER_SPELLINGS.get(word, [])) + list(SAME_SIDE.get(word, []))
    forms += [f"the {f}" for f in SAME_SIDE.get(word, []) if f.endswith(" side") and "'" not in f]
    if word.lower() in ("yes", "no"):
        forms += [r.format(word.capitalize()) for r in REASONS]
    return forms


def variants(answer) -> list:
    """The answer written in the other ways a right answer may take."""
    if isinstance(answer, str):
        return _word_variants(answer)
    if isinstance(answer, list) and all(isinstance(a, str) for a in answer):
        out = []
        for i, word in enumerate(answer):
            out += [answer[:i] + [form] + answer[i + 1:] for form in _word_variants(word)]
        every = [(_word_variants(w) or [w])[0] for w in answer]
        return out + ([every] if every != answer else [])
    return []


# Ids as the answer keys write them (check() also knows an exercise by its older id).
CASES = [(eid, v) for eid in sorted(MODELS) for model in MODELS[eid] for v in variants(model)]
WRONG_CASES = [(eid, v) for eid in sorted(WRONG) for v in variants(WRONG[eid])]


def test_the_variants_reach_the_exercises_that_need_them():
    """Some worked answer is a place with another spelling (the seed article's Izyum), some
    a side (Russia), some a yes/no."""
    forms = [v for _, v in CASES]
    words = [w for v in forms for w in (v if isinstance(v, list) else [v])]
    assert any(w in OTHER_SPELLINGS.get("Izium", []) for w in words)
    assert any(w in SAME_SIDE["Russia"] for w in words)
    assert any(w.lower().startswith("no,") for w in words)


@pytest.mark.parametrize("exercise_id, answer", CASES, ids=[f"{e}-{i}" for i, (e, _) in
                                                            enumerate(CASES)])
def test_right_answer_in_other_words_is_right(exercise_id, answer):
    feedback = check(exercise_id, answer)
    assert feedback.correct, f"{exercise_id}: {answer!r} -> {feedback.message}"
    assert len(feedback.message) < 400


@pytest.mark.parametrize("exercise_id, answer", WRONG_CASES, ids=[f"{e}-{i}" for i, (e, _) in
                                                                  enumerate(WRONG_CASES)])
def test_wrong_answer_in_other_words_is_still_wrong(exercise_id, answer):
    feedback = check(exercise_id, answer)
    assert not feedback.correct, f"{exercise_id}: {answer!r} was accepted"
    assert feedback.message.startswith("❌")


def test_the_note_names_the_packs_spelling():
    feedback = check("02-order", ["Balakleya", "Izyum", "Kupiansk-Vuzlovyi", "Liman"])
    assert feedback.correct
    assert "Izium" in feedback.message and "transliterated from Ukrainian" in feedback.message
