"""Worksheets: one printable A4 page per lesson, with answer boxes for handwriting.

Made by ``python -m lessonkit.handouts`` beside the handouts (``handouts/worksheets/``), one
page for every lesson notebook (``notebooks/NN_*.ipynb``). The page holds the lesson's title
and number, a line for the name and the date, the key words, the lesson's main map (with its
figure description as alt text) and every question of the notebook with a box to answer in:
each exercise with its level (★ support, ★★ core, ★★★ challenge), each Discuss prompt (a
line for one idea from the talk) and each Write prompt (four ruled lines for a few
sentences). Every core question is printed; the extension questions follow under their own
heading, as many as fit, and the page says how many more are in the notebook.

Printed, the page is one sheet of A4 portrait. What fits is worked out here from a generous
estimate of each part's height (for the widest common school fonts, DejaVu Sans or Verdana,
at 11 pt): the map is as large as it can be with every question on the page, or else with
every core question (down to 45 mm wide for a lesson with many), and extension questions
are added while they fit. A lesson whose core questions do not fit that way gets a compact
page: 10 pt, three questions to a row, the key words without their meanings, three lines
for a written answer (about eleven core questions, two of them Write prompts, still fit).
The browser tests print every worksheet to PDF and count one page.

Sentences that only make sense at a keyboard ("press Shift+Enter", "in quotes", "run the
cell", a hint naming a function) are left out of the printed prompts.
"""

from __future__ import annotations

import base64
import html
import math
import re
import struct
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup
from nbconvert.filters import markdown2html

from .notebook_parts import Question, key_words, main_map, notebook_title, questions

LESSON_NAME = re.compile(r"^(\d\d)_.+\.ipynb$")
LEVELS = {1: "support", 2: "core", 3: "challenge"}
# A sentence about the keyboard or the code: "press Shift+Enter", "in quotes", "run the
# cell", "replace `...`", or a hint naming a function (`distance_km(...)`, `reference[...]`).
KEYBOARD_ONLY = re.compile(r"Shift\+Enter|\bquotes\b|\bthe cell\b|\brun it\b|`\.\.\.`"
                           r"|`[^`]*[(\[_.][^`]*`", re.I)
SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z(*`\"'])")
KEY_TERM = re.compile(r"^\*\*(.+?)\*\*|^([^:]+)")    # '**oblast**: one of ...' or 'oblast: ...'

# Sizes in millimetres on the printed page (the CSS below uses the same numbers). The
# character widths are generous: DejaVu Sans and Verdana, the widest common school fonts.
PAGE_MM = 297 - 2 * 10 - 4      # A4 less 10 mm margins, and 4 mm to spare
WIDTH_MM = 210 - 2 * 10
MAP_MAX_MM, MAP_MIN_MM = 85, 45   # the map's greatest height, and its least width
# Line height and a character's width: 11 pt text, or 10 pt on a compact page (a lesson
# with many questions: three to a row, its key words without their meanings, three lines
# for a written answer).
TEXT_MM = {False: (5.05, 2.2), True: (4.6, 2.0)}
WORD_LINE_MM, WORD_CHAR_MM = 4.6, 2.0   # the key words, 10 pt
RULE_MM = 9                     # one handwriting line in an answer box
BOX_LINES = {"exercise": 1, "discuss": 1, "write": 4}
GAP_MM = 5                      # between columns, and below the map
ROW_GAP_MM = 3                  # between rows of questions
QUESTIONS_HEAD_MM = 9           # "Questions", with what the stars mean
EXTENSION_HEAD_MM = 16          # "Extension" heading, and the line saying what is left out


def is_lesson(path: Path | str) -> bool:
    """True for a lesson notebook (notebooks/NN_name.ipynb), not for since_2022.ipynb."""
    return bool(LESSON_NAME.match(Path(path).name))


def lesson_number(path: Path | str) -> int:
    """Lesson 1 is notebook 00, lesson 2 is notebook 01, and so on."""
    return int(LESSON_NAME.match(Path(path).name).group(1)) + 1


def for_paper(markdown: str) -> str:
    """A prompt without its sentences about the keyboard (all of it if nothing is left)."""
    sentences = SENTENCE_END.split(markdown.strip())
    kept = [s for s in sentences if not KEYBOARD_ONLY.search(s)]
    return " ".join(kept) if kept else markdown.strip()


def _inline_html(markdown: str) -> str:
    """Markdown as HTML with links turned into plain text (a printed page cannot follow them)."""
    soup = BeautifulSoup(markdown2html(markdown), features="html.parser")
    for tag in soup.find_all(["a", "img"]):
        tag.unwrap() if tag.name == "a" else tag.decompose()
    return str(soup).strip()


def _lines(markdown: str, width_mm: float, char_mm: float) -> int:
    """How many lines a text wraps to, at most (5 % allowed for word breaks)."""
    return math.ceil(len(re.sub(r"[*_`]", "", markdown)) * char_mm * 1.05 / width_mm)


def _rules(question: Question, compact: bool) -> int:
    """Lines to write on in the question's answer box."""
    return BOX_LINES[question.kind] - (compact and question.kind == "write")


