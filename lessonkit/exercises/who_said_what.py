"""Exercises of notebook 03 (lesson 4): why it mattered, and who said what."""

from __future__ import annotations

from .. import checks
from . import Exercise

EXERCISES: dict[str, Exercise] = {
    "03-junction": Exercise(
        "Which town was the railway junction that supplied Russian forces at Izium?",
        lambda a: checks.check_name(a, ["Kupiansk", "Kupiansk-Vuzlovyi"],
                                    hint="Look at the supply-route map: where do the "
                                         "railway lines meet?")),
}
