"""The pack works as a school server runs it: from a read-only folder, with each student's
home as the working folder.

On a JupyterHub the pack is installed once, by an administrator, where students cannot
write; every kernel runs in the student's own home. Here a copy of the pack is made
read-only and its notebooks are run (and a class marked) from a scratch home, with the copy's
own lessonkit imported. Tests run as root on the development machine, where a read-only
folder can still be written, so the copy is also compared, file by file, before and after:
nothing may be created, changed or removed in it.
"""

from __future__ import annotations

import csv
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from notebook_runner import NOTEBOOKS, run
from pack_files import copy_pack, pack_files

import lessonkit

ROOT = Path(__file__).resolve().parent.parent


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under `folder`, with its size and modification time."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in [folder, *folder.rglob("*")]}


def set_writable(folder: Path, writable: bool) -> None:
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode | stat.S_IWUSR if writable
                   else mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    """A read-only copy of the pack's files, as an administrator installs it.

    The files are found without git (tests/pack_files.py), so this also runs in a ZIP download.
    """
    copy = tmp_path_factory.mktemp("server") / "pack"
    copy_pack(copy, ROOT)
    set_writable(copy, False)
    yield copy
    set_writable(copy, True)


def test_the_pack_files_are_the_ones_git_knows_of():
    """The list read from .gitignore matches git's own, where there is a git clone to ask."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git clone (a ZIP download, say): nothing to compare with")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    assert pack_files(ROOT) == sorted(n for n in listed if n and (ROOT / n).is_file())


@pytest.fixture
def student(pack, tmp_path, monkeypatch):
    """A student's session: their own home as the working folder, the copy's code imported.

    Python's bytecode cache is turned off: a student cannot write it into a read-only pack
    (Python then skips it silently), and it is not the pack's doing.
    """
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PYTHONPATH", str(pack))
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.chdir(home)
    where = subprocess.run([sys.executable, "-c", "import lessonkit; print(lessonkit.__file__)"],
                           capture_output=True, text=True, check=True).stdout
    assert Path(where.strip()).is_relative_to(pack), "the kernel would not use the copy's code"
    before = snapshot(pack)
    yield home
    assert snapshot(pack) == before, "something was written inside the read-only pack"


@pytest.mark.parametrize("name", [nb.name for nb in NOTEBOOKS])
def test_notebook_runs_from_a_read_only_pack(pack, student, name):
    # Any error in a cell fails the run; every notebook draws at least one map or chart.
    assert run(pack / "notebooks" / name, student, audit=False).images > 0


def test_marks_are_written_in_the_teachers_folder(pack, student):
    handed_in = student / "handed_in"
    handed_in.mkdir()
    shutil.copy(pack / "notebooks" / "00_start_here.ipynb", handed_in / "alice.ipynb")
    done = subprocess.run([sys.executable, "-m", "lessonkit.marks", "handed_in"],
                          capture_output=True, text=True, env=os.environ)
    assert done.returncode == 0, done.stderr
    with open(student / "marks" / "marks.csv", encoding="utf-8", newline="") as f:
        (row,) = csv.DictReader(f)
    assert (row["student"], row["notebook"], row["status"]) == ("handed_in/alice.ipynb", "00", "ok")


def test_a_students_copy_of_the_same_pack_is_not_warned(pack, tmp_path):
    """On a hub each student's nbgitpuller copy runs the server's helpers: fine while the two
    copies are the same version, warned once they differ."""
    assert lessonkit.pack_in_use_warning(pack / "notebooks") is None
    student = tmp_path / "REPO"
    for part in ("lessonkit", "data", "notebooks"):
        shutil.copytree(pack / part, student / part, ignore=shutil.ignore_patterns("build"))
    set_writable(student, True)
    with open(student / "data" / "places.csv", "a", encoding="utf-8") as f:
        f.write("\n")
    assert "school server" in lessonkit.pack_in_use_warning(student / "notebooks")
