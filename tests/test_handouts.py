"""The HTML handouts: one standalone page per notebook, maps embedded, nothing fetched online."""

import html
import re

import nbformat
import pytest
from bs4 import BeautifulSoup

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


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_images_are_described_and_links_lead_to_pages(pages, notebook):
    """Each image's alt text is the figure description under it; a link to a notebook
    leads to its handout page, and every other relative link still finds its file."""
    page = pages[notebook.stem]
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), features="html.parser")
    described = handouts.figure_descriptions(nbformat.read(notebook, as_version=4))
    for img in soup.find_all("img"):
        assert img.get("alt") in described.values(), f"alt text {img.get('alt')!r}"
    for link in soup.find_all("a", href=True):
        href = link["href"]
        if href.startswith("#") or "://" in href:
            continue
        assert not href.split("#")[0].endswith(".ipynb"), f"link to a notebook file: {href}"
        assert (page.parent / href.split("#")[0]).exists(), f"broken link {href}"
    assert "widget-state" not in str(soup), "the live slider's state is of no use on paper"


def test_read_only_pack_writes_to_current_folder(tmp_path, monkeypatch, capsys):
    # A path under a plain file cannot be created, even by root: the pack counts as read-only.
    (tmp_path / "pack").write_text("not a folder")
    monkeypatch.setattr(handouts, "DEFAULT_OUT", tmp_path / "pack" / "handouts")
    monkeypatch.chdir(tmp_path)
    assert handouts.main(["00_start_here"]) == 0
    out = capsys.readouterr().out
    assert "read-only, so the handouts go to" in out and str(tmp_path / "handouts") in out
    assert (tmp_path / "handouts" / "00_start_here.html").is_file()


def test_unwritable_out_folder_is_explained(tmp_path, capsys):
    (tmp_path / "file").write_text("not a folder")
    assert handouts.main(["--out", str(tmp_path / "file" / "handouts"), "00_start_here"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Could not make the handouts. Cannot write to ")
    assert "--out" in err and "Traceback" not in err
