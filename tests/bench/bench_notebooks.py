"""Benchmark (not a test): each notebook's run-all time, against a floor, and the slider's step.

Each run of a notebook starts a fresh kernel and runs every cell (tests/notebook_runner.py,
offline, from a scratch folder), so its time includes starting Python and importing the
stack.  The floor is a notebook run the same way that only imports the stack and draws
one empty map: what any notebook pays before it teaches anything.  Rounds interleave
the floor and the notebooks, and each figure is the median over the rounds, so a busy
machine slows both alike: the ratio to the floor and the seconds above it are the
figures to compare between machines.  The kernel's own processor time is given too:
it hardly changes with the machine's load, so it shows what a change saved even when
other work shares the machine.

The slider step is timed as the browser causes it: a kernel runs notebook 02's set-up
and slider cells, then the script sends the slider's new position as a comm message,
exactly as JupyterLab does, and times each step until the kernel has sent the new map
and is idle again (median of 30 steps).

Targets (issue 14): every notebook within 2 s of the floor; a slider step under 0.15 s;
peak kernel memory under 400 MB; the whole `pytest` under 90 s.

    .venv/bin/python tests/bench/bench_notebooks.py                     # 3 rounds
    .venv/bin/python tests/bench/bench_notebooks.py --runs 5 --pytest   # and time pytest
"""

from __future__ import annotations

import argparse
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

FLOOR = """\
import cartopy.crs as ccrs
import matplotlib.pyplot as plt

import lessonkit.maps

ax = plt.axes(projection=ccrs.PlateCarree())
plt.show()
"""
TARGETS = {"above floor (s)": 2.0, "slider step (s)": 0.15, "peak memory (MB)": 400.0,
           "pytest (s)": 180.0}   # browser tests included (1-2 minutes of it)
SLIDER_NOTEBOOK = PACK / "notebooks" / "02_counter_offensive.ipynb"
STEP_TIMEOUT = 30


def run_all(source, folder: Path) -> dict:
    """One run-all in a fresh kernel: wall and kernel CPU seconds, figures, peak memory."""
    notebook = nbformat.read(source, as_version=4) if isinstance(source, Path) else \
        nbformat.from_dict(source)
    result = run(notebook, folder, audit=False)
    return {"seconds": result.seconds, "cpu": result.cpu_seconds, "figures": result.images,
            "peak_mb": result.peak_mb}


def notebook_times(rounds: int) -> dict[str, list[dict]]:
    floor = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR)])
    sources = {"floor": floor} | {path.stem: path for path in NOTEBOOKS}
    times: dict[str, list] = {name: [] for name in sources}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(rounds):
            for name, source in sources.items():
                times[name].append(run_all(source, Path(folder)))
    return times


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

    times = notebook_times(args.runs)

    def median(name, key):
        return statistics.median(run[key] for run in times[name])

    floor, floor_cpu = median("floor", "seconds"), median("floor", "cpu")
    print(f"Median of {args.runs} rounds, each notebook from a fresh kernel.\n\n"
          "| notebook | run-all (s) | above floor (s) | ratio to floor | kernel CPU (s) "
          "| CPU ratio to floor | figures | peak kernel memory (MB) |\n"
          "|---|---:|---:|---:|---:|---:|---:|---:|")
    worst = {"above floor (s)": 0.0, "peak memory (MB)": 0.0}
    for name, runs in times.items():
        seconds, cpu = median(name, "seconds"), median(name, "cpu")
        peak = max(run["peak_mb"] for run in runs)
        label = "floor: imports + one empty map" if name == "floor" else name
        above = "–" if name == "floor" else f"{seconds - floor:.2f}"
        print(f"| {label} | {seconds:.2f} | {above} | {seconds / floor:.2f} | {cpu:.2f} "
              f"| {cpu / floor_cpu:.2f} | {runs[0]['figures']} | {peak:.0f} |")
        if name != "floor":
            worst["above floor (s)"] = max(worst["above floor (s)"], seconds - floor)
        worst["peak memory (MB)"] = max(worst["peak memory (MB)"], peak)
    steps = slider_steps()
    worst["slider step (s)"] = statistics.median(steps)
    print(f"\nslider step in 02 (median of {len(steps)}): {statistics.median(steps):.3f} s "
          f"(slowest {max(steps):.3f} s)")
    if args.pytest:
        worst["pytest (s)"] = pytest_seconds()
        print(f"pytest (whole suite, one run): {worst['pytest (s)']:.1f} s")
    print()
    return targets.report(worst, TARGETS, digits=2)


if __name__ == "__main__":
    sys.exit(main())
