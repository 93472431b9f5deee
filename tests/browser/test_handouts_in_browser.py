"""The handouts in Chromium with the network cut: nothing leaves the page, every map shows,
axe-core finds no serious or critical accessibility problem, and printed on A4 the code wraps
and every figure spans the page."""

from __future__ import annotations

import base64
import collections
import io
from pathlib import Path

import nbformat
import pytest
from kit import AXE, REQUIRED, guarded_context
from PIL import Image

from lessonkit import handouts

NOTEBOOKS = sorted(handouts.NOTEBOOK_DIR.glob("*.ipynb"))
A4_PRINTABLE_PX = round((210 - 2 * 12) / 25.4 * 96)    # A4 less the handout's 12 mm margins


def stored_pictures(notebook: Path) -> list[float]:
    """The dots per inch of each picture stored in the notebook, in order."""
    found = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            if png:
                dpi = Image.open(io.BytesIO(base64.b64decode(png))).info.get("dpi", (72, 72))
                found.append(float(dpi[0]))
    return found


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    return {p.stem: p for p in handouts.build(out)}


@pytest.fixture(scope="module")
def offline_context(browser):
    """A context whose pages may load file:// and nothing else (aborted and counted)."""
    yield from guarded_context(browser, ("file://",))


@pytest.fixture
def page(offline_context):
    page = offline_context.new_page()
    try:
        yield page
    finally:
        page.close()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_map_shows(pages, page, notebook):
    page.goto(pages[notebook.stem].as_uri(), wait_until="load")
    images = page.evaluate("() => [...document.images].map(i => i.naturalWidth)")
    assert len(images) == len(stored_pictures(notebook)), "a stored picture is missing"
    assert all(width > 0 for width in images), f"pictures that did not load: {images}"


# Without axe-core (npm) these checks are left out, and conftest says so in one line.
if AXE.is_file() or REQUIRED:
    @pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
    def test_axe_finds_no_serious_problem(pages, page, notebook, results):
        if not AXE.is_file():
            pytest.fail(f"axe-core is missing ({AXE}): npm ci --prefix tests/browser")
        page.goto(pages[notebook.stem].as_uri(), wait_until="load")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("async () => (await axe.run(document)).violations")
        by_impact = collections.Counter(v["impact"] for v in violations)
        results.record(f"handout {notebook.stem}: axe-core violations by impact",
                       dict(by_impact) or "none")
        serious = [f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. "
                   f"{v['nodes'][0]['target']})" for v in violations
                   if v["impact"] in ("serious", "critical")]
        assert not serious, "\n".join(serious)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_printed_on_a4(pages, page, notebook, results):
    """Printed, no code line is cut and every figure is as wide as the paper (so its credits
    print as large as they can); how much each figure's text shrinks on paper is recorded."""
    page.set_viewport_size({"width": A4_PRINTABLE_PX, "height": 1000})
    page.emulate_media(media="print")
    page.goto(pages[notebook.stem].as_uri(), wait_until="load")
    layout = page.evaluate("""() => ({
        cut: [...document.querySelectorAll('pre')]
               .filter(e => e.scrollWidth > e.clientWidth + 1)
               .map(e => e.textContent.split('\\n')[0]),
        images: [...document.images].map(i => [i.naturalWidth, i.getBoundingClientRect().width]),
        pageWidth: document.documentElement.scrollWidth})""")
    assert not layout["cut"], f"printed code lines cut at the edge: {layout['cut']}"
    assert layout["pageWidth"] <= A4_PRINTABLE_PX, "the printed page is wider than the paper"
    widths = [round(shown) for _, shown in layout["images"]]
    assert all(w == A4_PRINTABLE_PX for w in widths), f"figures not at full width: {widths}"
    # A text of s pt in a figure saved at d dpi, shown n px wide of its N, prints at
    # s * d/96 * n/N pt (96 CSS px to the inch): record that scale for every figure.
    scale = [dpi / 96 * shown / natural
             for dpi, (natural, shown) in zip(stored_pictures(notebook), layout["images"])]
    if scale:
        results.record(f"handout {notebook.stem}: printed pt per figure pt on A4",
                       [round(x, 2) for x in scale])


def test_no_request_left_the_handouts(offline_context, results):
    """Runs last in this file: the handouts asked for nothing but their own file."""
    blocked = offline_context.offline_guard.blocked
    results.record("handouts: requests blocked (not file://)", len(blocked))
    assert not blocked, "the handouts tried to load:\n" + "\n".join(sorted(set(blocked)))
