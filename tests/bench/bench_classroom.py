"""Benchmark (not a test): a class pressing Run All together on one server.

Starts one kernel per student at the same moment; each student runs the lesson notebooks
in order (00 to 05), each from the top in a fresh kernel, as in a lesson where the
whole class presses *Kernel → Restart Kernel and Run All Cells* at once.  Each student has
an empty home folder of their own as the working folder (as on a JupyterHub, where caches
such as matplotlib's start empty), and the network is cut inside every kernel.  The kernels
import the helpers of the copy of the pack this script is in.

Reports, per notebook, the median, 95th percentile and slowest run-all time over the class
(from asking for a kernel to the last cell's output), and the peak memory of all the kernels
together (the sum of their resident memory, sampled every 0.25 s; the proportional figure,
which shares libraries between kernels, is shown beside it) and per student.

Nothing waits for ever: a kernel that has not started and answered within KERNEL_START_LIMIT
seconds is stopped and started again (a line says so), up to START_TRIES times; a cell has
CELL_TIMEOUT seconds; the whole class has --limit seconds.  A notebook that could not be run
(its kernel never started, a cell failed, the time was up) is named with its student under the
table, the table counts only the runs that finished, and the exit status is 1.

Targets for 30 students on 2 cores: every notebook's 95th percentile under 60 s, and under
250 MB of kernel memory per student.

    .venv/bin/python tests/bench/bench_classroom.py --students 10
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PACK = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(PACK))       # this copy's lessonkit, whatever the .venv has installed

import nbformat  # noqa: E402
import psutil  # noqa: E402
import targets  # noqa: E402  (tests/bench/targets.py, beside this script)
from nbclient import NotebookClient  # noqa: E402

from lessonkit.marking.kernels import OFFLINE  # noqa: E402

NOTEBOOKS = sorted((PACK / "notebooks").glob("[0-9][0-9]_*.ipynb"))
TARGETS = {"p95_seconds": 60.0, "mb_per_student": 250.0}
CELL_TIMEOUT = 600          # a cell slower than this fails the run, naming the notebook
KERNEL_START_LIMIT = 120    # seconds for a kernel to start and answer, with the class starting
START_TRIES = 3             # kernel starts for one notebook before it is reported as not run
STOP_LIMIT = 30             # seconds for a kernel to shut down before it is killed
CLASS_LIMIT = 3600          # default seconds for the whole class (--limit)


class NoKernel(RuntimeError):
    """A kernel did not start and answer in any of its START_TRIES tries."""


def percentile(values: list[float], share: float) -> float:
    """The `share` quantile (0-1) of `values`, interpolated between the nearest two."""
    ordered = sorted(values)
    at = share * (len(ordered) - 1)
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def reason(error: BaseException) -> str:
    """An error as one short line."""
    if type(error) is TimeoutError:     # a kernel start's limit (a cell's has its own error)
        return f"no answer within {KERNEL_START_LIMIT} s"
    lines = re.sub(r"\x1b\[[0-9;]*m", "", str(error)).strip().splitlines()   # no colours
    return f"{type(error).__name__}: {lines[-1][:200] if lines else ''}"


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
        # Reading every kernel's memory map takes a good part of a second with 30 kernels on
        # a busy machine: in a thread, so that the kernels' messages are not kept waiting.
        while not stop.is_set():
            await asyncio.to_thread(self.sample)
            try:
                await asyncio.wait_for(stop.wait(), 0.25)
            except TimeoutError:
                pass


class Starts:
    """How the kernel starts went: seconds each took, and how many were tried again."""

    def __init__(self) -> None:
        self.seconds: list[float] = []
        self.retried = 0


async def stop_kernel(client: NotebookClient) -> None:
    """Shut the client's kernel down, killing it if that takes longer than STOP_LIMIT."""
    km, kc = client.km, client.kc
    client.km = None            # (kc stays: nbclient's own watcher of the kernel may still ask)
    if km is None:
        return
    try:
        async with asyncio.timeout(STOP_LIMIT):
            if await km.is_alive():
                await km.shutdown_kernel()
    except Exception:   # noqa: BLE001 - a kernel that will not stop is killed below
        pass
    finally:
        process = getattr(km.provisioner, "process", None)
        if process is not None and process.poll() is None:
            process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(5)
        if kc is not None:
            kc.stop_channels()
        with contextlib.suppress(Exception):
            await km.cleanup_resources()


async def start_kernel(client: NotebookClient, env: dict[str, str], who: str,
                       starts: Starts) -> None:
    """Start the client's kernel; try again (saying so) if it does not answer in time."""
    for attempt in range(1, START_TRIES + 1):
        began = time.perf_counter()
        km = client.create_kernel_manager()
        try:
            async with asyncio.timeout(KERNEL_START_LIMIT):
                await client.async_start_new_kernel(env=env, stderr=subprocess.DEVNULL)
                await client.async_start_new_kernel_client()
            starts.seconds.append(time.perf_counter() - began)
            return
        except Exception as error:  # noqa: BLE001 - too slow, died, a port taken: try again
            client.km = km              # nbclient may have let go of it, kernel still running
            await stop_kernel(client)
            if attempt == START_TRIES:
                raise NoKernel(f"no kernel in {START_TRIES} tries (last: {reason(error)})") \
                    from error
            starts.retried += 1
            print(f"{who}: the kernel did not start ({reason(error)}); "
                  f"trying again ({attempt + 1} of {START_TRIES})", flush=True)


