"""Every way the pack runs a notebook has a time limit per cell, and says which cell hit it."""

import re

import nbformat
import pytest
from notebook_runner import PACK, NotebookHang, run


def test_the_runner_names_the_notebook_and_the_cell_that_ran_too_long(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"),
                                         nbformat.v4.new_code_cell("import time\ntime.sleep(60)")])
    path = tmp_path / "99_slow.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(NotebookHang, match=r"99_slow\.ipynb: cell 1 .*longer than 3 s"):
        run(path, tmp_path, audit=False, timeout=3)


def test_every_documented_nbconvert_run_has_a_cell_timeout():
    for doc in [PACK / "README.md", PACK / "TEACHERS.md", PACK / "data" / "README.md"]:
        for command in re.findall(r"nbconvert[^`\n]*--execute[^`\n]*", doc.read_text()):
            assert "--ExecutePreprocessor.timeout=" in command, f"{doc.name}: {command}"


def test_nbval_has_a_cell_timeout(pytestconfig):
    if not hasattr(pytestconfig.option, "nbval_cell_timeout"):
        pytest.skip("nbval is not installed")
    assert float(pytestconfig.option.nbval_cell_timeout) <= 300

