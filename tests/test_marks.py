"""Marking a class (python -m lessonkit.marks) on real notebooks made from the pack's own.

One class of hand-ins is marked once (several kernels at once, in the sandbox where there is
one): every answer right (from the answer keys), blank as shipped, the typical wrong answers,
written answers, and each kind of broken hand-in: errors, endless loops, a loop that will not
be interrupted, a kernel that dies. Each gets the marks it deserves and a status a teacher can
act on. (tests/test_sandbox.py marks hostile hand-ins.)
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import html
import json
import re
from fractions import Fraction
from pathlib import Path

import nbformat
import numpy as np
import pytest
from answer_keys import CHECK, ROOT, WRONG, answer_code, model_answers

from lessonkit import marks
from lessonkit.accessibility import figure_problems
from lessonkit.exercises import EXERCISES, check
from lessonkit.marking import answers, handins, kernels, reports, sandbox

CELL_LIMIT = 20          # generous: the endless loop below sleeps, other cells must never reach it
SANDBOXED = sandbox.unavailable() is None     # marked in the sandbox where there is one


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


def with_cells_before_exercise(*sources: str, stem: str = "00_start_here") -> dict:
    """A notebook answered right, with cells of the student's own just before the exercise."""
    nb = answered(stem, RIGHT)
    first = next(e for e in EXERCISES if e[:2] == stem[:2])
    for source in sources:
        nb["cells"].insert(exercise_cell(nb, first), code_cell(source))
    return nb


def written_cell(written_id: str, source: str) -> dict:
    """A written-answer cell as the lesson notebooks have them (PLAN.md), with `source` in it."""
    return {"cell_type": "markdown", "source": source, "id": f"written-{written_id}",
            "metadata": {"tags": ["written-answer"], "lessonkit": {"written": written_id}}}


WRITTEN = {     # written id -> what the student left in the cell
    "00-trust": "=1+2 is what I typed first.\n\nThen <b>I</b> changed my mind & wrote this.",
    "00-why": handins.WRITTEN_PLACEHOLDER,                        # untouched
    "00-where": "   \n",                                          # emptied
    "00-beside": handins.WRITTEN_PLACEHOLDER + "\n\nKharkiv is in the east.",
}


def with_written_answers() -> dict:
    """00 answered right from the answer key, with a written answer after each exercise."""
    nb = answered("00_start_here", RIGHT)
    after = exercise_cell(nb, "00-capital") + 1
    for k, (written_id, source) in enumerate(WRITTEN.items()):
        nb["cells"].insert(after + k, written_cell(written_id, source))
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
    # A loop that ignores the interrupt: its kernel is killed, the rest run again without it.
    "stubborn_01.ipynb": with_cells_before_exercise(
        "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n"
        "    time.sleep(0.1)", stem="01_geography"),
    "written_00.ipynb": with_written_answers(),
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
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kernels, "GRACE", 5)    # the time an interrupted cell gets to stop
        results = marks.mark([folder], jobs=3, cell_limit=CELL_LIMIT, notebook_limit=150,
                             sandboxed=SANDBOXED)
    out = tmp_path_factory.mktemp("home") / "marks"
    reports.write_reports(results, out, sandboxed=SANDBOXED)
    return {Path(r.student).name: r for r in results}, out


def test_one_row_per_file_handed_in_and_hidden_files_left_out(marked):
    results, _ = marked
    assert set(results) == set(HAND_INS) | {"damaged.ipynb", "essay.docx"}


@pytest.mark.parametrize("name", [f"right_{stem[:2]}.ipynb" for stem in STEMS[1:]]
                         + ["moved_00.ipynb", "written_00.ipynb"])
def test_every_model_answer_is_marked_right(marked, name):
    result = marked[0][name]
    assert result.status == "ok"
    assert set(result.marks) == set(handins.exercises_of(name.split("_")[1][:2]))
    assert set(result.marks.values()) == {answers.RIGHT}, result.marks


def test_blank_notebook_is_not_answered(marked):
    result = marked[0]["blank_00.ipynb"]
    assert result.status == "ok"
    assert result.marks == {i: answers.NOT_ANSWERED for i in handins.exercises_of("00")}


def test_typical_wrong_answers_are_not_quite(marked):
    result = marked[0]["wrong_05.ipynb"]
    assert result.status == "ok"
    assert result.marks == {i: answers.NOT_QUITE for i in handins.exercises_of("05")}


@pytest.mark.parametrize("name", ["deleted_00.ipynb", "edited_00.ipynb"])
def test_a_deleted_or_edited_exercise_cell_is_not_answered_and_said(marked, name):
    # The pack's worked examples in 00 check typed-in values: they must not count instead.
    result = marked[0][name]
    assert result.marks["00-practice"] == answers.NOT_ANSWERED
    assert result.status == "the cell for 00-practice is missing or was changed"


