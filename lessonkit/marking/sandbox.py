"""A bubblewrap sandbox for running students' code: no network, nothing of the teacher's in sight.

``command(argv, scratch)`` wraps a command line in ``bwrap`` (the sandbox Flatpak uses,
Debian/Ubuntu package ``bubblewrap``) so that it runs with

* its own, empty network namespace: no network at all, not even the machine's localhost;
* the system's programs and libraries, Python, its packages and the pack, all read-only;
* one writable folder, ``scratch`` (also its home and temporary folder);
* nothing else of the machine: not the teacher's home, not the hand-ins, not the marks;
* its own process, IPC and host-name namespaces, a fresh /proc, /dev and environment, and
  no way back to the teacher's terminal; it dies with the process that started it.

``unavailable()`` says why no sandbox can be made here (not Linux, no bwrap, no user
namespaces), or None when it can.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from .. import PACK

# The few files of /etc that programs need to start and to read the time; not the rest
# (no passwords, keys or the machine's settings).
ETC = ["ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "timezone", "passwd",
       "group", "nsswitch.conf", "alternatives", "fonts", "mime.types"]
TOP = ["usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32"]


def _python_folders() -> list[Path]:
    """Where this Python, its packages and the pack live (what the kernel must import from).

    The folder the command was started in ('' on sys.path) is left out, and so is any folder
    that holds the teacher's home; hidden paths inside the others are covered up later.
    """
    found = [PACK, Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix),
             Path(sys.base_exec_prefix), Path(sysconfig.get_paths()["purelib"]),
             Path(sys.executable).parent]
    found += [Path(p) for p in sys.path if p and Path(p).resolve() != Path.cwd().resolve()]
    home = Path.home().resolve()
    keep = [f for f in {f.resolve() for f in found if f.is_dir()} if not home.is_relative_to(f)]
    # A folder inside another one kept is bound with it.
    return sorted(f for f in keep if not any(f != o and f.is_relative_to(o) for o in keep))


def command(argv: list[str], scratch: Path, hidden: list[Path] = (),
            env: dict[str, str] | None = None) -> list[str]:
    """`argv` wrapped in bwrap: runs in `scratch`, sees none of `hidden`, gets only `env`."""
    scratch = scratch.resolve()
    wrap = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
            "--proc", "/proc", "--dev", "/dev"]
    for top in TOP:
        path = Path("/", top)
        if path.is_symlink():
            wrap += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            wrap += ["--ro-bind", str(path), str(path)]
    for name in ETC:
        wrap += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    bound = _python_folders()
    for folder in bound:
        wrap += ["--ro-bind", str(folder), str(folder)]
    # Hand-ins or marks inside a folder bound above (the pack, say) are covered up.
    for path in map(Path.resolve, hidden):
        if path.exists() and any(path.is_relative_to(f) for f in bound):
            wrap += ["--tmpfs", str(path), "--remount-ro", str(path)] if path.is_dir() else \
                ["--ro-bind", "/dev/null", str(path)]
    # Everything but the scratch folder is read-only, the sandbox's own root included.
    wrap += ["--bind", str(scratch), str(scratch), "--remount-ro", "/", "--chdir", str(scratch)]
    settings = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(scratch),
                "TMPDIR": str(scratch), "LANG": "C.UTF-8",
                **{k: os.environ[k] for k in ("PYTHONPATH",) if k in os.environ}, **(env or {})}
    for name, value in settings.items():
        wrap += ["--setenv", name, value]
    return [*wrap, "--", *argv]


@functools.cache
def unavailable() -> str | None:
    """Why students' code cannot be sandboxed on this machine, or None if it can."""
    if not sys.platform.startswith("linux"):
        return f"this is {sys.platform}, not Linux, and bubblewrap runs only on Linux"
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed"
    with tempfile.TemporaryDirectory(prefix="lessonkit-sandbox-") as scratch:
        try:
            done = subprocess.run(command([sys.executable, "-c", "pass"], Path(scratch)),
                                  capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"bubblewrap could not start ({error})"
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or ["no message"])[-1][:120]
        return f"bubblewrap could not start ({said}); user namespaces may be switched off"
    return None
