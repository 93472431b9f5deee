"""Exercise checks: friendly feedback for right, wrong, unanswered and wrongly-typed answers.

Every check returns a Feedback, which Jupyter shows as one short message. No
check ever raises: whatever a student types, they get a sentence back.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import numbers
import re
from dataclasses import dataclass

RIGHT, WRONG, TODO = "✅", "❌", "✏️"


@dataclass(frozen=True)
class Feedback:
    """The result of a check: `correct` for code, the message for people."""

    correct: bool
    message: str

    def __repr__(self) -> str:
        return self.message

    def __bool__(self) -> bool:
        return self.correct


def _unanswered(answer) -> bool:
    return answer is ... or answer is None or (isinstance(answer, str) and not answer.strip())


def _todo() -> Feedback:
    return Feedback(False, f"{TODO} Not answered yet: replace the ... with your answer, "
                           "then run the cell again (Shift+Enter).")


def _describe(answer) -> str:
    if isinstance(answer, str):
        return f"the text {answer!r}"
    if isinstance(answer, (list, tuple)):
        return f"a list of {len(answer)} item(s)"
    return f"{answer!r} (a {type(answer).__name__})"


def _normal(text: str) -> str:
    """Compare names generously: case, spaces, hyphens, apostrophes and 'river' don't matter."""
    text = re.sub(r"[\s\-'’ʼ`.]+", " ", text.lower()).strip()
    text = re.sub(r"^(the )?(river )?", "", text)
    return re.sub(r" (river|oblast|region)$", "", text).replace(" ", "")


def check_number(answer, expected: float, *, tolerance: float = 0, unit: str = "",
                 hint: str = "") -> Feedback:
    """Right if the answer is a number within `tolerance` of `expected`."""
    if _unanswered(answer):
        return _todo()
    unit_text = f" {unit}" if unit else ""
    if isinstance(answer, str):
        digits = answer.replace(",", "").replace(unit, "").strip() if unit else answer.strip()
        example = digits if re.fullmatch(r"-?\d+(\.\d+)?", digits) else "70"
        return Feedback(False, f"{WRONG} I expected a number but got {_describe(answer)}. "
                               f"Write just the number, without quotes or units: "
                               f"answer = {example}")
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return Feedback(False, f"{WRONG} I expected a single number but got "
                               f"{_describe(answer)}. Write just the number, e.g. answer = 70")
    if math.isnan(answer) or math.isinf(answer):
        return Feedback(False, f"{WRONG} That is {answer!r}, which is not a usable number: "
                               "check the calculation that made it.")
    if answer < 0 <= expected:
        return Feedback(False, f"{WRONG} {answer:g} is negative, but this answer can't be: "
                               "distances, areas and counts are never below zero.")
    if abs(answer - expected) <= tolerance:
        return Feedback(True, f"{RIGHT} Right: {answer:,g}{unit_text}.")
    return Feedback(False, f"{WRONG} Not quite: {answer:,g}{unit_text} is too "
                           f"{'high' if answer > expected else 'low'}. {hint}".rstrip())


def check_name(answer, accepted, *, hint: str = "") -> Feedback:
    """Right if the answer names one of the accepted options (spelling-tolerant)."""
    if _unanswered(answer):
        return _todo()
    options = [accepted] if isinstance(accepted, str) else list(accepted)
    if not isinstance(answer, str):
        return Feedback(False, f"{WRONG} I expected a name in quotes, like 'Kyiv', but got "
                               f"{_describe(answer)}.")
    given = _normal(answer)
    if any(given == _normal(o) for o in options):
        return Feedback(True, f"{RIGHT} Right: {options[0]}.")
    if difflib.get_close_matches(given, [_normal(o) for o in options], n=1, cutoff=0.75):
        return Feedback(False, f"{WRONG} Very close! Check the spelling of {answer!r}.")
    return Feedback(False, f"{WRONG} Not quite: {answer!r} is not the answer. {hint}".rstrip())


def check_names(answer, expected, *, ordered: bool = False, hint: str = "") -> Feedback:
    """Right if the answer is a list naming exactly the expected items (in order if asked)."""
    if _unanswered(answer):
        return _todo()
    if isinstance(answer, str) or not isinstance(answer, (list, tuple, set)):
        return Feedback(False, f"{WRONG} I expected a list in square brackets, like "
                               f"['A', 'B'], but got {_describe(answer)}.")
    if not all(isinstance(a, str) for a in answer):
        return Feedback(False, f"{WRONG} Every item of the list should be a name in quotes.")
    given, wanted = [_normal(a) for a in answer], [_normal(e) for e in expected]
    if len(given) != len(wanted):
        return Feedback(False, f"{WRONG} Your list has {len(given)} item(s); "
                               f"it should have {len(wanted)}.")
    unknown = [a for a, g in zip(answer, given) if g not in wanted]
    if unknown:
        return Feedback(False, f"{WRONG} {', '.join(map(repr, unknown))} should not be in the "
                               f"list (check the spelling?). {hint}".rstrip())
    if ordered and given != wanted:
        first = next(i for i, (g, w) in enumerate(zip(given, wanted)) if g != w)
        return Feedback(False, f"{WRONG} The right items, but not in the right order: "
                               f"look again at item {first + 1}. {hint}".rstrip())
    if not ordered and sorted(given) != sorted(wanted):
        return Feedback(False, f"{WRONG} Some names appear twice. {hint}".rstrip())
    return Feedback(True, f"{RIGHT} Right: {', '.join(expected)}.")


def check_date(answer, expected: dt.date, *, hint: str = "") -> Feedback:
    """Right if the answer is the expected date, written as 'YYYY-MM-DD' or a date object."""
    if _unanswered(answer):
        return _todo()
    if isinstance(answer, str):
        try:
            answer = dt.date.fromisoformat(answer.strip())
        except ValueError:
            return Feedback(False, f"{WRONG} I couldn't read {answer!r} as a date. Write it as "
                                   "'YYYY-MM-DD' in quotes, e.g. '2022-09-06'.")
    if not isinstance(answer, dt.date):
        return Feedback(False, f"{WRONG} I expected a date in quotes, like '2022-09-06', but "
                               f"got {_describe(answer)}.")
    if answer == expected:
        return Feedback(True, f"{RIGHT} Right: {expected:%d %B %Y}.")
    return Feedback(False, f"{WRONG} Not quite: {answer:%d %B %Y} is too "
                           f"{'late' if answer > expected else 'early'}. {hint}".rstrip())
