"""Exercise checks: friendly feedback for right, wrong, unanswered and wrongly-typed answers.

Every check returns a Feedback, which Jupyter shows as one short message. No
check ever raises: whatever a student types (text, a list, a date, a function,
a number with 400 digits, an object that cannot even print itself), they get a
sentence back.  No message shows a value that could be mistaken for the answer.
"""

from __future__ import annotations

import datetime as dt
import decimal
import difflib
import math
import numbers
import re
from dataclasses import dataclass
from fractions import Fraction

RIGHT, WRONG, TODO = "✅", "❌", "✏️"
SHOWN_CHARS = 40          # longer answers are shortened when a message repeats them


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


def shorten(text: str) -> str:
    """Text cut to SHOWN_CHARS characters, so a huge answer is not echoed back whole."""
    text = str(text)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 1] + "…"


def _quoted(text: str) -> str:
    return repr(shorten(text))


def describe(answer) -> str:
    """What the answer is, in words, for any object at all (never raises)."""
    if getattr(answer, "ndim", None) == 0 and hasattr(answer, "item"):
        answer = answer.item()                     # numpy scalar or 0-d array
    if isinstance(answer, str):
        return f"the text {_quoted(answer)}"
    if isinstance(answer, (bytes, bytearray)):
        return "bytes (b'...'), not text"
    if isinstance(answer, bool):
        return f"{answer}, a yes/no value"
    if isinstance(answer, (list, tuple, set, frozenset, dict)):
        kind = {list: "list", tuple: "tuple", dict: "dictionary"}.get(type(answer), "set")
        return f"a {kind} of {len(answer)} item(s)"
    if isinstance(answer, dt.timedelta):
        return "a length of time (a timedelta)"
    if isinstance(answer, dt.date):
        return f"the date {answer.day} {answer:%B %Y}"
    if isinstance(answer, type):
        return f"the type {shorten(getattr(answer, '__name__', '?'))}"
    if isinstance(answer, BaseException):
        return f"an error object ({type(answer).__name__})"
    if callable(answer) and hasattr(answer, "__name__"):
        return f"the function {shorten(answer.__name__)} itself, not its result"
    if getattr(answer, "ndim", None) not in (None, 0):
        return f"an array of {getattr(answer, 'size', 'several')} item(s)"
    value = _number(answer)
    if isinstance(value, Fraction):
        shown = _show(value)
        return shown if shown.startswith("a number") else f"the number {shown}"
    try:
        shown = repr(answer)
    except Exception:  # an object whose repr fails still gets a sentence
        shown = ""
    kind = shorten(type(answer).__name__)
    if value == "complex":
        return f"the complex number {shorten(shown)}"
    if not shown or " at 0x" in shown:         # no useful text of its own
        return f"an object of type {kind}"
    return f"{shorten(shown)} (of type {kind})"


def _normal(text: str) -> str:
    """Compare names generously: case, spaces, dashes, apostrophes, brackets, 'the' and
    words such as 'river', 'city' or 'projection' around the name don't matter."""
    text = re.sub(r"[\s\-‐‑–—'’ʼ`.,()]+", " ", text.lower()).strip()
    text = re.sub(r"^(the |an? )?((town|city|village) of )?(river |r )?", "", text)
    text = re.sub(r"( (river|oblast|region|city|town|(rail(way)? )?(junction|station)"
                  r"|(equal area )?(projection|map)|ukraine))+$", "", text)
    return text.replace(" ", "")


