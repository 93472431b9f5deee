"""Marking a class (python -m lessonkit.marks) on real notebooks made from the pack's own.

One class of hand-ins is marked once (several kernels at once): every answer right (from
the answer keys), blank as shipped, the typical wrong answers, and each kind of broken
hand-in. Each gets the marks it deserves and a status a teacher can act on.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from answer_keys import CHECK, ROOT, WRONG, answer_code

from lessonkit import marks
from lessonkit.accessibility import figure_problems
from lessonkit.exercises import EXERCISES

CELL_LIMIT = 20          # generous: the endless loop below sleeps, other cells must never reach it


def pack_notebook(stem: str) -> dict:
    return json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))


def exercise_cell(nb: dict, exercise_id: str) -> int:
    return next(i for i, c in enumerate(nb["cells"])
                if CHECK.findall("".join(c["source"])) == [exercise_id])


def answered(stem: str, answers: dict[str, str]) -> dict:
    """A pack notebook with `answer = ...` replaced by the given code in each exercise cell."""
    nb = pack_notebook(stem)
    ids = {i for c in nb["cells"] for i in CHECK.findall("".join(c["source"]))}
    for exercise_id, code in answers.items():
        if exercise_id in ids:     # (test_exercises holds every id to one notebook)
            cell = nb["cells"][exercise_cell(nb, exercise_id)]
            cell["source"] = "".join(cell["source"]).replace("answer = ...", f"answer = {code}")
    return nb


def code_cell(source: str) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": source}


def with_cells_before_exercise(*sources: str) -> dict:
    """Notebook 00 answered right, with cells of the student's own just before the exercise."""
    nb = answered("00_start_here", RIGHT)
    for source in sources:
        nb["cells"].insert(exercise_cell(nb, "00-practice"), code_cell(source))
    return nb


RIGHT = {exercise_id: codes[0] for exercise_id, codes in answer_code().items()}
STEMS = ["00_start_here", "01_geography", "02_counter_offensive", "03_who_said_what",
         "04_numbers", "05_checking_claims"]


def moved() -> dict:
    """00 answered right, its exercise cell moved up above the pack's worked examples."""
    nb = answered("00_start_here", RIGHT)
    cell = nb["cells"].pop(exercise_cell(nb, "00-practice"))
    setup = next(i for i, c in enumerate(nb["cells"]) if "import check" in "".join(c["source"]))
    nb["cells"].insert(setup + 1, cell)
    return nb


def deleted() -> dict:
    nb = pack_notebook("00_start_here")
    del nb["cells"][exercise_cell(nb, "00-practice")]
    return nb


def edited() -> dict:
    """The exercise cell turned into a text cell with the student's words in it."""
    nb = answered("00_start_here", RIGHT)
    cell = nb["cells"][exercise_cell(nb, "00-practice")]
    cell.update(cell_type="markdown", source="I think it is 42")
    del cell["outputs"], cell["execution_count"]
    return nb


