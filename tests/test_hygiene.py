"""Clean code and a clean tree: ruff passes everywhere, and no stray or unrunnable notebook.

The same checks run before each commit through .pre-commit-config.yaml.
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

PACK = Path(__file__).resolve().parent.parent
SKIP = {".git", ".venv", "venv", "handouts", "__pycache__", ".ruff_cache", ".pytest_cache"}


def load_checker():
    spec = importlib.util.spec_from_file_location("check_notebook_files",
                                                  PACK / ".ci" / "check_notebook_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_stray_files_and_every_notebook_is_ready():
    checker = load_checker()
    files = [p for p in PACK.rglob("*")
             if p.is_file() and not SKIP & set(p.relative_to(PACK).parts)]
    problems = [msg for p in files for msg in checker.problems(p)]
    assert not problems, "\n".join(problems)


def test_checker_rejects_what_it_should(tmp_path):
    checker = load_checker()
    bad = tmp_path / "Untitled1.ipynb"
    bad.write_text('{"metadata": {"kernelspec": {"name": "conda-env-py"}}, "cells": []}')
    messages = " ".join(checker.problems(bad))
    assert "Untitled" in messages and "'conda-env-py'" in messages
    marked = tmp_path / "02_x.ipynb"
    marked.write_text('{"metadata": {"kernelspec": {"name": "python3"}, "widgets": {}}, "cells": '
                      '[{"cell_type": "code", "source": "# NBVAL_IGNORE_OUTPUT", "outputs": []}]}')
    messages = " ".join(checker.problems(marked))
    assert "widget state" in messages and "metadata tags" in messages
    checkpoint = tmp_path / ".ipynb_checkpoints" / "01_geography-checkpoint.ipynb"
    assert "checkpoint" in " ".join(checker.problems(checkpoint))


def test_ruff_passes_on_package_tests_scripts_and_notebooks():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(PACK)],
                            capture_output=True, text=True)
    assert "No module named ruff" not in result.stderr, \
        "ruff is not installed: pip install -r requirements.txt"
    assert result.returncode == 0, result.stdout + result.stderr
