"""Run a notebook in a fresh kernel, offline, from any folder, and report on its figures.

Used by tests/test_figures.py (accessibility and image baselines) and by
tests/bench/bench_notebooks.py (speed and memory).  Two cells are added around the
notebook's own: the first blocks the network inside the kernel and, when asked,
audits every figure as Jupyter draws it; the last reports the kernel's peak memory.
"""

from __future__ import annotations

import base64
import json
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from lessonkit.marking.kernels import OFFLINE  # the same network block as the marking kernels

PACK = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((PACK / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CELL_TIMEOUT = 60       # seconds any one cell may take before the run fails, naming the cell


class NotebookHang(RuntimeError):
    """A cell ran past its time limit (or its kernel died): names the notebook and cell."""

AUDIT = """\
import matplotlib.backend_bases as _bb
from lessonkit.accessibility import figure_problems as _problems, title as _title
_FIGURES, _print_figure = [], _bb.FigureCanvasBase.print_figure
def _audited(self, *args, **kwargs):
    result = _print_figure(self, *args, **kwargs)
    _FIGURES.append({"count": get_ipython().execution_count, "title": _title(self.figure),
                     "problems": _problems(self.figure)})
    return result
_bb.FigureCanvasBase.print_figure = _audited
"""

REPORT = """\
import json as _json, resource as _resource
_usage = _resource.getrusage(_resource.RUSAGE_SELF)
print(_json.dumps({"figures": globals().get("_FIGURES", []), "peak_mb": _usage.ru_maxrss / 1024,
                   "cpu": _usage.ru_utime + _usage.ru_stime}))
"""


@dataclass
class Figure:
    """One figure a notebook drew: where, its title, its problems and (if stored) its PNG."""

    cell: int
    title: str
    problems: list[str]
    png: bytes | None = None


@dataclass
class Run:
    notebook: nbformat.NotebookNode
    seconds: float
    peak_mb: float
    figures: list[Figure] = field(default_factory=list)
    cpu_seconds: float = 0.0     # the kernel's processor time (hardly moved by a busy machine)

    @property
    def images(self) -> int:
        """How many figures ended up as images in the notebook's outputs."""
        return sum(f.png is not None for f in self.figures)


def run(source: Path | nbformat.NotebookNode, cwd: Path, *, audit: bool = True,
        timeout: int = CELL_TIMEOUT) -> Run:
    """Execute a notebook from scratch with `cwd` as its working folder.

    A cell that runs longer than `timeout` seconds (or a kernel that dies) raises
    NotebookHang, naming the notebook and the cell (its index in the notebook file).
    """
    name = source.name if isinstance(source, Path) else "notebook"
    nb = nbformat.read(source, as_version=4) if isinstance(source, Path) else source
    nb.cells.insert(0, nbformat.v4.new_code_cell(OFFLINE + (AUDIT if audit else "")))
    nb.cells.append(nbformat.v4.new_code_cell(REPORT))
    current = {"index": 0}

    def note_cell(cell, cell_index):
        current["index"] = cell_index

    client = NotebookClient(nb, kernel_name="python3", timeout=timeout,
                            on_cell_start=note_cell,
                            resources={"metadata": {"path": str(cwd)}})
    start = time.perf_counter()
    try:
        client.execute(stderr=subprocess.DEVNULL)     # the kernel's own log, not cell output
    except (CellTimeoutError, DeadKernelError) as error:
        index = current["index"] - 1                   # the added first cell is not in the file
        where = "the set-up before its first cell" if index < 0 else (
            "the report after its last cell" if index >= len(nb.cells) - 2 else
            f"cell {index} ({nb.cells[current['index']].source.strip()[:60]!r})")
        what = "the kernel died" if isinstance(error, DeadKernelError) else \
            f"it ran longer than {timeout} s"
        raise NotebookHang(f"{name}: {where}: {what}") from error
    seconds = time.perf_counter() - start
    # The report is one line of JSON on stdout; join the stream first, since a long
    # line may reach the client as more than one output.
    printed = "".join(o.get("text", "") for o in nb.cells.pop().outputs
                      if o.get("output_type") == "stream" and o.get("name") == "stdout")
    report = json.loads(printed.strip().splitlines()[-1])
    nb.cells.pop(0)

    by_count = {c.execution_count: i for i, c in enumerate(nb.cells) if c.cell_type == "code"}
    pngs = {i: [base64.b64decode(o.data["image/png"]) for o in nb.cells[i].outputs
                if "image/png" in o.get("data", {})] for i in by_count.values()}
    if not audit:
        figures = [Figure(i, "", [], png) for i, found in pngs.items() for png in found]
        return Run(nb, seconds, report["peak_mb"], figures, report["cpu"])
    figures = []
    for drawn in report["figures"]:
        cell = by_count[drawn["count"] - 1]   # IPython counts up before drawing the figures
        png = pngs[cell].pop(0) if pngs[cell] else None
        figures.append(Figure(cell, drawn["title"], drawn["problems"], png))
    return Run(nb, seconds, report["peak_mb"], figures, report["cpu"])