HAND_INS = {
    **{f"right_{stem[:2]}.ipynb": answered(stem, RIGHT) for stem in STEMS[1:]},
    "moved_00.ipynb": moved(),
    "blank_00.ipynb": pack_notebook("00_start_here"),
    "wrong_05.ipynb": answered("05_checking_claims", {i: repr(a) for i, a in WRONG.items()}),
    "deleted_00.ipynb": deleted(),
    "edited_00.ipynb": edited(),
    # (The endless loop sleeps, to spare the machine's processors; a busy one stops the same way.)
    "raises_and_loops_00.ipynb": with_cells_before_exercise(
        "answer = 1 / 0", "import time\nwhile True:\n    time.sleep(0.1)"),
    "crash_00.ipynb": with_cells_before_exercise("import os\nos._exit(1)"),
    "other_pack.ipynb": {"cells": [code_cell("print('hello')")], "metadata": {},
                         "nbformat": 4, "nbformat_minor": 5},
}


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    """The whole class marked once: the results, and the folder the reports went to."""
    folder = tmp_path_factory.mktemp("handed_in")
    for name, nb in HAND_INS.items():
        (folder / name).write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    full = json.dumps(pack_notebook("00_start_here"))
    (folder / "damaged.ipynb").write_text(full[: len(full) // 2], encoding="utf-8")
    (folder / "essay.docx").write_bytes(b"PK\x03\x04 not a notebook")
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".ipynb_checkpoints" / "blank_00-checkpoint.ipynb").write_text("{}")
    results = marks.mark([folder], jobs=3, cell_limit=CELL_LIMIT, notebook_limit=120)
    out = tmp_path_factory.mktemp("home") / "marks"
    marks.write_reports(results, out)
    return {Path(r.student).name: r for r in results}, out


def test_one_row_per_file_handed_in_and_hidden_files_left_out(marked):
    results, _ = marked
    assert set(results) == set(HAND_INS) | {"damaged.ipynb", "essay.docx"}


@pytest.mark.parametrize("name", [f"right_{stem[:2]}.ipynb" for stem in STEMS[1:]]
                         + ["moved_00.ipynb"])
def test_every_model_answer_is_marked_right(marked, name):
    result = marked[0][name]
    assert result.status == "ok"
    assert set(result.marks) == set(marks.exercises_of(name.split("_")[1][:2]))
    assert set(result.marks.values()) == {marks.RIGHT}, result.marks


def test_blank_notebook_is_not_answered(marked):
    result = marked[0]["blank_00.ipynb"]
    assert result.status == "ok"
    assert result.marks == {i: marks.NOT_ANSWERED for i in marks.exercises_of("00")}


def test_typical_wrong_answers_are_not_quite(marked):
    result = marked[0]["wrong_05.ipynb"]
    assert result.status == "ok"
    assert result.marks == {i: marks.NOT_QUITE for i in marks.exercises_of("05")}


@pytest.mark.parametrize("name", ["deleted_00.ipynb", "edited_00.ipynb"])
def test_a_deleted_or_edited_exercise_cell_is_not_answered_and_said(marked, name):
    # The pack's worked examples in 00 check typed-in values: they must not count instead.
    result = marked[0][name]
    assert result.marks["00-practice"] == marks.NOT_ANSWERED
    assert result.status == "the cell for 00-practice is missing or was changed"


def test_errors_and_endless_loops_are_stopped_and_the_rest_still_marked(marked):
    result = marked[0]["raises_and_loops_00.ipynb"]
    assert result.marks == {i: marks.RIGHT for i in marks.exercises_of("00")}
    assert "('answer = 1 / 0') raised ZeroDivisionError: division by zero" in result.status
    assert f"('import time') ran over {CELL_LIMIT} s and was stopped" in result.status


def test_a_kernel_that_dies_is_reported(marked):
    result = marked[0]["crash_00.ipynb"]
    assert result.marks == {i: marks.NOT_ANSWERED for i in marks.exercises_of("00")}
    assert result.status.startswith("the kernel stopped (crashed, or ran out of memory) at cell")
    assert "('import os')" in result.status


@pytest.mark.parametrize("name, status", [
    ("other_pack.ipynb", "no exercise of this pack in it"),
    ("damaged.ipynb", "could not be opened as a notebook (not valid JSON)"),
    ("essay.docx", "not a notebook (a .docx file): ask for the .ipynb file"),
])
def test_files_that_cannot_be_marked_get_a_row_saying_why(marked, name, status):
    result = marked[0][name]
    assert status in result.status
    assert (result.notebook, result.marks) == ("", {})


def test_marks_table(marked):
    results, out = marked
    with open(out / "marks.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["student"] for r in rows] == sorted(r["student"] for r in rows)
    assert list(rows[0]) == ["student", "notebook", *EXERCISES, "right", "status"]
    by_name = {Path(r["student"]).name: r for r in rows}
    assert by_name["right_02.ipynb"]["02-river"] == "right"
    assert by_name["right_02.ipynb"]["right"] == "5 of 5"
    assert by_name["right_02.ipynb"]["01-river"] == ""           # not in that notebook
    assert by_name["essay.docx"]["status"].startswith("not a notebook")


def test_class_summary(marked):
    _, out = marked
    with open(out / "summary.csv", encoding="utf-8", newline="") as f:
        rows = {r["exercise"]: r for r in csv.DictReader(f)}
    assert list(rows) == list(EXERCISES)
    # 00 was handed in 6 times: right when moved, or after an error and a loop.
    assert {k: rows["00-practice"][k] for k in ("handed in", "right", "not quite",
                                                "not answered")} == \
        {"handed in": "6", "right": "2", "not quite": "0", "not answered": "4"}
    assert (rows["05-who"]["right"], rows["05-who"]["not quite"]) == ("1", "1")


def test_html_page_has_both_tables_and_a_readable_chart(marked):
    _, out = marked
    page = (out / "marks.html").read_text(encoding="utf-8")
    assert page.count("<table>") == 2 and "data:image/png;base64," in page
    assert 'class="problem"' in page and "http" not in page      # self-contained, offline
    rows = marks.summary(list(marked[0].values()))
    chart = marks.hardest_chart(rows)
    assert chart.startswith(b"\x89PNG")


def test_hardest_chart_follows_the_pack_figure_rules(marked, monkeypatch):
    from matplotlib.figure import Figure

    drawn = []
    monkeypatch.setattr(Figure, "savefig", lambda self, *a, **k: drawn.append(self))
    marks.hardest_chart(marks.summary(list(marked[0].values())))
    (fig,) = drawn
    fig.canvas.draw()
    assert figure_problems(fig) == []
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0].startswith("00-practice") and len(labels) == 10   # hardest first


def test_command_line_writes_into_the_current_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "handed_in"
    folder.mkdir()
    (folder / "essay.docx").write_text("not a notebook")
    assert marks.main([str(folder)]) == 0
    assert sorted(p.name for p in (tmp_path / "marks").iterdir()) == \
        ["marks.csv", "marks.html", "summary.csv"]
    assert "wrote marks/marks.csv" in capsys.readouterr().out
    assert marks.main([str(tmp_path / "nowhere")]) == 1
    assert "Nothing to mark" in capsys.readouterr().err