def test_errors_and_endless_loops_are_stopped_and_the_rest_still_marked(marked):
    result = marked[0]["raises_and_loops_00.ipynb"]
    assert result.marks == {i: answers.RIGHT for i in handins.exercises_of("00")}
    assert "('answer = 1 / 0') raised ZeroDivisionError: division by zero" in result.status
    assert f"('import time') ran over {CELL_LIMIT} s and was stopped" in result.status


def test_a_kernel_that_dies_is_reported_and_the_rest_run_again_without_that_cell(marked):
    result = marked[0]["crash_00.ipynb"]
    cell = exercise_cell(answered("00_start_here", RIGHT), next(e for e in EXERCISES
                                                               if e.startswith("00")))
    assert result.marks == {i: answers.RIGHT for i in handins.exercises_of("00")}
    assert result.status == (f"the kernel stopped (crashed, or ran out of memory) at cell "
                             f"{cell + 1} "
                             "('import os'); the notebook was run again without that cell")


def test_a_loop_that_ignores_the_interrupt_is_left_out_and_the_rest_still_marked(marked):
    result = marked[0]["stubborn_01.ipynb"]
    assert result.marks == {i: answers.RIGHT for i in handins.exercises_of("01")}
    assert f"('import signal, time') ran over {CELL_LIMIT} s and could not be stopped; the " \
           "notebook was run again without that cell" in result.status


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
    written = [c for c in rows[0] if c.endswith(" (written)")]
    assert list(rows[0]) == ["student", "notebook", *EXERCISES, "right", *written, "status"]
    asked = [i for ids in handins.pack_written().values() for i in ids]
    assert set(written) == {f"{i} (written)" for i in [*asked, *WRITTEN]}
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
    # 00 was handed in 7 times: right when moved, with written answers, after an error and
    # a loop, or after a crash.
    assert {k: rows["00-practice"][k] for k in ("handed in", "right", "not quite",
                                                "not answered")} == \
        {"handed in": "7", "right": "4", "not quite": "0", "not answered": "3"}
    assert (rows["05-who"]["right"], rows["05-who"]["not quite"]) == ("1", "1")


def test_html_page_has_both_tables_and_a_readable_chart(marked):
    _, out = marked
    page = (out / "marks.html").read_text(encoding="utf-8")
    assert page.count("<table>") == 2 and "data:image/png;base64," in page
    assert 'class="problem"' in page and "http" not in page      # self-contained, offline
    rows = reports.summary(list(marked[0].values()))
    chart = reports.hardest_chart(rows)
    assert chart.startswith(b"\x89PNG")


def test_hardest_chart_follows_the_pack_figure_rules(marked, monkeypatch):
    from matplotlib.figure import Figure

    drawn = []
    monkeypatch.setattr(Figure, "savefig", lambda self, *a, **k: drawn.append(self))
    reports.hardest_chart(reports.summary(list(marked[0].values())))
    (fig,) = drawn
    fig.canvas.draw()
    assert figure_problems(fig) == []
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    # Hardest first (the smallest share right at the top), ties in the order of their ids.
    shares = [re.search(r"^(\S+)\s+\((\d+) of (\d+) right\)", label).groups() for label in labels]
    order = [(Fraction(int(k), int(n)), i) for i, k, n in shares]
    assert order == sorted(order) and len(labels) == 10


@pytest.mark.skipif(not SANDBOXED, reason="no sandbox on this machine")
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


def test_written_answers_are_collected_verbatim_and_blank_ones_not_answered(marked):
    result = marked[0]["written_00.ipynb"]
    assert result.written == {"00-trust": WRITTEN["00-trust"], "00-why": answers.NOT_ANSWERED,
                              "00-where": answers.NOT_ANSWERED,
                              "00-beside": "Kharkiv is in the east.",
                              **{i: answers.NOT_ANSWERED for i in handins.pack_written()["00"]}}
    assert marked[0]["right_01.ipynb"].written == {i: answers.NOT_ANSWERED
                                                   for i in handins.pack_written()["01"]}


