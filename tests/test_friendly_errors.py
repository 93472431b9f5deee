"""In a real kernel: a word without quotes in an exercise cell gets a sentence, not a
traceback, and every other error still shows as the usual error."""

import subprocess

import nbformat
import pytest
from nbclient import NotebookClient

CELLS = {
    "setup": "from lessonkit.exercises import check",
    "bare word": 'answer = Oskil\ncheck("01-river", answer)',
    "bare word in a list": 'answer = [Donetsk, "Luhansk"]\ncheck("01-donbas", answer)',
    "two bare words": 'answer = Siverskyi Donets\ncheck("02-river", answer)',
    "bare date": 'answer = 2022-09-08\ncheck("02-balakliia", answer)',
    "unclosed quote": 'answer = "Oskil\ncheck("02-river", answer)',
    "unfinished line": 'answer = (\ncheck("02-river", answer)',
    "misspelt function": 'answer = distnce_km("Kharkiv", "Izium")\ncheck("01-distance", answer)',
    "hyphenated bare word": 'answer = south-east\ncheck("01-direction", answer)',
    "times sign": 'answer = 6 × 7\ncheck("00-practice", answer)',
    "divide sign": 'answer = 6000 ÷ 2.59\ncheck("04-convert", answer)',
    "unit after number": 'answer = 110 km\ncheck("01-distance", answer)',
    "per cent sign": 'answer = 0.5%\ncheck("04-percent", answer)',
    "thousands comma": 'answer = 3,010 / 2.59\ncheck("04-convert", answer)',
    "no answer given": 'check("01-river")',
    "other cell": "print(Oskil)",
    "other cell syntax": "x = (1,",
    "inside a function": 'def f():\n    return missing\nanswer = f()\ncheck("01-river", answer)',
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS.values()])
    client = NotebookClient(nb, kernel_name="python3", timeout=60, allow_errors=True,
                            resources={"metadata": {"path": str(tmp_path_factory.mktemp("k"))}})
    client.execute(stderr=subprocess.DEVNULL)
    return {name: cell.outputs for name, cell in zip(CELLS, nb.cells)}


def _feedback(outs) -> str:
    assert not [o for o in outs if o.output_type == "error"], "a red error box was shown"
    return "".join(o.get("data", {}).get("text/plain", "") for o in outs)


@pytest.mark.parametrize("name, expected", [
    ("bare word", "Python doesn't know anything called Oskil. To give a word as an answer, "
                  "put it in quotes: answer = \"Oskil\""),
    ("bare word in a list", "put it in quotes: \"Donetsk\""),
    ("two bare words", "put it in quotes: answer = \"Siverskyi Donets\""),
    ("bare date", "put it in quotes: answer = \"2022-09-08\""),
    ("unclosed quote", "every quote and bracket you open is closed"),
    ("unfinished line", "Python can't read line 1 of this cell (answer = ()"),
    ("misspelt function", "run the Setup cell"),
    ("hyphenated bare word", "put it in quotes: answer = \"south-east\""),
    ("times sign", "Python writes × as * and ÷ as /: answer = 6 * 7"),
    ("divide sign", "answer = 6000 / 2.59"),
    ("unit after number", "without the unit or the % sign: answer = 110"),
    ("per cent sign", "answer = 0.5"),
    ("thousands comma", "write 3,010 as 3010"),
])
def test_slip_in_exercise_cell_gets_a_sentence(outputs, name, expected):
    text = _feedback(outputs[name])
    assert text.startswith("❌") and expected in text, text


def test_a_check_without_its_answer_says_so(outputs):
    text = _feedback(outputs["no answer given"])
    assert text.startswith("✏️") and "needs your answer too" in text, text


@pytest.mark.parametrize("name, ename", [("other cell", "NameError"),
                                         ("other cell syntax", "SyntaxError"),
                                         ("inside a function", "NameError")])
def test_real_errors_still_show(outputs, name, ename):
    errors = [o for o in outputs[name] if o.output_type == "error"]
    assert [e.ename for e in errors] == [ename]


def test_an_unfinished_cell_names_what_is_left_open(outputs):
    """Not IPython's bare "incomplete input" (on Python 3.13 as the private class
    _IncompleteInputError), but Python's own message, the same on every Python."""
    (error,) = [o for o in outputs["other cell syntax"] if o.output_type == "error"]
    assert error.evalue.startswith("'(' was never closed"), error.evalue


def test_setup_cell_prints_nothing(outputs):
    assert outputs["setup"] == []
