"""Handouts: every notebook as a standalone HTML page, for classes without Jupyter, and a
one-page worksheet per lesson (made by lessonkit.worksheets).

Run from any folder::

    python -m lessonkit.handouts              # writes handouts/ at the top of the pack
    python -m lessonkit.handouts --out DIR    # writes DIR/ instead
    python -m lessonkit.handouts 01_geography # just one notebook (name with or without .ipynb)

Each lesson notebook (notebooks/NN_*.ipynb) also gets a printable A4 worksheet, in
``handouts/worksheets/`` under the same name.

If the pack folder is read-only (a school server often shares it that way), the pages go to
``handouts/`` in the current folder instead, or in the home folder, and the command says where.

Each committed notebook in ``notebooks/`` is rendered as it is stored: the notebooks are
committed already executed, so nothing is run here and the pages show exactly the maps and
answers-not-yet-given that students see. The maps are embedded in the page as
``data:image/png;base64`` images, and the page loads nothing from the internet: the
template's scripts from a CDN (require.js, MathJax, Mermaid, widgets) are left out, and so
is the live slider of 02 (its stored picture of the first day is kept). The notebooks use no
LaTeX maths, so nothing is lost without MathJax. Open a page in any browser, or print it.

On the page: each image's alt text is the figure description written under it; links to
another notebook lead to that notebook's handout page; links to other files of the pack
(README, data/) still lead there; code colours and links are legible (WCAG AA); printed,
code lines wrap and every figure spans the page width.

PDF: not made here. nbconvert's PDF routes need LaTeX (xelatex) or a headless browser,
neither of which the pack installs; printing the HTML page to PDF from a browser does the
same job offline.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
from bs4 import BeautifulSoup
from jinja2 import DictLoader
from nbconvert import HTMLExporter

from . import PACK, worksheets
from .notebook_parts import figure_descriptions, notebook_title

NOTEBOOK_DIR = PACK / "notebooks"
DEFAULT_OUT = PACK / "handouts"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

# Token colours of JupyterLab's light theme that fall below WCAG AA's 4.5:1 on the code
# background (#f5f5f5), replaced by darker shades of the same hue (each 5.1:1 or more).
_LEGIBLE_CODE_COLOURS = {
    "number": "#007000", "operator": "#8a00d4", "meta": "#8a00d4", "comment": "#3a6b6b",
    "atom": "#3a3adf", "variable-3": "#006f4a", "bracket": "#6a6a3a", "quote": "#007000",
    "error": "#c00000",
}
_CSS = ":root {\n" + "\n".join(f"  --jp-mirror-editor-{name}-color: {colour};"
                               for name, colour in _LEGIBLE_CODE_COLOURS.items()) + """
}
/* Links in prose are underlined, not told apart by colour alone (WCAG 1.4.1). */
.jp-RenderedHTMLCommon a:link, .jp-RenderedHTMLCommon a:visited { text-decoration: underline; }
@page { margin: 12mm; }
@media print {
  /* Wrap long code lines instead of cutting them at the paper's edge. */
  pre, .jp-RenderedHTMLCommon pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  .jp-InputArea, .jp-InputArea-editor, .jp-OutputArea-output { overflow: visible; }
  /* Every figure as wide as the paper, so its credits print as large as they can. */
  body, .jp-Notebook, .jp-Cell, .jp-OutputArea-output { margin-left: 0; margin-right: 0;
    padding-left: 0; padding-right: 0; }
  .jp-RenderedImage img { width: 100%; max-width: 100%; height: auto; }
  .jp-RenderedImage { break-inside: avoid; }
}
"""

# JupyterLab's look, minus every <script> the stock template fetches from a CDN.
_TEMPLATE = DictLoader({"handout.html.j2": """
{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}<style type="text/css">""" + _CSS + """</style>{%- endblock -%}
"""})


def _without_live_widgets(nb):
    """The slider needs a running kernel: keep only a stored picture of it, if any."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        kept = []
        for output in cell.get("outputs", []):
            bundle = output.get("data", {})
            if WIDGET_VIEW in bundle:
                pictures = {k: v for k, v in bundle.items() if k.startswith("image/")}
                if not pictures:
                    continue
                output["data"] = pictures
            kept.append(output)
        if cell.cell_type == "code":
            cell.outputs = kept
    return nb


