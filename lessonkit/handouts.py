"""Handouts: every notebook as a standalone HTML page, for classes without Jupyter.

Run from any folder::

    python -m lessonkit.handouts              # writes handouts/ at the top of the pack
    python -m lessonkit.handouts --out DIR    # writes DIR/ instead
    python -m lessonkit.handouts 01_geography # just one notebook (name with or without .ipynb)

Each committed notebook in ``notebooks/`` is rendered as it is stored: the notebooks are
committed already executed, so nothing is run here and the pages show exactly the maps and
answers-not-yet-given that students see. The maps are embedded in the page as
``data:image/png;base64`` images, and the page loads nothing from the internet: the
template's scripts from a CDN (require.js, MathJax, Mermaid, widgets) are left out. The
notebooks use no LaTeX maths, so nothing is lost without MathJax. Open a page in any
browser, or print it from there.

PDF: not made here. nbconvert's PDF routes need LaTeX (xelatex) or a headless browser
(Playwright/Chromium), neither of which the pack installs; printing the HTML page to PDF
from a browser does the same job offline.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from jinja2 import DictLoader
from nbconvert import HTMLExporter

PACK_DIR = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = PACK_DIR / "notebooks"
DEFAULT_OUT = PACK_DIR / "handouts"

# JupyterLab's look, minus every <script> the stock template fetches from a CDN.
_TEMPLATE = DictLoader({"handout.html.j2": """
{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""})


def notebook_title(nb) -> str:
    """The text of the notebook's first '# ' heading (or '' if it has none)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def exporter() -> HTMLExporter:
    return HTMLExporter(extra_loaders=[_TEMPLATE], template_file="handout.html.j2",
                        exclude_input_prompt=True, exclude_output_prompt=True,
                        embed_images=True)


def build(out_dir: Path | str = DEFAULT_OUT, notebooks: list[Path] | None = None) -> list[Path]:
    """Render the notebooks (default: every notebooks/*.ipynb) into out_dir; return the pages."""
    paths = sorted(NOTEBOOK_DIR.glob("*.ipynb")) if notebooks is None else list(notebooks)
    if not paths:
        raise FileNotFoundError(f"No notebooks found in {NOTEBOOK_DIR}: is this the whole pack?")
    missing = [p for p in paths if not Path(p).is_file()]
    if missing:
        raise FileNotFoundError("Notebook not found: " + ", ".join(map(str, missing)))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    html = exporter()
    written = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        title = notebook_title(nb) or Path(path).stem
        body, _ = html.from_notebook_node(nb, resources={"metadata": {"name": title}})
        target = out_dir / (Path(path).stem + ".html")
        target.write_text(body, encoding="utf-8")
        written.append(target)
        print(f"wrote {target}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessonkit.handouts",
                                     description="Render every notebook as a standalone "
                                                 "HTML handout (maps embedded, works offline).")
    parser.add_argument("--out", default=str(DEFAULT_OUT),
                        help=f"folder to write the pages into (default: {DEFAULT_OUT})")
    parser.add_argument("names", nargs="*", metavar="NOTEBOOK",
                        help="only these notebooks, e.g. 01_geography (default: all)")
    args = parser.parse_args(argv)
    chosen = [NOTEBOOK_DIR / (n if n.endswith(".ipynb") else n + ".ipynb")
              for n in (Path(n).name for n in args.names)] or None
    try:
        build(args.out, chosen)
    except FileNotFoundError as problem:
        print(f"Could not make the handouts. {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
