"""Mark a class: which exercises each student got right, from their saved notebooks.

Run from any folder (the marks are written where you are, never inside the pack)::

    python -m lessonkit.marks handed_in/                # a folder (searched with its subfolders)
    python -m lessonkit.marks alice.ipynb bob.ipynb     # or files
    python -m lessonkit.marks handed_in/ --out marks_02 # write somewhere else than ./marks/

Each notebook is run from the top in a fresh kernel, with a time limit per cell and per
notebook, several at once.  **Students' code is untrusted**: on Linux each kernel runs in a
bubblewrap sandbox (lessonkit.sandbox: no network, nothing of the teacher's in sight, one
scratch folder).  Where no sandbox can be made the command refuses to mark, in one line, unless
given ``--unsafe-no-sandbox``; marks.html says how the class was marked.

**Marks a student cannot forge.**  Nothing the kernel says about right or wrong is believed.
The kernel runs the student's code, so anything in it (a secret, a closure, a file, the pack's
own check) can be read or rewritten by that code (``gc.get_objects()`` finds every closure).
So the kernel is only a witness of *answers*: each ``check(id, answer)`` it runs sends, as an
IOPub display message, the exercise id, the answer as plain data (text, numbers, dates,
lists) and what the kernel's check said.  The marker attributes the message to the cell whose
execution it belongs to (it knows which cell it sent), skips the pack's worked examples, and
judges the answer again itself, with the pack's check, in its own process.  A student can
therefore earn "right" only by handing over a value the pack accepts: by answering.  When the
kernel's verdict differs from the marker's, or an exercise cell ran without reporting its
check, the notebook's code changed the pack's checking: it gets the status TAMPERED.

Answers are collected as they happen, so a crash or an endless loop later loses nothing.  A
cell that runs over its limit is interrupted; one that cannot be interrupted, or kills its
kernel, is left out and the notebook is run again from the top in a fresh kernel, so every
answer that can be read is read.  The last result for each exercise is the student's mark:
**right**, **not quite** or **not answered**.  Written answers (Markdown cells tagged
``written-answer``, with ``{"lessonkit": {"written": "<id>"}}`` in their metadata) are read
from the file itself, verbatim; blank or still the placeholder is "not answered".

Whatever a student hands in gets one row and a plain-words status, never a crash of the
run: a file that is not a notebook or not valid JSON, deleted, moved or edited cells, code
that raises, an endless loop, a kernel that dies, a notebook from another pack.

Writes, into ``--out`` (default ``./marks``):

* ``marks.csv``: one row per notebook handed in, one column per exercise and written answer,
  and a status (cells that a spreadsheet would run as a formula start with an apostrophe);
* ``summary.csv``: for each exercise, how many got it right, not quite, or left it;
* ``marks.html``: both tables, the written answers, and a chart of the hardest exercises.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import csv
import datetime as dt
import decimal
import functools
import html
import io
import numbers
import os
import queue
import re
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import nbformat

from . import PACK, checks, sandbox
from .exercises import EXERCISES
from .exercises import check as pack_check

NOTEBOOK_DIR = PACK / "notebooks"
RIGHT, NOT_QUITE, NOT_ANSWERED = "right", "not quite", "not answered"
TAMPERED = "TAMPERED: the notebook's own code changed the pack's checking"
CELL_LIMIT = 60             # seconds one cell may run before it is stopped
NOTEBOOK_LIMIT = 300        # seconds one notebook may run in all
GRACE = 10                  # seconds an interrupted cell has to stop before its kernel is killed
REPORT = "application/vnd.lessonkit.check+json"   # the kernel's message for one check
WRITTEN_PLACEHOLDER = ("✍️ *Double-click here and write your answer in a few sentences. "
                       "Then press Shift+Enter.*")

# Belt and braces: a friendly error for a notebook that reaches for the network (in the
# sandbox there is no network to reach; without one, this is all there is, and it can be undone).
OFFLINE = """\
import socket as _socket
def _refuse(*args, **kwargs):
    raise OSError("this notebook tried to use the network; the pack must work offline")
