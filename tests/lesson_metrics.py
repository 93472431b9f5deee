"""How each lesson notebook reads: words, reading grade, sentences, tasks, code (issue 17).

    python tests/lesson_metrics.py            # the table for every lesson notebook

tests/test_lesson_rhythm.py holds every notebook to the limits below.  The *core path* is
every section a class does in the lesson, the Summary included: all cells except those under
an ``## N. Extension: ...`` heading and the closing What's next and Sources.  Words are
counted as a reader meets them: every word of the Markdown (headings and code names too, not
link addresses) and of the text a code cell prints.

Readability is the Flesch-Kincaid grade, 0.39 × words per sentence + 11.8 × syllables per
word − 15.59, with syllables counted from pyphen's hyphenation dictionary (offline) and, as
textstat does, sentences of two words or fewer (labels, headings) left out of the count.
textstat itself is not used: its releases from 0.7.5 download NLTK data at run time, and the
older ones import pkg_resources, which setuptools no longer ships.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pyphen

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
LIMITS = {"core_words": 1200, "grade": 8.0, "longest_sentence": 35, "longest_description": 40,
          "longest_stretch": 300, "code_lines": 4}
WORD = re.compile(r"[\w'’-]+")
DISCUSS = re.compile(r"^\W{0,3}\s*\*\*Discuss\b", re.M)
WRITE = re.compile(r"^\W{0,3}\s*\*\*Write\b", re.M)
EXERCISE = re.compile(r"^###\s+Exercise\b[^\n]*", re.M)
SECTION = re.compile(r"^##\s+(.*)$", re.M)
NOT_CORE = re.compile(r"extension|^\s*(what.s next|sources)\s*$", re.I)
FORBIDDEN = {ast.ListComp: "a comprehension", ast.SetComp: "a comprehension",
             ast.DictComp: "a comprehension", ast.GeneratorExp: "a comprehension",
             ast.Lambda: "lambda"}


def lesson_notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def source(cell: dict) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def printed(cell: dict) -> str:
    """The text a code cell printed (its stream output; not pictures, nor a check's reply)."""
    return "\n".join("".join(out["text"]) for out in cell.get("outputs", []) if "text" in out)


def prose(markdown: str) -> str:
    """Markdown as sentences to read: no links' addresses, code spans, tables or markup."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"`[^`]*`", " ", text)
    text = "\n".join(line for line in text.splitlines()
                     if not line.lstrip().startswith(("|", "#")))   # tables and headings
    text = re.sub(r"[*_#>\[\]]", "", text)
    text = re.sub(r"[✍💬️✅❌✏★→←·]", "", text)
    return text


def sentences(text: str) -> list[str]:
    """Sentences, counting each line (a heading, a bullet) as ending one."""
    found = []
    for line in text.splitlines():
        found += [s for s in re.split(r"(?<=[.!?])\s+", line) if WORD.search(s)]
    return found


def words(text: str) -> int:
    return len(WORD.findall(text))


_HYPHENATION = pyphen.Pyphen(lang="en_US")


def syllables(word: str) -> int:
    return len(_HYPHENATION.positions(word.lower().replace("-", ""))) + 1


def reading_grade(all_sentences: list[str]) -> float:
    """The Flesch-Kincaid grade of some sentences (school years in the US system)."""
    counted = [s for s in all_sentences if words(s) > 2]
    found = [w for s in all_sentences for w in WORD.findall(s)]
    if not counted or not found:
        return 0.0
    per_sentence = len(found) / len(counted)
    per_word = sum(syllables(w) for w in found) / len(found)
    return round(0.39 * per_sentence + 11.8 * per_word - 15.59, 1)


def is_task(cell: dict) -> bool:
    text = source(cell)
    if cell["cell_type"] == "code":
        return "check(" in text
    return ("written-answer" in tags(cell) or bool(EXERCISE.search(text))
            or bool(DISCUSS.search(text)) or bool(WRITE.search(text)))


def code_problems(code: str) -> list[str]:
    """What a beginner would stumble on in a code cell."""
    lines = [line for line in code.splitlines() if line.strip()]
    problems = [f"{len(lines)} lines"] if len(lines) > LIMITS["code_lines"] else []
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return problems + ["does not parse"]
    for node in ast.walk(tree):
        if type(node) in FORBIDDEN:
            problems.append(FORBIDDEN[type(node)])
        elif isinstance(node, ast.keyword) and node.arg == "key":
            problems.append("key= sorting")
        elif isinstance(node, ast.Name) and node.id in ("next", "Counter"):
            problems.append(node.id)
        elif isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            problems.append("a format specification in an f-string")
    return problems


@dataclass
class Metrics:
    name: str
    core_words: int = 0
    grade: float = 0.0
    longest_sentence: int = 0
    longest_description: int = 0
    longest_stretch: int = 0
    discuss: int = 0
    written: int = 0
    exercises: int = 0
    challenges: int = 0
    code_lines: int = 0
    code_problems: list[str] = field(default_factory=list)
    sections_without_task: list[str] = field(default_factory=list)
    sections_without_question: list[str] = field(default_factory=list)
    longest_sentence_text: str = ""


def measure(path: Path) -> Metrics:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    m = Metrics(path.stem)
    core, section, section_task, stretch, reading = True, "", True, 0, []

    def close_section():
        if re.match(r"\d+\.", section) and core and not section_task:
            m.sections_without_task.append(section)

    for cell in cells:
        text = source(cell)
        heading = SECTION.search(text) if cell["cell_type"] == "markdown" else None
        if heading and not text.lstrip().startswith("###"):
            close_section()
            section = heading.group(1).strip()
            core = not NOT_CORE.search(section)
            section_task = False
            numbered = re.match(r"\d+\.", section)
            if core and numbered and "*Question:" not in text:
                m.sections_without_question.append(section)
        if cell["cell_type"] == "markdown" and "written-answer" not in tags(cell):
            m.discuss += len(DISCUSS.findall(text))
            for ex in EXERCISE.findall(text):
                m.exercises += 1
                m.challenges += "★★★" in ex
        m.written += "written-answer" in tags(cell)
        if not core:
            continue
        if is_task(cell):
            m.longest_stretch, stretch = max(m.longest_stretch, stretch), 0
            section_task = True
        if cell["cell_type"] == "markdown" and "written-answer" in tags(cell):
            n = words(text)                     # the placeholder, read once
        elif cell["cell_type"] == "markdown":
            read = prose(text)
            reading.append(read)
            n = words(re.sub(r"\]\([^)]*\)", "]", text))
            if text.lstrip().startswith("*Figure description:"):
                m.longest_description = max(m.longest_description, words(read) - 2)
        else:
            n = words(printed(cell))
            lines = [line for line in text.splitlines() if line.strip()]
            m.code_lines = max(m.code_lines, len(lines))
            m.code_problems += [f"{p} in: {lines[0][:50] if lines else ''}"
                                for p in code_problems(text)]
        m.core_words += n
        stretch += n
    close_section()
    m.longest_stretch = max(m.longest_stretch, stretch)
    body = "\n".join(reading)
    all_sentences = sentences(body)
    if all_sentences:
        longest = max(all_sentences, key=words)
        m.longest_sentence, m.longest_sentence_text = words(longest), longest
    m.grade = reading_grade(all_sentences)
    return m


def main() -> int:
    rows = [measure(p) for p in lesson_notebooks()]
    head = ("notebook", "core words", "FK grade", "longest sentence", "longest description",
            "longest stretch", "Discuss", "written", "exercises", "★★★", "code lines",
            "code problems")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for m in rows:
        print(f"| {m.name} | {m.core_words} | {m.grade} | {m.longest_sentence} | "
              f"{m.longest_description} | {m.longest_stretch} | {m.discuss} | {m.written} | "
              f"{m.exercises} | {m.challenges} | {m.code_lines} | {len(m.code_problems)} |")
    print(f"\nLimits: {LIMITS}")
    for m in rows:
        if m.code_problems or m.sections_without_task or m.sections_without_question:
            print(f"\n{m.name}:")
            for p in m.code_problems:
                print("  code:", p)
            for s in m.sections_without_task:
                print("  section without a task:", s)
            for s in m.sections_without_question:
                print("  section without its question:", s)
        if m.longest_sentence > LIMITS["longest_sentence"]:
            print(f"  longest sentence ({m.longest_sentence} words): {m.longest_sentence_text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
