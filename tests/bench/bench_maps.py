"""Benchmark (not a test): import the helpers, load all data, draw the eastern-Ukraine map.

Targets on a 2-core machine: import + full eastern map under 1.5 s; loading every
data file under 0.2 s.  Each measurement runs in a fresh Python process so that
nothing is cached; the median of five runs is reported.

    .venv/bin/python tests/bench/bench_maps.py
"""

import statistics
import subprocess
import sys

DRAW = """
import time; t0 = time.perf_counter()
import matplotlib; matplotlib.use("Agg")
from lessonkit import decorations, maps
ax = maps.east_map()
decorations.add_places(ax, ["Kharkiv", "Chuhuiv", "Balakliia", "Shevchenkove", "Kupiansk",
                     "Kupiansk-Vuzlovyi", "Izium", "Lyman", "Belgorod"], emphasis=["Izium"])
decorations.add_scale_bar(ax, 50)
ax.figure.savefig("/dev/null", format="png")
print(time.perf_counter() - t0)
"""
LOAD = """
import time
from lessonkit import data
t0 = time.perf_counter(); data.load_all(); print(time.perf_counter() - t0)
"""


def median_seconds(code: str, runs: int = 5) -> float:
    times = [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                  text=True).stdout) for _ in range(runs)]
    return statistics.median(times)


if __name__ == "__main__":
    print(f"import + eastern-Ukraine map, all layers: {median_seconds(DRAW):.2f} s "
          "(target < 1.5 s)")
    print(f"load and check every data file:          {median_seconds(LOAD):.3f} s "
          "(target < 0.2 s)")