_socket.socket.connect = _socket.create_connection = _socket.getaddrinfo = _refuse
"""

# Wraps the pack's check, before the student's first cell imports it, so that every check
# sends the marker one message: the id, the answer as plain data, and the kernel's verdict.
RECORDER = """\
import IPython.display as _display
import lessonkit as _lessonkit
import lessonkit.exercises as _exercises
from lessonkit.marks import REPORT as _REPORT, plain as _plain
def _reporting(check):
    def check_and_report(exercise_id, answer):
        feedback = check(exercise_id, answer)
        _display.publish_display_data({_REPORT: {
            "id": str(exercise_id), "answer": _plain(answer), "correct": bool(feedback)}})
        return feedback
    check_and_report.__doc__ = check.__doc__
    return check_and_report
_exercises.check = _lessonkit.check = _reporting(_exercises.check)
del _reporting
"""

_EXERCISE_ID = r"\d\d-[a-z][a-z0-9-]*"       # "02-river"; later ones may have hyphens
_ID = re.compile(rf"""["']({_EXERCISE_ID})["']""")
_CALL = re.compile(rf"""check\(\s*["']({_EXERCISE_ID})["']\s*,\s*(.+?)\)\s*$""", re.M)
_EXERCISE_CALL = re.compile(rf"""^check\(\s*["']({_EXERCISE_ID})["']\s*,\s*answer\s*\)\s*$""",
                            re.M)
_LONGEST = 100_000          # characters of a text answer sent to the marker
_ITEMS = 1_000              # items of a list answer sent to the marker


def plain(answer, depth: int = 0) -> dict:
    """An answer as plain JSON data the marker can judge again (run in the kernel).

    Covers what the pack's checks can accept (text, numbers of any size, yes/no, dates, lists,
    sets, dictionaries); anything else becomes {"other": its description}, never right.
    """
    try:
        if getattr(answer, "ndim", None) == 0 and hasattr(answer, "item"):
            answer = answer.item()                 # numpy scalar or 0-d array
        if answer is None or answer is ...:
            return {"none" if answer is None else "ellipsis": True}
        if isinstance(answer, bool):
            return {"bool": bool(answer)}
        if isinstance(answer, str):
            text = str(answer)
            return {"str": text if len(text) <= _LONGEST else text.strip()[:_LONGEST]}
        if isinstance(answer, numbers.Integral):
            return {"int": format(int(answer), "x")}     # hex: no limit on digits
        if isinstance(answer, Fraction):
            return {"fraction": [format(answer.numerator, "x"), format(answer.denominator, "x")]}
        if isinstance(answer, decimal.Decimal):
            return {"decimal": str(answer)}
        if isinstance(answer, numbers.Real):
            return {"float": repr(float(answer))}
        if isinstance(answer, numbers.Complex):
            return {"complex": [repr(answer.real), repr(answer.imag)]}
        if isinstance(answer, dt.datetime):
            return {"datetime": [answer.year, answer.month, answer.day]}
        if isinstance(answer, dt.date):
            return {"date": [answer.year, answer.month, answer.day]}
        if isinstance(answer, dt.timedelta):
            return {"timedelta": [answer.days, answer.seconds, answer.microseconds]}
        kinds = {list: "list", tuple: "tuple", set: "set", frozenset: "frozenset"}
        kind = next((k for t, k in kinds.items() if isinstance(answer, t)), None)
        if kind and depth < 10:
            return {kind: [plain(a, depth + 1) for a in list(answer)[:_ITEMS]]}
        if isinstance(answer, dict) and depth < 10:
            return {"dict": [[plain(k, depth + 1), plain(v, depth + 1)]
                             for k, v in list(answer.items())[:_ITEMS]]}
    except Exception:   # noqa: BLE001 - an answer that breaks when looked at is just unreadable
        pass
    return {"other": checks.describe(answer)}


class Unreadable:
    """An answer the kernel could not send as plain data: no check accepts it."""

    def __init__(self, description: str):
        self.description = str(description)[:200]

    def __repr__(self) -> str:
        return self.description


def unplain(data):
    """The answer that plain() described, rebuilt in the marker (Unreadable if it can't be)."""
    try:
        ((kind, value),) = data.items()
        simple = {"none": lambda v: None, "ellipsis": lambda v: ..., "bool": bool,
                  "str": str, "int": lambda v: int(v, 16), "decimal": decimal.Decimal,
                  "float": float, "fraction": lambda v: Fraction(int(v[0], 16), int(v[1], 16)),
                  "complex": lambda v: complex(float(v[0]), float(v[1])),
                  "datetime": lambda v: dt.datetime(*map(int, v)),
                  "date": lambda v: dt.date(*map(int, v)),
                  "timedelta": lambda v: dt.timedelta(*map(int, v))}
        if kind in simple:
            answer = simple[kind](value)
            if kind == "bool" and not isinstance(value, bool):
                raise TypeError
            return answer
        containers = {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}
        if kind in containers:
            return containers[kind](unplain(v) for v in value[:_ITEMS])
        if kind == "dict":
            return {unplain(k): unplain(v) for k, v in value[:_ITEMS]}
        return Unreadable(value if kind == "other" else "something the marker cannot read")
    except Exception:   # noqa: BLE001 - whatever the kernel sent, the marker does not fail
        return Unreadable("something the marker cannot read")


def judge(exercise_id: str, data) -> str:
    """The mark the pack's own check gives the answer a kernel reported."""
    try:
        feedback = pack_check(exercise_id, unplain(data))
    except Exception:   # noqa: BLE001 - a check that breaks (it should not) gives no mark
        return NOT_QUITE
    return RIGHT if feedback.correct else (
        NOT_ANSWERED if feedback.message.startswith(checks.TODO) else NOT_QUITE)


@dataclass
class Result:
    """One notebook handed in: its marks by exercise id, written answers, what went wrong."""

    student: str
    notebook: str = ""                      # the pack notebook it is, e.g. "02"
    marks: dict[str, str] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "; ".join(self.problems) or "ok"


def exercises_of(notebook: str) -> list[str]:
    """The exercise ids of one pack notebook ("02"), in the pack's order."""
    return [e for e in EXERCISES if e.startswith(notebook + "-")]


@functools.cache
def _pack_notebooks() -> dict[str, nbformat.NotebookNode]:
    """The pack's own lesson notebooks, by number ("02")."""
    found = {}
    for path in sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb")):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found[path.name[:2]] = nbformat.read(path, as_version=4)
    return found


def example_cells() -> list[str]:
    """The pack's own demonstration cells: a check on a typed-in value, not on `answer`."""
    return [c.source.strip() for nb in _pack_notebooks().values() for c in nb.cells
            if c.cell_type == "code"
            and any(arg.strip() != "answer" for _, arg in _CALL.findall(c.source))]


def pack_written() -> dict[str, list[str]]:
    """The ids of the written answers each pack notebook asks for ("05": ["05-trust"])."""
    return {number: list(written_answers(nb)) for number, nb in _pack_notebooks().items()}


def find_submissions(paths: Iterable[Path | str], skip: Path | None = None) -> list[Path]:
    """Every file handed in: the files named, and every file in the folders named.

    Hidden files and folders (.ipynb_checkpoints, .DS_Store) are left out, and so is
    `skip` (the folder the marks are written to).
    """
    found = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        for file in sorted(path.rglob("*")):
            hidden = any(p.startswith(".") for p in file.relative_to(path).parts)
            inside_skip = skip is not None and skip.resolve() in file.resolve().parents
            if file.is_file() and not hidden and not inside_skip:
                found.append(file)
    return found


def _name(path: Path, roots: list[Path]) -> str:
    """How a submission is named in the table: its path from the folder given, or its name."""
    for root in roots:
        if root.is_dir() and root.resolve() in path.resolve().parents:
            return str(Path(root.resolve().name) / path.resolve().relative_to(root.resolve()))
    return path.name


def _where(nb, index: int) -> str:
    """A cell as a teacher can find it: its number (from 1) and how it starts."""
    first = next((line.strip() for line in nb.cells[index].source.splitlines() if line.strip()),
                 "")
    first = first if len(first) <= 40 else first[:37] + "..."
    return f"cell {index + 1} ({first!r})"


def written_answers(nb) -> dict[str, str]:
    """Each written answer in the notebook, by id: the student's words, or "not answered".

    A written-answer cell is found by its metadata (a student may have turned it into a
    code cell by mistake); the placeholder, if the student wrote beside it, is taken out.
    """
    found = {}
    for cell in nb.cells:
        written_id = cell.get("metadata", {}).get("lessonkit", {}).get("written")
        if isinstance(written_id, str) and written_id:
            words = cell.source.replace(WRITTEN_PLACEHOLDER, "").strip()
            found[written_id] = words or NOT_ANSWERED
    return found


def read(path: Path, result: Result):
    """The notebook in `path`, or None with the reason in result.problems."""
    if not path.is_file():
        result.problems.append("file not found")
        return None
    if path.suffix.lower() != ".ipynb":
        kind = f"a {path.suffix} file" if path.suffix else "a file without .ipynb at the end"
        result.problems.append(f"not a notebook ({kind}): ask for the .ipynb file")
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
            nbformat.validate(nb)
    except Exception as error:      # noqa: BLE001 - any damage: report it, mark the rest
        reason = "not valid JSON" if isinstance(error, nbformat.reader.NotJSONError) else \
            str(error).splitlines()[0][:80] if str(error) else type(error).__name__
        result.problems.append(f"could not be opened as a notebook ({reason}): the file is "
                               "damaged; ask the student to download it again from Jupyter")
        return None
    result.written = written_answers(nb)
    found = {i for c in nb.cells if c.cell_type == "code" for i in _ID.findall(c.source)}
    ours = sorted(found & set(EXERCISES))
    if not ours:
        result.problems.append("no exercise of this pack in it: a notebook from another pack, "
                               "or every exercise cell deleted")
        return None
    prefixes = [i[:2] for i in ours]
    result.notebook = max(sorted(set(prefixes)), key=prefixes.count)
    for written_id in pack_written().get(result.notebook, []):
        result.written.setdefault(written_id, NOT_ANSWERED)     # the cell was deleted
    sources = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    missing = [e for e in exercises_of(result.notebook)
               if not re.search(rf"""check\(\s*["']{e}["']\s*,\s*answer\s*\)""", sources)]
    if missing:
        result.problems.append(f"the cell for {', '.join(missing)} is missing or was changed")
    return nb


class KernelDied(Exception):
    """The kernel stopped while a cell ran (it crashed, exited or ran out of memory)."""


class KernelHung(Exception):
    """A cell ran over its limit and did not stop when interrupted."""


@dataclass
class Outcome:
    """What one cell did: its reply, the checks it reported, whether it was stopped."""

    reply: dict = field(default_factory=dict)
    reports: list[dict] = field(default_factory=list)
    stopped: bool = False
    idle: asyncio.Event = field(default_factory=asyncio.Event)


class Kernel:
    """One fresh kernel for one hand-in, in the sandbox if asked, and its messages."""

    def __init__(self, scratch: Path, sandboxed: bool, hidden: list[Path]):
        from jupyter_client import AsyncKernelManager

        class Manager(AsyncKernelManager):
            def format_kernel_cmd(self, extra_arguments=None):
                argv = super().format_kernel_cmd(extra_arguments)
                return sandbox.command(argv, scratch, hidden, env) if sandboxed else argv

        env = {"MPLBACKEND": "agg", "PYTHONWARNINGS": "ignore", "PYTHONDONTWRITEBYTECODE": "1",
               "IPYTHONDIR": str(scratch / ".ipython"),
               "MPLCONFIGDIR": str(scratch / ".matplotlib"),
               "JUPYTER_RUNTIME_DIR": str(scratch / ".jupyter")}
        self.env = env if sandboxed else dict(os.environ, **env)
        # In the sandbox the kernel has no network: it talks to the marker through files.
        self.km = Manager(kernel_name="python3", connection_file=str(scratch / "kernel.json"),
                          **({"transport": "ipc", "ip": str(scratch / "kernel")}
                             if sandboxed else {}))
        self.km.kernel_spec.interrupt_mode = "message"    # a signal would stop bwrap itself
        self.scratch, self.cells, self.kc, self.listening = scratch, {}, None, None

    async def start(self) -> None:
        await self.km.start_kernel(env=self.env, cwd=str(self.scratch),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.kc = self.km.client()
        self.kc.start_channels()
        await self.kc.wait_for_ready(timeout=60)
        self.listening = asyncio.ensure_future(self._listen())

    async def _listen(self) -> None:
        """Sort every IOPub message by the cell it belongs to, as it arrives."""
        while True:
            msg = await self.kc.get_iopub_msg()
            outcome = self.cells.setdefault(msg["parent_header"].get("msg_id"), Outcome())
            content, kind = msg["content"], msg["msg_type"]
            if kind == "display_data" and REPORT in content.get("data", {}) \
                    and len(outcome.reports) < 1000:        # a flood of reports is cut short
                outcome.reports.append(content["data"][REPORT])
            elif kind == "status" and content.get("execution_state") == "idle":
                outcome.idle.set()

    async def _reply(self, msg_id: str, seconds: float) -> dict | None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                msg = await self.kc.get_shell_msg(timeout=min(1, left))
            except queue.Empty:
                if not await self.km.is_alive():
                    raise KernelDied from None
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg["content"]
        return None

    async def execute(self, source: str, limit: float, history: bool = True) -> Outcome:
        """Run one cell; interrupt it after `limit` seconds (KernelHung if that fails)."""
        msg_id = self.kc.execute(source, store_history=history, allow_stdin=False,
                                 stop_on_error=False)
        outcome = self.cells.setdefault(msg_id, Outcome())
        reply = await self._reply(msg_id, limit)
        if reply is None:
            outcome.stopped = True
            await self.km.interrupt_kernel()
            reply = await self._reply(msg_id, GRACE)
            if reply is None:
                raise KernelHung
        outcome.reply = reply
        try:                                    # the messages the cell sent before its reply
            await asyncio.wait_for(outcome.idle.wait(), 5)
        except TimeoutError:
            pass
        return outcome

    async def close(self) -> None:
        if self.listening:
            self.listening.cancel()
        if self.kc:
            self.kc.stop_channels()
        try:
            await self.km.shutdown_kernel(now=True)
        except Exception:   # noqa: BLE001 - a kernel that never started has nothing to stop
            pass


async def run(nb, result: Result, examples: list[str], *, cell_limit: int = CELL_LIMIT,
              notebook_limit: int = NOTEBOOK_LIMIT, sandboxed: bool = True,
              hidden: Iterable[Path] = ()) -> Result:
    """Run a student's notebook from the top and fill in result.marks (and problems).

    A cell that kills its kernel or cannot be stopped is left out, and the notebook run again
    from the top in a fresh kernel, until every other cell has run or the time is up.
    """
    deadline = time.monotonic() + notebook_limit
    problems: dict[str, None] = {}           # in order, each once over the runs
    tampered: dict[str, None] = {}
    reported: dict[str, dict] = {}           # exercise id -> the last answer reported
    left_out: set[int] = set()
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip()]
    finished = False
    while not finished:
        with tempfile.TemporaryDirectory(prefix="lessonkit-marks-",
                                         ignore_cleanup_errors=True) as scratch:
            kernel = Kernel(Path(scratch).resolve(), sandboxed, list(hidden))
            index = -1
            try:
                await kernel.start()
                setup = await kernel.execute(OFFLINE + RECORDER, 60, history=False)
                if setup.reply.get("status") != "ok":
                    problems["the marking set-up failed: is the pack installed?"] = None
                    break
                for index in code:
                    if index in left_out:
                        continue
                    limit = int(min(cell_limit, deadline - time.monotonic()))
                    if limit < 1:
                        problems[f"stopped at the {notebook_limit} s limit for a notebook: "
                                 f"{_where(nb, index)} and the cells after it did not run"] = None
                        break
                    outcome = await kernel.execute(nb.cells[index].source, limit)
                    _note(nb, index, outcome, limit, examples, problems, tampered, reported)
                finished = True
            except (KernelDied, KernelHung) as stop:
                if index < 0:
                    problems["could not be run: the kernel stopped before the first cell"] = None
                    break
                why = "the kernel stopped (crashed, or ran out of memory) at " \
                      f"{_where(nb, index)}" if isinstance(stop, KernelDied) else \
                      f"{_where(nb, index)} ran over {limit} s and could not be stopped"
                left_out.add(index)
                again = time.monotonic() < deadline - 1 and \
                    any(i > index and i not in left_out for i in code)
                problems[why + ("; the notebook was run again without that cell" if again
                                else "")] = None
                finished = not again
            except Exception as error:  # noqa: BLE001 - one broken notebook must not stop the class
                problems[f"could not be run ({type(error).__name__}: {error})"] = None
                finished = True
            finally:
                await kernel.close()
    if tampered:
        problems = {f"{TAMPERED} ({', '.join(tampered)}); only answers the pack's own "
                    "check accepts are marked right": None, **problems}
    result.problems += list(problems)
    for exercise_id in exercises_of(result.notebook):
        result.marks[exercise_id] = judge(exercise_id, reported[exercise_id]) \
            if exercise_id in reported else NOT_ANSWERED
    return result


def _note(nb, index: int, outcome: Outcome, limit: int, examples: list[str],
          problems: dict, tampered: dict, reported: dict) -> None:
    """Take what one cell did into the marks: its answers, its error, any tampering."""
    source = nb.cells[index].source
    if outcome.stopped:
        problems[f"{_where(nb, index)} ran over {limit} s and was stopped "
                 "(an endless loop?)"] = None
    elif outcome.reply.get("status") != "ok":
        evalue = (outcome.reply.get("evalue") or "").strip().split("\n")[0][:80]
        problems[f"{_where(nb, index)} raised "
                 f"{outcome.reply.get('ename', 'an error')}: {evalue}".rstrip(": ")] = None
    if source.strip() in examples:
        return                                  # the pack's worked example, not an answer
    said = set()
    for report in outcome.reports:
        if not isinstance(report, dict) or not isinstance(report.get("id"), str):
            tampered["a message of its own"] = None
            continue
        exercise_id = report["id"]
        said.add(exercise_id)
        reported[exercise_id] = report.get("answer")
        marked_right = judge(exercise_id, report.get("answer")) == RIGHT
        if exercise_id in EXERCISES and marked_right != (report.get("correct") is True):
            tampered[exercise_id] = None        # the kernel's check said otherwise
    if outcome.reply.get("status") == "ok" and not outcome.stopped:
        for exercise_id in dict.fromkeys(_EXERCISE_CALL.findall(source)):
            if exercise_id not in said:
                tampered[exercise_id] = None    # its check ran, but reported nothing


def mark(paths: Iterable[Path | str], *, jobs: int | None = None, cell_limit: int = CELL_LIMIT,
         notebook_limit: int = NOTEBOOK_LIMIT, skip: Path | None = None,
         sandboxed: bool = True, progress=None) -> list[Result]:
    """Mark every notebook in `paths` (files or folders), `jobs` of them at once.

    With `sandboxed`, each kernel runs in the sandbox, which hides `paths` and `skip` (the
    marks folder); sandbox.unavailable() says first whether there is one.
    """
    roots = [Path(p) for p in paths]
    files = find_submissions(roots, skip)
    results = [Result(_name(f, roots)) for f in files]
    examples = example_cells()
    todo = [(nb, r) for f, r in zip(files, results) if (nb := read(f, r)) is not None]
    hidden = [*roots, *([skip] if skip else [])]

    async def everyone():
        slots = asyncio.Semaphore(jobs or os.cpu_count() or 2)

        async def one(nb, result):
            async with slots:
                await run(nb, result, examples, cell_limit=cell_limit,
                          notebook_limit=notebook_limit, sandboxed=sandboxed, hidden=hidden)
            if progress:
                progress(result)

        await asyncio.gather(*(one(nb, result) for nb, result in todo))

    asyncio.run(everyone())
    return sorted(results, key=lambda r: r.student)


def columns(results: list[Result]) -> list[str]:
    """The exercise ids of every pack notebook handed in, in the pack's order."""
    notebooks = {r.notebook for r in results}
    return [e for e in EXERCISES if e[:2] in notebooks]


def summary(results: list[Result]) -> list[dict]:
    """Per exercise: how many handed it in, and got it right, not quite, or left it."""
    rows = []
    for exercise_id in columns(results):
        given = [r.marks[exercise_id] for r in results if exercise_id in r.marks]
        rows.append({"exercise": exercise_id, "question": EXERCISES[exercise_id].question,
                     "handed in": len(given)}
                    | {kind: given.count(kind) for kind in (RIGHT, NOT_QUITE, NOT_ANSWERED)})
    return rows


def hardest_first(rows: list[dict]) -> list[dict]:
    """Summary rows, the smallest share of the class right first (ties by exercise id)."""
    return sorted(rows, key=lambda r: (r[RIGHT] / max(r["handed in"], 1), r["exercise"]))


def hardest_chart(rows: list[dict]) -> bytes:
    """A PNG bar chart: the share of the class right, not quite and not answered, hardest first."""
    from matplotlib.figure import Figure

    from .look import PALETTE  # importing the look also sets the pack's figure style

    rows = hardest_first(rows)
    rows = rows[:10]
    fig = Figure(figsize=(11, 1.6 + 0.55 * len(rows)))
    ax = fig.subplots()
    left = [0.0] * len(rows)
    for kind, colour in ((RIGHT, "green"), (NOT_QUITE, "orange"), (NOT_ANSWERED, "sky blue")):
        shares = [100 * r[kind] / max(r["handed in"], 1) for r in rows]
        ax.barh(range(len(rows)), shares, left=left, color=PALETTE[colour],
                edgecolor=PALETTE["white"], label=kind)
        left = [a + b for a, b in zip(left, shares)]
    ax.set_yticks(range(len(rows)), [f"{r['exercise']}  ({r[RIGHT]} of {r['handed in']} right)"
                                     for r in rows])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of the students who handed in that notebook")
    ax.set_title("The exercises the class found hardest (fewest right at the top)", loc="left",
                 pad=34)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1), ncol=3, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def written_columns(results: list[Result]) -> list[str]:
    """The ids of the written answers handed in, notebook by notebook, in the order met."""
    seen = dict.fromkeys(i for r in results for i in r.written)
    return sorted(seen, key=lambda i: i[:2])


