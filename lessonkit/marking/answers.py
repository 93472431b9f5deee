"""An answer as plain data, and the pack's own verdict on it.

The marking kernel runs the student's code, so nothing it says about right or wrong is
believed: each check it runs sends the answer as plain JSON data (``plain``, which runs in
the kernel), and the marker rebuilds that answer (``unplain``) and judges it again with the
pack's check, in its own process (``judge``).
"""

from __future__ import annotations

import datetime as dt
import decimal
import numbers
from fractions import Fraction

from .. import checks
from ..exercises import check as pack_check

RIGHT, NOT_QUITE, NOT_ANSWERED = "right", "not quite", "not answered"
REPORT = "application/vnd.lessonkit.check+json"   # the kernel's message for one check
_LONGEST = 100_000          # characters of a text answer sent to the marker
_ITEMS = 1_000              # items of a list answer sent to the marker


def plain(answer, depth: int = 0) -> dict:
    """An answer as plain JSON data the marker can judge again (run in the kernel).

    Covers what the pack's checks can accept (text, numbers of any size, yes/no, dates, lists,
    sets, dictionaries); anything else becomes {"other": its description}, never right.
    """
    try:
        if getattr(answer, "ndim", None) == 0 and hasattr(answer, "item"):
            answer = answer.item()                 # numpy scalar or 0-d array
        if answer is None or answer is ...:
            return {"none" if answer is None else "ellipsis": True}
        if isinstance(answer, bool):
            return {"bool": bool(answer)}
        if isinstance(answer, str):
            text = str(answer)
            return {"str": text if len(text) <= _LONGEST else text.strip()[:_LONGEST]}
        if isinstance(answer, numbers.Integral):
            return {"int": format(int(answer), "x")}     # hex: no limit on digits
        if isinstance(answer, Fraction):
            return {"fraction": [format(answer.numerator, "x"), format(answer.denominator, "x")]}
        if isinstance(answer, decimal.Decimal):
            return {"decimal": str(answer)}
        if isinstance(answer, numbers.Real):
            return {"float": repr(float(answer))}
        if isinstance(answer, numbers.Complex):
            return {"complex": [repr(answer.real), repr(answer.imag)]}
        if isinstance(answer, dt.datetime):
            return {"datetime": [answer.year, answer.month, answer.day]}
        if isinstance(answer, dt.date):
            return {"date": [answer.year, answer.month, answer.day]}
        if isinstance(answer, dt.timedelta):
            return {"timedelta": [answer.days, answer.seconds, answer.microseconds]}
        kinds = {list: "list", tuple: "tuple", set: "set", frozenset: "frozenset"}
        kind = next((k for t, k in kinds.items() if isinstance(answer, t)), None)
        if kind and depth < 10:
            return {kind: [plain(a, depth + 1) for a in list(answer)[:_ITEMS]]}
        if isinstance(answer, dict) and depth < 10:
            return {"dict": [[plain(k, depth + 1), plain(v, depth + 1)]
                             for k, v in list(answer.items())[:_ITEMS]]}
    except Exception:   # noqa: BLE001 - an answer that breaks when looked at is just unreadable
        pass
    return {"other": checks.describe(answer)}


class Unreadable:
    """An answer the kernel could not send as plain data: no check accepts it."""

    def __init__(self, description: str):
        self.description = str(description)[:200]

    def __repr__(self) -> str:
        return self.description


def unplain(data):
    """The answer that plain() described, rebuilt in the marker (Unreadable if it can't be)."""
    try:
        ((kind, value),) = data.items()
        simple = {"none": lambda v: None, "ellipsis": lambda v: ..., "bool": bool,
                  "str": str, "int": lambda v: int(v, 16), "decimal": decimal.Decimal,
                  "float": float, "fraction": lambda v: Fraction(int(v[0], 16), int(v[1], 16)),
                  "complex": lambda v: complex(float(v[0]), float(v[1])),
                  "datetime": lambda v: dt.datetime(*map(int, v)),
                  "date": lambda v: dt.date(*map(int, v)),
                  "timedelta": lambda v: dt.timedelta(*map(int, v))}
        if kind in simple:
            answer = simple[kind](value)
            if kind == "bool" and not isinstance(value, bool):
                raise TypeError
            return answer
        containers = {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}
        if kind in containers:
            return containers[kind](unplain(v) for v in value[:_ITEMS])
        if kind == "dict":
            return {unplain(k): unplain(v) for k, v in value[:_ITEMS]}
        return Unreadable(value if kind == "other" else "something the marker cannot read")
    except Exception:   # noqa: BLE001 - whatever the kernel sent, the marker does not fail
        return Unreadable("something the marker cannot read")


def judge(exercise_id: str, data) -> str:
    """The mark the pack's own check gives the answer a kernel reported."""
    try:
        feedback = pack_check(exercise_id, unplain(data))
    except Exception:   # noqa: BLE001 - a check that breaks (it should not) gives no mark
        return NOT_QUITE
    return RIGHT if feedback.correct else (
        NOT_ANSWERED if feedback.message.startswith(checks.TODO) else NOT_QUITE)

