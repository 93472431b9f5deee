"""lessonkit: the helpers the Kharkiv 2022 notebooks share.

- ``lessonkit.data``: reads and checks every file in data/ (one place for loading);
- ``lessonkit.measure``: distances and areas on the curved Earth;
- ``lessonkit.look``, ``lessonkit.maps`` and ``lessonkit.decorations``: the pack's
  colours and credits, the standard maps, and what goes on top of them (labels, keys,
  scale bars, grids);
- ``lessonkit.lessons``: what each notebook calls (its figures and tables), one module
  per lesson;
- ``lessonkit.checks`` and ``lessonkit.exercises``: friendly feedback on the exercises.

``from lessonkit import check`` works in any cell, even the first one run after a kernel
restart: the exercise helpers are imported only when asked for.

Importing it also settles two things about the machine, before matplotlib is imported:
a writable folder for matplotlib's settings when the home folder is read-only, and a
warning when a notebook in one copy of the pack is using another copy's code and data.
"""

import gc
import os
import sys
import tempfile
import warnings
from pathlib import Path

PACK = Path(__file__).resolve().parent.parent


def _matplotlib_folder() -> None:
    """Point matplotlib at a folder in the temp dir if it cannot write in the home folder.

    Otherwise matplotlib prints two warnings into the first cell that imports it
    (on a school machine whose home folder is read-only, for example).
    """
    if "MPLCONFIGDIR" in os.environ or "matplotlib" in sys.modules:
        return
    home = Path.home()
    for base in (os.environ.get("XDG_CONFIG_HOME") or home / ".config",
                 os.environ.get("XDG_CACHE_HOME") or home / ".cache"):
        folder = Path(base, "matplotlib")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not os.access(folder, os.W_OK):
                raise PermissionError
        except OSError:
            user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
            os.environ["MPLCONFIGDIR"] = str(Path(tempfile.gettempdir(),
                                                  f"lessonkit-matplotlib-{user}"))
            return


def pack_in_use_warning(folder: Path) -> str | None:
    """What to tell a teacher whose notebook in `folder` runs another copy's lessonkit.

    Nothing while the two copies hold the same helpers and data: on a school JupyterHub each
    student's copy (from an nbgitpuller link) runs the copy installed on the server.
    """
    def contents(root: Path) -> dict[str, bytes]:
        files = [*root.glob("lessonkit/**/*.py"), *root.glob("data/*.csv"),
                 *root.glob("data/*.geojson")]
        return {f.relative_to(root).as_posix(): f.read_bytes() for f in files}

    for pack in (folder, folder.parent):
        if (pack / "lessonkit" / "__init__.py").is_file() and (pack / "data").is_dir():
            if pack.resolve() == PACK or contents(pack) == contents(PACK):
                return None
            return (f"This notebook is in {pack}, but its helpers and data come from another "
                    f"copy of the pack, {PACK}: the .venv was made for that copy, so your "
                    f"changes here are not used. In {pack}, delete the .venv folder, run the "
                    "install command from README.md again, then restart the kernel. (On a "
                    "school server, ask whoever runs it to update the server's copy instead.)")
    return None


def freeze_imports() -> None:
    """Leave what has been imported so far out of Python's full garbage collections.

    Modules (matplotlib, cartopy, shapely, IPython) stay loaded as long as the kernel, yet
    each full collection walks all their objects again: about 0.1 s each, twice in a
    lesson notebook.  Called at the end of lessonkit.data's and lessonkit.maps's imports;
    what exists then is almost all module-level and lives as long as the kernel anyway.
    """
    gc.freeze()


def _warn_if_another_pack() -> None:
    try:
        message = pack_in_use_warning(Path.cwd())
    except OSError:         # the working folder has been deleted: nothing to compare
        return
    if message:
        warnings.warn(message, stacklevel=1)


# What a notebook cell may import straight from the package, and the module that holds it.
_SHORTCUTS = {"check": "exercises", "distance_km": "measure", "place": "data"}

# Modules of older versions of the pack and where their work went, so that an older notebook
# (kept by nbgitpuller, or saved from a ZIP) gets a sentence instead of a bare ImportError.
MOVED = {"charts": "the charts of the old notebook 03 are now in notebooks/04_numbers.ipynb "
                   "(lesson 5) and notebooks/05_checking_claims.ipynb (lesson 6)"}


def older_version(what: str) -> str:
    """The sentence for an older notebook that asks for a helper this version has not got."""
    return (f"This notebook comes from an older version of the pack: {what}. Open the "
            "notebooks in the pack's notebooks folder instead, or ask your teacher for new "
            "copies.")


def __getattr__(name: str):
    """``from lessonkit import check`` in any cell, without importing everything up front."""
    if name in _SHORTCUTS:
        import importlib

        return getattr(importlib.import_module(f".{_SHORTCUTS[name]}", __name__), name)
    if name in MOVED:
        raise ImportError(older_version(MOVED[name]))
    raise AttributeError(f"module 'lessonkit' has no attribute {name!r}")


_matplotlib_folder()
_warn_if_another_pack()
