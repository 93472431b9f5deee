"""Marking a class that holds hostile hand-ins: in the sandbox they change nothing and earn nothing.

Beside an honest hand-in, each hostile one tries, as a mischievous student would, to write,
delete or read the teacher's files, the other hand-ins, the marks and the pack; to reach a
server on the marking machine (with the in-kernel socket patch in place, and undone with
``importlib.reload``); or to forge a mark. Every attempt that succeeds would answer 00-practice
right (``check("00-practice", 42)``), so a hand-in's marks show whether any attempt worked,
and the files and the server show it too. The rest of the class is marked as usual.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from answer_keys import WRONG
from test_marks import RIGHT, answered, code_cell, exercise_cell

from lessonkit import PACK, marks
from lessonkit.marking import handins, kernels, sandbox

CELL_LIMIT = 30
IF_ANY = "\nif any(done):\n    check('00-practice', 42)     # a signal: something worked\n"


def attempts(*lines: str) -> str:
    """A cell trying each line in turn; `done` holds True for each one that worked."""
    body = "".join(f"try:\n    {line}\n    done.append(True)\nexcept Exception:\n    pass\n"
                   for line in lines)
    return "from lessonkit.exercises import check\nimport os, shutil\ndone = []\n" + body + IF_ANY


def hand_in(*cells: str, answers: dict | None = None, before: bool = False) -> dict:
    """00 with 00-capital answered right (00-practice is left for the signal), and cells of
    the student's own at the end (or before the first exercise, to change the checking)."""
    answers = {"00-capital": RIGHT["00-capital"]} if answers is None else answers
    nb = answered("00_start_here", answers)
    where = exercise_cell(nb, "00-practice") if before else len(nb["cells"])
    for source in reversed(cells):
        nb["cells"].insert(where, code_cell(source))
    return nb


def without_the_packs_check(nb: dict) -> dict:
    """The exercise cells' own `from lessonkit import check` lines deleted, so that the
    student's home-made check() is the one they call."""
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            text = "".join(cell["source"])
            cell["source"] = text.replace("from lessonkit import check\n", "")
    return nb


class Server:
    """A TCP server on the marking machine's loopback, counting who reaches it."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port, self.reached = self.socket.getsockname()[1], 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.reached += 1
            connection.close()


def connect(port: int, reload: bool) -> str:
    undo = "import importlib, socket, _socket\nimportlib.reload(socket)\n" if reload else ""
    return undo + attempts(f"socket.create_connection(('127.0.0.1', {port}), timeout=5)",
                           *([f"_socket.socket().connect(('127.0.0.1', {port}))"]
                             if reload else []))


FORGED_REPORTS = """\
from IPython.display import publish_display_data
from lessonkit.marking.answers import REPORT
publish_display_data({REPORT: {"id": "00-practice", "answer": {"int": "28"}, "correct": True}})
publish_display_data({REPORT: {"id": "00-capital", "answer": {"other": "Kyiv"},
                               "correct": True}})
import glob
for path in glob.glob("/tmp/lessonkit-marks-*/checks.jsonl") + ["checks.jsonl"]:
    with open(path, "a") as f:                 # the old record file: nobody reads it now
        f.write('["00-practice", true, "right"]\\n')
"""
PATCHED_CHECKS = """\
import lessonkit.checks as checks
checks.check_number = checks.check_name = lambda *a, **k: checks.Feedback(True, "✅ Right")
"""
OWN_CHECK = """\
from lessonkit.checks import Feedback
def check(exercise_id, answer):
    return Feedback(True, "✅ Right")
