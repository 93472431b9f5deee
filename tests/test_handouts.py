"""The HTML handouts: one standalone page per notebook, maps embedded, nothing fetched online."""

import html
import re

import nbformat
import pytest

from lessonkit import handouts

NOTEBOOKS = sorted(handouts.NOTEBOOK_DIR.glob("*.ipynb"))


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    written = handouts.build(out)
    return {p.stem: p for p in written}


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no notebooks"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_handout_is_standalone(pages, notebook):
    page = pages.get(notebook.stem)
    assert page is not None and page.is_file(), f"no handout written for {notebook.name}"
    body = page.read_text(encoding="utf-8")
    assert "data:image/png;base64," in body, "no embedded map image"
    title = handouts.notebook_title(nbformat.read(notebook, as_version=4))
    assert title, f"{notebook.name} has no '# ' title"
    text = html.unescape(re.sub(r"<[^>]+>", "", body))
    assert title in text, f"the title {title!r} is not on the page"
    assert not re.search(r"<script[^>]*\bsrc\s*=\s*[\"']?https?:", body, re.I), \
        "the page loads a script from the internet"
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?https?:", body, re.I), \
        "the page loads a stylesheet from the internet"


def test_missing_notebook_gives_clear_message(tmp_path, capsys):
    assert handouts.main(["--out", str(tmp_path), "99_no_such_notebook"]) == 1
    assert "Notebook not found" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_command_prints_one_line_per_page(tmp_path, capsys):
    assert handouts.main(["--out", str(tmp_path), "00_start_here"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"wrote {tmp_path / '00_start_here.html'}"]
