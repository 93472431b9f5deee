"""Running one hand-in in a fresh (sandboxed) kernel and witnessing its answers.

Nothing the kernel says about right or wrong is believed: it runs the student's code, which
can read or rewrite anything in it (a secret, a closure, the pack's own check).  So it is only
a witness of *answers*: RECORDER makes each ``check(id, answer)`` send, as an IOPub display
message, the exercise id, the answer as plain data and the kernel's verdict.  The marker
attributes each message to the cell it ran, skips the pack's worked examples and judges the
answer again itself (answers.judge).  When the kernel's verdict differs, or an exercise cell
ran without reporting its check, the notebook gets the status TAMPERED.

Answers are collected as they happen, so a crash or an endless loop later loses nothing.  A
cell over its time limit is interrupted; one that cannot be, or that kills its kernel, is left
out and the notebook is run again from the top in a fresh kernel.
"""

from __future__ import annotations

import asyncio
import os
import queue
import subprocess
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..exercises import EXERCISES
from . import sandbox
from .answers import NOT_ANSWERED, REPORT, RIGHT, judge
from .handins import Result, cell_name, exercise_checks, exercises_of

TAMPERED = "TAMPERED: the notebook's own code changed the pack's checking"
CELL_LIMIT = 60             # seconds one cell may run before it is stopped
NOTEBOOK_LIMIT = 300        # seconds one notebook may run in all
GRACE = 10                  # seconds an interrupted cell has to stop before its kernel is killed

# Belt and braces: a friendly error for a notebook that reaches for the network (in the
# sandbox there is no network to reach; without one, this is all there is, and it can be undone).
OFFLINE = """\
import socket as _socket
def _refuse(*args, **kwargs):
    raise OSError("this notebook tried to use the network; the pack must work offline")
_socket.socket.connect = _socket.create_connection = _socket.getaddrinfo = _refuse
"""

# Wraps the pack's check, before the student's first cell imports it, so that every check
# sends the marker one message: the id, the answer as plain data, and the kernel's verdict.
RECORDER = """\
import IPython.display as _display
import lessonkit as _lessonkit
import lessonkit.exercises as _exercises
from lessonkit.marking.answers import REPORT as _REPORT, plain as _plain
def _reporting(check):
    def check_and_report(exercise_id, answer):
        feedback = check(exercise_id, answer)
        _display.publish_display_data({_REPORT: {
            "id": str(exercise_id), "answer": _plain(answer), "correct": bool(feedback)}})
        return feedback
    check_and_report.__doc__ = check.__doc__
    return check_and_report
_exercises.check = _lessonkit.check = _reporting(_exercises.check)
del _reporting
"""


class KernelDied(Exception):
    """The kernel stopped while a cell ran (it crashed, exited or ran out of memory)."""


class KernelHung(Exception):
    """A cell ran over its limit and did not stop when interrupted."""


@dataclass
class Outcome:
    """What one cell did: its reply, the checks it reported, whether it was stopped."""

    reply: dict = field(default_factory=dict)
    reports: list[dict] = field(default_factory=list)
    stopped: bool = False
    idle: asyncio.Event = field(default_factory=asyncio.Event)


