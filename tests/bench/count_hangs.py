"""Stress test (not a test): run each notebook many times from a fresh kernel and count hangs.

Each run executes one notebook from the top in a new kernel, offline and from a scratch
folder (tests/notebook_runner.py, the runner the figure tests use), with a time limit per
cell.  A run that passes a cell's limit, whose kernel dies, or that does not finish within
a limit for the whole run is a hang; a run that stops with an error is a failure.

    .venv/bin/python tests/bench/count_hangs.py                    # 100 runs of each notebook
    .venv/bin/python tests/bench/count_hangs.py --runs 20 notebooks/02_counter_offensive.ipynb

Runs go two at a time by default (--workers); each is its own Python process, so that a
hang anywhere (kernel start, a cell, shutdown) can be stopped and counted.  Exit status 1
if anything hung or failed.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from notebook_runner import CELL_TIMEOUT, NOTEBOOKS, NotebookHang, run  # noqa: E402


def one_run(path: Path, cell_timeout: int) -> dict:
    """Run one notebook once (in this process) and say how it went."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        try:
            run(path, Path(folder), audit=False, timeout=cell_timeout)
            outcome, detail = "ok", ""
        except NotebookHang as hang:
            outcome, detail = "hang", str(hang)
        except Exception as error:  # noqa: BLE001  (any other way a run can fail is counted)
            outcome, detail = "failure", f"{type(error).__name__}: {str(error)[:300]}"
    return {"outcome": outcome, "detail": detail, "seconds": time.perf_counter() - start}


def in_subprocess(path: Path, cell_timeout: int, run_timeout: float) -> dict:
    """One run in its own process group, stopped (with its kernel) if it outlives run_timeout."""
    command = [sys.executable, __file__, "--one", str(path), "--cell-timeout", str(cell_timeout)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True, start_new_session=True)
    try:
        out, _ = child.communicate(timeout=run_timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)          # the run and the kernel it started
        child.communicate()
        return {"outcome": "hang", "seconds": run_timeout,
                "detail": f"{path.name}: the whole run took longer than {run_timeout:g} s"}
    try:
        return json.loads(out.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {"outcome": "failure", "seconds": 0.0,
                "detail": f"{path.name}: the run exited with status {child.returncode}"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, default=NOTEBOOKS)
    parser.add_argument("--runs", type=int, default=100, help="runs per notebook")
    parser.add_argument("--workers", type=int, default=2, help="runs at the same time")
    parser.add_argument("--cell-timeout", type=int, default=CELL_TIMEOUT,
                        help="seconds one cell may take")
    parser.add_argument("--run-timeout", type=float, default=240,
                        help="seconds one whole run may take (kernel start and shutdown too)")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one.resolve(), args.cell_timeout)))
        return 0

    jobs = [path.resolve() for path in args.notebooks for _ in range(args.runs)]
    counts = {path.name: collections.Counter() for path in args.notebooks}
    problems = []
    with ThreadPoolExecutor(args.workers) as pool:
        results = pool.map(lambda p: (p, in_subprocess(p, args.cell_timeout, args.run_timeout)),
                           jobs)
        for done, (path, result) in enumerate(results, 1):
            counts[path.name][result["outcome"]] += 1
            if result["outcome"] != "ok":
                problems.append(result["detail"])
                print(f"[{done}/{len(jobs)}] {result['outcome']}: {result['detail']}",
                      flush=True)
            elif done % 10 == 0:
                print(f"[{done}/{len(jobs)}] ok so far: "
                      f"{sum(c['ok'] for c in counts.values())}", flush=True)
    print("\n| notebook | runs | ok | hangs | failures |\n|---|---:|---:|---:|---:|")
    for name, c in counts.items():
        print(f"| {name} | {sum(c.values())} | {c['ok']} | {c['hang']} | {c['failure']} |")
    total = collections.Counter()
    for c in counts.values():
        total.update(c)
    print(f"| all | {sum(total.values())} | {total['ok']} | {total['hang']} | "
          f"{total['failure']} |")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
