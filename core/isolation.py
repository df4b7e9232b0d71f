"""Work on one untrusted file that never takes the run down with it.

Whatever a hostile file does to a parser (raises, hangs, eats memory, crashes the interpreter),
`run_isolated` gives back either the work's result or a `Refused` with a one-line reason. The work
runs in a forked child with a time limit and a limit on how much memory it may add.

An interrupt (Ctrl-C) is the user's, not the file's: the child ignores SIGINT, so only the parent
sees it, stops waiting, kills the child and lets the interrupt go on. No file is ever refused
because the user interrupted the run: the interrupt handler calls `begin_stopping` before it kills
the children, and a thread that then finds its child gone (or its pool worker dead) holds instead
of reporting a refusal, until the handler ends the process.
"""

from __future__ import annotations

import faulthandler
import logging
import multiprocessing as mp
import resource
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from core.model import Refused

T = TypeVar("T")

_STOPPING = threading.Event()


@dataclass(frozen=True)
class Limits:
    timeout_s: float
    memory_mb: int


def run_isolated(work: Callable[..., T | Refused], args: tuple, limits: Limits) -> T | Refused:
    """`work(*args)` in a child process bounded by `limits`; its result, or a Refused saying why not.

    `work` must itself turn the file's own failures into a Refused (see `refusal_for`); what is
    left for this function are the failures no code in the child can report: a hang, a crash of
    the interpreter, memory exhausted."""
    ctx = mp.get_context("fork")
    parent_end, child_end = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(child_end, work, args, limits), daemon=True)
    child.start()
    child_end.close()
    try:
        if not parent_end.poll(limits.timeout_s):
            hold_if_stopping()
            return Refused(f"gave up after {limits.timeout_s:g}s (file too complex or malformed)")
        return parent_end.recv()
    except (EOFError, OSError):
        hold_if_stopping()
        child.join(1)
        code = child.exitcode
        if code is not None and code < 0:
            return Refused(f"the parser crashed or ran out of memory (limit {limits.memory_mb} MB)")
        return Refused("the parser ran out of memory or crashed")
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        parent_end.close()


def refusal_for(exc: BaseException, limits: Limits | None = None) -> Refused:
    """The one-line reason for a parser failure (the file's problem, not the run's)."""
    if isinstance(exc, Refused):
        return exc
    if isinstance(exc, MemoryError):
        limit = f" (limit {limits.memory_mb} MB)" if limits else ""
        return Refused(f"ran out of memory{limit}")
    if isinstance(exc, RecursionError):
        return Refused("document structure nested too deeply to read")
    return Refused(f"cannot read file ({type(exc).__name__})")


def begin_stopping() -> None:
    """The user is stopping the run (Ctrl-C): what dies from now on was killed, not defeated by its file."""
    _STOPPING.set()


def hold_if_stopping() -> None:
    """Before a failure is reported as the file's: while the run is being stopped, wait for the
    process to end instead. The interrupt handler kills the children and then exits; a thread that
    saw its child die in between must not record that file as refused (or print anything)."""
    if _STOPPING.is_set():
        threading.Event().wait()  # never set: the handler ends the process


def ignore_interrupts() -> None:
    """For worker processes: Ctrl-C is handled once, by the parent; and a worker whose parent
    dies (killed, or stopped by that Ctrl-C) dies with it instead of reading on alone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()


def _die_with_parent() -> None:
    try:
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the parent's own clean-up still kills its children


def _child(conn, work: Callable[..., object], args: tuple, limits: Limits) -> None:  # type: ignore[no-untyped-def]
    ignore_interrupts()
    # A crash here is reported to the parent as a refusal; no crash dump on the run's console, and
    # the parsers' own warnings about malformed fonts are noise to a readiness lead.
    faulthandler.disable()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    # The limit is on growth: a forked child starts with its parent's address space (which may
    # already hold spaCy or Prefect), and a bare limit below that would fail every allocation.
    limit = _current_address_space() + int(limits.memory_mb) * 1024 * 1024
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard if hard != resource.RLIM_INFINITY and hard < limit else hard))
    except (ValueError, OSError):
        pass  # the limit cannot be set here; the timeout still applies
    try:
        outcome = work(*args)
    except BaseException as exc:  # noqa: BLE001 - whatever the file did, it is reported, not raised
        outcome = refusal_for(exc, limits)
    try:
        conn.send(outcome)
    except Exception:
        conn.send(Refused("the parser produced a result that could not be passed back"))
    finally:
        conn.close()


def _current_address_space() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0