class Kernel:
    """One fresh kernel for one hand-in, in the sandbox if asked, and its messages."""

    def __init__(self, scratch: Path, sandboxed: bool, hidden: list[Path]):
        from jupyter_client import AsyncKernelManager

        class Manager(AsyncKernelManager):
            def format_kernel_cmd(self, extra_arguments=None):
                argv = super().format_kernel_cmd(extra_arguments)
                return sandbox.command(argv, scratch, hidden, env) if sandboxed else argv

        env = {"MPLBACKEND": "agg", "PYTHONWARNINGS": "ignore", "PYTHONDONTWRITEBYTECODE": "1",
               "IPYTHONDIR": str(scratch / ".ipython"),
               "MPLCONFIGDIR": str(scratch / ".matplotlib"),
               "JUPYTER_RUNTIME_DIR": str(scratch / ".jupyter")}
        self.env = env if sandboxed else dict(os.environ, **env)
        # In the sandbox the kernel has no network: it talks to the marker through files.
        self.km = Manager(kernel_name="python3", connection_file=str(scratch / "kernel.json"),
                          **({"transport": "ipc", "ip": str(scratch / "kernel")}
                             if sandboxed else {}))
        self.km.kernel_spec.interrupt_mode = "message"    # a signal would stop bwrap itself
        self.scratch, self.cells, self.kc, self.listening = scratch, {}, None, None

    async def start(self) -> None:
        await self.km.start_kernel(env=self.env, cwd=str(self.scratch),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.kc = self.km.client()
        self.kc.start_channels()
        await self.kc.wait_for_ready(timeout=60)
        self.listening = asyncio.ensure_future(self._listen())

    async def _listen(self) -> None:
        """Sort every IOPub message by the cell it belongs to, as it arrives."""
        while True:
            msg = await self.kc.get_iopub_msg()
            outcome = self.cells.setdefault(msg["parent_header"].get("msg_id"), Outcome())
            content, kind = msg["content"], msg["msg_type"]
            if kind == "display_data" and REPORT in content.get("data", {}) \
                    and len(outcome.reports) < 1000:        # a flood of reports is cut short
                outcome.reports.append(content["data"][REPORT])
            elif kind == "status" and content.get("execution_state") == "idle":
                outcome.idle.set()

    async def _reply(self, msg_id: str, seconds: float) -> dict | None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                msg = await self.kc.get_shell_msg(timeout=min(1, left))
            except queue.Empty:
                if not await self.km.is_alive():
                    raise KernelDied from None
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg["content"]
        return None

    async def execute(self, source: str, limit: float, history: bool = True) -> Outcome:
        """Run one cell; interrupt it after `limit` seconds (KernelHung if that fails)."""
        msg_id = self.kc.execute(source, store_history=history, allow_stdin=False,
                                 stop_on_error=False)
        outcome = self.cells.setdefault(msg_id, Outcome())
        reply = await self._reply(msg_id, limit)
        if reply is None:
            outcome.stopped = True
            await self.km.interrupt_kernel()
            reply = await self._reply(msg_id, GRACE)
            if reply is None:
                raise KernelHung
        outcome.reply = reply
        try:                                    # the messages the cell sent before its reply
            await asyncio.wait_for(outcome.idle.wait(), 5)
        except TimeoutError:
            pass
        return outcome

    async def close(self) -> None:
        if self.listening:
            self.listening.cancel()
        if self.kc:
            self.kc.stop_channels()
        try:
            await self.km.shutdown_kernel(now=True)
        except Exception:   # noqa: BLE001 - a kernel that never started has nothing to stop
            pass


async def run(nb, result: Result, examples: list[str], *, cell_limit: int = CELL_LIMIT,
              notebook_limit: int = NOTEBOOK_LIMIT, sandboxed: bool = True,
              hidden: Iterable[Path] = ()) -> Result:
    """Run a student's notebook from the top and fill in result.marks (and problems).

    A cell that kills its kernel or cannot be stopped is left out, and the notebook run again
    from the top in a fresh kernel, until every other cell has run or the time is up.
    """
    deadline = time.monotonic() + notebook_limit
    problems: dict[str, None] = {}           # in order, each once over the runs
    tampered: dict[str, None] = {}
    reported: dict[str, dict] = {}           # exercise id -> the last answer reported
    left_out: set[int] = set()
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip()]
    finished = False
    while not finished:
        with tempfile.TemporaryDirectory(prefix="lessonkit-marks-",
                                         ignore_cleanup_errors=True) as scratch:
            kernel = Kernel(Path(scratch).resolve(), sandboxed, list(hidden))
            index = -1
            try:
                await kernel.start()
                setup = await kernel.execute(OFFLINE + RECORDER, 60, history=False)
                if setup.reply.get("status") != "ok":
                    problems["the marking set-up failed: is the pack installed?"] = None
                    break
                for index in code:
                    if index in left_out:
                        continue
                    limit = int(min(cell_limit, deadline - time.monotonic()))
                    if limit < 1:
                        problems[f"stopped at the {notebook_limit} s limit for a notebook: "
                                 f"{cell_name(nb, index)} "
                                 "and the cells after it did not run"] = None
                        break
                    outcome = await kernel.execute(nb.cells[index].source, limit)
                    _note(nb, index, outcome, limit, examples, problems, tampered, reported)
                finished = True
            except (KernelDied, KernelHung) as stop:
                if index < 0:
                    problems["could not be run: the kernel stopped before the first cell"] = None
                    break
                why = "the kernel stopped (crashed, or ran out of memory) at " \
                      f"{cell_name(nb, index)}" if isinstance(stop, KernelDied) else \
                      f"{cell_name(nb, index)} ran over {limit} s and could not be stopped"
                left_out.add(index)
                again = time.monotonic() < deadline - 1 and \
                    any(i > index and i not in left_out for i in code)
                problems[why + ("; the notebook was run again without that cell" if again
                                else "")] = None
                finished = not again
            except Exception as error:  # noqa: BLE001 - one broken notebook must not stop the class
                problems[f"could not be run ({type(error).__name__}: {error})"] = None
                finished = True
            finally:
                await kernel.close()
    if tampered:
        problems = {f"{TAMPERED} ({', '.join(tampered)}); only answers the pack's own "
                    "check accepts are marked right": None, **problems}
    result.problems += list(problems)
    for exercise_id in exercises_of(result.notebook):
        result.marks[exercise_id] = judge(exercise_id, reported[exercise_id]) \
            if exercise_id in reported else NOT_ANSWERED
    return result


def _note(nb, index: int, outcome: Outcome, limit: int, examples: list[str],
          problems: dict, tampered: dict, reported: dict) -> None:
    """Take what one cell did into the marks: its answers, its error, any tampering."""
    source = nb.cells[index].source
    if outcome.stopped:
        problems[f"{cell_name(nb, index)} ran over {limit} s and was stopped "
                 "(an endless loop?)"] = None
    elif outcome.reply.get("status") != "ok":
        evalue = (outcome.reply.get("evalue") or "").strip().split("\n")[0][:80]
        problems[f"{cell_name(nb, index)} raised "
                 f"{outcome.reply.get('ename', 'an error')}: {evalue}".rstrip(": ")] = None
    if source.strip() in examples:
        return                                  # the pack's worked example, not an answer
    said = set()
    for report in outcome.reports:
        if not isinstance(report, dict) or not isinstance(report.get("id"), str):
            tampered["a message of its own"] = None
            continue
        exercise_id = report["id"]
        said.add(exercise_id)
        reported[exercise_id] = report.get("answer")
        marked_right = judge(exercise_id, report.get("answer")) == RIGHT
        if exercise_id in EXERCISES and marked_right != (report.get("correct") is True):
            tampered[exercise_id] = None        # the kernel's check said otherwise
    if outcome.reply.get("status") == "ok" and not outcome.stopped:
        for exercise_id in dict.fromkeys(exercise_checks(source)):
            if exercise_id not in said:
                tampered[exercise_id] = None    # its check ran, but reported nothing

