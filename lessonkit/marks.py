"""Mark a class: which exercises each student got right, from their saved notebooks.

Run from any folder (the marks are written where you are, never inside the pack)::

    python -m lessonkit.marks handed_in/                # a folder (searched with its subfolders)
    python -m lessonkit.marks alice.ipynb bob.ipynb     # or files
    python -m lessonkit.marks handed_in/ --out marks_02 # write somewhere else than ./marks/

Each notebook is run from the top in a fresh kernel, offline, in a scratch folder, with a
time limit per cell and per notebook, several at once.  What a notebook printed when the
student saved it is ignored: every call of ``check(...)`` made while it runs is recorded, as it
happens, in a file outside the kernel (so a crash or an endless loop later in the notebook
loses nothing), and the last result for each exercise is the student's mark: **right**,
**not quite** or **not answered**.  The pack's own worked examples (the cells of 00 that
check a typed-in value to show what feedback looks like) do not count as answers.

Whatever a student hands in gets one row and a plain-words status, never a crash of the
run: a file that is not a notebook or not valid JSON, deleted, moved or edited cells, code
that raises, an endless loop, a kernel that dies, a notebook from another pack.

Writes, into ``--out`` (default ``./marks``):

* ``marks.csv``: one row per notebook handed in, one column per exercise, and a status;
* ``summary.csv``: for each exercise, how many got it right, not quite, or left it;
* ``marks.html``: both tables and a chart of the exercises the class found hardest.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import csv
import html
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

from . import PACK, checks
from .exercises import EXERCISES

NOTEBOOK_DIR = PACK / "notebooks"
RIGHT, NOT_QUITE, NOT_ANSWERED = "right", "not quite", "not answered"
CELL_LIMIT = 60             # seconds one cell may run before it is stopped
NOTEBOOK_LIMIT = 300        # seconds one notebook may run in all

# The network is cut inside every kernel the pack runs for marking or testing.
OFFLINE = """\
import socket as _socket
def _refuse(*args, **kwargs):
    raise OSError("this notebook tried to use the network; the pack must work offline")
_socket.socket.connect = _socket.create_connection = _socket.getaddrinfo = _refuse
"""

# Wraps lessonkit.exercises.check, before the student's first cell imports it, so that
# every check is appended to the record file as one JSON line: [id, correct, message].
RECORDER = """\
import json as _json
import IPython as _IPython
import lessonkit.exercises as _exercises
def _recording(check, record, examples):
    def recorded(exercise_id, answer):
        feedback = check(exercise_id, answer)
        cell = _IPython.get_ipython().user_ns["_ih"][-1].strip()
        if cell not in examples:
            with open(record, "a", encoding="utf-8") as f:
                f.write(_json.dumps([str(exercise_id), bool(feedback.correct),
                                     str(feedback.message)]) + "\\n")
        return feedback
    recorded.__doc__ = check.__doc__
    return recorded
