"""Navigation: the notebooks link to each other in order, and the lists of notebooks in the
README and in 00 · Start here name exactly the notebooks that exist."""

import re
from pathlib import Path

import nbformat
import pytest

PACK = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = PACK / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
NAMES = [p.name for p in NOTEBOOKS]
# The lessons, in order; since_2022.ipynb ("What has happened since") is a page, not a lesson.
LESSONS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
LESSON_NAMES = [p.name for p in LESSONS]
LINK = re.compile(r"\]\(\s*(?:\./)?([\w-]+\.ipynb)(?:#[^)]*)?\s*\)")


def markdown_cells(path):
    return [c.source for c in nbformat.read(path, as_version=4).cells
            if c.cell_type == "markdown"]


def ending(path, cells=2):
    """The text of the notebook's last markdown cells (where 'What's next' lives)."""
    return "\n".join(markdown_cells(path)[-cells:])


def test_notebooks_are_numbered_in_order():
    assert LESSON_NAMES, "notebooks/ holds no notebooks"
    assert LESSON_NAMES[0].startswith("00_"), "the first notebook should be 00_start_here"
    numbers = [int(re.match(r"(\d\d)_", n).group(1)) for n in LESSON_NAMES]
    assert numbers == list(range(len(LESSON_NAMES))), f"notebook numbers have gaps: {LESSON_NAMES}"
    assert set(NAMES) - set(LESSON_NAMES) <= {"since_2022.ipynb"}, f"unnumbered notebooks: {NAMES}"


@pytest.mark.parametrize("i", range(len(LESSONS)), ids=LESSON_NAMES)
def test_notebook_ends_with_links_to_neighbours(i):
    names = LESSON_NAMES
    links = LINK.findall(ending(LESSONS[i]))
    if i > 0:
        assert names[i - 1] in links, f"{names[i]} should end with a link to {names[i - 1]}"
    if i < len(names) - 1:
        assert names[i + 1] in links, f"{names[i]} should end with a link to {names[i + 1]}"
    assert links, f"{names[i]} ends without a link to another notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_links_point_to_files(path):
    broken = {link for cell in markdown_cells(path) for link in LINK.findall(cell)
              if not (NOTEBOOK_DIR / link).is_file()}
    assert not broken, f"{path.name} links to notebooks that do not exist: {sorted(broken)}"


def test_start_here_lists_every_notebook():
    start = NOTEBOOK_DIR / "00_start_here.ipynb"
    assert start.is_file()
    maps = [c for c in markdown_cells(start) if "map of the pack" in c.lower()]
    assert len(maps) == 1, "00_start_here should have one 'map of the pack' section"
    listed = LINK.findall(maps[0])
    assert listed == LESSON_NAMES, \
        f"the map of the pack lists {listed}, but the lessons are {LESSON_NAMES}"


def test_readme_lists_every_notebook():
    readme = PACK / "README.md"
    assert readme.is_file(), "README.md is missing"
    text = readme.read_text(encoding="utf-8")
    listed = list(dict.fromkeys(re.findall(r"\]\(\s*(?:\./)?notebooks/([\w-]+\.ipynb)\s*\)",
                                           text)))
    assert sorted(listed) == NAMES, f"README.md lists {listed}, but notebooks/ holds {NAMES}"


DOCS = sorted(p for p in PACK.glob("**/*.md")
              if not any(part.startswith(".") or part in ("venv", "handouts", "node_modules")
                         for part in p.relative_to(PACK).parts))


@pytest.mark.parametrize("doc", DOCS, ids=[str(p.relative_to(PACK)) for p in DOCS])
def test_relative_links_in_documents_resolve(doc):
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8"))
    broken = [t for t in targets if "://" not in t and not (doc.parent / t).exists()]
    assert not broken, f"{doc.relative_to(PACK)} links to files that do not exist: {broken}"
