"""Ctrl-C ends a run at once, with one line saying what was kept.

Nothing is lost by stopping hard: every document is stored in one transaction and a pack is built
beside the old one and swapped in, so an interrupted run leaves the store consistent and the last
pack intact (the kill-point tests prove the same for SIGKILL). Waiting for Prefect's own shutdown
took minutes and printed hundreds of lines; this stops every child process (extraction children,
worker pools, Prefect's temporary server) and exits with status 130. Children ignore SIGINT, so a
file being read when the user pressed Ctrl-C is not recorded as refused.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from cli.output import err
from core.isolation import begin_stopping

EXIT_INTERRUPTED = 130


@contextmanager
def stop_on_interrupt(what_was_kept: Callable[[], str]) -> Iterator[None]:
    """Within this block, the first Ctrl-C stops the process (and its children) at once."""

    def stop(signum: int, frame: FrameType | None) -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # a second Ctrl-C while stopping ends at once
        begin_stopping()  # before the kill: a file whose reader dies now is not refused
        _kill_children()
        try:
            err.print(f"\n[yellow]Interrupted.[/] {what_was_kept()}")
        finally:
            os._exit(EXIT_INTERRUPTED)

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _kill_children() -> None:
    import psutil

    try:
        children = psutil.Process().children(recursive=True)
    except psutil.Error:
        return
    for child in children:
        try:
            child.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(children, timeout=3)
