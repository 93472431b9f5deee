"""A plain sentence, instead of a red traceback, for a word typed without quotes.

The commonest slip of a beginner is ``answer = Oskil``: without quotes Python looks
for something *called* Oskil and stops with a NameError.  ``answer = Siverskyi
Donets`` or ``answer = 2022-09-08`` stops even earlier, with a SyntaxError.  In an
exercise cell (one that sets ``answer`` or calls ``check(``) the pack shows one
sentence instead, in the same style as a check's feedback.  Any other error, and
any error in any other cell, is shown exactly as IPython would show it, except that an
unfinished cell names what is left open ("'(' was never closed"), as Python itself does,
instead of IPython's bare "incomplete input".

``install()`` registers the handler with IPython (through its ``set_custom_exc``
hook) and does nothing outside IPython; importing lessonkit.exercises, as every
notebook's Setup cell does, calls it.  The cell still counts as failed, so *Run All*
stops there, as it would at any other error.
"""

from __future__ import annotations

import difflib
import linecache
import re
import traceback

from .checks import WRONG, Feedback, shorten

EXERCISE_CELL = re.compile(r"^\s*answer\s*=|check\(", re.M)
PLAIN_WORDS = re.compile(r"[^\W\d][\w\s\-'’.]*|\d{4}-\d{1,2}-\d{1,2}")   # names, or a date
RUN_SETUP = ("If the spelling is right, run the Setup cell at the top of the notebook first "
             "(or use Kernel → Restart Kernel and Run All Cells).")


def install(shell=None) -> None:
    """Give exercise cells friendly NameError and SyntaxError messages (IPython only)."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return
        shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((NameError, SyntaxError), _handle)


def _handle(shell, etype, value, tb, tb_offset=None):
    """IPython's custom-exception hook: a sentence for a slip, the usual display otherwise."""
    if isinstance(value, SyntaxError) and not _cell_frames(shell, tb):
        value = plain_syntax_error(value)
        etype = type(value)
    try:
        message = advice(shell, value, tb)
    except Exception:  # never let the helper hide the student's real error
        message = None
    if message:
        from IPython.display import display

        display(Feedback(False, f"{WRONG} {message}"))
    elif isinstance(value, SyntaxError) and not _cell_frames(shell, tb):
        try:                                 # the cell could not be read: as IPython does
            raise value from None            # (showsyntaxerror shows the error being handled)
        except SyntaxError:
            shell.showsyntaxerror()
    else:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset, running_compiled_code=True)


def plain_syntax_error(error: SyntaxError) -> SyntaxError:
    """Python's own error for a cell that stops too early, e.g. "'(' was never closed".

    IPython compiles a cell as an interactive prompt does, so an unfinished cell (`answer = (`)
    gives only "incomplete input", at the last line; on Python 3.13 and later as the private
    class `_IncompleteInputError`. Compiling the cell again as a whole file names the bracket
    or block left open, and where. Any other error is returned as it is.
    """
    if error.msg != "incomplete input":
        return error
    source = "".join(linecache.getlines(error.filename or ""))
    try:
        compile(source, error.filename or "<cell>", "exec", dont_inherit=True)
    except SyntaxError as plain:
        return plain
    except ValueError:                       # e.g. a null byte in the cell
        return error
    return error


def _is_cell(shell, filename: str) -> bool:
    name_of = getattr(shell.compile, "format_code_name", None)
    return bool(name_of and name_of(filename))


def _cell_frames(shell, tb) -> list:
    """The traceback's frames that ran a notebook cell's own code."""
    return [(f, n) for f, n in traceback.walk_tb(tb) if _is_cell(shell, f.f_code.co_filename)]


def advice(shell, error: BaseException, tb) -> str | None:
    """The sentence for a slip in an exercise cell, or None to show the error as usual."""
    if isinstance(error, NameError):
        frames = list(traceback.walk_tb(tb))
        if not frames:
            return None
        frame, lineno = frames[-1]
        filename = frame.f_code.co_filename
        if frame.f_code.co_name != "<module>" or not _is_cell(shell, filename):
            return None                      # raised inside a function, not by the cell
        lines = linecache.getlines(filename)
        if not EXERCISE_CELL.search("".join(lines)) or not 0 < lineno <= len(lines):
            return None
        name = getattr(error, "name", None)
        return _unknown_name(shell, name, lines[lineno - 1].strip()) if name else None
    if isinstance(error, SyntaxError) and not _cell_frames(shell, tb):
        source = "".join(linecache.getlines(error.filename or "")) or (error.text or "")
        line = (error.text or "").strip()
        if not line or not EXERCISE_CELL.search(source):
            return None
        typed = re.fullmatch(r"answer\s*=\s*(.+?)", line)
        if typed and PLAIN_WORDS.fullmatch(typed.group(1)):
            words = shorten(typed.group(1))
            return (f"Python can't read answer = {words}. To give a name, a word or a date "
                    f"as an answer, put it in quotes: answer = \"{words}\"")
        slip = _number_slip(typed.group(1)) if typed else None
        if slip:
            return f"Python can't read answer = {shorten(typed.group(1))}. {slip}"
        return (f"Python can't read line {error.lineno} of this cell ({shorten(line)}). "
                "Check that every quote and bracket you open is closed, and that names "
                "and words are in quotes.")
    return None


def _number_slip(typed: str) -> str | None:
    """What to write instead, for a number typed as people write it on paper: with × or ÷,
    a comma in the thousands, a unit or a per cent sign after it, or a 0 in front."""
    if re.search(r"[×÷]|\d\s*[xX]\s*\d", typed):
        fixed = re.sub(r"(?<=[\d\s])[xX](?=[\s\d])", "*", typed)
        return ("Python writes × as * and ÷ as /: answer = "
                f"{shorten(fixed.replace('×', '*').replace('÷', '/'))}")
    if re.search(r"\d,\d{3}\b", typed):
        return ("Python reads a comma as a gap between two numbers: write 3,010 as 3010, "
                "without the comma.")
    number = re.fullmatch(r"(-?\d[\d.]*)\s*(%|[^\W\d][\w\s²]*)", typed)
    if number:
        return ("Write just the number, without the unit or the % sign: "
                f"answer = {shorten(number.group(1))}")
    zero = re.fullmatch(r"0+(\d+)", typed)
    if zero:
        return f"Write the number without the 0 in front: answer = {zero.group(1)}"
    return None


def _unknown_name(shell, name: str, line: str) -> str:
    """Advice for a NameError: quotes for a word, spelling or Setup for code."""
    known = [n for n in shell.user_ns if not n.startswith("_")]
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
    start = f"Python doesn't know anything called {shorten(name)}."
    if re.search(rf"\b{re.escape(name)}\s*[(.\[]", line):       # used as code: a function
        return f"{start} " + (f"Did you mean {close[0]}? " if close else "") + RUN_SETUP
    alone = re.fullmatch(rf"answer\s*=\s*({re.escape(name)}\b[\w\s\-'’.]*)", line)
    example = f"answer = \"{shorten(alone.group(1).strip())}\"" if alone \
        else f"\"{shorten(name)}\""
    tip = f" (Or, if you meant {close[0]} from an earlier cell, check its spelling.)" \
        if close else ""
    return f"{start} To give a word as an answer, put it in quotes: {example}{tip}"
