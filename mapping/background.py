"""Staging some output files in a forked child process while this one stages the others.

Why: a large build's tables (mentions.csv, events.csv ...) take as long to write as the map
takes to draw, and both only read the build's results. A forked child sees those results
as they are (copy-on-write, nothing to send), stages its files as temp files beside their
final paths (mapping.files.stage) and reports their names; the parent moves every file into
place only when all are staged (outputs.write_all), so a build stays all-or-none.

The child dies with its parent (Linux), so a killed build leaves no writer behind; where
the system cannot fork, or with nothing to stage, the parent stages everything itself.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import signal
from collections.abc import Callable
from pathlib import Path

from .files import stage

_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a child gets when its parent dies


class ChildFailed(Exception):
    """The child could not stage one file: its name and the error, as the child saw it."""

    def __init__(self, name: str, error: BaseException):
        super().__init__(f"{name}: {error}")
        self.name, self.error = name, error


class Child:
    """A forked child staging `names`; wait() gives name -> staged temp file."""

    def __init__(self, names: list[str], pid: int = 0, pipe: int = -1):
        self.names = frozenset(names)
        self._pid, self._pipe = pid, pipe
        self._staged: dict[str, Path] | None = None if pid else {}
        self._kept = False
        # What the writers that keep one told of the files staged (outputs.CarriedTable):
        # name -> the bytes and rows each seed's rows took, once waited for.
        self.lengths: dict[str, list[list[int]]] = {}

    def wait(self) -> dict[str, Path]:
        """The staged files, once the child has finished; raises ChildFailed (an OSError
        for a disk or folder problem) when it could not stage one."""
        if self._staged is not None:
            return self._staged
        with os.fdopen(self._pipe, "rb") as fh:
            report = fh.read()
        _, status = os.waitpid(self._pid, 0)
        self._staged = {}
        try:
            message = json.loads(report)
        except ValueError:
            code = os.waitstatus_to_exitcode(status)
            raise ChildFailed(
                ", ".join(sorted(self.names)), OSError(f"the writing process ended ({code})")
            ) from None
        self._staged = {name: Path(tmp) for name, tmp in message["staged"].items()}
        self.lengths = message.get("lengths", {})
        if message.get("failed"):
            name, errno_, reason = message["failed"]
            error = OSError(errno_, reason) if errno_ is not None else RuntimeError(reason)
            raise ChildFailed(name, error)
        return self._staged

    def discard(self) -> None:
        """Wait for the child and remove what it staged, unless its files were moved into
        place (kept): what is discarded is never used."""
        if not self._kept:
            for tmp in self.wait_quietly().values():
                tmp.unlink(missing_ok=True)

    def keep(self) -> None:
        """Its staged files were moved into place: discard() leaves them alone."""
        self._kept = True

    def wait_quietly(self) -> dict[str, Path]:
        """The files the child staged, whatever else went wrong (for cleaning up)."""
        try:
            return self.wait()
        except ChildFailed:
            return self._staged or {}


def stage_in_child(out_dir: Path, writers: dict[str, Callable[[Path], None]]) -> Child:
    """Fork a child that stages each file of `writers` in `out_dir` (mapping.files.stage)
    and reports them; a Child with no names when there is nothing to do or no fork."""
    if not writers or not hasattr(os, "fork"):
        return Child([])
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return Child(list(writers), pid, read_end)
    os.close(read_end)  # the child: stage, report, leave without running the parent's exits
    code = 0
    try:
        _die_with_parent(parent)
        os.write(write_end, json.dumps(_stage_all(out_dir, writers)).encode("utf-8"))
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _stage_all(out_dir: Path, writers: dict[str, Callable[[Path], None]]) -> dict:
    """The child's report: the files it staged, and the one it failed on with why. Interrupted
    (SIGINT from the terminal), it removes what it staged: nobody will move them."""
    staged: dict[str, str] = {}
    lengths: dict[str, list[list[int]]] = {}
    try:
        for name, writer in writers.items():
            try:
                staged[name] = str(stage(out_dir / name, writer))
            except OSError as exc:
                return {"staged": staged, "failed": [name, exc.errno, exc.strerror or str(exc)]}
            except Exception as exc:
                return {"staged": staged, "failed": [name, None, f"{type(exc).__name__}: {exc}"]}
            told = getattr(writer, "lengths", None)  # outputs.CarriedTable
            if told is not None:
                lengths[name] = told
    except BaseException:
        for tmp in staged.values():
            Path(tmp).unlink(missing_ok=True)
        raise
    return {"staged": staged, "lengths": lengths}


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this child when its parent dies (SIGKILLed mid-build, say), so no
    orphan keeps writing; elsewhere the child just finishes its files."""
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        ctypes.CDLL(name, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