# Other spellings of the pack's place names, as school atlases, older maps and news reports
# (and the seed article: "Izyum") write them, mostly from the Russian form of the name. They
# count as right, with a note naming the pack's spelling. One table for every exercise.
OTHER_SPELLINGS = {
    "Kyiv": ["Kiev", "Kyïv", "Kyyiv", "Kiew", "Kief"],
    "Kharkiv": ["Kharkov"],
    "Izium": ["Izyum", "Izum", "Izjum"],
    "Kupiansk": ["Kupyansk", "Kupjansk"],
    # Its two parts, each in any of its spellings (made below the table).
    "Kupiansk-Vuzlovyi": [],
    "Oskil": ["Oskol"],
    "Siverskyi Donets": ["Seversky Donets", "Severskiy Donets", "Severskyi Donets",
                         "Siversky Donets", "Siverskiy Donets", "Siverskyy Donets",
                         "Northern Donets", "Donets"],
    "Luhansk": ["Lugansk"],
    "Balakliia": ["Balakleya", "Balakliya", "Balakleia", "Balaklia"],
    "Lyman": ["Liman", "Krasny Liman", "Krasnyi Lyman"],
    "Sviatohirsk": ["Svyatogorsk", "Sviatogorsk", "Svyatohirsk"],
    "Vovchansk": ["Volchansk"],
    "Velykyi Burluk": ["Veliky Burluk", "Velikiy Burluk", "Velikii Burluk", "Velyky Burluk",
                       "Velykyy Burluk"],
    "Shevchenkove": ["Shevchenkovo"],
    "Chuhuiv": ["Chuguev", "Chuguyev", "Chuhuyiv"],
    "Sloviansk": ["Slavyansk", "Slovyansk"],
    "Sievierodonetsk": ["Severodonetsk", "Sieverodonetsk"],
    "Lysychansk": ["Lisichansk"],
    "Odesa": ["Odessa"],
    "Dnipro": ["Dnepr", "Dnieper"],
    "Zaporizhzhia": ["Zaporozhye", "Zaporizhia", "Zaporozhzhia"],
    "Mykolaiv": ["Nikolaev", "Nikolayev"],
    "Chernihiv": ["Chernigov"],
    "Donbas": ["Donbass"],
}
OTHER_SPELLINGS["Kupiansk-Vuzlovyi"] = [
    f"{town}-{part}" for town in ["Kupiansk"] + OTHER_SPELLINGS["Kupiansk"]
    for part in ("Vuzlovyi", "Vuzlovyy", "Vuzlovy", "Vuzlovoy", "Uzlovyi", "Uzlovoy", "Uzlovoi")
    if (town, part) != ("Kupiansk", "Vuzlovyi")]
# Where the answer is a country, its people or its side mean the same in these exercises.
SAME_SIDE = {
    "Russia": ["Russian", "Russians", "Russian side", "Russia's side", "Russia side",
               "Russia's", "Russian Federation", "Russian forces", "Russian army",
               "Russian government", "Russian officials", "pro-Russian", "Russian-backed",
               "Russia-backed", "Russian-installed", "Russian-installed official",
               "Russian-installed officials"],
    "Ukraine": ["Ukrainian", "Ukrainians", "Ukrainian side", "Ukraine's side", "Ukraine side",
                "Ukraine's", "Ukrainian forces", "Ukrainian army", "Ukrainian government",
                "Ukrainian officials", "pro-Ukrainian"],
}
_SPELLING_OF = {_normal(v): name for name, vs in OTHER_SPELLINGS.items() for v in vs}
_AS_WRITTEN = {_normal(v): v for vs in OTHER_SPELLINGS.values() for v in vs}
_SIDE_OF = {_normal(v): name for name, vs in SAME_SIDE.items() for v in vs}
_YES_NO = {"yes", "no"}
# How a student may start a yes or a no ("No, because ...", "It doesn't", "Nope"), and
# answers that are neither ("no idea", "not sure"): checked in that order.
_UNSURE = re.compile(r"((no|not) (idea|clue|sure|certain)|no ?one|nobody|dunno|idk|maybe"
                     r"|perhaps|(i )?(don'?t|do not) know|i'?m not sure)\b", re.I)
_SAYS_NO = re.compile(r"(no|nope|nah|not|never|no way|cannot|can'?t|won'?t"
                      r"|(it|they|that|this|we|you) ?(does|did|do|is|was|can|could|would|will)"
                      r"(n'?t| not)|(definitely|probably|certainly|of course|surely) not)\b", re.I)
_SAYS_YES = re.compile(r"(yes|yeah|yep|yup|(it|they|that|this|we|you) "
                       r"(does|did|do|is|was|can|could|would|will)|of course|definitely)\b",
                       re.I)


def _key(text: str) -> str:
    """The form two names are compared in: another spelling or a side's adjective counts as
    the pack's name."""
    given = _normal(text)
    name = _SPELLING_OF.get(given) or _SIDE_OF.get(given)
    return _normal(name) if name else given


def _yes_or_no(answer) -> str | None:
    """'yes' or 'no' for an answer that starts as one ('No, because ...', 'Nope', 'It
    doesn't', True, False); '' for 'no idea' or 'not sure'; None for anything else."""
    if isinstance(answer, bool):
        return "yes" if answer else "no"
    if not isinstance(answer, str):
        return None
    text = " ".join(answer.replace("’", "'").split())
    if _UNSURE.match(text):
        return ""
    if _SAYS_NO.match(text):
        return "no"
    return "yes" if _SAYS_YES.match(text) else None


