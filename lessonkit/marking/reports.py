"""What the teacher gets from marking a class: marks.csv, summary.csv and marks.html.

marks.csv has one row per notebook handed in (a cell a spreadsheet would run as a formula
starts with an apostrophe); summary.csv, for each exercise, how many got it right, not quite
or left it; marks.html both tables, the written answers, a chart of the hardest exercises,
and whether the class was marked in the sandbox.
"""

from __future__ import annotations

import base64
import csv
import html
import io
from collections.abc import Iterable
from pathlib import Path

from ..exercises import EXERCISES
from .answers import NOT_ANSWERED, NOT_QUITE, RIGHT
from .handins import Result


def columns(results: list[Result]) -> list[str]:
    """The exercise ids of every pack notebook handed in, in the pack's order."""
    notebooks = {r.notebook for r in results}
    return [e for e in EXERCISES if e[:2] in notebooks]


def summary(results: list[Result]) -> list[dict]:
    """Per exercise: how many handed it in, and got it right, not quite, or left it."""
    rows = []
    for exercise_id in columns(results):
        given = [r.marks[exercise_id] for r in results if exercise_id in r.marks]
        rows.append({"exercise": exercise_id, "question": EXERCISES[exercise_id].question,
                     "handed in": len(given)}
                    | {kind: given.count(kind) for kind in (RIGHT, NOT_QUITE, NOT_ANSWERED)})
    return rows


def hardest_first(rows: list[dict]) -> list[dict]:
    """Summary rows, the smallest share of the class right first (ties by exercise id)."""
    return sorted(rows, key=lambda r: (r[RIGHT] / max(r["handed in"], 1), r["exercise"]))


def hardest_chart(rows: list[dict]) -> bytes:
    """A PNG bar chart: the share of the class right, not quite and not answered, hardest first."""
    from matplotlib.figure import Figure

    from ..look import PALETTE  # importing the look also sets the pack's figure style

    rows = hardest_first(rows)
    rows = rows[:10]
    fig = Figure(figsize=(11, 1.6 + 0.55 * len(rows)))
    ax = fig.subplots()
    left = [0.0] * len(rows)
    for kind, colour in ((RIGHT, "green"), (NOT_QUITE, "orange"), (NOT_ANSWERED, "sky blue")):
        shares = [100 * r[kind] / max(r["handed in"], 1) for r in rows]
        ax.barh(range(len(rows)), shares, left=left, color=PALETTE[colour],
                edgecolor=PALETTE["white"], label=kind)
        left = [a + b for a, b in zip(left, shares)]
    ax.set_yticks(range(len(rows)), [f"{r['exercise']}  ({r[RIGHT]} of {r['handed in']} right)"
                                     for r in rows])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of the students who handed in that notebook")
    ax.set_title("The exercises the class found hardest (fewest right at the top)", loc="left",
                 pad=34)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1), ncol=3, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def written_columns(results: list[Result]) -> list[str]:
    """The ids of the written answers handed in, notebook by notebook, in the order met."""
    seen = dict.fromkeys(i for r in results for i in r.written)
    return sorted(seen, key=lambda i: i[:2])


def spreadsheet_safe(value: str) -> str:
    """A CSV cell that a spreadsheet shows as text and never runs as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


SANDBOXED = ("Each student's code ran in a sandbox (bubblewrap): no network, and none of "
             "your files in sight.")
NOT_SANDBOXED = ("Marked WITHOUT a sandbox (--unsafe-no-sandbox): each student's code ran as "
                 "you, with your files and the network in its reach.")

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Marks</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em; color: #000; }}
table {{ border-collapse: collapse; margin: 1em 0 2em; }}
th, td {{ border: 1px solid #7F7F7F; padding: 0.3em 0.6em; text-align: left;
          vertical-align: top; }}
th {{ white-space: nowrap; }}
td.right {{ background: #009E73; color: #FFF; }}
td.not-quite {{ background: #E69F00; }}
td.not-answered {{ background: #DCEEF9; }}
td.problem {{ color: #D55E00; }}
td.written {{ white-space: pre-wrap; min-width: 16em; max-width: 32em; }}
p.sandbox {{ font-weight: bold; }}
</style></head><body>
<h1>Marks</h1>
<p class="sandbox">{sandbox}</p>
<p>{count} file(s) handed in. Each notebook was run from the top in a fresh kernel; a mark
is what the pack's own check, run by the marker, said about the student's last answer.
Written answers are shown as the student wrote them.</p>
<h2>The class, exercise by exercise</h2>
{chart}
{summary}
<h2>Every student</h2>
{students}
</body></html>
"""


def _table(header: list[str], rows: list[list[str]], written: Iterable[str] = ()) -> str:
    def cell(value: str, column: str) -> str:
        kind = value.replace(" ", "-") if value in (RIGHT, NOT_QUITE, NOT_ANSWERED) else (
            "problem" if column == "status" and value != "ok" else
            "written" if column in written else "")
        if kind:
            return f'<td class="{kind}">{html.escape(value)}</td>'
        return f"<td>{html.escape(value)}</td>"
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(map(cell, row, header)) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def write_reports(results: list[Result], out: Path, sandboxed: bool = True) -> list[Path]:
    """Write marks.csv, summary.csv and marks.html into `out`; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    ids, written = columns(results), written_columns(results)
    header = ["student", "notebook", *ids, "right", *(f"{i} (written)" for i in written),
              "status"]
    rows = [[r.student, r.notebook, *(r.marks.get(i, "") for i in ids),
             f"{list(r.marks.values()).count(RIGHT)} of {len(r.marks)}" if r.marks else "",
             *(r.written.get(i, "") for i in written), r.status] for r in results]
    with open(out / "marks.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([[spreadsheet_safe(v) for v in row] for row in [header, *rows]])
    per_exercise = summary(results)
    summary_header = ["exercise", "question", "handed in", RIGHT, NOT_QUITE, NOT_ANSWERED]
    with open(out / "summary.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, summary_header)
        writer.writeheader()
        writer.writerows(per_exercise)
    chart = "<p>No exercise of this pack was marked.</p>"
    if per_exercise:
        hardest = hardest_first(per_exercise)[:3]
        alt = "Bar chart of the share of students right, not quite and not answered for " \
              "each exercise. Hardest: " + ", ".join(
                  f"{r['exercise']} ({r[RIGHT]} of {r['handed in']} right)" for r in hardest)
        png = base64.b64encode(hardest_chart(per_exercise)).decode()
        chart = f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}" ' \
                'style="max-width: 100%">'
    page = _PAGE.format(
        sandbox=html.escape(SANDBOXED if sandboxed else NOT_SANDBOXED),
        count=len(results), chart=chart,
        summary=_table(summary_header, [[str(r[h]) for h in summary_header]
                                        for r in per_exercise]),
        students=_table(header, rows, {f"{i} (written)" for i in written}))
    (out / "marks.html").write_text(page, encoding="utf-8")
    return [out / "marks.csv", out / "summary.csv", out / "marks.html"]
