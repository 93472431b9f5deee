"""Benchmark (not a test): each notebook's run-all time and its figures' time, against a floor.

Each run of a notebook starts a fresh kernel and runs every cell (tests/notebook_runner.py,
offline, from a scratch folder), so its time includes starting Python and importing the
stack.  The floor is a notebook run the same way that only imports matplotlib and cartopy
(not the pack) and draws one empty map: what any notebook pays before it teaches anything.
Rounds interleave the floor and the notebooks, and each figure is the median over the
rounds, so a busy machine slows both alike: the ratios to the floor are the figures to
compare between machines.  The kernel's own processor time is given too:
it hardly changes with the machine's load, so it shows what a change saved even when
other work shares the machine.

Each figure's time is the time of the cell that draws it (the kernel's own timing of the
cell, from nbclient), in a second run of the notebook that starts with the floor's own cell,
so that a figure's time is what it adds to the floor; the figure ratio is a notebook's mean
over its figures, divided by the floor.  Loading and checking every data file
(lessonkit.data.load_all) is timed the same way, in a cell of its own after the import.

The slider step is timed as the browser causes it: a kernel runs notebook 02's set-up
and slider cells, then the script sends the slider's new position as a comm message,
exactly as JupyterLab does, and times each step until the kernel has sent the new map
and is idle again (median of 30 steps).

Targets, as ratios to the floor measured in the same run (TARGETS): every notebook's run-all
at most 1.6 x the floor; its figures at most 0.1 x the floor each, on average; loading and
checking the data at most 0.05 x the floor; and, in seconds, a slider step under 0.15 s and
peak kernel memory under 400 MB.  The script exits 1 if one is over, or if the floor's
kernels spent much longer than their processor time (they waited on something, and every
ratio of that run would look better than it is).

    .venv/bin/python tests/bench/bench_notebooks.py                     # 3 rounds
    .venv/bin/python tests/bench/bench_notebooks.py --runs 5 --pytest   # and time pytest
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import start_new_kernel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import targets  # noqa: E402  (tests/bench/targets.py, beside this script)
from notebook_runner import NOTEBOOKS, PACK, run  # noqa: E402

# The floor uses the stack only, not the pack: a floor that imports the pack's own helpers
# moves with every change to them, and a change that speeds them up would speed up its own
# yardstick too.
FLOOR = """\
import cartopy.crs as ccrs
import matplotlib.pyplot as plt

ax = plt.axes(projection=ccrs.PlateCarree())
plt.show()
"""
DATA = ["from lessonkit import data", "data.load_all()"]     # the second cell is timed
TARGETS = {"run-all ratio to floor": 1.6, "figure ratio to floor": 0.1,
           "data ratio to floor": 0.05, "slider step (s)": 0.15, "peak memory (MB)": 400.0}
SLIDER_NOTEBOOK = PACK / "notebooks" / "02_counter_offensive.ipynb"
STEP_TIMEOUT = 30
STALLED = 2.5       # a floor with wall time above this many times its processor time waited


def cell_seconds(cell) -> float:
    """How long the kernel took to run a cell, from the timing nbclient records in it."""
    timing = cell.metadata["execution"]
    start, end = (dt.datetime.fromisoformat(timing[key].replace("Z", "+00:00"))
                  for key in ("iopub.execute_input", "shell.execute_reply"))
    return (end - start).total_seconds()


def run_all(source, folder: Path, first: str | None = None) -> dict:
    """One run-all in a fresh kernel: wall and kernel CPU seconds, peak memory, and the
    seconds of each cell that drew a figure and of the last cell.  With `first`, that code
    runs in a cell of its own before the notebook's (and its own figure is not counted)."""
    notebook = nbformat.read(source, as_version=4) if isinstance(source, Path) else \
        nbformat.from_dict(source)
    if first:
        notebook.cells.insert(0, nbformat.v4.new_code_cell(first))
    result = run(notebook, folder, audit=False)
    code = [c for c in result.notebook.cells if c.cell_type == "code"][1 if first else 0:]
    drawn = [cell_seconds(c) for c in code
             if any("image/png" in o.get("data", {}) for o in c.outputs)]
    return {"seconds": result.seconds, "cpu": result.cpu_seconds, "figures": drawn,
            "last_cell": cell_seconds(code[-1]), "peak_mb": result.peak_mb}


def notebook_times(rounds: int) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """Per round: the floor, each notebook as a class runs it, then each notebook (and the
    data loading) after the floor's cell, for the time of each figure."""
    floor = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR)])
    sources = {"floor": floor} | {path.stem: path for path in NOTEBOOKS}
    warm_sources = {path.stem: path for path in NOTEBOOKS} | \
        {"data": nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in DATA])}
    times: dict[str, list] = {name: [] for name in sources}
    warm: dict[str, list] = {name: [] for name in warm_sources}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(rounds):
            for name, source in sources.items():
                times[name].append(run_all(source, Path(folder)))
            for name, source in warm_sources.items():
                warm[name].append(run_all(source, Path(folder), first=FLOOR))
    return times, warm