def _before_reason(text: str) -> str:
    """'Russia, because ...' read as 'Russia': the answer before a reason given after it."""
    return re.split(r"\s*[,;:(–—-]?\s*\b(?:because|since)\b", text, maxsplit=1)[0]


def _spelling_note(typed: list[str]) -> str:
    """A short, respectful note when an answer used another form of a place name."""
    keys = [_normal(t) for t in typed]
    pairs = [(_AS_WRITTEN[k], _SPELLING_OF[k]) for k in keys
             if k in _SPELLING_OF and k != _normal(_SPELLING_OF[k])]
    if not pairs:
        return ""
    pairs = list(dict.fromkeys(pairs))[:2]
    theirs = " and ".join(t for t, _ in pairs)
    ours = " and ".join(name for _, name in pairs)
    kind = "another form of the name" if len(pairs) == 1 else "other forms of the names"
    return (f" ({theirs} {'is' if len(pairs) == 1 else 'are'} {kind}, used in many atlases and "
            f"older news; this pack writes {ours}, transliterated from Ukrainian.)")


def _number(answer):
    """One real number as an exact Fraction; a str saying why not, if it isn't one.

    Floats count as the decimal a student typed (0.55 is exactly 55/100), so an answer
    at either edge of the tolerance is treated the same way.  numpy scalars, 0-d
    arrays, Fractions, Decimals and integers of any size are numbers too.
    """
    if getattr(answer, "ndim", None) == 0 and hasattr(answer, "item"):
        answer = answer.item()                     # numpy scalar or 0-d array
    if isinstance(answer, bool):
        return "yes/no"
    if isinstance(answer, numbers.Complex) and not isinstance(answer, numbers.Real):
        return "complex"
    if not isinstance(answer, (numbers.Real, decimal.Decimal)):
        return "not a number"
    try:
        if isinstance(answer, (numbers.Integral, Fraction, decimal.Decimal)):
            return Fraction(answer)
        value = float(answer)
        if math.isnan(value) or math.isinf(value):
            return "not usable"
        return Fraction(repr(value))
    except (ValueError, OverflowError, TypeError, ArithmeticError):
        return "not usable"                        # Decimal NaN or Infinity


def _show(number: Fraction) -> str:
    """A number for a message: readable, and short even with hundreds of digits."""
    if abs(number) >= 10**15:
        digits = math.floor(math.log10(abs(math.trunc(number)))) + 1   # str() stops at 4,300
        return f"a number with {digits} digits"
    return f"{float(number):,g}"


