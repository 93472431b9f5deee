"""Marking a class, room by room (``python -m lessonkit.marks`` is the command that uses them).

``handins`` finds the files a class handed in and reads each one (which pack notebook it is,
its written answers, what is wrong with it); ``kernels`` runs one hand-in from the top in a
fresh kernel, in the bubblewrap ``sandbox``, and witnesses its answers; ``answers`` turns an
answer into plain data and gives the pack's own verdict on it; ``reports`` writes marks.csv,
summary.csv and marks.html.
"""
