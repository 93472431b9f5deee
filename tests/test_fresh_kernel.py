"""Every cell works after a kernel restart (issue 20): the next lesson, a culled kernel, Restart.

A student often runs just the cell they are on, in a kernel that has run nothing yet.  Each
exercise cell must then still give its feedback (✏️, ❌ or ✅), never a traceback; and the
cells of a notebook run in any order must never show a raw error from the pack's own names.

"A fresh kernel" is simulated inside one kernel per notebook, which is much quicker than
starting one per cell: before each cell, every variable is deleted, the pack's modules are
forgotten (so the next import runs as if for the first time) and the friendly-error hook is
removed.
"""

import ast
import random
import re
import subprocess

import nbformat
import pytest
from answer_keys import answer_code, model_answers
from nbclient import NotebookClient
from notebook_runner import NOTEBOOKS

from lessonkit.marking.kernels import OFFLINE

FORGET = """\
%reset -f
import sys as _sys
for _name in [m for m in _sys.modules if m == "lessonkit" or m.startswith("lessonkit.")]:
    del _sys.modules[_name]
get_ipython().set_custom_exc((), None)
"""
CHECK_CALL = re.compile(r'check\("([0-9]{2}-[a-z0-9-]+)", answer\)')
ANSWER_LINE = re.compile(r"^answer = \.\.\.$", re.M)


def code_cells(path):
    return [c.source for c in nbformat.read(path, as_version=4).cells
            if c.cell_type == "code" and c.source.strip()]


def run_cells(cells, tmp_path):
    """Run cells in one kernel; return each cell's outputs."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(OFFLINE)]
                                  + [nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, kernel_name="python3", timeout=60, allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute(
        stderr=subprocess.DEVNULL)
    return [c.outputs for c in nb.cells[1:]]


def shown(outputs) -> str:
    return "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                   for o in outputs)


def errors(outputs) -> list[str]:
    return [f"{o.ename}: {o.evalue}" for o in outputs if o.output_type == "error"]


def as_code(exercise_id: str) -> str:
    """The first worked answer, as code a fresh kernel can run without any Setup."""
    value = model_answers()[exercise_id][0]
    try:
        ast.literal_eval(repr(value))
        return repr(value)
    except (ValueError, SyntaxError):
        return answer_code()[exercise_id][0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_exercise_cell_works_first_in_a_fresh_kernel(path, tmp_path):
    exercise_cells = [c for c in code_cells(path) if CHECK_CALL.search(c)
                      and ANSWER_LINE.search(c)]
    cells, expected = [], []
    for cell in exercise_cells:
        exercise_id = CHECK_CALL.search(cell).group(1)
        for answer, mark in (("...", "✏️"), (as_code(exercise_id), "✅")):
            cells += [FORGET, cell.replace("answer = ...", f"answer = {answer}", 1)]
            expected.append((exercise_id, answer, mark))
    outputs = run_cells(cells, tmp_path)[1::2]
    for (exercise_id, answer, mark), outs in zip(expected, outputs):
        assert not errors(outs), f"{path.name} {exercise_id} with {answer}: {errors(outs)}"
        assert shown(outs).startswith(mark), \
            f"{path.name} {exercise_id} with {answer}: {shown(outs)!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_cells_in_any_order_never_show_a_raw_error(path, tmp_path):
    cells = code_cells(path)
    random.Random(2022).shuffle(cells)
    for cell, outs in zip(cells, run_cells(cells, tmp_path)):
        assert not errors(outs), f"{path.name}, cell {cell[:60]!r}: {errors(outs)}"