def _question_mm(question: Question, width_mm: float, compact: bool) -> float:
    text = f"{question.label} {'★' * question.stars} {for_paper(question.text)}"
    line_mm, char_mm = TEXT_MM[compact]
    return _lines(text, width_mm, char_mm) * line_mm + _rules(question, compact) * RULE_MM + 3


def _questions_mm(chosen: list[Question], compact: bool) -> float:
    """Height of questions laid out two to a row (three if compact); a Write prompt takes a
    whole row."""
    rows, pending = [], []
    columns = 3 if compact else 2
    column_mm = (WIDTH_MM - GAP_MM * (columns - 1)) / columns
    for question in chosen:
        if question.kind == "write":
            rows += [max(pending, default=0), _question_mm(question, WIDTH_MM, compact)]
            pending = []
        else:
            pending.append(_question_mm(question, column_mm, compact))
            if len(pending) == columns:
                rows, pending = rows + [max(pending)], []
    rows = [r for r in rows + [max(pending, default=0)] if r]
    return sum(rows) + ROW_GAP_MM * len(rows)


def key_term(word: str) -> str:
    """The word a key-word bullet explains: '**oblast**: one of ...' gives 'oblast'."""
    match = KEY_TERM.match(word.strip())
    return (match.group(1) or match.group(2)).strip() if match else word


def _top_mm(words: list[str], aspect: float | None, map_width: float, compact: bool) -> float:
    """Height of the row that holds the map (this wide) and the key words beside it."""
    width = WIDTH_MM - (map_width + GAP_MM if map_width else 0) - 11
    if compact:
        lines = [_lines(" · ".join(map(key_term, words)), width + 5, WORD_CHAR_MM)]
    else:
        lines = [_lines(w, width, WORD_CHAR_MM) + 0.25 for w in words]
    words_height = 12 + sum(lines) * WORD_LINE_MM if words else 0
    return max(map_width / aspect if map_width else 0, words_height)


def plan(title: str, words: list[str], aspect: float | None, core: list[Question],
         extension: list[Question]) -> tuple[float, list[Question], bool, bool]:
    """How the page is laid out: the map's width, the extension questions printed, whether
    the page is compact, and whether the core questions fit. The map is the widest (up to
    60 % of the page and MAP_MAX_MM tall) with which the core and every extension question
    fit, else the widest with which the core fits; then as many extension questions as fit
    are added. The page is compact only if the core does not fit otherwise."""
    header = 15 + _lines(title, WIDTH_MM, 3.5) * 7.5
    widest = min(MAP_MAX_MM * aspect, 0.6 * WIDTH_MM) if aspect else 0
    widths = [widest - 5 * i for i in range(int((widest - MAP_MIN_MM) / 5) + 1)] or [widest]

    def room(map_width, compact):
        return (PAGE_MM - header - _top_mm(words, aspect, map_width, compact) - GAP_MM
                - QUESTIONS_HEAD_MM - _questions_mm(core, compact))

    compact = all(room(w, False) < 0 for w in widths)
    every = _questions_mm(extension, compact) + EXTENSION_HEAD_MM if extension else 0
    width = ([w for w in widths if room(w, compact) >= every]
             or [w for w in widths if room(w, compact) >= 0] or widths[-1:])[0]
    kept = list(extension)
    while kept and _questions_mm(kept, compact) + EXTENSION_HEAD_MM > room(width, compact):
        kept.pop()
    return width, kept, compact, room(width, compact) >= 0


def _question_html(question: Question, compact: bool) -> str:
    level = ""
    if question.stars:
        name = LEVELS.get(question.stars, "")
        level = (f' <span class="stars" aria-hidden="true">{"★" * question.stars}</span>'
                 f'<span class="visually-hidden">({name})</span>')
    rules = ['<div class="rule"></div>'] * _rules(question, compact)
    if question.kind == "discuss":
        rules[0] = '<div class="rule"><span class="box-label">Our idea:</span></div>'
    return (f'<div class="q {question.kind}"><div class="text">'
            f'<h3>{html.escape(question.label)}{level}</h3> '
            f'{_inline_html(for_paper(question.text))}</div>'
            f'<div class="box" aria-hidden="true">{"".join(rules)}</div></div>')


def _png_size(png_base64: str) -> tuple[int, int]:
    """Width and height of a PNG, read from its header."""
    head = base64.b64decode(png_base64[:44])
    return struct.unpack(">II", head[16:24])