def spreadsheet_safe(value: str) -> str:
    """A CSV cell that a spreadsheet shows as text and never runs as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


SANDBOXED = ("Each student's code ran in a sandbox (bubblewrap): no network, and none of "
             "your files in sight.")
NOT_SANDBOXED = ("Marked WITHOUT a sandbox (--unsafe-no-sandbox): each student's code ran as "
                 "you, with your files and the network in its reach.")

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Marks</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em; color: #000; }}
table {{ border-collapse: collapse; margin: 1em 0 2em; }}
th, td {{ border: 1px solid #7F7F7F; padding: 0.3em 0.6em; text-align: left;
          vertical-align: top; }}
th {{ white-space: nowrap; }}
td.right {{ background: #009E73; color: #FFF; }}
td.not-quite {{ background: #E69F00; }}
td.not-answered {{ background: #DCEEF9; }}
td.problem {{ color: #D55E00; }}
td.written {{ white-space: pre-wrap; min-width: 16em; max-width: 32em; }}
p.sandbox {{ font-weight: bold; }}
</style></head><body>
<h1>Marks</h1>
<p class="sandbox">{sandbox}</p>
<p>{count} file(s) handed in. Each notebook was run from the top in a fresh kernel; a mark
is what the pack's own check, run by the marker, said about the student's last answer.
Written answers are shown as the student wrote them.</p>
<h2>The class, exercise by exercise</h2>
{chart}
{summary}
<h2>Every student</h2>
{students}
</body></html>
"""


