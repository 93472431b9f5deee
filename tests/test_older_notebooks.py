"""Older copies of the notebooks (kept by nbgitpuller, or saved from a ZIP) meet newer helpers:
their exercise ids still get feedback, and a module that has gone gets a sentence saying
where its work went."""

import pytest

from lessonkit.exercises import ALIASES, EXERCISES, check


@pytest.mark.parametrize("old, new", sorted(ALIASES.items()))
def test_old_exercise_ids_lead_to_an_exercise(old, new):
    assert new in EXERCISES, f"{old} is sent to {new}, which is not an exercise"
    assert check(old, ...).message == check(new, ...).message


def test_old_ids_of_the_numbers_notebook_still_mark_right():
    assert check("03-convert", 2320).correct and check("03-rate", 16).correct
    assert check("03-who", "Russia").correct and check("03-checkable", "no").correct


def test_a_module_that_has_gone_says_where_to_go():
    with pytest.raises(ImportError, match="older version of the pack.*04_numbers.ipynb"):
        from lessonkit import charts  # noqa: F401


@pytest.mark.parametrize("old", ["compare_projections", "label_neighbours", "add_places"])
def test_an_old_map_helper_gets_a_sentence(old):
    """Map helpers of earlier versions as an older notebook calls them: lesson figures that
    moved to lessonkit.lessons, and place labels, which moved to lessonkit.decorations."""
    from lessonkit import maps

    with pytest.raises(AttributeError, match=f"older version of the pack: lessonkit.maps.{old} "
                                             "is not in this version"):
        getattr(maps, old)