def check_number(answer, expected: float, *, tolerance: float = 0, unit: str = "",
                 hint: str = "") -> Feedback:
    """Right if the answer is a number within `tolerance` of `expected` (edges included)."""
    if _unanswered(answer):
        return _todo()
    unit_text = f" {unit}" if unit else ""
    value = _number(answer)
    if isinstance(value, Fraction):
        shown = _show(value)
        if not shown.startswith("a number"):
            shown += unit_text
        if value < 0 <= expected:
            return Feedback(False, f"{WRONG} {shown} is negative, but this answer can't be: "
                                   "distances, areas and counts are never below zero.")
        # (a float's last-digit noise, as in 0.07 * 600, is not a wrong answer)
        noise = Fraction(1, 10**9) * max(1, abs(_number(expected)))
        if abs(value - _number(expected)) <= _number(tolerance) + noise:
            return Feedback(True, f"{RIGHT} Right: {shown}.")
        return Feedback(False, f"{WRONG} Not quite: {shown} is too "
                               f"{'high' if value > expected else 'low'}. {hint}".rstrip())
    if isinstance(answer, str):
        typed = re.fullmatch(r"\s*(-?[\d,]*\.?\d+)[^\d]*", answer)
        decimal_comma = re.fullmatch(r"\s*(-?\d+),(\d{1,2}|\d{4,})\D*", answer)
        how = (f"answer = {decimal_comma.group(1)}.{decimal_comma.group(2)} (Python writes a "
               "decimal point, not a comma)" if decimal_comma else
               f"answer = {typed.group(1).replace(',', '')}" if typed else
               "the number in digits after answer =")
        return Feedback(False, f"{WRONG} I expected a number but got {describe(answer)}: "
                               f"in quotes, it is text. Write just the number, without quotes "
                               f"or units: {how}")
    if value == "not usable":
        return Feedback(False, f"{WRONG} That is {describe(answer)}, which is not a usable "
                               "number: check the calculation that made it.")
    if isinstance(answer, dt.timedelta):
        return Feedback(False, f"{WRONG} That is a length of time, not a number. To get the "
                               "number of days, add .days at the end: (later - earlier).days")
    if isinstance(answer, dt.date):
        return Feedback(False, f"{WRONG} I expected a number but got {describe(answer)}. "
                               "To count the days between two dates, subtract them and add "
                               ".days: (later - earlier).days")
    if value == "complex":
        return Feedback(False, f"{WRONG} That is a complex number (it has a j in it). Write an "
                               "ordinary number, with digits and a decimal point if needed.")
    if callable(answer) and hasattr(answer, "__name__") and not isinstance(answer, type):
        return Feedback(False, f"{WRONG} That is {describe(answer)}. Call it with brackets, "
                               f"like {shorten(answer.__name__)}(...), to get a number.")
    if isinstance(answer, tuple) and len(answer) == 1 and isinstance(_number(answer[0]),
                                                                      Fraction):
        return Feedback(False, f"{WRONG} I expected a single number, but the comma after it "
                               "makes Python read a group of numbers: delete that comma.")
    if isinstance(answer, tuple) and all(isinstance(_number(a), Fraction) for a in answer):
        return Feedback(False, f"{WRONG} I expected a single number but got {len(answer)} "
                               "numbers with commas between them. Python reads a comma as a "
                               "gap between two numbers, so write 6,000 as 6000, and "
                               "decimals with a point: 2.59.")
    return Feedback(False, f"{WRONG} I expected a single number but got {describe(answer)}. "
                           "Write just one number after answer =")


def check_name(answer, accepted, *, hint: str = "") -> Feedback:
    """Right if the answer names one of the accepted options (spelling-tolerant)."""
    if _unanswered(answer):
        return _todo()
    options = [accepted] if isinstance(accepted, str) else list(accepted)
    if {_normal(o) for o in options} <= _YES_NO:
        said = _yes_or_no(answer)                   # "No, because ..." is a "no"
        if said == "":
            return Feedback(False, f"{TODO} Choose 'yes' or 'no' first. You can add your "
                                   "reason after it, like 'no, because ...'.")
        answer = said or answer
    if not isinstance(answer, str):
        return Feedback(False, f"{WRONG} I expected a name: a word in quotes, like "
                               f"answer = \"Name\", but got {describe(answer)}.")
    given, wanted = _key(answer), [_key(o) for o in options]
    if given not in wanted and _key(_before_reason(answer)) in wanted:
        given = _key(_before_reason(answer))       # "Russia, because ..." is "Russia"
    if given in wanted:
        matched = options[wanted.index(given)]
        return Feedback(True, f"{RIGHT} Right: {matched}.{_spelling_note([answer])}")
    if any(abs(len(given) - len(w)) <= 2 for w in
           difflib.get_close_matches(given, wanted, n=3, cutoff=0.75)):
        return Feedback(False, f"{WRONG} Very close! Check the spelling of {_quoted(answer)}.")
    return Feedback(False, f"{WRONG} Not quite: {_quoted(answer)} is not the answer. "
                           f"{hint}".rstrip())


COMPASS = {"n": "north", "ne": "north-east", "e": "east", "se": "south-east", "s": "south",
           "sw": "south-west", "w": "west", "nw": "north-west"}
COMPASS |= {a + b: f"{COMPASS[a]}-{COMPASS[b]}" for a, b in
            [("n", "ne"), ("e", "ne"), ("e", "se"), ("s", "se"), ("s", "sw"), ("w", "sw"),
             ("w", "nw"), ("n", "nw")]}       # the in-between points: 'NNE' is north-north-east


def compass_point(answer) -> str | None:
    """The compass direction an answer names ('south-east' for 'SE', 'South East',
    'south-eastern', 'to the south-east' or 'south-east of Kharkiv'), or None."""
    if not isinstance(answer, str):
        return None
    text = re.sub(r"[\s\-‐‑–—]+", " ", answer.lower()).strip(" .!")
    text = re.sub(r"^(due |to the |towards the |the )", "", text)
    text = re.sub(r" (of|from) .*$", "", text)                    # "east of Kyiv"
    text = re.sub(r"(wards?|erly|ern)$", "", text).replace(" ", "")
    words = {name.replace("-", ""): name for name in COMPASS.values()}
    return COMPASS.get(text) or words.get(text)


