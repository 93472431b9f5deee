"""What each lesson's notebook calls: its figures and its printed tables, one module a lesson.

A notebook cell imports its lesson's module and makes one short call, for example::

    from lessonkit.lessons import counter_offensive as lesson
    lesson.show_retaken_towns()

so that a cell reads as one idea, and the machinery (loops, formats, geometry) lives here.
``check_pack()``, shared by the lessons' Setup cells, says whether the pack is ready.
"""


def check_pack() -> None:
    """Read every data file once and say, in one line, whether the pack is ready to use."""
    from ..data import DataFileError, load_all

    try:
        load_all()
    except DataFileError as problem:
        print(f"❌ The pack is not ready. {problem}")
        return
    print("✅ The pack is ready.")
