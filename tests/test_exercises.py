"""The answer keys and the checks agree: every model answer passes, typical mistakes fail.

The model answers are read from the answer keys in answers/ (the ```python blocks that
end with ``check("<id>", answer)``), so a key that drifts from its check fails here.
"""

import datetime as dt
import json
import re

import pytest
from answer_keys import CHECK, ROOT, WRONG, model_answers

from lessonkit.exercises import EXERCISES, check

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


def test_no_key_point_gives_away_the_exercises_just_above_it():
    """A section's key point, which follows its exercises, must not state their answers."""
    leaks = []
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        above: list[str] = []                  # exercises since the last key point or section
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            text = "".join(cell["source"])
            if cell["cell_type"] == "code":
                above += CHECK.findall(text)
            elif text.startswith("## "):
                above = []
            elif text.startswith("**Key point:**") or "\n**Key point:**" in text:
                point = text[text.index("**Key point:**"):]
                for exercise_id in above:
                    for answer in MODELS.get(exercise_id, []):
                        for word in answer if isinstance(answer, list) else [answer]:
                            shown = f"{word:g}" if isinstance(word, (int, float)) else str(word)
                            if len(shown) > 1 and re.search(rf"\b{re.escape(shown)}\b", point,
                                                            re.I):
                                leaks.append(f"{nb.name}: the key point after {exercise_id} "
                                             f"says {shown!r}")
                above = []
    assert not leaks, "\n".join(leaks)


def test_every_word_answer_is_asked_for_in_quotes():
    """An exercise whose answer is a word or a list of words says to use quotes (a list of
    numbers needs none)."""
    missing = []
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        prompt = ""
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            text = "".join(cell["source"])
            if cell["cell_type"] == "markdown":
                prompt = text
                continue
            for exercise_id in CHECK.findall(text):
                words = [a for a in MODELS.get(exercise_id, []) if isinstance(a, str) or
                         (isinstance(a, list) and any(isinstance(w, str) for w in a))]
                if words and "quote" not in prompt and not re.search(r"`\[?[\"']", prompt):
                    missing.append(f"{nb.name}: {exercise_id}")
    assert not missing, "these prompts should say to write the answer in quotes: " + \
        ", ".join(missing)


def _shown_forms(answer) -> list[str]:
    """How a model answer could appear in prose: the word or number, and a date also as
    '8 September'."""
    forms = []
    for word in answer if isinstance(answer, list) else [answer]:
        shown = f"{word:g}" if isinstance(word, (int, float)) else str(word)
        forms.append(shown)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", shown):
            day = dt.date.fromisoformat(shown)
            forms.append(f"{day.day} {day:%B}")
    return [f for f in forms if len(f) > 1]


# Answer words that may be on screen, because there they mean something else.
ON_SCREEN_ELSEWHERE: dict[tuple[str, str], str] = {}


def test_no_answer_is_on_screen_with_its_exercise():
    """What a student sees with an exercise on a projector, its prompt and about the two cells
    above it (text, figure descriptions), must not state its answer.  Words the prompt itself
    names (a list of places to order) do not count."""
    leaks = []
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        texts = ["".join(c["source"]) for c in cells]
        for i, cell in enumerate(cells):
            for exercise_id in CHECK.findall(texts[i]) if cell["cell_type"] == "code" else []:
                start = next(j for j in range(i - 1, -1, -1) if "### Exercise" in texts[j])
                before, prompt = texts[start].split("### Exercise", 1)
                prompt = prompt.split("\n", 1)[-1]
                seen = [before] + [texts[j] for j in range(max(0, start - 2), start)
                                   if cells[j]["cell_type"] == "markdown"]
                for answer in MODELS.get(exercise_id, []):
                    for form in _shown_forms(answer):
                        pattern = rf"(?<![\w-]){re.escape(form)}(?![\w-])"
                        if (re.search(pattern, prompt, re.I)
                                or (exercise_id, form) in ON_SCREEN_ELSEWHERE):
                            continue
                        if any(re.search(pattern, text, re.I) for text in seen):
                            leaks.append(f"{nb.name}: {form!r} is on screen with {exercise_id}")
    assert not leaks, "\n".join(sorted(set(leaks)))
