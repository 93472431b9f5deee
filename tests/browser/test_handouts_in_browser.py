"""The handouts and worksheets in Chromium with the network cut: nothing leaves the page,
every map shows, axe-core finds no serious or critical accessibility problem, printed on A4
the code wraps and every figure spans the page, and each worksheet prints on one A4 page
(the pack's lessons, and a made-up lesson in their conventions: full, short and crowded)."""

from __future__ import annotations

import base64
import collections
import io
import re
from pathlib import Path

import nbformat
import pytest
from example_lesson import write_example_lesson
from kit import AXE, REQUIRED, guarded_context
from PIL import Image

from lessonkit import handouts, worksheets

NOTEBOOKS = sorted(handouts.NOTEBOOK_DIR.glob("*.ipynb"))
A4_PRINTABLE_PX = round((210 - 2 * 12) / 25.4 * 96)    # A4 less the handout's 12 mm margins
WORKSHEETS = [p.stem for p in NOTEBOOKS if worksheets.is_lesson(p)] + [
    "example_full", "example_short", "example_crowded"]


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
def worksheet_pages(written, tmp_path_factory):
    """The pack's worksheets, and the made-up lesson's: full (its extension questions left
    out), short (they fit) and crowded (eleven core questions: a compact page)."""
    found = {p.stem: p for p in written if p.parent.name == "worksheets"}
    for name, options in (("example_full", {}), ("example_short", {"short": True}),
                          ("example_crowded", {"more_core": 1})):
        folder = tmp_path_factory.mktemp(name)
        found[name] = folder / f"{name}.html"
        found[name].write_text(worksheets.render(write_example_lesson(folder, **options)),
                               encoding="utf-8")
    return found


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
    def axe_violations(page, url: str, name: str, results) -> list[str]:
        """Serious and critical axe-core findings on a page (all findings are recorded)."""
        if not AXE.is_file():
            pytest.fail(f"axe-core is missing ({AXE}): npm ci --prefix tests/browser")
        page.goto(url, wait_until="load")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("async () => (await axe.run(document)).violations")
        by_impact = collections.Counter(v["impact"] for v in violations)
        results.record(f"{name}: axe-core violations by impact", dict(by_impact) or "none")
        return [f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. "
                f"{v['nodes'][0]['target']})" for v in violations
                if v["impact"] in ("serious", "critical")]

    @pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
    def test_axe_finds_no_serious_problem(pages, page, notebook, results):
        serious = axe_violations(page, pages[notebook.stem].as_uri(),
                                 f"handout {notebook.stem}", results)
        assert not serious, "\n".join(serious)

    @pytest.mark.parametrize("name", WORKSHEETS)
    def test_axe_finds_no_problem_on_worksheets(worksheet_pages, page, name, results):
        serious = axe_violations(page, worksheet_pages[name].as_uri(), f"worksheet {name}",
                                 results)
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


@pytest.mark.parametrize("name", WORKSHEETS)
def test_worksheet_prints_on_one_a4_page(worksheet_pages, page, name, results,
                                         tmp_path_factory):
    """Printed to PDF as a browser prints it (A4 portrait, the page's own margins): one
    page, the map shown, and answer boxes tall enough to write in (a line of 8 mm or more)."""
    page.emulate_media(media="print")
    page.goto(worksheet_pages[name].as_uri(), wait_until="load")
    shown = page.evaluate("""() => ({
        map: [...document.images].map(i => i.naturalWidth > 0 && !!i.alt),
        rules: [...document.querySelectorAll('.rule')]
                 .map(r => r.getBoundingClientRect().height * 25.4 / 96)})""")
    assert shown["map"] in ([], [True]), "the map did not load, or has no alt text"
    assert shown["rules"] and min(shown["rules"]) >= 8, f"answer lines: {shown['rules']}"
    pdf = tmp_path_factory.mktemp("worksheet-pdf") / f"{name}.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    printed = pdf.read_bytes()
    sheets = len(re.findall(rb"/Type\s*/Page\b(?!s)", printed))
    results.record(f"worksheet {name}: printed A4 pages", f"{sheets} ({pdf})")
    assert re.search(rb"/MediaBox \[0 0 594\.9\d* 841\.9\d*\]", printed), \
        "not printed on A4 portrait (595 x 842 pt)"
    assert sheets == 1, f"the worksheet prints on {sheets} pages, not 1"


def test_no_request_left_the_handouts(offline_context, results):
    """Runs last in this file: the handouts and worksheets asked for nothing but their own
    file."""
    blocked = offline_context.offline_guard.blocked
    results.record("handouts: requests blocked (not file://)", len(blocked))
    assert not blocked, "the handouts tried to load:\n" + "\n".join(sorted(set(blocked)))
