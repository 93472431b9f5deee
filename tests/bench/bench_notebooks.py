"""Benchmark (not a test): run every notebook from a fresh kernel and report its cost.

For each notebook: wall time (kernel start to last cell), figures drawn, time per
figure, and the kernel's peak memory.  The "floor" is a notebook, run the same way
in the same session, that only imports the stack and draws one empty cartopy map:
what any notebook pays before it teaches anything.  Time per figure is the
notebook's time above the floor divided by its figures, so it also carries the
notebook's other work (an upper bound on the cost of a map).

Targets on a 2-core machine: every notebook under 8 s, under 0.6 s per figure,
peak kernel memory under 400 MB, and the whole `pytest` under 90 s.

    .venv/bin/python tests/bench/bench_notebooks.py            # median of 3 runs
    .venv/bin/python tests/bench/bench_notebooks.py --pytest   # also time `pytest`
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from notebook_runner import NOTEBOOKS, PACK, run  # noqa: E402

FLOOR = """\
import cartopy.crs as ccrs
import matplotlib.pyplot as plt

import lessonkit.maps

ax = plt.axes(projection=ccrs.PlateCarree())
plt.show()
"""
TARGETS = {"seconds": 8.0, "per_figure": 0.6, "peak_mb": 400.0, "pytest": 90.0}


def measure(source, repeat: int) -> tuple[float, int, float]:
    """Median wall time, figures drawn and the largest peak memory over `repeat` runs."""
    runs = []
    for _ in range(repeat):
        notebook = nbformat.read(source, as_version=4) if isinstance(source, Path) else source
        with tempfile.TemporaryDirectory() as folder:
            runs.append(run(nbformat.from_dict(notebook), Path(folder), audit=False))
    return (statistics.median(r.seconds for r in runs), runs[0].images,
            max(r.peak_mb for r in runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per notebook (median)")
    parser.add_argument("--pytest", action="store_true", help="also time the whole test suite")
    args = parser.parse_args()

    floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR)])
    floor, _, floor_mb = measure(floor_nb, args.repeat)
    print(f"| notebook | wall time (s) | figures | s per figure above floor | peak kernel "
          f"memory (MB) |\n|---|---:|---:|---:|---:|\n"
          f"| floor: imports + one empty cartopy map | {floor:.2f} | 1 | – | {floor_mb:.0f} |")
    worst = {"seconds": 0.0, "per_figure": 0.0, "peak_mb": floor_mb}
    for path in NOTEBOOKS:
        seconds, figures, peak = measure(path, args.repeat)
        per_figure = (seconds - floor) / figures if figures else 0.0
        print(f"| {path.stem} | {seconds:.2f} | {figures} | {per_figure:.2f} | {peak:.0f} |")
        for key, value in (("seconds", seconds), ("per_figure", per_figure), ("peak_mb", peak)):
            worst[key] = max(worst[key], value)
    if args.pytest:
        start = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "pytest"), "-q"], cwd=PACK,
                       check=True, capture_output=True)
        worst["pytest"] = time.perf_counter() - start
    print()
    failed = [key for key, value in worst.items() if value > TARGETS[key]]
    for key, value in worst.items():
        print(f"worst {key}: {value:.2f} (target < {TARGETS[key]:g})"
              + ("  ← over target" if key in failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