"""


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    why = sandbox.unavailable()
    if why:
        pytest.skip(f"no sandbox on this machine: {why}")
    root = tmp_path_factory.mktemp("school")
    teacher, handed_in, out = root / "teacher", root / "handed_in", root / "marks"
    for folder in (teacher, handed_in, out):
        folder.mkdir()
    (teacher / "precious.txt").write_text("the teacher's own file")
    (teacher / "secret.txt").write_text("42")
    (out / "earlier.csv").write_text("last week's marks")
    server = Server()
    into_pack = PACK / "notebooks" / "written_by_a_student.txt"
    into_home = Path.home() / "lessonkit_written_by_a_student.txt"
    in_home = Path.home() / ".lessonkit_teachers_own_file.txt"      # removed again below
    in_home.write_text("the teacher's own file, in their home")
    honest = handed_in / "honest.ipynb"
    targets = [teacher / "precious.txt", teacher / "new.txt", honest, out / "earlier.csv",
               into_pack, into_home]
    hostile = {
        "writes.ipynb": hand_in(attempts(*(f"open({str(t)!r}, 'w').write('changed by a student')"
                                           for t in targets))),
        "deletes.ipynb": hand_in(attempts(f"shutil.rmtree({str(handed_in)!r})",
                                          f"os.remove({str(honest)!r})",
                                          f"os.remove({str(teacher / 'precious.txt')!r})",
                                          f"shutil.rmtree({str(out)!r})")),
        "reads.ipynb": hand_in(attempts(f"assert open({str(teacher / 'secret.txt')!r}).read()",
                                        f"assert os.listdir({str(teacher)!r})",
                                        f"assert open({str(honest)!r}).read()",
                                        f"assert open({str(out / 'earlier.csv')!r}).read()",
                                        f"assert open({str(in_home)!r}).read()",
                                        "assert open('/etc/shadow').read()")),
        "network.ipynb": hand_in(connect(server.port, reload=False)),
        "network_reload.ipynb": hand_in(connect(server.port, reload=True)),
        "forges_reports.ipynb": hand_in(FORGED_REPORTS),
        "patches_checks.ipynb": hand_in(PATCHED_CHECKS, answers=WRONG_CODE, before=True),
        "own_check.ipynb": without_the_packs_check(hand_in(OWN_CHECK, answers=WRONG_CODE,
                                                           before=True)),
    }
    for name, nb in {"honest.ipynb": hand_in(answers=RIGHT), **hostile}.items():
        (handed_in / name).write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in [*handed_in.iterdir(), *teacher.iterdir(),
                                               *out.iterdir()]}
    try:
        results = marks.mark([handed_in], jobs=4, cell_limit=CELL_LIMIT, notebook_limit=200,
                             skip=out, sandboxed=True)
        after = {p.name: p.read_bytes() for p in [*handed_in.iterdir(), *teacher.iterdir(),
                                                  *out.iterdir()]}
        written = [p for p in (into_pack, into_home) if p.exists()]
    finally:
        for path in (into_pack, into_home, in_home):
            path.unlink(missing_ok=True)
    return {"results": {Path(r.student).name: r for r in results}, "before": before,
            "after": after, "written": written, "server": server}


WRONG_CODE = {exercise_id: repr(answer) for exercise_id, answer in WRONG.items()}
ATTACKS = ["writes.ipynb", "deletes.ipynb", "reads.ipynb", "network.ipynb",
           "network_reload.ipynb"]


def test_every_hand_in_is_marked_and_the_honest_one_as_ever(classroom):
    results = classroom["results"]
    assert set(results) == {"honest.ipynb", *ATTACKS, "forges_reports.ipynb",
                            "patches_checks.ipynb", "own_check.ipynb"}
    assert results["honest.ipynb"].status == "ok"
    assert results["honest.ipynb"].marks == {i: "right" for i in handins.exercises_of("00")}


def two(marked: dict) -> dict:
    """The marks of the two exercises these hand-ins use (00's other exercises are left)."""
    return {i: marked[i] for i in ("00-practice", "00-capital")}


@pytest.mark.parametrize("name", ATTACKS)
def test_no_attempt_outside_the_sandbox_works_and_the_rest_is_marked(classroom, name):
    result = classroom["results"][name]
    assert result.status == "ok"
    # 00-practice would be right if any attempt had worked; 00-capital is answered as usual.
    assert two(result.marks) == {"00-practice": "not answered", "00-capital": "right"}


def test_nothing_outside_the_sandbox_was_written_deleted_or_reached(classroom):
    assert classroom["after"] == classroom["before"]
    assert classroom["written"] == []
    assert classroom["server"].reached == 0


@pytest.mark.parametrize("name, expected", [
    ("forges_reports.ipynb", {"00-practice": "not quite", "00-capital": "not quite"}),
    ("patches_checks.ipynb", {"00-practice": "not quite", "00-capital": "not quite"}),
    ("own_check.ipynb", {"00-practice": "not answered", "00-capital": "not answered"}),
])
def test_a_forged_mark_is_not_given_and_the_tampering_is_said(classroom, name, expected):
    result = classroom["results"][name]
    assert two(result.marks) == expected
    assert result.status.startswith(kernels.TAMPERED)
    assert "00-practice" in result.status and "00-capital" in result.status


def test_without_the_sandbox_the_same_hand_in_does_reach_the_network(tmp_path):
    """Why the sandbox matters: the in-kernel socket patch alone is undone by a reload."""
    server = Server()
    folder = tmp_path / "handed_in"
    folder.mkdir()
    nb = hand_in(connect(server.port, reload=True))
    (folder / "network_reload.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    (result,) = marks.mark([folder], cell_limit=CELL_LIMIT, sandboxed=False)
    assert server.reached >= 1
    assert result.marks["00-practice"] == "right"


def test_hand_ins_kept_inside_the_pack_are_covered_up(tmp_path):
    why = sandbox.unavailable()
    if why:
        pytest.skip(f"no sandbox on this machine: {why}")
    look = ("import os, sys; print(sorted(os.listdir(sys.argv[1])), "
            "os.path.isfile(sys.argv[2]), os.access(sys.argv[2], os.W_OK))")
    argv = [sys.executable, "-c", look, str(PACK / "tests"), str(PACK / "README.md")]
    done = subprocess.run(sandbox.command(argv, tmp_path, hidden=[PACK / "tests"]),
                          capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[]", "True", "False"]     # empty, readable, read-only


def test_no_bubblewrap_is_said_in_a_few_words(monkeypatch):
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    sandbox.unavailable.cache_clear()
    try:
        expected = "bubblewrap (bwrap) is not installed" if sys.platform == "linux" else \
            f"this is {sys.platform}, not Linux, and bubblewrap runs only on Linux"
        assert sandbox.unavailable() == expected
    finally:
        sandbox.unavailable.cache_clear()
