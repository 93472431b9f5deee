"""A figure reaches the notebook with the pixels matplotlib's own tight save would give,
however lessonkit.inline gets there faster (one drawing, its own PNG writer)."""

import io

import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

from lessonkit import decorations, inline, maps


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def saved_by_matplotlib(fig) -> np.ndarray:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    return pixels(buffer.getvalue())


def east_map():
    ax = maps.east_map("A map with tight layout")
    decorations.add_places(ax, ["Kharkiv", "Izium", "Kupiansk"])
    ax.figure.tight_layout()
    return ax.figure


def two_charts():
    fig, axes = plt.subplots(1, 2, figsize=(8, 3), layout="constrained")
    for ax, title in zip(axes, ("Constrained layout", "with ticks")):
        ax.plot([0, 1, 2], [2, 0, 1])
        ax.set_title(title)
    return fig


@pytest.mark.parametrize("make", [east_map, two_charts])
def test_same_pixels_as_matplotlibs_tight_save(make):
    ours, theirs = make(), make()
    try:
        assert np.array_equal(pixels(inline.png(ours)), saved_by_matplotlib(theirs))
    finally:
        plt.close(ours)
        plt.close(theirs)


def test_png_bytes_keep_every_pixel():
    rgba = (np.arange(7 * 5 * 4, dtype=np.uint32).reshape(7, 5, 4) * 37 % 256).astype(np.uint8)
    assert np.array_equal(pixels(inline.png_bytes(rgba)), rgba)
