"""'What has happened since' (notebooks/since_2022.ipynb): dated, checked, and a reminder to
review it once a year (the top-level conftest.py prints it; it never fails a run)."""

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import pytest

PACK = Path(__file__).resolve().parent.parent
NOTEBOOK = PACK / "notebooks" / "since_2022.ipynb"


def _pack_conftest():
    spec = importlib.util.spec_from_file_location("pack_conftest", PACK / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CONFTEST = _pack_conftest()


def _notebook():
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def test_last_checked_is_visible_and_in_the_metadata():
    nb = _notebook()
    checked = dt.date.fromisoformat(nb["metadata"]["lessonkit"]["last_checked"])
    first = "".join(nb["cells"][0]["source"])
    day = f"{checked.day} {checked:%B %Y}"
    assert f"Last checked: {day}" in first, f"the first cell should say 'Last checked: {day}'"


def test_kernel_and_no_outputs_to_go_stale():
    nb = _notebook()
    spec = nb["metadata"]["kernelspec"]
    assert (spec["name"], spec["display_name"]) == ("python3", "Python 3 (ipykernel)")
    assert all(c["cell_type"] == "markdown" for c in nb["cells"]), "keep this page Markdown only"


def test_every_fact_is_dated_and_linked():
    """Each bullet of 'The same places, again' starts with a place and a date and ends with
    a link to its source."""
    section = next("".join(c["source"]) for c in _notebook()["cells"]
                   if "".join(c["source"]).startswith("## The same places"))
    bullets = [line for line in section.splitlines() if line.startswith("- ")]
    assert len(bullets) >= 3
    for bullet in bullets:
        assert re.search(r"\b(19|20)\d\d\b", bullet), f"no year in: {bullet[:60]}"
        assert re.search(r"\]\(https://[^)]+\)\)$", bullet), \
            f"no source link at the end of: {bullet[:60]}"


def test_says_how_to_find_out_today():
    text = "\n".join("".join(c["source"]) for c in _notebook()["cells"])
    assert "happening now" in text and "BBC" in text


@pytest.mark.parametrize("today, due", [(dt.date(2027, 12, 2), False),
                                        (dt.date(2027, 12, 3), True),
                                        (dt.date(2026, 12, 2), False)])
def test_reminder_once_more_than_a_year_old(tmp_path, today, due):
    path = tmp_path / "since_2022.ipynb"
    path.write_text(json.dumps({"metadata": {"lessonkit": {"last_checked": "2026-12-02"}}}))
    line = CONFTEST.since_2022_reminder(today, path)
    if due:
        assert line and "\n" not in line and "02 December 2026" in line
    else:
        assert line is None


@pytest.mark.parametrize("content", [None, "not json", "{}",
                                     '{"metadata": {"lessonkit": {"last_checked": "soon"}}}'])
def test_reminder_never_raises(tmp_path, content):
    path = tmp_path / "since_2022.ipynb"
    if content is not None:
        path.write_text(content)
    assert CONFTEST.since_2022_reminder(dt.date(2030, 1, 1), path) is None


def test_hook_prints_one_line_when_due(monkeypatch):
    lines = []

    class Reporter:
        def write_line(self, line):
            lines.append(line)

    monkeypatch.setattr(CONFTEST, "since_2022_reminder", lambda: "Reminder: review it.")
    CONFTEST.pytest_terminal_summary(Reporter())
    monkeypatch.setattr(CONFTEST, "since_2022_reminder", lambda: None)
    CONFTEST.pytest_terminal_summary(Reporter())
    assert lines == ["Reminder: review it."]


def test_the_real_notebook_gives_no_reminder_yet():
    checked = dt.date.fromisoformat(_notebook()["metadata"]["lessonkit"]["last_checked"])
    assert CONFTEST.since_2022_reminder(checked + dt.timedelta(days=30)) is None