def _relink(href: str, out_dir: Path) -> str:
    """A link of a notebook, as seen from the handout folder: another notebook becomes its
    handout page; another file of the pack is reached by a path from out_dir."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return href                                   # web link, mailto: or #anchor
    target = (NOTEBOOK_DIR / unquote(parts.path)).resolve()
    if target.suffix == ".ipynb" and target.parent == NOTEBOOK_DIR:
        new = target.stem + ".html"
    else:
        new = Path(os.path.relpath(target, out_dir.resolve())).as_posix()
    return new + (f"#{parts.fragment}" if parts.fragment else "")


def _finish_page(body: str, descriptions: dict[str, str], out_dir: Path) -> str:
    soup = BeautifulSoup(body, features="html.parser")
    for cell_id, text in descriptions.items():
        cell = soup.find(id=f"cell-id={cell_id}")
        for img in cell.find_all("img") if cell else []:
            img["alt"] = text
    for link in soup.find_all("a", href=True):
        link["href"] = _relink(link["href"], out_dir)
    return str(soup)


def exporter() -> HTMLExporter:
    return HTMLExporter(extra_loaders=[_TEMPLATE], template_file="handout.html.j2",
                        exclude_input_prompt=True, exclude_output_prompt=True,
                        embed_images=True)


def render(path: Path | str, out_dir: Path) -> str:
    """The handout page (HTML text) for one notebook, with links as seen from out_dir."""
    nb = _without_live_widgets(nbformat.read(path, as_version=4))
    title = notebook_title(nb) or Path(path).stem
    body, _ = exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    return _finish_page(body, figure_descriptions(nb), out_dir)


def _can_write(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".handouts-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return False
    return True


def writable_out_dir(asked: Path | str | None = None) -> Path:
    """Where to write: the folder asked for, else handouts/ in the pack, or (if the pack is
    read-only) handouts/ in the current folder, then in the home folder."""
    if asked is not None:
        choices = [Path(asked)]
    else:
        choices = [DEFAULT_OUT, Path.cwd() / "handouts", Path.home() / "handouts"]
    for folder in choices:
        if _can_write(folder):
            if folder != choices[0]:
                print(f"The pack folder {PACK} is read-only, so the handouts go to "
                      f"{folder} instead.")
            return folder
    raise PermissionError(
        f"Cannot write to {choices[0]}" + (" (nor to the current or home folder)"
                                          if len(choices) > 1 else "")
        + ". Choose a folder you can write to, for example: "
          "python -m lessonkit.handouts --out ~/handouts")


def build(out_dir: Path | str | None = None, notebooks: list[Path] | None = None) -> list[Path]:
    """Render the notebooks (default: every notebooks/*.ipynb) into out_dir (default: see
    writable_out_dir), and each lesson's worksheet into out_dir/worksheets; return the pages."""
    paths = sorted(NOTEBOOK_DIR.glob("*.ipynb")) if notebooks is None else list(notebooks)
    if not paths:
        raise FileNotFoundError(f"No notebooks found in {NOTEBOOK_DIR}: is this the whole pack?")
    missing = [p for p in paths if not Path(p).is_file()]
    if missing:
        raise FileNotFoundError("Notebook not found: " + ", ".join(map(str, missing)))
    out_dir = writable_out_dir(out_dir)
    written = []
    for path in paths:
        name = Path(path).stem + ".html"
        pages = {out_dir / name: render(path, out_dir)}
        if worksheets.is_lesson(path):
            pages[out_dir / "worksheets" / name] = worksheets.render(path)
        for target, text in pages.items():
            target.parent.mkdir(exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(target)
            print(f"wrote {target}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessonkit.handouts",
                                     description="Render every notebook as a standalone "
                                                 "HTML handout (maps embedded, works offline), "
                                                 "and a one-page worksheet per lesson.")
    parser.add_argument("--out", default=None,
                        help=f"folder to write the pages into (default: {DEFAULT_OUT}, or "
                             "handouts/ in the current folder if the pack is read-only)")
    parser.add_argument("names", nargs="*", metavar="NOTEBOOK",
                        help="only these notebooks, e.g. 01_geography (default: all)")
    args = parser.parse_args(argv)
    chosen = [NOTEBOOK_DIR / (n if n.endswith(".ipynb") else n + ".ipynb")
              for n in (Path(n).name for n in args.names)] or None
    try:
        build(args.out, chosen)
    except OSError as problem:           # FileNotFoundError, PermissionError, a full disk...
        reason = f"{problem.strerror}: {problem.filename}" if problem.errno else problem
        print(f"Could not make the handouts. {reason}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
