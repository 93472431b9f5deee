"""Shared pytest set-up for the unit tests and the nbval notebook runs."""

# Build matplotlib's font cache here, once, before any notebook kernel starts: on a
# fresh machine the first import prints "building the font cache" to stderr,
# which nbval would report as an unexpected output.
import datetime as dt
import json
from pathlib import Path

import matplotlib.font_manager  # noqa: F401

NBVAL_CELL_TIMEOUT = 120   # seconds; a cell over it fails its test, named notebook::Cell N


def pytest_addoption(parser):
    parser.addoption("--update-baselines", action="store_true",
                     help="rewrite tests/baselines/ from the current figures "
                          "(after a deliberate change to a map)")


def pytest_configure(config):
    """Plain `pytest` re-runs the notebooks with nbval on this environment's kernel.

    Set here rather than in addopts, so that `pytest -p no:nbval` (unit tests only) and
    other notebook runners (`pytest --nbmake`) still start.
    """
    option = config.option
    if not config.pluginmanager.hasplugin("nbval") or getattr(option, "nbmake", False):
        return
    if not (option.nbval or option.nbval_lax):
        option.nbval = True
    if not option.nbval_kernel_name:
        option.nbval_current_env = True
    if float(option.nbval_cell_timeout) == 2000:   # nbval's default: half an hour per cell
        option.nbval_cell_timeout = NBVAL_CELL_TIMEOUT


SINCE_2022 = Path(__file__).resolve().parent / "notebooks" / "since_2022.ipynb"


def since_2022_reminder(today: dt.date | None = None, path: Path = SINCE_2022) -> str | None:
    """One line asking a maintainer to review 'What has happened since', once the date in its
    metadata ({"lessonkit": {"last_checked": "YYYY-MM-DD"}}) is more than a year old.

    Never raises: a missing or unreadable notebook gives no reminder (other tests report it)."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]["lessonkit"]
        checked = dt.date.fromisoformat(meta["last_checked"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    today = today or dt.date.today()
    if (today - checked).days <= 365:
        return None
    return (f"Reminder: notebooks/since_2022.ipynb was last checked on {checked:%d %B %Y}, "
            "more than a year ago. Review it (README, For maintainers).")


def pytest_terminal_summary(terminalreporter):
    """Print the review reminder, if due, as one line at the end of the run (never a failure)."""
    line = since_2022_reminder()
    if line:
        terminalreporter.write_line(line)
