"""Odd machines: a read-only home folder, a copied pack, and test runners other than nbval."""

import subprocess
import sys

import pytest
from notebook_runner import NOTEBOOKS, PACK, run

import lessonkit


# IPython's own warning about the home folder goes to the terminal, not into the notebook.
@pytest.mark.filterwarnings("ignore:IPython parent")
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_read_only_home_keeps_outputs_clean(notebook, tmp_path, monkeypatch):
    # A folder below a plain file: no one (not even root) can create ~/.config there.
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("HOME", str(tmp_path / "file" / "home"))
    for name in ("MPLCONFIGDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    result = run(notebook, tmp_path, audit=False)
    stderr = [o["text"] for c in result.notebook.cells if c.cell_type == "code"
              for o in c.outputs if o.get("name") == "stderr"]
    assert not stderr, f"{notebook.stem} printed to stderr: {stderr}"


def make_copy(folder):
    """The parts of the pack that tell a copy apart: lessonkit/, data/, notebooks/."""
    for part in ("lessonkit", "data", "notebooks"):
        (folder / part).mkdir(parents=True)
    (folder / "lessonkit" / "__init__.py").write_text("")
    return folder


def test_a_notebook_in_another_copy_is_told_what_to_do(tmp_path):
    copy = make_copy(tmp_path / "copy")
    message = lessonkit.pack_in_use_warning(copy / "notebooks")
    assert str(copy) in message and str(PACK) in message
    assert "delete the .venv folder, run the install command" in message
    assert lessonkit.pack_in_use_warning(PACK / "notebooks") is None
    assert lessonkit.pack_in_use_warning(PACK) is None
    assert lessonkit.pack_in_use_warning(tmp_path) is None          # not a pack at all


def test_importing_lessonkit_in_a_copy_warns(tmp_path):
    copy = make_copy(tmp_path / "copy")
    done = subprocess.run([sys.executable, "-c", "import lessonkit"], cwd=copy / "notebooks",
                          capture_output=True, text=True, check=True)
    assert "come from another copy of the pack" in done.stderr


def pytest_in(*args):
    return subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", *args],
                          cwd=PACK, capture_output=True, text=True)


def test_plain_pytest_collects_the_notebooks_with_nbval():
    done = pytest_in("notebooks/00_start_here.ipynb")
    assert done.returncode == 0 and "00_start_here.ipynb::Cell 0" in done.stdout, done.stdout


def test_pytest_starts_without_nbval():
    done = pytest_in("-p", "no:nbval", "notebooks", "tests/test_checks.py")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ipynb" not in done.stdout
