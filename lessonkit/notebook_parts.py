"""The parts of a stored notebook that printed pages use: its title, figure descriptions,
key words, questions and main map, read from its cells the way the lesson notebooks write
them (a '**Key words**' list, '### Exercise 3 ★★' headings, '💬 **Discuss' and
'✍️ **Write:**' prompts, a code cell tagged 'worksheet-map')."""

from __future__ import annotations

import re
from dataclasses import dataclass

DESCRIPTION = re.compile(r"^\s*[*_]+\s*Figure description:\s*(.+?)[*_]*\s*$", re.S)
EXERCISE = re.compile(r"^###\s+(Exercise\s+\d+.*?)\s*$")
DISCUSS = re.compile(r"^💬\s*\*\*(Discuss[^*]*?):?\*\*:?\s*(.*)$", re.S)
WRITE = re.compile(r"^✍️?\s*\*\*Write:?\*\*:?\s*(.*)$", re.S)
KEY_WORDS = re.compile(r"^\s*\*\*Key words:?\*\*:?\s*$")
BULLET = re.compile(r"^\s*[-*]\s+(.+)$")
MAP_TAG = "worksheet-map"


@dataclass
class Question:
    """One thing a student answers: an exercise, a Discuss prompt or a written answer."""
    kind: str            # "exercise", "discuss" or "write"
    label: str           # "Exercise 3", "Discuss with a partner (3 minutes)", "Write"
    text: str            # the prompt, as Markdown
    stars: int = 0       # ★ support, ★★ core, ★★★ challenge (0: not given)
    extension: bool = False


def notebook_title(nb) -> str:
    """The text of the notebook's first '# ' heading (or '' if it has none)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def figure_descriptions(nb) -> dict[str, str]:
    """For each code cell that draws a figure, the '*Figure description: ...*' written
    in the markdown cell right after it, as plain text (keyed by cell id)."""
    found = {}
    for cell, after in zip(nb.cells, nb.cells[1:]):
        images = [o for o in cell.get("outputs", [])
                  if any(k.startswith("image/") for k in o.get("data", {}))]
        first_paragraph = after.source.strip().split("\n\n")[0]
        match = DESCRIPTION.match(first_paragraph) if after.cell_type == "markdown" else None
        if images and match:
            text = re.sub(r"[*_`]", "", match.group(1)).strip()
            found[cell.get("id")] = text[0].upper() + text[1:]
    return found


def key_words(nb) -> list[str]:
    """The bullets (Markdown) of the '**Key words**' list, in order; [] if there is none."""
    for cell in nb.cells:
        lines = cell.source.splitlines() if cell.cell_type == "markdown" else []
        for i, line in enumerate(lines):
            if KEY_WORDS.match(line):
                words = []
                for item in lines[i + 1:]:
                    bullet = BULLET.match(item)
                    if bullet:
                        words.append(bullet.group(1).strip())
                    elif item.strip() and words:
                        break
                return words
    return []


def questions(nb) -> list[Question]:
    """Every exercise, Discuss prompt and Write prompt, in notebook order; those under a
    '## ... Extension ...' heading are marked as extension. An exercise's prompt is the text
    under its heading (or the next Markdown cell, if the heading stands alone)."""
    found: list[Question] = []
    extension = False
    for cell in nb.cells:
        if cell.cell_type != "markdown" or "written-answer" in cell.metadata.get("tags", []):
            continue
        text = cell.source.strip()
        lines = text.splitlines()
        if found and found[-1].kind == "exercise" and not found[-1].text and lines \
                and not lines[0].startswith("#"):
            found[-1].text = _up_to_heading(lines)
        for i, line in enumerate(lines):
            if line.startswith("## "):
                extension = "extension" in line.lower()
            heading = EXERCISE.match(line)
            if heading:
                label = " ".join(heading.group(1).replace("★", "").split())
                found.append(Question("exercise", label, _up_to_heading(lines[i + 1:]),
                                      heading.group(1).count("★"), extension))
        discuss, write = DISCUSS.match(text), WRITE.match(text)
        if discuss:
            found.append(Question("discuss", discuss.group(1).strip(), discuss.group(2).strip(),
                                  extension=extension))
        elif write:
            found.append(Question("write", "Write", write.group(1).strip(), extension=extension))
    return found


def _up_to_heading(lines: list[str]) -> str:
    """The text of these lines up to the next heading."""
    kept = []
    for line in lines:
        if line.startswith("#"):
            break
        kept.append(line)
    return "\n".join(kept).strip()


def main_map(nb) -> tuple[str, str] | None:
    """The lesson's main map as (base64 PNG, its figure description): the picture of the
    code cell tagged 'worksheet-map', else the notebook's first picture; None if it has none."""
    drawn = [cell for cell in nb.cells if _picture(cell)]
    tagged = [cell for cell in drawn if MAP_TAG in cell.metadata.get("tags", [])]
    if not drawn:
        return None
    chosen = (tagged or drawn)[0]
    return _picture(chosen), figure_descriptions(nb).get(chosen.get("id"), "")


def _picture(cell) -> str | None:
    """The first PNG picture among a code cell's stored outputs (base64), or None."""
    for output in cell.get("outputs", []):
        png = output.get("data", {}).get("image/png")
        if png:
            return png.strip() if isinstance(png, str) else "".join(png)
    return None