def test_a_deleted_written_answer_cell_is_not_answered(tmp_path, monkeypatch):
    monkeypatch.setattr(handins, "pack_written", lambda: {"00": ["00-trust", "00-why"]})
    nb = answered("00_start_here", RIGHT)
    nb["cells"].append(written_cell("00-why", "Because maps show it."))
    (tmp_path / "alice.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    result = handins.Result("alice")
    handins.read(tmp_path / "alice.ipynb", result)
    untouched = {i: answers.NOT_ANSWERED for i in handins.written_answers(
        nbformat.reads(json.dumps(nb), as_version=4))}
    assert result.written == {**untouched, "00-why": "Because maps show it.",
                              "00-trust": answers.NOT_ANSWERED}


def test_written_answers_in_the_table_cannot_run_as_a_formula(marked):
    _, out = marked
    with open(out / "marks.csv", encoding="utf-8", newline="") as f:
        rows = {Path(r["student"]).name: r for r in csv.DictReader(f)}
    row = rows["written_00.ipynb"]
    assert row["00-trust (written)"] == "'" + WRITTEN["00-trust"]     # a spreadsheet shows text
    assert row["00-why (written)"] == row["00-where (written)"] == "not answered"
    assert rows["right_01.ipynb"]["00-trust (written)"] == ""         # not in that notebook
    assert [reports.spreadsheet_safe(v) for v in ("=A1", "+1", "-1", "@SUM(A1)", "\t=1", "ok")] \
        == ["'=A1", "'+1", "'-1", "'@SUM(A1)", "'\t=1", "ok"]


def test_written_answers_in_the_page_are_escaped_beside_the_marks(marked):
    _, out = marked
    page = (out / "marks.html").read_text(encoding="utf-8")
    assert "<b>I</b>" not in page
    assert '<td class="written">=1+2 is what I typed first.\n\nThen &lt;b&gt;I&lt;/b&gt; ' \
           "changed my mind &amp; wrote this.</td>" in page
    assert "<th>00-trust (written)</th>" in page


def test_page_says_how_the_class_was_marked(marked):
    page = (marked[1] / "marks.html").read_text(encoding="utf-8")
    assert html.escape(reports.SANDBOXED if SANDBOXED else reports.NOT_SANDBOXED) in page


# The marker judges each answer again from plain data the kernel sends: it must give every
# answer the mark the pack's own check gives it in the notebook.
ODD_ANSWERS = [..., None, "", "  Oskil  ", "oskil river", True, 0, -3, 10**400, 1e400,
               float("nan"), 2.5, Fraction(5, 2), decimal.Decimal("2.59"), decimal.Decimal("NaN"),
               3 + 4j,
               np.float64(2.59), np.int64(7), np.array(7), np.array([7, 6]),
               dt.date(2022, 9, 8), dt.datetime(2022, 9, 8, 23, 59), dt.timedelta(days=26),
               ["Donetsk", "Luhansk"], ("Luhansk", "Donetsk"), {"Donetsk", "Luhansk"},
               [["nested"]], {"a": 1}, len, object(), "x" * 200_000]


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_the_marker_gives_every_answer_the_notebooks_mark(exercise_id):
    tried = [*model_answers().get(exercise_id, []), WRONG[exercise_id], *ODD_ANSWERS]
    for answer in tried:
        sent = json.loads(json.dumps(answers.plain(answer)))    # as the message carries it
        feedback = check(exercise_id, answer)
        in_notebook = answers.RIGHT if feedback.correct else answers.NOT_ANSWERED \
            if feedback.message.startswith("✏️") else answers.NOT_QUITE
        assert answers.judge(exercise_id, sent) == in_notebook, (exercise_id, answer)


def test_whatever_the_kernel_sends_the_marker_does_not_fail():
    for sent in [None, 1, "x", {}, {"int": "zz"}, {"list": 5}, {"dict": [[{"list": []}, 1]]},
                 {"str": "Kyiv", "int": "1"}, {"other": ["a"]}, {"bool": "yes"},
                 {"int": "1" * 5000}]:       # (a check raises on a number of 6,000 digits)
        assert answers.judge("00-capital", sent) in (answers.NOT_QUITE, answers.NOT_ANSWERED)


def test_command_line_refuses_without_a_sandbox_before_running_anything(tmp_path, monkeypatch,
                                                                        capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "alice.ipynb").write_text(json.dumps(answered("00_start_here", RIGHT)))
    monkeypatch.setattr(sandbox, "unavailable", lambda: "bubblewrap (bwrap) is not installed")
    monkeypatch.setattr(marks, "mark", lambda *a, **k: pytest.fail("ran students' code"))
    assert marks.main(["alice.ipynb"]) == 2
    said = capsys.readouterr()
    assert said.out == "" and len(said.err.strip().splitlines()) == 1
    assert said.err.startswith("Not marking: no sandbox here (bubblewrap (bwrap) is not "
                               "installed), so students' code would run as you")
    assert "sudo apt install bubblewrap" in said.err and "--unsafe-no-sandbox" in said.err
    assert not (tmp_path / "marks").exists()


def test_the_teacher_can_choose_to_mark_without_a_sandbox(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "essay.docx").write_text("not a notebook")
    monkeypatch.setattr(sandbox, "unavailable", lambda: "this is darwin, not Linux")
    assert marks.main(["essay.docx", "--unsafe-no-sandbox"]) == 0
    assert capsys.readouterr().err.startswith("Marking WITHOUT a sandbox (this is darwin")
    page = (tmp_path / "marks" / "marks.html").read_text(encoding="utf-8")
    assert html.escape(reports.NOT_SANDBOXED) in page
