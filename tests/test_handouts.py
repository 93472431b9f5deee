"""The HTML handouts: one standalone page per notebook, maps embedded, nothing fetched online;
and one printable worksheet per lesson, checked on the pack's notebooks and on a made-up
lesson in the notebooks' conventions (tests/example_lesson.py)."""

import base64
import html
import re

import nbformat
import pytest
from bs4 import BeautifulSoup
from example_lesson import MAP_DESCRIPTION, PLACEHOLDER, example_lesson, write_example_lesson

from lessonkit import handouts, notebook_parts, worksheets

NOTEBOOKS = sorted(handouts.NOTEBOOK_DIR.glob("*.ipynb"))
LESSONS = [p for p in NOTEBOOKS if worksheets.is_lesson(p)]


@pytest.fixture(scope="module")
def worksheet_pages(written):
    return {p.stem: p for p in written if p.parent.name == "worksheets"}


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no notebooks"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_handout_is_standalone(pages, notebook):
    page = pages.get(notebook.stem)
    assert page is not None and page.is_file(), f"no handout written for {notebook.name}"
    body = page.read_text(encoding="utf-8")
    assert "data:image/png;base64," in body, "no embedded map image"
    title = handouts.notebook_title(nbformat.read(notebook, as_version=4))
    assert title, f"{notebook.name} has no '# ' title"
    text = html.unescape(re.sub(r"<[^>]+>", "", body))
    assert title in text, f"the title {title!r} is not on the page"
    assert not re.search(r"<script[^>]*\bsrc\s*=\s*[\"']?https?:", body, re.I), \
        "the page loads a script from the internet"
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?https?:", body, re.I), \
        "the page loads a stylesheet from the internet"


def test_missing_notebook_gives_clear_message(tmp_path, capsys):
    assert handouts.main(["--out", str(tmp_path), "99_no_such_notebook"]) == 1
    assert "Notebook not found" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_command_prints_one_line_per_page(tmp_path, capsys):
    assert handouts.main(["--out", str(tmp_path), "00_start_here"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"wrote {tmp_path / '00_start_here.html'}",
                     f"wrote {tmp_path / 'worksheets' / '00_start_here.html'}"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_images_are_described_and_links_lead_to_pages(pages, notebook):
    """Each image's alt text is the figure description under it; a link to a notebook
    leads to its handout page, and every other relative link still finds its file."""
    page = pages[notebook.stem]
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), features="html.parser")
    described = handouts.figure_descriptions(nbformat.read(notebook, as_version=4))
    for img in soup.find_all("img"):
        assert img.get("alt") in described.values(), f"alt text {img.get('alt')!r}"
    for link in soup.find_all("a", href=True):
        href = link["href"]
        if href.startswith("#") or "://" in href:
            continue
        assert not href.split("#")[0].endswith(".ipynb"), f"link to a notebook file: {href}"
        assert (page.parent / href.split("#")[0]).exists(), f"broken link {href}"
    assert "widget-state" not in str(soup), "the live slider's state is of no use on paper"


def test_read_only_pack_writes_to_current_folder(tmp_path, monkeypatch, capsys):
    # A path under a plain file cannot be created, even by root: the pack counts as read-only.
    (tmp_path / "pack").write_text("not a folder")
    monkeypatch.setattr(handouts, "DEFAULT_OUT", tmp_path / "pack" / "handouts")
    monkeypatch.chdir(tmp_path)
    assert handouts.main(["00_start_here"]) == 0
    out = capsys.readouterr().out
    assert "read-only, so the handouts go to" in out and str(tmp_path / "handouts") in out
    assert (tmp_path / "handouts" / "00_start_here.html").is_file()


