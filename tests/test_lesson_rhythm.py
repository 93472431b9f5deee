"""Every lesson fits a 50-minute lesson for 11-13-year-olds (issue 17; STYLE.md's rhythm).

Measured by tests/lesson_metrics.py (run it for the table): the core path's words, reading
grade, sentence and figure-description lengths, the longest stretch without a task, the
Discuss prompts, written answers and levels, and what its code cells ask a beginner to read.
"""

import json

import pytest
from lesson_metrics import LIMITS, lesson_notebooks, measure, source

LESSONS = lesson_notebooks()
CARE = "If anything worries or upsets you, you can stop and talk to your teacher."


@pytest.fixture(scope="module", params=LESSONS, ids=[p.stem for p in LESSONS])
def lesson(request):
    return request.param, measure(request.param)


def test_six_lessons():
    assert [p.stem[:2] for p in LESSONS] == ["00", "01", "02", "03", "04", "05"]


def test_core_path_fits_a_lesson(lesson):
    path, m = lesson
    assert m.core_words <= LIMITS["core_words"], f"{path.name}: {m.core_words} core words"
    assert m.longest_stretch <= LIMITS["longest_stretch"], \
        f"{path.name}: {m.longest_stretch} words without a task"


def test_readable_by_a_twelve_year_old(lesson):
    path, m = lesson
    assert m.grade <= LIMITS["grade"], f"{path.name}: Flesch-Kincaid grade {m.grade}"
    assert m.longest_sentence <= LIMITS["longest_sentence"], m.longest_sentence_text
    assert m.longest_description <= LIMITS["longest_description"], \
        f"{path.name}: a figure description of {m.longest_description} words"


def test_thinking_in_the_notebook(lesson):
    path, m = lesson
    assert m.discuss >= 2, f"{path.name}: {m.discuss} Discuss prompts"
    assert m.written >= 1, f"{path.name}: no written-answer cell"
    assert m.challenges >= 1, f"{path.name}: no ★★★ challenge"


def test_every_section_asks_and_does(lesson):
    path, m = lesson
    assert not m.sections_without_question, m.sections_without_question
    assert not m.sections_without_task, m.sections_without_task


def test_code_a_beginner_reads(lesson):
    path, m = lesson
    assert not m.code_problems, m.code_problems


def test_every_exercise_shows_its_level(lesson):
    path, _ = lesson
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        for line in source(cell).splitlines():
            if line.startswith("### Exercise"):
                assert "★" in line, f"{path.name}: {line}"


def test_care_and_timing_at_the_top(lesson):
    path, _ = lesson
    top = source(json.loads(path.read_text(encoding="utf-8"))["cells"][0])
    assert CARE in top, f"{path.name}: the care line is missing from the first cell"
    assert "50 minutes" in top, f"{path.name}: the first cell does not give the time"
