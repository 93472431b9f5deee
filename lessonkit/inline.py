"""How a figure reaches the notebook: drawn once, cut to what it holds, saved as a PNG.

Jupyter saves each figure with ``bbox_inches="tight"``, and matplotlib then draws the
figure twice: first with drawing switched off, only to find the edges of what it holds,
then for real, cut to those edges.  Here the edges are measured without the first
drawing (a figure with a layout engine, such as constrained layout, has its parts placed
first, as that drawing would place them), so the figure is drawn once.  Its pixels are
then written as a PNG by png_bytes(): rows unfiltered, compressed at zlib level 1, which takes
a third of the time Pillow's encoder takes and makes a smaller file (PNG is lossless: the
same pixels).  The pixels are those Jupyter would show: tests/test_figures.py compares them
with its baselines.
"""

from __future__ import annotations

import io
import struct
import zlib
from binascii import b2a_base64

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure


def png(fig: Figure) -> bytes | None:
    """The figure as Jupyter shows it (its contents and a margin), as PNG bytes."""
    if not fig.axes and not fig.lines:         # nothing to show, as IPython does
        return None
    engine = fig.get_layout_engine()
    if engine is not None:          # place the parts once, as drawing would, then keep them
        engine.execute(fig)
        # No engine at all while saving (matplotlib's "none" leaves a stand-in engine,
        # and any engine makes print_figure draw the figure an extra time first).
        with plt.rc_context({"figure.autolayout": False,
                             "figure.constrained_layout.use": False}):
            fig.set_layout_engine(None)
    try:
        edges = fig.get_tightbbox(fig.canvas.get_renderer())
        pixels = _Pixels()
        fig.canvas.print_figure(pixels, format="rgba", dpi=fig.dpi,
                                facecolor=fig.get_facecolor(), edgecolor=fig.get_edgecolor(),
                                bbox_inches=edges.padded(plt.rcParams["savefig.pad_inches"]))
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)
    return png_bytes(pixels.rgba)


class _Pixels(io.RawIOBase):
    """Where print_figure writes a figure's raw pixels: kept as an array of rows."""

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.rgba = np.array(data, dtype=np.uint8)      # Agg's buffer: rows x columns x RGBA
        return self.rgba.nbytes


def png_bytes(rgba: np.ndarray) -> bytes:
    """A PNG file of an image given as an array of rows x columns x RGBA bytes."""
    height, width, _ = rgba.shape
    rows = np.zeros((height, 1 + 4 * width), dtype=np.uint8)     # each row: filter 0, pixels
    rows[:, 1:] = rgba.reshape(height, -1)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + \
            struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)   # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + \
        chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + chunk(b"IEND", b"")


def _png_base64(fig: Figure) -> str | None:
    data = png(fig)
    return None if data is None else b2a_base64(data, newline=False).decode("ascii")


def install() -> None:
    """Show figures through png() in the running IPython kernel (nothing outside one)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    # Load the backend now: Jupyter's inline backend puts its own PNG maker in place when
    # it is loaded, which matplotlib otherwise does only at the first figure.
    plt.switch_backend(plt.get_backend())
    shell.display_formatter.formatters["image/png"].for_type(Figure, _png_base64)