def slider_steps(steps: int = 30) -> list[float]:
    """Seconds per slider step, driven through the widget's comm as the browser drives it."""
    cells = [c.source for c in nbformat.read(SLIDER_NOTEBOOK, as_version=4).cells
             if c.cell_type == "code"]
    setup = cells[0]
    slider_cell = next(c for c in cells if "situation_slider(" in c)
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(SLIDER_NOTEBOOK.parent),
                                       stderr=subprocess.DEVNULL)
    try:
        models = {}

        def note_models(msg):
            if msg["msg_type"] == "comm_open":
                state = msg["content"]["data"]["state"]
                models[state["_model_name"]] = msg["content"]["comm_id"]

        for code in (setup, slider_cell):
            reply = client.execute_interactive(code, output_hook=note_models,
                                               timeout=STEP_TIMEOUT)
            assert reply["content"]["status"] == "ok", f"{SLIDER_NOTEBOOK.name}: {code!r} failed"
        slider, image = models["SelectionSliderModel"], models["ImageModel"]
        seconds = []
        for step in range(1, steps + 1):
            msg = client.session.msg("comm_msg", {"comm_id": slider, "data": {
                "method": "update", "state": {"index": step % 31}, "buffer_paths": []}})
            start = time.perf_counter()
            client.shell_channel.send(msg)
            new_map = False
            while True:
                out = client.get_iopub_msg(timeout=STEP_TIMEOUT)
                if out["parent_header"].get("msg_id") != msg["header"]["msg_id"]:
                    continue
                content = out["content"]
                if out["msg_type"] == "comm_msg" and content["comm_id"] == image:
                    new_map = new_map or ["value"] in content["data"].get("buffer_paths", [])
                if out["msg_type"] == "status" and content["execution_state"] == "idle":
                    break
            seconds.append(time.perf_counter() - start)
            assert new_map, f"step {step}: the kernel sent no new map"
        return seconds
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def pytest_seconds() -> float:
    start = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "pytest"), "-q"], cwd=PACK, check=True,
                   capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="rounds (each figure is a median)")
    parser.add_argument("--pytest", action="store_true", help="also time the whole test suite")
    args = parser.parse_args()

    times, warm = notebook_times(args.runs)

    def median(name, key):
        return statistics.median(run[key] for run in times[name])

    floor, floor_cpu = median("floor", "seconds"), median("floor", "cpu")
    # A floor that mostly waited (seen here: 4.0 s of wall time for 1.1 s of processor time,
    # twice) makes every ratio of the run look better than it is.
    floor_waited = floor > STALLED * floor_cpu
    print(f"Median of {args.runs} rounds, each notebook from a fresh kernel. Ratios are to the "
          "floor (a kernel that imports the stack and draws one empty map), measured in the "
          "same rounds.\n\n"
          "| notebook | run-all (s) | ratio to floor | kernel CPU (s) | CPU ratio to floor "
          "| figures | mean per figure (s) | figure ratio to floor | peak kernel memory (MB) |\n"
          "|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    worst = dict.fromkeys(("run-all ratio to floor", "figure ratio to floor",
                           "peak memory (MB)"), 0.0)
    per_figure = {}
    for name, runs in times.items():
        seconds, cpu = median(name, "seconds"), median(name, "cpu")
        peak = max(run["peak_mb"] for run in runs)
        drawn = [] if name == "floor" else [run["figures"] for run in warm[name]]
        count = len(runs[0]["figures"])
        mean = statistics.median(map(statistics.fmean, drawn)) if drawn and drawn[0] else None
        label = "floor: imports + one empty map" if name == "floor" else name
        shown = "– | –" if mean is None else f"{mean:.2f} | {mean / floor:.2f}"
        print(f"| {label} | {seconds:.2f} | {seconds / floor:.2f} | {cpu:.2f} "
              f"| {cpu / floor_cpu:.2f} | {count} | {shown} | {peak:.0f} |")
        if name != "floor":
            worst["run-all ratio to floor"] = max(worst["run-all ratio to floor"],
                                                  seconds / floor)
            if mean is not None:
                per_figure[name] = [statistics.median(run[i] for run in drawn)
                                    for i in range(len(drawn[0]))]
                worst["figure ratio to floor"] = max(worst["figure ratio to floor"],
                                                     mean / floor)
        worst["peak memory (MB)"] = max(worst["peak memory (MB)"], peak)
    print("\nEach figure (s, median over the rounds), in the order the notebook draws them:")
    for name, seconds in per_figure.items():
        print(f"  {name}: " + ", ".join(f"{s:.2f}" for s in seconds))
    load = statistics.median(run["last_cell"] for run in warm["data"])
    worst["data ratio to floor"] = load / floor
    print(f"\nloading and checking every data file: {load:.3f} s, {load / floor:.3f} x the floor")
    steps = slider_steps()
    worst["slider step (s)"] = statistics.median(steps)
    print(f"\nslider step in 02 (median of {len(steps)}): {statistics.median(steps):.3f} s "
          f"(slowest {max(steps):.3f} s)")
    if args.pytest:
        print(f"pytest (whole suite, browser tests included, one run): {pytest_seconds():.1f} s")
    print()
    over = targets.report(worst, TARGETS, digits=2)
    if floor_waited:
        print(f"\nThe floor's kernels took {floor:.2f} s for {floor_cpu:.2f} s of processor time: "
              "they waited on something, so every ratio above looks better than it is. "
              "Run the benchmark again.")
    return max(over, int(floor_waited))


if __name__ == "__main__":
    sys.exit(main())
