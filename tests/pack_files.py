"""The pack's own files, found without git, so that it works in a ZIP download too.

A file belongs to the pack unless .gitignore leaves it out (the environments, caches and
what the pack writes, such as handouts/); the same list `git ls-files --cached --others
--exclude-standard` gives in a clone. Only the forms of .gitignore line this pack uses are
read: `name`, `name/` (folders only), `*.ext`, a path with a slash (from the top) and `!`
to take a line back; the last line that matches decides.

    python tests/pack_files.py FOLDER     # copies the pack's files into FOLDER (no .git)

Used by tests/test_read_only.py (a read-only server copy) and .ci/versions (each end of the
version range runs in such a copy, as a ZIP download has it).
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import sys
from pathlib import Path, PurePosixPath

PACK = Path(__file__).resolve().parent.parent


def ignore_rules(root: Path) -> list[tuple[str, bool, bool]]:
    """(pattern, folders only, taken back with !) for each line of root/.gitignore."""
    path = root / ".gitignore"
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    rules = []
    for line in (raw.strip() for raw in lines):
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        line = line.removeprefix("!")
        folders_only = line.endswith("/")
        rules.append((line.strip("/") if "/" in line.rstrip("/") else line.rstrip("/"),
                      folders_only, negated))
    return rules


def ignored(relative: PurePosixPath, is_folder: bool, rules) -> bool:
    """Whether .gitignore's rules leave out this file or folder."""
    if relative.parts[0] == ".git":
        return True
    result = False
    for pattern, folders_only, negated in rules:
        if folders_only and not is_folder:
            continue
        target = str(relative) if "/" in pattern else relative.name
        if fnmatch.fnmatchcase(target, pattern):
            result = not negated
    return result


def pack_files(root: Path = PACK) -> list[str]:
    """Every file of the pack under `root`, as sorted paths relative to it (with /)."""
    rules = ignore_rules(root)
    found = []
    for folder, subfolders, files in os.walk(root):
        here = PurePosixPath(Path(folder).relative_to(root).as_posix())
        subfolders[:] = [s for s in subfolders if not ignored(here / s, True, rules)]
        found += [str(here / f) for f in files if not ignored(here / f, False, rules)]
    return sorted(name.removeprefix("./") for name in found)


def copy_pack(destination: Path, root: Path = PACK) -> None:
    """Copy the pack's files (not .git, the environments or caches) into `destination`."""
    for name in pack_files(root):
        (destination / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, destination / name)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/pack_files.py FOLDER")
    copy_pack(Path(sys.argv[1]))