_exercises.check = _recording(_exercises.check, {record!r}, {examples!r})
del _recording
"""

_ID = re.compile(r"""["'](\d\d-[a-z]+)["']""")
_CALL = re.compile(r"""check\(\s*["'](\d\d-[a-z]+)["']\s*,\s*(.+?)\)\s*$""", re.M)


@dataclass
class Result:
    """One notebook handed in: its marks by exercise id, and what went wrong, if anything."""

    student: str
    notebook: str = ""                      # the pack notebook it is, e.g. "02"
    marks: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "; ".join(self.problems) or "ok"


def exercises_of(notebook: str) -> list[str]:
    """The exercise ids of one pack notebook ("02"), in the pack's order."""
    return [e for e in EXERCISES if e.startswith(notebook + "-")]


def example_cells() -> list[str]:
    """The pack's own demonstration cells: a check on a typed-in value, not on `answer`."""
    found = []
    for path in sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb")):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cells = nbformat.read(path, as_version=4).cells
        found += [c.source.strip() for c in cells if c.cell_type == "code"
                  and any(arg.strip() != "answer" for _, arg in _CALL.findall(c.source))]
    return found


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
    return f"cell {index} ({first!r})"     # index 0 is the recorder cell: cells count from 1


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
    found = {i for c in nb.cells if c.cell_type == "code" for i in _ID.findall(c.source)}
    ours = sorted(found & set(EXERCISES))
    if not ours:
        result.problems.append("no exercise of this pack in it: a notebook from another pack, "
                               "or every exercise cell deleted")
        return None
    prefixes = [i[:2] for i in ours]
    result.notebook = max(sorted(set(prefixes)), key=prefixes.count)
    sources = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    missing = [e for e in exercises_of(result.notebook)
               if not re.search(rf"""check\(\s*["']{e}["']\s*,\s*answer\s*\)""", sources)]
    if missing:
        result.problems.append(f"the cell for {', '.join(missing)} is missing or was changed")
    return nb


class _Marker(NotebookClient):
    """An nbclient that keeps no outputs: marking needs only the checks and the failed cells.

    (A student's print in an endless loop would otherwise fill the marker's memory.)
    """

    def output(self, outs, msg, display_id, cell_index):
        return None


async def run(nb, result: Result, examples: list[str], *, cell_limit: int = CELL_LIMIT,
              notebook_limit: int = NOTEBOOK_LIMIT) -> Result:
    """Run a student's notebook from the top and fill in result.marks (and problems)."""
    with tempfile.TemporaryDirectory(prefix="lessonkit-marks-") as scratch:
        record, work = Path(scratch) / "checks.jsonl", Path(scratch) / "work"
        work.mkdir()
        nb.cells.insert(0, nbformat.v4.new_code_cell(
            OFFLINE + RECORDER.format(record=str(record), examples=examples)))
        errors, stopped = [], ""
        client = _Marker(
            nb, kernel_name="python3", timeout=cell_limit, allow_errors=True,
            interrupt_on_timeout=True, shutdown_kernel="immediate",
            error_on_timeout={"ename": "TimeLimit", "evalue": "", "traceback": []},
            on_cell_error=lambda cell, cell_index, execute_reply: errors.append(
                (cell_index, execute_reply["content"], client.timeout)),
            resources={"metadata": {"path": str(work)}})
        client.km = client.create_kernel_manager()
        deadline = time.monotonic() + notebook_limit
        # The agg backend draws no pictures: marking needs none, and it is much faster.
        env = dict(os.environ, MPLBACKEND="agg", PYTHONWARNINGS="ignore")
        index = 0
        try:
            await client.async_start_new_kernel(env=env, stderr=subprocess.DEVNULL)
            await client.async_start_new_kernel_client()
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                left = deadline - time.monotonic()
                if left < 1:
                    stopped = (f"stopped at the {notebook_limit} s limit for a notebook: "
                               f"{_where(nb, index)} and the cells after it did not run")
                    break
                client.timeout = int(min(cell_limit, left))
                await client.async_execute_cell(cell, index)
        except DeadKernelError:
            stopped = f"the kernel stopped (crashed, or ran out of memory) at {_where(nb, index)}"
        except Exception as error:  # noqa: BLE001 - one broken notebook must not stop the class
            stopped = f"could not be run ({type(error).__name__}: {error})"
        finally:
            await client._async_cleanup_kernel()
        for index, content, limit in errors:
            if index == 0:
                result.problems.append("the marking set-up failed: is the pack installed?")
            elif content.get("ename") == "TimeLimit":
                result.problems.append(f"{_where(nb, index)} ran over {limit} s and "
                                       "was stopped (an endless loop?)")
            else:
                evalue = (content.get("evalue") or "").strip().split("\n")[0][:80]
                result.problems.append(f"{_where(nb, index)} raised "
                                       f"{content.get('ename', 'an error')}: {evalue}".rstrip(": "))
        result.problems += [stopped] if stopped else []
        checked = {}
        if record.exists():
            for line in record.read_text(encoding="utf-8").splitlines():
                exercise_id, correct, message = json.loads(line)
                checked[exercise_id] = (correct, message)
    for exercise_id in exercises_of(result.notebook):
        correct, message = checked.get(exercise_id, (False, checks.TODO))
        result.marks[exercise_id] = RIGHT if correct else (
            NOT_ANSWERED if message.startswith(checks.TODO) else NOT_QUITE)
    return result


def mark(paths: Iterable[Path | str], *, jobs: int | None = None, cell_limit: int = CELL_LIMIT,
         notebook_limit: int = NOTEBOOK_LIMIT, skip: Path | None = None,
         progress=None) -> list[Result]:
    """Mark every notebook in `paths` (files or folders), `jobs` of them at once."""
    roots = [Path(p) for p in paths]
    files = find_submissions(roots, skip)
    results = [Result(_name(f, roots)) for f in files]
    examples = example_cells()
    todo = [(nb, r) for f, r in zip(files, results) if (nb := read(f, r)) is not None]

    async def everyone():
        slots = asyncio.Semaphore(jobs or os.cpu_count() or 2)

        async def one(nb, result):
            async with slots:
                await run(nb, result, examples, cell_limit=cell_limit,
                          notebook_limit=notebook_limit)
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

    from .maps import PALETTE  # importing maps also sets the pack's figure style

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


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Marks</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em; color: #000; }}
table {{ border-collapse: collapse; margin: 1em 0 2em; }}
th, td {{ border: 1px solid #7F7F7F; padding: 0.3em 0.6em; text-align: left; }}
th {{ white-space: nowrap; }}
td.right {{ background: #009E73; color: #FFF; }}
td.not-quite {{ background: #E69F00; }}
td.not-answered {{ background: #DCEEF9; }}
td.problem {{ color: #D55E00; }}
</style></head><body>
<h1>Marks</h1>
<p>{count} file(s) handed in. Each notebook was run from the top in a fresh kernel; a mark
is what the pack's own check said about the student's last answer.</p>
<h2>The class, exercise by exercise</h2>
{chart}
{summary}
<h2>Every student</h2>
{students}
</body></html>
"""


def _table(header: list[str], rows: list[list[str]]) -> str:
    def cell(value: str, column: str) -> str:
        kind = value.replace(" ", "-") if value in (RIGHT, NOT_QUITE, NOT_ANSWERED) else (
            "problem" if column == "status" and value != "ok" else "")
        if kind:
            return f'<td class="{kind}">{html.escape(value)}</td>'
        return f"<td>{html.escape(value)}</td>"
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(map(cell, row, header)) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def write_reports(results: list[Result], out: Path) -> list[Path]:
    """Write marks.csv, summary.csv and marks.html into `out`; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    ids = columns(results)
    header = ["student", "notebook", *ids, "right", "status"]
    rows = [[r.student, r.notebook, *(r.marks.get(i, "") for i in ids),
             f"{list(r.marks.values()).count(RIGHT)} of {len(r.marks)}" if r.marks else "",
             r.status] for r in results]
    with open(out / "marks.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])
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
        count=len(results), chart=chart,
        summary=_table(summary_header, [[str(r[h]) for h in summary_header]
                                        for r in per_exercise]),
        students=_table(header, rows))
    (out / "marks.html").write_text(page, encoding="utf-8")
    return [out / "marks.csv", out / "summary.csv", out / "marks.html"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lessonkit.marks",
        description="Mark the class: run each student's notebook offline and write which "
                    "exercises they got right (marks.csv, summary.csv, marks.html).")
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
    args = parser.parse_args(argv)
    out = Path(args.out)
    missing = [s for s in args.submissions if not Path(s).exists()]
    if missing:
        print(f"Nothing to mark at {', '.join(missing)}: check the folder or file name.",
              file=sys.stderr)
        return 1

    def progress(result: Result) -> None:
        right = list(result.marks.values()).count(RIGHT)
        print(f"marked {result.student}: {right} of {len(result.marks)} right"
              + ("" if result.status == "ok" else f" ({result.status})"), flush=True)

    results = mark(args.submissions, jobs=args.jobs, cell_limit=args.cell_limit,
                   notebook_limit=args.notebook_limit, skip=out, progress=progress)
    if not results:
        print("No files found to mark.", file=sys.stderr)
        return 1
    try:
        written = write_reports(results, out)
    except OSError as error:
        print(f"Could not write the marks into {out}: {error.strerror or error}. "
              "Choose a folder you can write to with --out.", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
