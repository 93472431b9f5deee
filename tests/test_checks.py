"""The exercise checks answer every kind of input with a sentence, never a traceback."""

import datetime as dt
import math

import pytest

from lessonkit.checks import check_date, check_name, check_names, check_number

ODD_INPUTS = [None, ..., "", "seventy", "70", "70 km", math.nan, math.inf, -5, [70], (1, 2),
              {"a": 1}, True, dt.date(2022, 9, 10), object()]


@pytest.mark.parametrize("answer", ODD_INPUTS)
def test_every_check_survives_odd_input(answer):
    for fb in (check_number(answer, 70, tolerance=5, unit="km"),
               check_name(answer, "Oskil"),
               check_names(answer, ["Donetsk", "Luhansk"]),
               check_date(answer, dt.date(2022, 9, 10))):
        assert isinstance(fb.message, str) and fb.message
        assert repr(fb) == fb.message


def test_number_feedback():
    assert check_number(112, 110, tolerance=5)
    wrong = check_number(150, 110, tolerance=5, hint="Measure again.")
    assert not wrong and "too high" in wrong.message and "Measure again." in wrong.message
    assert "Not answered" in check_number(..., 110).message
    assert "without quotes" in check_number("110", 110).message
    assert "answer = 110" in check_number("110", 110).message
    assert "negative" in check_number(-110, 110, tolerance=5).message
    assert "not a usable number" in check_number(math.nan, 110).message
    assert "single number" in check_number([110], 110).message
    assert "single number" in check_number(True, 1).message


def test_name_feedback():
    for ok in ("Oskil", "oskil", "the Oskil river", " River Oskil ", "OSKIL"):
        assert check_name(ok, "Oskil"), ok
    assert "spelling" in check_name("Oskol", "Oskil").message
    assert not check_name("Dnipro", "Oskil")
    assert "in quotes" in check_name(3, "Oskil").message


def test_names_feedback():
    assert check_names(["Luhansk", "Donetsk"], ["Donetsk", "Luhansk"])
    assert not check_names(["Luhansk", "Donetsk"], ["Donetsk", "Luhansk"], ordered=True)
    assert "item(s)" in check_names(["Donetsk"], ["Donetsk", "Luhansk"]).message
    assert "should not be" in check_names(["Donetsk", "Kharkiv"], ["Donetsk", "Luhansk"]).message
    assert "square brackets" in check_names("Donetsk, Luhansk", ["Donetsk", "Luhansk"]).message


def test_date_feedback():
    assert check_date("2022-09-10", dt.date(2022, 9, 10))
    assert check_date(dt.date(2022, 9, 10), dt.date(2022, 9, 10))
    assert "too late" in check_date("2022-09-12", dt.date(2022, 9, 10)).message
    assert "YYYY-MM-DD" in check_date("10/09/2022", dt.date(2022, 9, 10)).message