def check_direction(answer, expected: str, *, hint: str = "") -> Feedback:
    """Right if the answer names the `expected` compass direction (a value of COMPASS), in
    any usual way of writing it."""
    if _unanswered(answer):
        return _todo()
    given = compass_point(answer)
    if given is None:                        # not a direction: a name check's message
        return check_name(answer, expected, hint=hint)
    if given == expected:
        return Feedback(True, f"{RIGHT} Right: {expected}.")
    return Feedback(False, f"{WRONG} Not quite: {_quoted(answer)} is another direction. "
                           f"{hint}".rstrip())


def check_names(answer, expected, *, ordered: bool = False, hint: str = "") -> Feedback:
    """Right if the answer is a list naming exactly the expected items (in order if asked)."""
    if _unanswered(answer):
        return _todo()
    if isinstance(answer, (set, frozenset)) and ordered:
        return Feedback(False, f"{WRONG} Curly brackets make a set, which has no order. Use "
                               "square brackets, like ['A', 'B'], earliest first.")
    if not isinstance(answer, (list, tuple, set, frozenset)):
        return Feedback(False, f"{WRONG} I expected a list in square brackets, like "
                               f"['A', 'B'], but got {describe(answer)}.")
    if not all(isinstance(a, str) for a in answer):
        return Feedback(False, f"{WRONG} Every item of the list should be a name in quotes.")
    given, wanted = [_key(a) for a in answer], [_key(e) for e in expected]
    if len(given) != len(wanted):
        return Feedback(False, f"{WRONG} Your list has {len(given)} item(s); "
                               f"it should have {len(wanted)}.")
    unknown = [a for a, g in zip(answer, given) if g not in wanted]
    if unknown:
        return Feedback(False, f"{WRONG} {', '.join(map(_quoted, unknown[:3]))} should not be "
                               f"in the list (check the spelling?). {hint}".rstrip())
    if ordered and given != wanted:
        first = next(i for i, (g, w) in enumerate(zip(given, wanted)) if g != w)
        return Feedback(False, f"{WRONG} The right items, but not in the right order: "
                               f"look again at item {first + 1}. {hint}".rstrip())
    if not ordered and sorted(given) != sorted(wanted):
        return Feedback(False, f"{WRONG} Some names appear twice. {hint}".rstrip())
    return Feedback(True, f"{RIGHT} Right: {', '.join(expected)}.{_spelling_note(list(answer))}")


DATE_FORMAT = ("Write it as 'YYYY-MM-DD' in quotes: year, month, day, so 31 January 2000 "
               "is '2000-01-31'.")


def check_date(answer, expected: dt.date, *, hint: str = "") -> Feedback:
    """Right if the answer is the expected date: 'YYYY-MM-DD' text, a date, or a datetime
    on that day."""
    if _unanswered(answer):
        return _todo()
    if getattr(answer, "ndim", None) == 0 and hasattr(answer, "item"):
        answer = answer.item()                     # numpy's datetime64, as a date
    if isinstance(answer, str):
        parts = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})[\s.]*", answer)
        try:
            answer = dt.date(*map(int, parts.groups()))
        except (AttributeError, ValueError):       # no match, or no such day
            return Feedback(False, f"{WRONG} I couldn't read {describe(answer)} as a date. "
                                   + DATE_FORMAT)
    if isinstance(answer, dt.datetime):
        answer = answer.date()                     # a datetime counts on its day
    if isinstance(answer, numbers.Number) and not isinstance(answer, bool):
        return Feedback(False, f"{WRONG} I expected a date but got a number. Without quotes, "
                               "Python reads 2000-01-31 as a subtraction. " + DATE_FORMAT)
    if not isinstance(answer, dt.date):
        return Feedback(False, f"{WRONG} I expected a date but got {describe(answer)}. "
                               + DATE_FORMAT)
    if answer == expected:
        return Feedback(True, f"{RIGHT} Right: {expected.day} {expected:%B %Y}.")
    return Feedback(False, f"{WRONG} Not quite: {answer.day} {answer:%B %Y} is too "
                           f"{'late' if answer > expected else 'early'}. {hint}".rstrip())