def render(path: Path | str) -> str:
    """The worksheet page (HTML text) for one lesson notebook."""
    nb = nbformat.read(path, as_version=4)
    number = lesson_number(path)
    notebook = Path(path).stem
    title = notebook_title(nb) or notebook
    title = re.sub(r"^\d\d\s*·\s*", "", title)
    words = key_words(nb)
    asked = questions(nb)
    core = [q for q in asked if not q.extension]
    picture = main_map(nb)
    aspect = None
    if picture:
        width, height = _png_size(picture[0])
        aspect = width / height
    map_width, extension, compact, _ = plan(title, words, aspect, core,
                                            [q for q in asked if q.extension])
    left_out = sum(q.extension for q in asked) - len(extension)
    figure = ""
    if picture:
        png, description = picture
        figure = (f'<figure class="map" style="width: {map_width:.1f}mm">'
                  f'<img src="data:image/png;base64,{png}" '
                  f'alt="{html.escape(description or "The main map of the lesson")}"></figure>')
    shown_words = [f"**{key_term(w)}**" for w in words] if compact else words
    word_list = "".join(f"<li>{_inline_html(w).removeprefix('<p>').removesuffix('</p>')}</li>"
                        for w in shown_words)
    words_html = (f'<section class="words" aria-labelledby="key-words"><h2 id="key-words">'
                  f'Key words</h2><ul>{word_list}</ul></section>') if words else ""

    parts = ['<div class="grid">', *(_question_html(q, compact) for q in core), "</div>"]
    if extension:
        parts += ['<h2 class="extension">Extension (if you finish early)</h2>',
                  '<div class="grid">', *(_question_html(q, compact) for q in extension),
                  "</div>"]
    if left_out:
        parts.append(f'<p class="more">{left_out}{" more" if extension else ""} extension '
                     f'question{"s are" if left_out > 1 else " is"} in the notebook.</p>')
    stars = (' <span class="legend">★ support · ★★ core · ★★★ challenge</span>'
             if any(q.stars for q in asked) else "")
    return _PAGE.format(
        head_title=html.escape(f"Worksheet, lesson {number}: {title}"), number=number,
        notebook=html.escape(notebook), title=html.escape(title), css=_CSS,
        look="compact" if compact else "normal",
        top=figure + words_html, stars=stars, questions="".join(parts))


_CSS = f"""
@page {{ size: A4 portrait; margin: 10mm; }}
* {{ box-sizing: border-box; }}
html {{ color: #111; background: #fff; }}
body {{ margin: 0 auto; max-width: {WIDTH_MM}mm; padding: 4mm 0;
  font: 11pt/1.3 "DejaVu Sans", Verdana, Arial, Helvetica, sans-serif; }}
@media print {{ body {{ padding: 0; }} }}
h1 {{ font-size: 17pt; line-height: 1.2; margin: 0 0 1mm; }}
h2 {{ font-size: 12.5pt; margin: 0 0 1mm; }}
h3 {{ font-size: 1em; margin: 0; display: inline; }}
body.compact {{ font-size: 10pt; }}
.compact .grid {{ grid-template-columns: 1fr 1fr 1fr; }}
.compact .words ul {{ padding: 0; list-style: none; }}
.compact .words li {{ display: inline; }}
.compact .words li + li::before {{ content: " · "; }}
p {{ margin: 0; }}
code {{ font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 10pt; }}
.lesson {{ font-size: 10pt; letter-spacing: 0.03em; }}
.who {{ display: flex; gap: 3mm; align-items: flex-end; margin: 0 0 4mm; }}
.who .line {{ flex: 3; border-bottom: 1.5px solid #111; height: 7mm; }}
.who .line.date {{ flex: 1.2; }}
.top {{ display: flex; gap: {GAP_MM}mm; align-items: flex-start; margin-bottom: {GAP_MM}mm; }}
.map {{ margin: 0; flex: 0 0 auto; }}
.map img {{ display: block; width: 100%; height: auto; }}
.words {{ flex: 1; border: 1.5px solid #111; border-radius: 2mm; padding: 2mm 3mm;
  font-size: 10pt; }}
.words ul {{ margin: 0; padding-left: 5mm; }}
.words li + li {{ margin-top: 1mm; }}
.legend {{ font-size: 10pt; font-weight: normal; margin-left: 3mm; }}
.grid {{ display: grid; grid-template-columns: 1fr 1fr; gap: {ROW_GAP_MM}mm {GAP_MM}mm;
  margin-bottom: {ROW_GAP_MM}mm; }}
.q {{ break-inside: avoid; display: flex; flex-direction: column; }}
.q.write {{ grid-column: 1 / -1; }}
.text > p, .text > ul, .text > ol {{ display: inline; }}
.text > p + p {{ display: block; }}
.stars {{ letter-spacing: 0.05em; }}
.box {{ margin-top: auto; border: 1.5px solid #111; border-radius: 1.5mm; padding: 0 3mm; }}
.text {{ margin-bottom: 1.5mm; }}
.rule {{ height: {RULE_MM}mm; position: relative; }}
.rule + .rule {{ border-top: 1px dashed #555; }}
.box-label {{ position: absolute; top: 1mm; left: 0; font-size: 9pt; color: #444; }}
h2.extension {{ margin-top: 1mm; }}
.more {{ font-size: 10pt; }}
.visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }}
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{head_title}</title>
<style>{css}</style>
</head>
<body class="{look}">
<main>
<header>
<p class="lesson">Lesson {number} · worksheet · notebook {notebook}</p>
<h1>{title}</h1>
<p class="who"><span>Name</span><span class="line"></span>
<span>Date</span><span class="line date"></span></p>
</header>
<div class="top">{top}</div>
<section aria-labelledby="questions">
<h2 id="questions">Questions{stars}</h2>
{questions}
</section>
</main>
</body>
</html>
"""