async def run_all(path: Path, home: Path, starts: Starts) -> tuple[float, int]:
    """Run one notebook from a fresh kernel in `home`; return its seconds and kernel pid."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(OFFLINE))
    client = NotebookClient(nb, kernel_name="python3", timeout=CELL_TIMEOUT,
                            startup_timeout=KERNEL_START_LIMIT,
                            resources={"metadata": {"path": str(home)}})
    path_var = os.pathsep.join(filter(None, [str(PACK), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, HOME=str(home), PYTHONPATH=path_var)
    begin = time.perf_counter()
    try:
        await start_kernel(client, env, f"{home.name}, {path.name}", starts)
        pid = client.km.provisioner.pid
        for index, cell in enumerate(nb.cells):
            await client.async_execute_cell(cell, index)
    finally:
        await stop_kernel(client)
    return time.perf_counter() - begin, pid


async def student(number: int, root: Path, seconds: dict[str, float], kernels: dict[int, int],
                  problems: list[str], starts: Starts) -> None:
    """One student's lesson: each notebook in turn (one that fails is noted, then the next)."""
    home = root / f"student{number:02d}"
    home.mkdir()
    for path in NOTEBOOKS:
        try:
            seconds[path.stem], pid = await run_all(path, home, starts)
            kernels[pid] = number
        except (Exception, asyncio.CancelledError) as error:  # noqa: BLE001 - noted below
            # The class's time is up (nbclient may have turned the cancel into DeadKernelError).
            if asyncio.current_task().cancelling():
                problems.append(f"{home.name}, {path.name}: stopped at the class's time limit")
                raise asyncio.CancelledError from error
            problems.append(f"{home.name}, {path.name}: {reason(error)}")
            print(f"{home.name}, {path.name}: not run ({reason(error)})", flush=True)


async def lesson(students: int, limit: float):
    """Every student at once, for at most `limit` seconds; what they measured."""
    memory, stop, starts = Memory(), asyncio.Event(), Starts()
    times: list[dict[str, float]] = [{} for _ in range(students)]
    kernels: dict[int, int] = {}
    problems: list[str] = []
    watcher = asyncio.create_task(memory.watch(stop))
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="classroom-", ignore_cleanup_errors=True) as root:
        tasks = [asyncio.create_task(student(n, Path(root), times[n - 1], kernels, problems,
                                             starts)) for n in range(1, students + 1)]
        try:
            _, late = await asyncio.wait(tasks, timeout=limit)
            for task in late:
                task.cancel()
            if late:                                    # each stops its kernel, or is left
                await asyncio.wait(late, timeout=STOP_LIMIT + 10)
        finally:
            stop.set()
            await watcher
            for child in psutil.Process().children(recursive=True):    # none should be left
                with contextlib.suppress(psutil.NoSuchProcess):
                    child.kill()
    return times, memory, kernels, problems, starts, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=10, help="kernels at once (default 10)")
    parser.add_argument("--limit", type=float, default=CLASS_LIMIT,
                        help=f"seconds for the whole class (default {CLASS_LIMIT})")
    args = parser.parse_args()

    times, memory, kernels, problems, starts, wall = asyncio.run(
        lesson(args.students, args.limit))
    print(f"\n{args.students} students at once on {os.cpu_count()} cores: each ran "
          f"{', '.join(p.stem[:2] for p in NOTEBOOKS)} in order, each from a fresh kernel "
          f"(whole lesson {wall:.0f} s)\n")
    print("| notebook | runs finished | median run-all (s) | 95th percentile (s) | slowest (s) |\n"
          "|---|---:|---:|---:|---:|")
    p95 = {}
    for path in NOTEBOOKS:
        runs = [t[path.stem] for t in times if path.stem in t]
        if not runs:
            print(f"| {path.stem} | 0 of {args.students} | – | – | – |")
            continue
        p95[path.stem] = percentile(runs, 0.95)
        print(f"| {path.stem} | {len(runs)} of {args.students} | {statistics.median(runs):.1f} "
              f"| {p95[path.stem]:.1f} | {max(runs):.1f} |")
    per_student = [max((mb for pid, mb in memory.per_kernel.items() if kernels.get(pid) == n),
                       default=0.0) for n in range(1, args.students + 1)]
    per_student_mb = memory.peak_rss / args.students
    print(f"\nPeak memory of all kernels together: {memory.peak_rss:.0f} MB resident "
          f"({memory.peak_pss:.0f} MB proportional, libraries shared), "
          f"{per_student_mb:.0f} MB per student; "
          f"one student's largest kernel: median {statistics.median(per_student):.0f} MB, "
          f"largest {max(per_student):.0f} MB")
    if starts.seconds:
        print(f"Kernel starts: {len(starts.seconds)}, median "
              f"{statistics.median(starts.seconds):.1f} s, slowest {max(starts.seconds):.1f} s; "
              f"tried again: {starts.retried}")
    print()
    if problems:
        print(f"Not run ({len(problems)}); the figures above leave these out:")
        for problem in sorted(problems):
            print(f"- {problem}")
        print()
    slowest = max((max(t.values()) for t in times if t), default=0.0)
    heads = " | ".join(f"{p.stem[:2]} p95" for p in NOTEBOOKS)
    p95s = " | ".join(f"{p95[p.stem]:.1f}" if p.stem in p95 else "–" for p in NOTEBOOKS)
    print(f"README row{' (incomplete: not every run finished)' if problems else ''}: "
          f"| students at once | {heads} | slowest | memory, all | per student |\n"
          f"| {args.students} | {p95s} | {slowest:.1f} | "
          f"{memory.peak_rss:.0f} | {per_student_mb:.0f} |\n")
    worst = {"p95_seconds": max(p95.values(), default=0.0), "mb_per_student": per_student_mb}
    return targets.report(worst, TARGETS, digits=1) or (1 if problems else 0)


if __name__ == "__main__":
    sys.exit(main())
