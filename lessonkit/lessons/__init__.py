"""What each lesson's notebook calls: its figures and its printed tables, one module a lesson.

A notebook cell imports its lesson's module and makes one short call, for example::

    from lessonkit.lessons import counter_offensive as lesson
    lesson.show_retaken_towns()

so that a cell reads as one idea, and the machinery (loops, formats, geometry) lives here.
``check_pack()``, shared by the lessons' Setup cells, says whether the pack is ready.
"""

from __future__ import annotations


def event_days(row: dict) -> str:
    """An event's date as people write it: '8 Sep', or '10–11 Sep' where reports differ."""
    first, last = row["date"], row["date_latest"]
    if not last:
        return f"{first.day} {first:%b}"
    if last.month == first.month:
        return f"{first.day}–{last.day} {last:%b}"
    return f"{first.day} {first:%b} – {last.day} {last:%b}"


def check_pack() -> None:
    """Read every data file once and say, in one line, whether the pack is ready to use."""
    from ..data import DataFileError, load_all

    try:
        load_all()
    except DataFileError as problem:
        print(f"❌ The pack is not ready. {problem}")
        return
    print("✅ The pack is ready.")
