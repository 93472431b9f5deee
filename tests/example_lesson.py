"""A small made-up lesson notebook in the pack's conventions (key words, ★ exercise headings,
Discuss and Write prompts, a written-answer cell, a map tagged 'worksheet-map', an
extension section), for testing the worksheets apart from the real notebooks."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import nbformat
from matplotlib.figure import Figure
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

PLACEHOLDER = ("✍️ *Double-click here and write your answer in a few sentences. "
               "Then press Shift+Enter.*")
MAP_DESCRIPTION = "A map of two towns joined by a road, with a river between them."


def picture(title: str) -> str:
    """A small PNG drawing, as base64, like a figure stored in a notebook."""
    figure = Figure(figsize=(7, 5), dpi=100)
    ax = figure.add_subplot()
    ax.plot([0, 3, 5, 9], [1, 4, 2, 6], color="#0072B2", linewidth=3)
    ax.plot([1, 8], [5, 1], "o-", color="#D55E00")
    ax.set_title(title)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode()


def figure_cell(title: str, tags: list[str] | None = None):
    cell = new_code_cell("lesson.show_map()", outputs=[new_output(
        "display_data", data={"image/png": picture(title), "text/plain": "<Figure>"})])
    cell.metadata["tags"] = tags or []
    return cell


def exercise(number: int, stars: int, prompt: str, slug: str):
    return [new_markdown_cell(f"### Exercise {number} {'★' * stars}\n{prompt}"),
            new_code_cell(f'from lessonkit import check\nanswer = ...\ncheck("07-{slug}", answer)')]


def written(slug: str, question: str):
    answer = new_markdown_cell(PLACEHOLDER)
    answer.metadata.update(tags=["written-answer"], lessonkit={"written": f"07-{slug}"})
    return [new_markdown_cell(f"✍️ **Write:** {question}"), answer]


def discuss(question: str):
    return new_markdown_cell(f"💬 **Discuss with a partner (3 minutes):** {question}")


def example_lesson(extension_exercises: int = 2, short: bool = False, more_core: int = 0):
    """The notebook: three core sections (one if short; or with more_core more exercises and
    a second written answer), then an extension section with this many exercises and a
    written answer."""
    cells = [
        new_markdown_cell("# 07 · Rivers and roads: why towns grow where they do"),
        new_markdown_cell("## Overview\n1. Find the towns.\n2. Measure the road."),
        new_markdown_cell("## Before you start\nTime: 50 minutes\n\n**Key words**\n"
                          "- **river**: a large stream of water that flows to the sea\n"
                          "- **bridge**: a way across a river\n"
                          "- **scale bar**: a line that shows a real distance on a map\n"
                          "- **junction**: a place where roads or railways meet\n"
                          "- **compass direction**: north, south, east or west\n\n"
                          "This is about a real war. If anything worries or upsets you, "
                          "you can stop and talk to your teacher."),
        new_markdown_cell("## 1. Where are the towns?\n*Question: where are the towns?*"),
        figure_cell("Chart 1. Not the map"),
        new_markdown_cell("*Figure description: a chart, which is not the lesson's map.*"),
        figure_cell("Map 1. Two towns and a river", tags=["worksheet-map"]),
        new_markdown_cell(f"*Figure description: {MAP_DESCRIPTION[0].lower()}"
                          f"{MAP_DESCRIPTION[1:]}*"),
        *exercise(1, 1, "Which river runs between the towns? Write its name in quotes, "
                        "then press Shift+Enter.", "river"),
        *exercise(2, 2, "Use the scale bar to measure the road from Alpha to Beta, to the "
                        "nearest 5 km.", "measure"),
        *exercise(3, 2, "Beta is ___ of Alpha. Give a compass direction.", "direction"),
        discuss("Why might a town grow beside a bridge?"),
    ]
    cells += [] if short else [
        new_markdown_cell("## 2. The road\n*Question: why does the road matter?*"),
        *exercise(4, 2, "How many days did the trip take, from 6 September to "
                        "10 September? Replace `...` with the number.", "days"),
        *exercise(5, 3, "The computer says the road is 41 km. Why is it longer than your "
                        "straight-line measurement on the map? Answer `'bends'` or "
                        "`'hills'`.", "why"),
        *written("bridge", "Which would you defend, the bridge or the junction, and why? "
                           "Give one reason from the map."),
        new_markdown_cell("## 3. Who says so?\n*Question: how do we know?*"),
        discuss("Two reports give different distances. How could you find out which "
                "one is right?"),
        *exercise(6, 2, "Read the latitude of Alpha from the grid lines, to one decimal "
                        "place.", "latitude"),
    ]
    for number in range(7, 7 + more_core):
        cells += exercise(number, 2, f"Core task {number}: which town is further north, Alpha "
                                     "or Beta? Look at the grid lines on the map.", f"n{number}")
    if more_core:
        cells += written("roads", "Why do roads often meet at a bridge? Use the map.")
    cells += [
        new_markdown_cell("## 4. Extension: further along the road\n"
                          "*Question: what lies beyond?*"),
    ]
    first = 4 if short else 7 + more_core
    for number in range(first, first + extension_exercises):
        cells += exercise(number, 3, f"Extension task {number}: how far is it from Beta to "
                                     "Gamma, in miles, to the nearest mile? Show how you "
                                     "converted it.", f"ext{number}")
    cells += written("trust", "Which distance do you trust most, and why?")
    cells += [new_markdown_cell("## Summary\n- Rivers and roads.")]
    return new_notebook(cells=cells)


def write_example_lesson(folder: Path, extension_exercises: int = 2, short: bool = False,
                         more_core: int = 0) -> Path:
    """Save the example as folder/07_rivers_and_roads.ipynb and return its path."""
    path = Path(folder) / "07_rivers_and_roads.ipynb"
    nbformat.write(example_lesson(extension_exercises, short, more_core), path)
    return path
