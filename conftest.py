"""Shared pytest set-up for the unit tests and the nbval notebook runs."""

# Build matplotlib's font cache here, once, before any notebook kernel starts: on a
# fresh machine the first import prints "building the font cache" to stderr,
# which nbval would report as an unexpected output.
import matplotlib.font_manager  # noqa: F401


def pytest_addoption(parser):
    parser.addoption("--update-baselines", action="store_true",
                     help="rewrite tests/baselines/ from the current figures "
                          "(after a deliberate change to a map)")
