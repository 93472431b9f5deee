"""What each lesson's notebook calls: its figures and its printed tables, one module a lesson.

A notebook cell imports its lesson's module and makes one short call, for example::

    from lessonkit.lessons import counter_offensive as lesson
    lesson.show_retaken_towns()

so that a cell reads as one idea, and the machinery (loops, formats, geometry) lives here.
"""
