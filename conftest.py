"""Shared pytest set-up for the unit tests and the nbval notebook runs."""

# Build matplotlib's font cache here, once, before any notebook kernel starts: on a
# fresh machine the first import prints "building the font cache" to stderr,
# which nbval would report as an unexpected output.
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
