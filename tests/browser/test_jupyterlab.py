"""Each notebook in JupyterLab, as a teacher uses it on a 1280x720 projector.

"Not marked as changed" is checked in two parts, because JupyterLab marks a notebook as
changed (the dot on its tab) as soon as any cell runs, whatever the result:
  * after opening, once the kernel is idle, the notebook is not marked as changed, and
  * after Kernel -> Restart Kernel and Run All Cells, the notebook the browser holds equals
    the stored file: the same metadata (kernelspec included) and, cell by cell, the same
    source, execution count and outputs. Pictures may differ in a few anti-aliased pixels
    (at most 0.1 %: 01's projection maps come out with one pixel changed), and the id of the
    live slider's widget is new in every run. So saving after a run changes nothing a
    reader of the file would see.
"""

from __future__ import annotations

import base64
import io
import statistics
import time

import nbformat
import numpy as np
import pytest
from kit import PACK, NotebookPage, pack_files
from PIL import Image

# The lessons (the "What has happened since" page has no code to run; its handout is tested).
NOTEBOOKS = sorted((PACK / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NAMES = [p.stem for p in NOTEBOOKS]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


def stored(name: str):
    return nbformat.read(PACK / "notebooks" / f"{name}.ipynb", as_version=4)


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


SAME_PICTURE = 0.001        # share of pixels that may differ in a re-drawn picture


def comparable(nb: dict) -> dict:
    """What a reader of the notebook file sees, in a form that compares equal across runs."""
    def output(o):
        data = {mime: ("<live widget>" if mime == WIDGET_VIEW else _text(v).strip())
                for mime, v in o.get("data", {}).items()}
        return {"type": o["output_type"], "name": o.get("name"),
                "text": _text(o.get("text", "")), "data": data}
    cells = [{"type": c["cell_type"], "source": _text(c["source"]),
              "count": c.get("execution_count"),
              "outputs": [output(o) for o in c.get("outputs", [])]} for c in nb["cells"]]
    return {"metadata": dict(nb["metadata"]), "cells": cells}


def expected_images(cell) -> int:
    """Pictures a stored code cell shows: image outputs, and the slider's map."""
    return sum(1 for o in cell.get("outputs", [])
               if any(m.startswith("image/") or m == WIDGET_VIEW for m in o.get("data", {})))


def feedback_problems(outputs: list[dict]) -> list[str]:
    problems = []
    for o in outputs:
        if o["output_type"] == "error":
            problems.append(f"error {o['ename']}: {o['evalue']}")
        elif o["output_type"] == "stream" and o["name"] == "stderr":
            problems.append(f"stderr: {_text(o['text'])[:300]}")
    return problems


@pytest.fixture(scope="module")
def notebook(lab_context, lab_server, results):
    """Opens a notebook in its own tab and runs it from the menu, once per test module."""
    opened: dict[str, NotebookPage | BaseException] = {}

    def get(name: str) -> NotebookPage:
        if name not in opened:
            try:
                page = NotebookPage(lab_context, lab_server, f"notebooks/{name}.ipynb")
                page.page.wait_for_timeout(1000)      # let JupyterLab settle kernel metadata
                page.dirty_after_open = page.dirty()
                page.run_seconds = page.restart_and_run_all()
                results.record(f"{name} restart-and-run-all (s)", round(page.run_seconds, 2))
                opened[name] = page
            except Exception as problem:            # noqa: BLE001 - reported by each test
                opened[name] = problem
        if isinstance(opened[name], BaseException):
            raise opened[name]
        # The tab in front, as on the teacher's screen (a background tab's timers and
        # animation frames are slowed down, which would slow every redraw).
        opened[name].page.bring_to_front()
        return opened[name]

    yield get
    for page in opened.values():
        if isinstance(page, NotebookPage):
            page.close()
    lab_server.shut_down_kernels()


@pytest.mark.parametrize("name", NAMES)
def test_opening_does_not_mark_changed(notebook, name):
    assert notebook(name).dirty_after_open == {"model": False, "tab": False}, \
        f"{name} shows as changed as soon as it is opened"


@pytest.mark.parametrize("name", NAMES)
def test_run_all_shows_no_error(notebook, name):
    nb = notebook(name)
    problems = [f"cell {i}: {p}" for i, cell in enumerate(nb.model()["cells"])
                for p in feedback_problems(cell.get("outputs", []))]
    assert not problems, "\n".join(problems)
    assert nb.page.locator(ERROR_OUTPUT).count() == 0, "a red error box is on screen"


@pytest.mark.parametrize("name", NAMES)
def test_every_figure_is_shown(notebook, name):
    nb = notebook(name)
    missing = []
    for i, cell in enumerate(stored(name).cells):
        want = expected_images(cell)
        if cell.cell_type == "code" and want:
            shown = [img for img in nb.images(i) if img["loaded"] and img["shownWidth"] > 0]
            if len(shown) != want:
                missing.append(f"cell {i}: {len(shown)} of {want} picture(s) shown")
    assert not missing, "\n".join(missing)


def _difference(now: dict, before: dict) -> str:
    """What differs between two comparable cells, in words."""
    if now["outputs"] == before["outputs"]:
        return ", ".join(k for k in before if now[k] != before[k])
    if len(now["outputs"]) != len(before["outputs"]):
        return f"{len(now['outputs'])} outputs instead of {len(before['outputs'])}"
    told = []
    for a, b in zip(now["outputs"], before["outputs"]):
        for key in ("type", "name", "text"):
            if a[key] != b[key]:
                told.append(f"{key} {a[key]!r:.80} instead of {b[key]!r:.80}")
        for mime in sorted(set(a["data"]) | set(b["data"])):
            new, old = a["data"].get(mime), b["data"].get(mime)
            if new != old and mime.startswith("image/") and new and old:
                problem = _pixels_differ(new, old)
                told += [f"{mime}: {problem}"] if problem else []
            elif new != old:
                told.append(f"{mime}: {new!r:.80} instead of {old!r:.80}")
    return "; ".join(told)


def _pixels_differ(new_b64: str, old_b64: str) -> str:
    """'' if two PNGs show the same picture (SAME_PICTURE), else how they differ."""
    new, old = (Image.open(io.BytesIO(base64.b64decode(b))).convert("RGB")
                for b in (new_b64, old_b64))
    if new.size != old.size:
        return f"{new.size[0]}x{new.size[1]} px instead of {old.size[0]}x{old.size[1]}"
    changed = int((np.asarray(new) != np.asarray(old)).any(axis=2).sum())
    total = new.size[0] * new.size[1]
    return "" if changed <= SAME_PICTURE * total else f"{changed} of {total} pixels differ"


@pytest.mark.parametrize("name", NAMES)
def test_run_gives_back_the_stored_notebook(notebook, name):
    now, before = comparable(notebook(name).model()), comparable(stored(name))
    assert now["metadata"] == before["metadata"], "JupyterLab changed the notebook metadata"
    assert len(now["cells"]) == len(before["cells"]), "the number of cells changed"
    differ = [f"cell {i}: {told}" for i, (a, b) in enumerate(zip(now["cells"], before["cells"]))
              if a != b and (told := _difference(a, b))]
    assert not differ, ("after Restart and Run All the notebook differs from the stored "
                        "file:\n" + "\n".join(differ))


def test_00_table_link_opens_01(notebook):
    nb = notebook("00_start_here")
    link = nb.page.locator(".jp-RenderedMarkdown table a", has_text="01 · The geography")
    assert link.count() == 1, "00's table of notebooks should link to 01 once"
    link.scroll_into_view_if_needed()
    link.click()
    nb.page.wait_for_function(
        "() => jupyterapp.shell.currentWidget?.context?.path === 'notebooks/01_geography.ipynb'",
        timeout=30_000)
    tab = nb.page.locator(".lm-TabBar-tab.lm-mod-current", has_text="01_geography.ipynb")
    assert tab.count() >= 1, "the tab of 01 is not the current one"
    nb.page.locator(".jp-NotebookPanel:visible h1", has_text="01 · The geography").first \
        .wait_for(timeout=30_000)


def _answer(nb: NotebookPage, index: int, line: str) -> tuple[str, list[str]]:
    """Type a new `answer = ...` line into the cell, as a student does, run it with
    Shift+Enter and return the feedback on screen and any error output."""
    before = nb.js("([p, i]) => packTest.panel(p).content.model.cells.get(i).executionCount",
                   nb.path, index)
    cell = nb.cell(index)
    lines = cell.query_selector_all(".cm-line")
    answer_lines = [x for x in lines if x.inner_text().startswith("answer")]
    (answer_lines or lines)[0].click()
    nb.page.keyboard.press("Home")
    nb.page.keyboard.press("Shift+End")
    nb.page.keyboard.type(line)
    nb.page.keyboard.press("Shift+Enter")
    nb.page.wait_for_function(
        """([p, i, before]) => {
             const n = packTest.panel(p).content.model.cells.get(i).executionCount;
             return n !== null && n !== before && packTest.finished(p);
           }""", arg=[nb.path, index, before], timeout=30_000)
    outputs = nb.model()["cells"][index]["outputs"]
    shown = "\n".join(o.inner_text().strip()
                      for o in cell.query_selector_all(".jp-OutputArea-output"))
    problems = feedback_problems(outputs) + (
        ["a red error box"] if cell.query_selector(ERROR_OUTPUT) else [])
    return shown, problems


def test_01_student_reads_friendly_feedback(notebook):
    nb = notebook("01_geography")
    index = next(i for i, c in enumerate(stored("01_geography").cells)
                 if c.cell_type == "code" and 'check("01-river", answer)' in c.source)
    shown, problems = _answer(nb, index, 'answer = "Donets"')
    assert shown.startswith("❌") and "Donets" in shown and not problems, (shown, problems)
    shown, problems = _answer(nb, index, 'answer = "Oskil"')
    assert shown.startswith("✅") and not problems, (shown, problems)
    shown, problems = _answer(nb, index, "answer = Oskil")
    assert 'answer = "Oskil"' in shown and "quote" in shown.lower() and not problems, \
        ("a name without quotes should get a friendly sentence with the quote advice, "
         f"not a red NameError; on screen: {shown[:300]!r}, problems: {problems}")


def _slider_cell(nb: NotebookPage) -> int:
    return nb.js("""([p]) => packTest.panel(p).content.widgets.findIndex(
                      w => w.node.querySelector('.jupyter-widgets [role=slider]'))""", nb.path)


def test_02_slider_moves_the_map(notebook, results):
    nb = notebook("02_counter_offensive")
    index = _slider_cell(nb)
    assert index >= 0, "no slider is drawn in 02"
    cell = nb.cell(index)
    assert "interactive(children" not in cell.inner_text(), "the slider shows as raw text"
    handle = cell.query_selector("[role=slider]")
    assert handle.is_visible()

    def map_src():
        return nb.js("""([p, i]) => {
            const imgs = [...packTest.cellNode(p, i).querySelectorAll('.jp-OutputArea img')];
            const img = imgs[imgs.length - 1];
            return img && img.complete && img.naturalWidth > 0 ? img.src : null; }""",
                     nb.path, index)

    def map_picture() -> bytes:
        """The map as shown on screen (its src may be a new blob: address every time)."""
        return cell.query_selector_all(".jp-OutputArea img")[-1].screenshot()

    def readout():
        return cell.query_selector(".widget-readout").inner_text().strip()

    assert map_src(), "the slider's map is not shown"
    seen = {readout(): map_picture()}
    timings = []
    for key in ["ArrowRight", "ArrowRight", "ArrowRight", "End", "Home"]:
        previous_src, previous_picture = map_src(), map_picture()
        handle.focus()
        start = time.perf_counter()
        nb.page.keyboard.press(key)
        nb.page.wait_for_function(
            """([p, i, old]) => {
                 const imgs = [...packTest.cellNode(p, i).querySelectorAll('.jp-OutputArea img')];
                 const img = imgs[imgs.length - 1];
                 return img && img.src !== old && img.complete && img.naturalWidth > 0; }""",
            arg=[nb.path, index, previous_src], timeout=30_000, polling="raf")
        timings.append(time.perf_counter() - start)
        nb.wait_idle()
        seen[readout()] = map_picture()
        assert seen[readout()] != previous_picture, f"moving to {readout()} left the map as it was"
    assert len(seen) >= 3, f"the slider should reach three dates or more: {list(seen)}"
    assert len(set(seen.values())) == len(seen), "two dates drew the same map"
    median = statistics.median(timings)
    results.record("slider redraw in the browser, median of 5 steps (s)", round(median, 3))
    results.record("slider redraw steps (s)", [round(t, 3) for t in timings])
    assert median < 5, f"the map takes {median:.1f} s to redraw"


def test_02_slider_and_map_fit_on_a_projector(notebook, results):
    """Scrolled so the slider is at the top, the whole map is on screen too (the screen as
    seen is saved beside browser-results.json)."""
    nb = notebook("02_counter_offensive")
    index = _slider_cell(nb)
    gap = nb.js("""([p, i]) => {
        const node = packTest.cellNode(p, i);
        const slider = node.querySelector('[role=slider]');
        const imgs = [...node.querySelectorAll('.jp-OutputArea img')];
        slider.scrollIntoView({block: 'start'});
        const view = node.closest('.jp-WindowedPanel-outer') || document.documentElement;
        return view.getBoundingClientRect().bottom
               - imgs[imgs.length - 1].getBoundingClientRect().bottom; }""", nb.path, index)
    nb.page.screenshot(path=results.path.with_name("02_slider_at_1280x720.png"))
    assert gap >= 0, f"with the slider at the top of the screen, {-gap:.0f} px of map are cut off"


def test_browser_reached_only_the_server(lab_context, results):
    """Runs last in this file: nothing the pages asked for left the machine."""
    blocked = lab_context.offline_guard.blocked
    results.record("JupyterLab: requests blocked (not to the local server)", len(blocked))
    assert not blocked, "JupyterLab pages tried to reach:\n" + "\n".join(sorted(set(blocked)))


def test_pack_folder_untouched(notebook, lab_server):
    """Opening, running and answering in JupyterLab wrote nothing into the pack (no saved
    notebook, no .ipynb_checkpoints)."""
    after = pack_files()
    changed = sorted(k for k in set(after) | set(lab_server.pack_before)
                     if after.get(k) != lab_server.pack_before.get(k))
    assert not changed, f"files written into the pack: {changed}"