def _table(header: list[str], rows: list[list[str]], written: Iterable[str] = ()) -> str:
    def cell(value: str, column: str) -> str:
        kind = value.replace(" ", "-") if value in (RIGHT, NOT_QUITE, NOT_ANSWERED) else (
            "problem" if column == "status" and value != "ok" else
            "written" if column in written else "")
        if kind:
            return f'<td class="{kind}">{html.escape(value)}</td>'
        return f"<td>{html.escape(value)}</td>"
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(map(cell, row, header)) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def write_reports(results: list[Result], out: Path, sandboxed: bool = True) -> list[Path]:
    """Write marks.csv, summary.csv and marks.html into `out`; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    ids, written = columns(results), written_columns(results)
    header = ["student", "notebook", *ids, "right", *(f"{i} (written)" for i in written),
              "status"]
    rows = [[r.student, r.notebook, *(r.marks.get(i, "") for i in ids),
             f"{list(r.marks.values()).count(RIGHT)} of {len(r.marks)}" if r.marks else "",
             *(r.written.get(i, "") for i in written), r.status] for r in results]
    with open(out / "marks.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([[spreadsheet_safe(v) for v in row] for row in [header, *rows]])
    per_exercise = summary(results)
    summary_header = ["exercise", "question", "handed in", RIGHT, NOT_QUITE, NOT_ANSWERED]
    with open(out / "summary.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, summary_header)
        writer.writeheader()
        writer.writerows(per_exercise)
    chart = "<p>No exercise of this pack was marked.</p>"
    if per_exercise:
        hardest = hardest_first(per_exercise)[:3]
        alt = "Bar chart of the share of students right, not quite and not answered for " \
              "each exercise. Hardest: " + ", ".join(
                  f"{r['exercise']} ({r[RIGHT]} of {r['handed in']} right)" for r in hardest)
        png = base64.b64encode(hardest_chart(per_exercise)).decode()
        chart = f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}" ' \
                'style="max-width: 100%">'
    page = _PAGE.format(
        sandbox=html.escape(SANDBOXED if sandboxed else NOT_SANDBOXED),
        count=len(results), chart=chart,
        summary=_table(summary_header, [[str(r[h]) for h in summary_header]
                                        for r in per_exercise]),
        students=_table(header, rows, {f"{i} (written)" for i in written}))
    (out / "marks.html").write_text(page, encoding="utf-8")
    return [out / "marks.csv", out / "summary.csv", out / "marks.html"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lessonkit.marks",
        description="Mark the class: run each student's notebook in a sandbox and write which "
                    "exercises they got right, and their written answers (marks.csv, "
                    "summary.csv, marks.html).")
    parser.add_argument("submissions", nargs="+", metavar="SUBMISSION",
                        help="students' notebooks: .ipynb files, or folders holding them")
    parser.add_argument("--out", default="marks",
                        help="folder to write the marks into (default: ./marks)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="notebooks run at once (default: one per processor core)")
    parser.add_argument("--cell-limit", type=int, default=CELL_LIMIT,
                        help=f"seconds one cell may run (default: {CELL_LIMIT})")
    parser.add_argument("--notebook-limit", type=int, default=NOTEBOOK_LIMIT,
                        help=f"seconds one notebook may run in all (default: {NOTEBOOK_LIMIT})")
    parser.add_argument("--unsafe-no-sandbox", action="store_true",
                        help="mark even where no sandbox can be made: students' code then runs "
                             "as you (use a separate account that holds nothing else)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    missing = [s for s in args.submissions if not Path(s).exists()]
    if missing:
        print(f"Nothing to mark at {', '.join(missing)}: check the folder or file name.",
              file=sys.stderr)
        return 1
    why = sandbox.unavailable()
    if why and not args.unsafe_no_sandbox:
        print(f"Not marking: no sandbox here ({why}), so students' code would run as you, able "
              "to read, change or delete your files and reach the network. Mark on the school's "
              "Linux hub with bubblewrap installed (sudo apt install bubblewrap), or add "
              "--unsafe-no-sandbox to mark anyway, as a separate account that holds nothing "
              "else.", file=sys.stderr)
        return 2
    if why:
        print(f"Marking WITHOUT a sandbox ({why}): students' code runs as you and can read, "
              "change or delete your files and reach the network.", file=sys.stderr, flush=True)

    def progress(result: Result) -> None:
        right = list(result.marks.values()).count(RIGHT)
        print(f"marked {result.student}: {right} of {len(result.marks)} right"
              + ("" if result.status == "ok" else f" ({result.status})"), flush=True)

    results = mark(args.submissions, jobs=args.jobs, cell_limit=args.cell_limit,
                   notebook_limit=args.notebook_limit, skip=out, sandboxed=not why,
                   progress=progress)
    if not results:
        print("No files found to mark.", file=sys.stderr)
        return 1
    try:
        written = write_reports(results, out, sandboxed=not why)
    except OSError as error:
        print(f"Could not write the marks into {out}: {error.strerror or error}. "
              "Choose a folder you can write to with --out.", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
