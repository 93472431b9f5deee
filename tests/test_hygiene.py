"""Clean code and a clean tree: ruff passes everywhere, and no stray or unrunnable notebook.

The same checks run before each commit through .pre-commit-config.yaml.
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

PACK = Path(__file__).resolve().parent.parent
SKIP = {".git", ".venv", "venv", "handouts", "__pycache__", ".ruff_cache", ".pytest_cache"}


def load_checker():
    spec = importlib.util.spec_from_file_location("check_notebook_files",
                                                  PACK / ".ci" / "check_notebook_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_stray_files_and_every_notebook_is_ready():
    checker = load_checker()
    files = [p for p in PACK.rglob("*")
             if p.is_file() and not SKIP & set(p.relative_to(PACK).parts)]
    problems = [msg for p in files for msg in checker.problems(p)]
    assert not problems, "\n".join(problems)


def test_checker_rejects_what_it_should(tmp_path):
    checker = load_checker()
    bad = tmp_path / "Untitled1.ipynb"
    bad.write_text('{"metadata": {"kernelspec": {"name": "conda-env-py"}}, "cells": []}')
    messages = " ".join(checker.problems(bad))
    assert "Untitled" in messages and "'conda-env-py'" in messages
    marked = tmp_path / "02_x.ipynb"
    marked.write_text('{"metadata": {"kernelspec": {"name": "python3"}, "widgets": {}}, "cells": '
                      '[{"cell_type": "code", "source": "# NBVAL_IGNORE_OUTPUT", "outputs": []}]}')
    messages = " ".join(checker.problems(marked))
    assert "widget state" in messages and "metadata tags" in messages
    checkpoint = tmp_path / ".ipynb_checkpoints" / "01_geography-checkpoint.ipynb"
    assert "checkpoint" in " ".join(checker.problems(checkpoint))


def test_ruff_passes_on_package_tests_scripts_and_notebooks():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(PACK)],
                            capture_output=True, text=True)
    assert "No module named ruff" not in result.stderr, \
        "ruff is not installed: pip install -r requirements.txt"
    assert result.returncode == 0, result.stdout + result.stderr


# The helper package's layers, from the bottom (README, "The helper package, layer by layer"):
# a module may import from its own layer or those below it, never from a layer above.
LAYERS = [
    {"lessonkit", "inline", "look", "geojson", "data", "checks", "notebook_parts"},
    {"measure", "friendly_errors", "accessibility", "maps", "exercises"},
    {"decorations", "worksheets", "marking"},
    {"lessons", "handouts", "marks"},
]


def _module(path: Path) -> str:
    """lessonkit/lessons/geography.py -> 'lessonkit.lessons.geography'."""
    parts = path.relative_to(PACK).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _room(module: str) -> str:
    """'lessonkit.lessons.geography' -> 'lessons'; 'lessonkit' -> 'lessonkit'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _imports(path: Path) -> set[str]:
    """The lessonkit modules (or names) a file imports, anywhere in it, lazy imports too."""
    import ast

    package = _module(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            if node.module:
                found.add(".".join(base + [node.module]))
            else:
                found |= {".".join(base + [a.name]) for a in node.names}
    return {m for m in found if m.split(".")[0] == "lessonkit"}


def test_no_module_of_the_helper_package_imports_from_a_layer_above_it():
    layer = {room: i for i, rooms in enumerate(LAYERS) for room in rooms}
    upward = []
    for path in sorted((PACK / "lessonkit").rglob("*.py")):
        room = _room(_module(path))
        assert room in layer, f"{path.relative_to(PACK)}: add its room {room!r} to LAYERS"
        for module in _imports(path):
            other = _room(module)
            if other in layer and layer[other] > layer[room]:
                upward.append(f"{path.relative_to(PACK)} imports {module} (a layer above)")
    assert not upward, "\n".join(upward)


def test_no_module_of_the_helper_package_is_over_about_400_lines():
    long = [f"{p.relative_to(PACK)}: {n} lines" for p in sorted((PACK / "lessonkit").rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450]
    assert not long, "split these into modules of one job each:\n" + "\n".join(long)
