"""Reject files that should never be committed, and notebooks that nbval cannot trust.

Used by the pre-commit hook (with the staged file names) and by tests/test_hygiene.py
(with every file in the pack).  Exit status 1 and one line per problem if any.

    python .ci/check_notebook_files.py notebooks/*.ipynb
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def problems(path: Path) -> list[str]:
    found = []
    if ".ipynb_checkpoints" in path.parts or path.name.endswith("-checkpoint.ipynb"):
        return [f"{path}: a Jupyter checkpoint file; delete it (it is in .gitignore)"]
    if path.name.lower().startswith("untitled"):
        found.append(f"{path}: an Untitled file; rename it with a number and a topic "
                     "(e.g. 04_topic.ipynb) or delete it")
    if path.suffix != ".ipynb":
        return found
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return found + [f"{path}: not a readable notebook ({err})"]
    kernel = doc.get("metadata", {}).get("kernelspec", {}).get("name")
    if kernel != "python3":
        found.append(f"{path}: kernel name is {kernel!r}; choose the 'Python 3' kernel "
                     "(name 'python3') so the notebook runs on any machine")
    code = [c for c in doc.get("cells", []) if c.get("cell_type") == "code"
            and "".join(c.get("source", "")).strip()]
    if [c.get("execution_count") for c in code] != list(range(1, len(code) + 1)):
        found.append(f"{path}: not executed top to bottom in a fresh kernel; re-run it "
                     "(README, 'For maintainers')")
    if "widgets" in doc.get("metadata", {}):
        found.append(f"{path}: stores widget state (new random ids on every run, and an empty "
                     "box in handouts); re-run it with the README's command, which passes "
                     "--ExecutePreprocessor.store_widget_state=False")
    for i, cell in enumerate(doc.get("cells", [])):
        if "# NBVAL_" in "".join(cell.get("source", "")):
            found.append(f"{path}: cell {i} has a '# NBVAL_...' comment, which students see; "
                         "put the marker in the cell's metadata tags (e.g. nbval-ignore-output)")
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" or out.get("name") == "stderr":
                found.append(f"{path}: cell {i} stored an error or a warning; fix it at its "
                             "source and re-run the notebook")
    return found


def main(names: list[str]) -> int:
    found = [p for name in names for p in problems(Path(name))]
    print("\n".join(found))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
