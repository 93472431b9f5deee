"""Every notebook, re-run from another folder with the network off: its figures are readable,
described, and its key maps still look like their committed baselines.

nbval (the other half of `pytest`) compares text outputs only; this file covers the pictures.

Updating a baseline on purpose (after changing a map on purpose):

    .venv/bin/pytest tests/test_figures.py --update-baselines

then look at the new PNGs in tests/baselines/ and commit them with the change that caused them.
"""

from __future__ import annotations

import io
import re

import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
import pytest
from notebook_runner import NOTEBOOKS, PACK, run

from lessonkit.accessibility import figure_problems

BASELINES = PACK / "tests" / "baselines"
TOLERANCE = 4.0             # RMS difference, in 0-255 grey levels, after halving the size
DESCRIPTION = "*Figure description:"

# The figures compared with a baseline, by the start of their title.
KEY_FIGURES = {
    "00_start_here": ["Map 1."],
    "01_geography": ["Map 3.", "Map 4.", "Map 5."],
    "02_counter_offensive": ["Map 1.", "Map 2."],
    "03_who_said_what": ["Map 1."],
    "04_numbers": ["Map 1."],
    "05_checking_claims": ["Chart 1."],
}


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def executed(request, tmp_path_factory):
    """The notebook, run once in a fresh kernel from a folder that is not notebooks/."""
    return request.param.stem, run(request.param, tmp_path_factory.mktemp("elsewhere"))


def test_runs_from_another_folder_without_warnings(executed):
    name, result = executed
    stderr = [o["text"] for c in result.notebook.cells if c.cell_type == "code"
              for o in c.outputs if o.get("name") == "stderr"]
    assert not stderr, f"{name} printed to stderr (a warning?): {stderr}"


def test_every_figure_is_accessible(executed):
    name, result = executed
    assert result.figures, f"{name} draws no figure"
    problems = [f"cell {f.cell} ({f.title or 'untitled'}): {p}"
                for f in result.figures for p in f.problems]
    assert not problems, f"{name}:\n" + "\n".join(problems)


def test_every_figure_is_described(executed):
    name, result = executed
    cells = result.notebook.cells
    for cell, title in sorted({(f.cell, f.title) for f in result.figures}):
        after = cells[cell + 1] if cell + 1 < len(cells) else None
        text = after.source.strip() if after is not None and after.cell_type == "markdown" else ""
        assert text.startswith(DESCRIPTION), (
            f"{name}, cell {cell}: the figure should be followed by a markdown cell that "
            f"starts with {DESCRIPTION!r}")
        assert len(text.split()) >= 15, f"{name}, cell {cell}: the description is too short"
        shared = _words(title) & _words(text)
        assert shared, f"{name}, cell {cell}: the description shares no word with the title " \
                       f"{title!r}; does it describe this figure?"


def _words(text: str) -> set[str]:
    """The longer words of a text, for a rough check that a description fits its figure."""
    return {w.removesuffix("s") for w in re.findall(r"[a-z]+", text.lower()) if len(w) >= 4}


def _halved(png: bytes) -> np.ndarray:
    """The image as 0-255 RGB at half size (smaller baselines, blind to sub-pixel shifts)."""
    rgb = mpimg.imread(io.BytesIO(png))[..., :3] * 255
    h, w = (rgb.shape[0] // 2) * 2, (rgb.shape[1] // 2) * 2
    return rgb[:h, :w].reshape(h // 2, 2, w // 2, 2, 3).mean(axis=(1, 3))


def _slug(title_start: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title_start.lower()).strip("-")


def test_key_figures_match_baselines(executed, request, tmp_path):
    name, result = executed
    update = request.config.getoption("--update-baselines")
    for start in KEY_FIGURES[name]:
        found = [f for f in result.figures if f.title.startswith(start) and f.png]
        assert len(found) == 1, f"{name}: expected one figure titled {start!r}…"
        actual = _halved(found[0].png)
        baseline = BASELINES / f"{name}--{_slug(start)}.png"
        if update:
            BASELINES.mkdir(exist_ok=True)
            plt.imsave(baseline, actual.round().astype(np.uint8))
            continue
        assert baseline.is_file(), (f"no baseline {baseline.relative_to(PACK)}: create it with "
                                    "pytest tests/test_figures.py --update-baselines")
        expected = mpimg.imread(baseline)[..., :3] * 255
        assert actual.shape == expected.shape, (
            f"{name}, {start!r}: the image is {actual.shape[1]}×{actual.shape[0]} (halved) but "
            f"the baseline is {expected.shape[1]}×{expected.shape[0]}")
        rms = float(np.sqrt(np.mean((actual - expected) ** 2)))
        if rms > TOLERANCE:
            plt.imsave(tmp_path / baseline.name, actual.round().astype(np.uint8))
            pytest.fail(f"{name}, {start!r} differs from {baseline.relative_to(PACK)} "
                        f"(RMS {rms:.1f} > {TOLERANCE}); the new image is in "
                        f"{tmp_path / baseline.name}. If the change is meant, update the "
                        "baseline (see the top of tests/test_figures.py).")


def test_audit_catches_each_kind_of_problem():
    fig, ax = plt.subplots()
    assert "no title" in " ".join(figure_problems(fig))
    ax.set_title("A title")
    ax.plot([0, 1], [0, 1], color="red")
    ax.text(0.5, 0.5, "tiny", fontsize=6, color="black")
    fig.canvas.draw()
    problems = " ".join(figure_problems(fig))
    plt.close(fig)
    assert "#ff0000, which is not a colour" in problems
    assert "'tiny' is 6 pt, smaller than the 10 pt minimum" in problems
    assert "no title" not in problems
