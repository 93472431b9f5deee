"""Benchmark (not a test): a class pressing Run All together on one server.

Starts one kernel per student at the same moment; each student runs the lesson notebooks
in order (00 to 05), each from the top in a fresh kernel, as in a lesson where the
whole class presses *Kernel → Restart Kernel and Run All Cells* at once.  Each student has
an empty home folder of their own as the working folder (as on a JupyterHub, where caches
such as matplotlib's start empty), and the network is cut inside every kernel.

Reports, per notebook, the median, 95th percentile and slowest run-all time over the class
(from asking for a kernel to the last cell's output), and the peak memory of all the kernels
together (the sum of their resident memory, sampled every 0.25 s; the proportional figure,
which shares libraries between kernels, is shown beside it) and per student.

Targets for 30 students on 2 cores: every notebook's 95th percentile under 60 s, and under
250 MB of kernel memory per student.

    .venv/bin/python tests/bench/bench_classroom.py --students 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil
import targets  # tests/bench/targets.py, beside this script
from nbclient import NotebookClient

from lessonkit.marking.kernels import OFFLINE

PACK = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = sorted((PACK / "notebooks").glob("[0-9][0-9]_*.ipynb"))
TARGETS = {"p95_seconds": 60.0, "mb_per_student": 250.0}
CELL_TIMEOUT = 600          # a cell slower than this fails the run, naming the notebook


def percentile(values: list[float], share: float) -> float:
    """The `share` quantile (0-1) of `values`, interpolated between the nearest two."""
    ordered = sorted(values)
    at = share * (len(ordered) - 1)
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


class Memory:
    """Samples the resident memory of this process's kernels (its child processes)."""

    def __init__(self) -> None:
        self.peak_rss = self.peak_pss = 0.0
        self.per_kernel: dict[int, float] = {}

    def sample(self) -> None:
        rss = pss = 0.0
        for child in psutil.Process().children(recursive=True):
            try:
                info = child.memory_full_info()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            rss += info.rss / 2**20
            pss += getattr(info, "pss", info.rss) / 2**20
            self.per_kernel[child.pid] = max(self.per_kernel.get(child.pid, 0), info.rss / 2**20)
        self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)

    async def watch(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.sample()
            try:
                await asyncio.wait_for(stop.wait(), 0.25)
            except TimeoutError:
                pass


async def run_all(path: Path, home: Path) -> tuple[float, int]:
    """Run one notebook from a fresh kernel in `home`; return its seconds and kernel pid."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(OFFLINE))
    client = NotebookClient(nb, kernel_name="python3", timeout=CELL_TIMEOUT,
                            resources={"metadata": {"path": str(home)}})
    client.km = client.create_kernel_manager()
    start = time.perf_counter()
    try:
        await client.async_start_new_kernel(env=dict(os.environ, HOME=str(home)),
                                            stderr=subprocess.DEVNULL)
        await client.async_start_new_kernel_client()
        pid = client.km.provisioner.pid
        for index, cell in enumerate(nb.cells):
            await client.async_execute_cell(cell, index)
    except Exception as error:
        raise RuntimeError(f"{path.name} failed in {home.name}'s kernel: {error}") from error
    finally:
        await client._async_cleanup_kernel()
    return time.perf_counter() - start, pid


async def student(number: int, root: Path, kernels: dict[int, int]) -> dict[str, float]:
    home = root / f"student{number:02d}"
    home.mkdir()
    seconds = {}
    for path in NOTEBOOKS:
        seconds[path.stem], pid = await run_all(path, home)
        kernels[pid] = number
    return seconds


async def lesson(students: int) -> tuple[list[dict[str, float]], Memory, dict[int, int], float]:
    memory, stop, kernels = Memory(), asyncio.Event(), {}
    watcher = asyncio.create_task(memory.watch(stop))
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="classroom-") as root:
        try:
            times = await asyncio.gather(*(student(n, Path(root), kernels)
                                           for n in range(1, students + 1)))
        finally:
            stop.set()
            await watcher
    return times, memory, kernels, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=10, help="kernels at once (default 10)")
    args = parser.parse_args()

    times, memory, kernels, wall = asyncio.run(lesson(args.students))
    print(f"{args.students} students at once on {os.cpu_count()} cores: each ran "
          f"{', '.join(p.stem[:2] for p in NOTEBOOKS)} in order, each from a fresh kernel "
          f"(whole lesson {wall:.0f} s)\n")
    print("| notebook | median run-all (s) | 95th percentile (s) | slowest (s) |\n"
          "|---|---:|---:|---:|")
    worst_p95 = 0.0
    for path in NOTEBOOKS:
        runs = [t[path.stem] for t in times]
        p95 = percentile(runs, 0.95)
        worst_p95 = max(worst_p95, p95)
        print(f"| {path.stem} | {statistics.median(runs):.1f} | {p95:.1f} | {max(runs):.1f} |")
    per_student = [max((mb for pid, mb in memory.per_kernel.items() if kernels.get(pid) == n),
                       default=0.0) for n in range(1, args.students + 1)]
    per_student_mb = memory.peak_rss / args.students
    print(f"\nPeak memory of all kernels together: {memory.peak_rss:.0f} MB resident "
          f"({memory.peak_pss:.0f} MB proportional, libraries shared), "
          f"{per_student_mb:.0f} MB per student; "
          f"one student's largest kernel: median {statistics.median(per_student):.0f} MB, "
          f"largest {max(per_student):.0f} MB\n")
    p95s = " | ".join(f"{percentile([t[p.stem] for t in times], 0.95):.1f}" for p in NOTEBOOKS)
    slowest = max(max(t.values()) for t in times)
    heads = " | ".join(f"{p.stem[:2]} p95" for p in NOTEBOOKS)
    print(f"README row: | students at once | {heads} | slowest | memory, all | per student |\n"
          f"| {args.students} | {p95s} | {slowest:.1f} | "
          f"{memory.peak_rss:.0f} | {per_student_mb:.0f} |\n")
    worst = {"p95_seconds": worst_p95, "mb_per_student": per_student_mb}
    return targets.report(worst, TARGETS, digits=1)


if __name__ == "__main__":
    sys.exit(main())
