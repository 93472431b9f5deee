"""Mark a class: which exercises each student got right, from their saved notebooks.

Run from any folder (the marks are written where you are, never inside the pack)::

    python -m lessonkit.marks handed_in/                # a folder (searched with its subfolders)
    python -m lessonkit.marks alice.ipynb bob.ipynb     # or files
    python -m lessonkit.marks handed_in/ --out marks_02 # write somewhere else than ./marks/

Each notebook is run from the top in a fresh kernel, with a time limit per cell and per
notebook, several at once.  **Students' code is untrusted**: on Linux each kernel runs in a
bubblewrap sandbox (no network, nothing of the teacher's in sight, one scratch folder).  Where
no sandbox can be made the command refuses to mark, in one line, unless given
``--unsafe-no-sandbox``; marks.html says how the class was marked.  The last answer to each
exercise is the student's mark (**right**, **not quite** or **not answered**), judged by the
pack's own check in this process, never by the student's kernel; a notebook whose code changed
the pack's checking gets the status TAMPERED.  Whatever a student hands in gets one row and a
plain-words status, never a crash of the run.

The work is done in ``lessonkit.marking``:

* ``handins``: finding the files handed in and reading each one (which pack notebook it is,
  its written answers, what is wrong with it);
* ``kernels``: running one hand-in in a fresh kernel and witnessing its answers;
* ``sandbox``: the bubblewrap sandbox each kernel runs in;
* ``answers``: an answer as plain data, and the pack's own verdict on it;
* ``reports``: writing marks.csv, summary.csv and marks.html into ``--out`` (default
  ``./marks``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from .marking import handins, kernels, reports, sandbox
from .marking.answers import RIGHT
from .marking.handins import Result
from .marking.kernels import CELL_LIMIT, NOTEBOOK_LIMIT


def mark(paths: Iterable[Path | str], *, jobs: int | None = None, cell_limit: int = CELL_LIMIT,
         notebook_limit: int = NOTEBOOK_LIMIT, skip: Path | None = None,
         sandboxed: bool = True, progress=None) -> list[Result]:
    """Mark every notebook in `paths` (files or folders), `jobs` of them at once.

    With `sandboxed`, each kernel runs in the sandbox, which hides `paths` and `skip` (the
    marks folder); sandbox.unavailable() says first whether there is one.
    """
    roots = [Path(p) for p in paths]
    files = handins.find_submissions(roots, skip)
    results = [Result(handins.submission_name(f, roots)) for f in files]
    examples = handins.example_cells()
    todo = [(nb, r) for f, r in zip(files, results) if (nb := handins.read(f, r)) is not None]
    hidden = [*roots, *([skip] if skip else [])]

    async def everyone():
        slots = asyncio.Semaphore(jobs or os.cpu_count() or 2)

        async def one(nb, result):
            async with slots:
                await kernels.run(nb, result, examples, cell_limit=cell_limit,
                                  notebook_limit=notebook_limit, sandboxed=sandboxed,
                                  hidden=hidden)
            if progress:
                progress(result)

        await asyncio.gather(*(one(nb, result) for nb, result in todo))

    asyncio.run(everyone())
    return sorted(results, key=lambda r: r.student)


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
        written = reports.write_reports(results, out, sandboxed=not why)
    except OSError as error:
        print(f"Could not write the marks into {out}: {error.strerror or error}. "
              "Choose a folder you can write to with --out.", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