def test_unwritable_out_folder_is_explained(tmp_path, capsys):
    (tmp_path / "file").write_text("not a folder")
    assert handouts.main(["--out", str(tmp_path / "file" / "handouts"), "00_start_here"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Could not make the handouts. Cannot write to ")
    assert "--out" in err and "Traceback" not in err


# Worksheets: one A4 page per lesson notebook (printing is tested in tests/browser/).

def soup_of(page_html: str) -> BeautifulSoup:
    return BeautifulSoup(page_html, features="html.parser")


def assert_offline(page_html: str) -> None:
    assert "<script" not in page_html, "a worksheet needs no script"
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page_html, re.I), \
        "the worksheet loads something from the internet"


def test_every_lesson_has_a_worksheet_and_nothing_else_does(worksheet_pages, tmp_path):
    assert sorted(worksheet_pages) == [p.stem for p in LESSONS]
    extra = tmp_path / "since_2022.ipynb"
    extra.write_text(nbformat.writes(example_lesson()), encoding="utf-8")
    assert not worksheets.is_lesson(extra)
    assert [p.name for p in handouts.build(tmp_path / "out", [extra])] == ["since_2022.html"]


@pytest.mark.parametrize("notebook", LESSONS, ids=lambda p: p.stem)
def test_worksheet_of_each_lesson(worksheet_pages, notebook):
    """Title, lesson number, every question of the notebook with an answer box, the key
    words, and the main map with its figure description as alt text; nothing online."""
    nb = nbformat.read(notebook, as_version=4)
    body = worksheet_pages[notebook.stem].read_text(encoding="utf-8")
    assert_offline(body)
    soup = soup_of(body)
    title = re.sub(r"^\d\d\s*·\s*", "", notebook_parts.notebook_title(nb))
    assert soup.h1.get_text() == title
    assert f"Lesson {worksheets.lesson_number(notebook)}" in soup.get_text()
    asked = notebook_parts.questions(nb)
    shown = soup.select(".q")
    assert [q.h3.get_text().split(" ★")[0] for q in shown] == \
        [q.label for q in asked][:len(shown)]
    assert all(q.select(".box .rule") for q in shown), "a question without an answer box"
    assert len(soup.select(".words li")) == len(notebook_parts.key_words(nb))
    png, description = notebook_parts.main_map(nb)
    img = soup.select_one(".map img")
    assert img["src"] == f"data:image/png;base64,{png}"
    assert img["alt"] == description and description, "the map needs its figure description"
    aspect = worksheets._png_size(png)[0] / worksheets._png_size(png)[1]
    core = [q for q in asked if not q.extension]
    assert worksheets.plan(title, notebook_parts.key_words(nb), aspect, core, [])[3], \
        "the core questions do not fit on one page"


def test_worksheet_of_a_lesson_in_the_new_conventions(tmp_path):
    """The made-up lesson: key words, the map tagged 'worksheet-map' (not the first figure),
    ★ levels, Discuss and Write prompts, no keyboard instructions, no placeholder."""
    body = worksheets.render(write_example_lesson(tmp_path))
    assert_offline(body)
    soup = soup_of(body)
    text = " ".join(soup.get_text().split())
    assert soup.h1.get_text() == "Rivers and roads: why towns grow where they do"
    assert "Lesson 8 · worksheet · notebook 07_rivers_and_roads" in text
    assert [li.get_text() for li in soup.select(".words li")][:2] == [
        "river: a large stream of water that flows to the sea", "bridge: a way across a river"]
    img = soup.select_one(".map img")
    assert img["alt"] == MAP_DESCRIPTION
    tagged = example_lesson().cells[6]
    assert img["src"].endswith(tagged.outputs[0]["data"]["image/png"])
    labels = [" ".join(q.h3.get_text().split()) for q in soup.select(".q")]
    assert labels[:4] == ["Exercise 1 ★(support)", "Exercise 2 ★★(core)", "Exercise 3 ★★(core)",
                          "Discuss with a partner (3 minutes)"]
    assert "Exercise 5 ★★★(challenge)" in labels and "Write" in labels
    assert "Which river runs between the towns?" in text
    assert "Why might a town grow beside a bridge?" in text
    assert "Which would you defend, the bridge or the junction, and why?" in text
    for keyboard in ("Shift+Enter", "quotes", "Double-click", PLACEHOLDER[:20], "..."):
        assert keyboard not in text
    rules = {q["class"][1]: len(q.select(".rule")) for q in soup.select(".q")}
    assert rules == {"exercise": 1, "discuss": 1, "write": 4}


def test_extension_questions_follow_the_core_while_they_fit(tmp_path):
    """A light lesson prints its extension questions under their own heading; a full one
    leaves them out and says how many are in the notebook."""
    light = soup_of(worksheets.render(write_example_lesson(tmp_path, short=True)))
    heading = light.select_one("h2.extension")
    assert heading is not None and "Extension" in heading.get_text()
    after = [q.h3.get_text() for q in heading.find_next("div", class_="grid").select(".q")]
    assert after[0].startswith("Exercise 4") and "Write" in after
    assert not light.select(".more")
    full = soup_of(worksheets.render(write_example_lesson(tmp_path, extension_exercises=8)))
    assert full.select_one("h2.extension") is None
    assert full.select_one(".more").get_text() == "9 extension questions are in the notebook."
    assert all("Extension task" not in q.get_text() for q in full.select(".q"))


def test_a_lesson_with_many_questions_gets_a_compact_page(tmp_path):
    """Eleven core questions: 10 pt, three to a row, key words without their meanings,
    three lines for a written answer; every core question still printed."""
    nb = example_lesson(more_core=1)
    core = [q for q in notebook_parts.questions(nb) if not q.extension]
    path = tmp_path / "07_crowded.ipynb"
    nbformat.write(nb, path)
    soup = soup_of(worksheets.render(path))
    assert soup.body["class"] == ["compact"]
    assert [li.get_text() for li in soup.select(".words li")] == [
        "river", "bridge", "scale bar", "junction", "compass direction"]
    assert len(soup.select(".q")) == len(core)
    assert {len(q.select(".rule")) for q in soup.select(".q.write")} == {3}
    normal = soup_of(worksheets.render(write_example_lesson(tmp_path)))
    assert normal.body["class"] == ["normal"]


def test_question_and_key_word_parsing():
    nb = example_lesson(extension_exercises=1)
    asked = notebook_parts.questions(nb)
    assert [(q.kind, q.stars, q.extension) for q in asked] == [
        ("exercise", 1, False), ("exercise", 2, False), ("exercise", 2, False),
        ("discuss", 0, False), ("exercise", 2, False), ("exercise", 3, False),
        ("write", 0, False), ("discuss", 0, False), ("exercise", 2, False),
        ("exercise", 3, True), ("write", 0, True)]
    assert asked[6].text == ("Which would you defend, the bridge or the junction, and why? "
                             "Give one reason from the map.")
    assert notebook_parts.key_words(nb)[-1] == "**compass direction**: north, south, east or west"


def test_exercise_heading_alone_takes_its_prompt_from_the_next_cell():
    nb = example_lesson()
    nb.cells[8:9] = [nbformat.v4.new_markdown_cell("### Exercise 1 ★ (practice)"),
                     nbformat.v4.new_markdown_cell("Which river runs between the towns?")]
    first = notebook_parts.questions(nb)[0]
    assert (first.label, first.stars, first.text) == (
        "Exercise 1 (practice)", 1, "Which river runs between the towns?")


def test_worksheet_without_map_or_key_words(tmp_path):
    nb = example_lesson()
    nb.cells = [c for c in nb.cells if not c.get("outputs") and "Key words" not in c.source]
    path = tmp_path / "07_plain.ipynb"
    nbformat.write(nb, path)
    soup = soup_of(worksheets.render(path))
    assert not soup.select("img") and not soup.select(".words")
    core = [q for q in notebook_parts.questions(nb) if not q.extension]
    assert len(soup.select(".q")) > len(core), "no map: room for extension questions"


def test_without_a_tagged_map_the_first_figure_is_printed():
    nb = example_lesson()
    nb.cells[6].metadata["tags"] = []
    png, description = notebook_parts.main_map(nb)
    assert png == nb.cells[4].outputs[0]["data"]["image/png"]
    assert description == "A chart, which is not the lesson's map."


@pytest.mark.parametrize("prompt, printed", [
    ("What is 6 × 7? Replace `...` with the number, **without quotes**, then press "
     "Shift+Enter.", "What is 6 × 7?"),
    ("What percentage is it? Give it to **one decimal place**. (Hint: `reference[\"Ukraine\"]`.)",
     "What percentage is it? Give it to **one decimal place**."),
    ("On which date was it retaken? Write it as `\"YYYY-MM-DD\"`.",
     "On which date was it retaken? Write it as `\"YYYY-MM-DD\"`."),
    ("Can it be checked? Answer `'yes'` or `'no'`.",
     "Can it be checked? Answer `'yes'` or `'no'`."),
    ("Press Shift+Enter.", "Press Shift+Enter."),     # nothing left: keep it all
])
def test_prompts_for_paper(prompt, printed):
    assert worksheets.for_paper(prompt) == printed


def test_png_size_is_read_from_the_header():
    png = base64.b64decode(example_lesson().cells[6].outputs[0]["data"]["image/png"])
    assert worksheets._png_size(base64.b64encode(png).decode()) == (700, 500)
