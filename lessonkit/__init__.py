"""lessonkit: the helpers the Kharkiv 2022 notebooks share.

- ``lessonkit.data``: reads and checks every file in data/ (one place for loading);
- ``lessonkit.measure``: distances and areas on the curved Earth;
- ``lessonkit.maps``: the standard maps in one projector-friendly style;
- ``lessonkit.checks``: friendly feedback on the exercises.
"""
