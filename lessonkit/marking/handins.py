"""Reading what a class handed in: the files, and what each notebook is and holds.

Whatever is handed in gets a Result and a plain-words problem, never an exception: a file that
is not a notebook or not valid JSON, a notebook from another pack, deleted or changed exercise
cells.  Written answers (Markdown cells with ``{"lessonkit": {"written": "<id>"}}`` in their
metadata) are read from the file itself, verbatim; blank or still the placeholder is "not
answered".  Nothing here runs a student's code: kernels.py does that.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .. import PACK
from ..exercises import EXERCISES
from .answers import NOT_ANSWERED

NOTEBOOK_DIR = PACK / "notebooks"
WRITTEN_PLACEHOLDER = ("✍️ *Double-click here and write your answer in a few sentences. "
                       "Then press Shift+Enter.*")

_EXERCISE_ID = r"\d\d-[a-z][a-z0-9-]*"       # "02-river"; later ones may have hyphens
_ID = re.compile(rf"""["']({_EXERCISE_ID})["']""")
_CALL = re.compile(rf"""check\(\s*["']({_EXERCISE_ID})["']\s*,\s*(.+?)\)\s*$""", re.M)
_EXERCISE_CALL = re.compile(rf"""^check\(\s*["']({_EXERCISE_ID})["']\s*,\s*answer\s*\)\s*$""",
                            re.M)


@dataclass
class Result:
    """One notebook handed in: its marks by exercise id, written answers, what went wrong."""

    student: str
    notebook: str = ""                      # the pack notebook it is, e.g. "02"
    marks: dict[str, str] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "; ".join(self.problems) or "ok"


def exercises_of(notebook: str) -> list[str]:
    """The exercise ids of one pack notebook ("02"), in the pack's order."""
    return [e for e in EXERCISES if e.startswith(notebook + "-")]


@functools.cache
def _pack_notebooks() -> dict[str, nbformat.NotebookNode]:
    """The pack's own lesson notebooks, by number ("02")."""
    found = {}
    for path in sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb")):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found[path.name[:2]] = nbformat.read(path, as_version=4)
    return found


def example_cells() -> list[str]:
    """The pack's own demonstration cells: a check on a typed-in value, not on `answer`."""
    return [c.source.strip() for nb in _pack_notebooks().values() for c in nb.cells
            if c.cell_type == "code"
            and any(arg.strip() != "answer" for _, arg in _CALL.findall(c.source))]


def pack_written() -> dict[str, list[str]]:
    """The ids of the written answers each pack notebook asks for ("05": ["05-trust"])."""
    return {number: list(written_answers(nb)) for number, nb in _pack_notebooks().items()}


def find_submissions(paths: Iterable[Path | str], skip: Path | None = None) -> list[Path]:
    """Every file handed in: the files named, and every file in the folders named.

    Hidden files and folders (.ipynb_checkpoints, .DS_Store) are left out, and so is
    `skip` (the folder the marks are written to).
    """
    found = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        for file in sorted(path.rglob("*")):
            hidden = any(p.startswith(".") for p in file.relative_to(path).parts)
            inside_skip = skip is not None and skip.resolve() in file.resolve().parents
            if file.is_file() and not hidden and not inside_skip:
                found.append(file)
    return found


def submission_name(path: Path, roots: list[Path]) -> str:
    """How a submission is named in the table: its path from the folder given, or its name."""
    for root in roots:
        if root.is_dir() and root.resolve() in path.resolve().parents:
            return str(Path(root.resolve().name) / path.resolve().relative_to(root.resolve()))
    return path.name


def cell_name(nb, index: int) -> str:
    """A cell as a teacher can find it: its number (from 1) and how it starts."""
    first = next((line.strip() for line in nb.cells[index].source.splitlines() if line.strip()),
                 "")
    first = first if len(first) <= 40 else first[:37] + "..."
    return f"cell {index + 1} ({first!r})"


def written_answers(nb) -> dict[str, str]:
    """Each written answer in the notebook, by id: the student's words, or "not answered".

    A written-answer cell is found by its metadata (a student may have turned it into a
    code cell by mistake); the placeholder, if the student wrote beside it, is taken out.
    """
    found = {}
    for cell in nb.cells:
        written_id = cell.get("metadata", {}).get("lessonkit", {}).get("written")
        if isinstance(written_id, str) and written_id:
            words = cell.source.replace(WRITTEN_PLACEHOLDER, "").strip()
            found[written_id] = words or NOT_ANSWERED
    return found


def read(path: Path, result: Result):
    """The notebook in `path`, or None with the reason in result.problems."""
    if not path.is_file():
        result.problems.append("file not found")
        return None
    if path.suffix.lower() != ".ipynb":
        kind = f"a {path.suffix} file" if path.suffix else "a file without .ipynb at the end"
        result.problems.append(f"not a notebook ({kind}): ask for the .ipynb file")
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
            nbformat.validate(nb)
    except Exception as error:      # noqa: BLE001 - any damage: report it, mark the rest
        reason = "not valid JSON" if isinstance(error, nbformat.reader.NotJSONError) else \
            str(error).splitlines()[0][:80] if str(error) else type(error).__name__
        result.problems.append(f"could not be opened as a notebook ({reason}): the file is "
                               "damaged; ask the student to download it again from Jupyter")
        return None
    result.written = written_answers(nb)
    found = {i for c in nb.cells if c.cell_type == "code" for i in _ID.findall(c.source)}
    ours = sorted(found & set(EXERCISES))
    if not ours:
        result.problems.append("no exercise of this pack in it: a notebook from another pack, "
                               "or every exercise cell deleted")
        return None
    prefixes = [i[:2] for i in ours]
    result.notebook = max(sorted(set(prefixes)), key=prefixes.count)
    for written_id in pack_written().get(result.notebook, []):
        result.written.setdefault(written_id, NOT_ANSWERED)     # the cell was deleted
    sources = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    missing = [e for e in exercises_of(result.notebook)
               if not re.search(rf"""check\(\s*["']{e}["']\s*,\s*answer\s*\)""", sources)]
    if missing:
        result.problems.append(f"the cell for {', '.join(missing)} is missing or was changed")
    return nb


def exercise_checks(source: str) -> list[str]:
    """The exercise ids a cell checks the way the pack's exercise cells do: check(id, answer)."""
    return _EXERCISE_CALL.findall(source)
