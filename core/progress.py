"""Progress on long work: a bar naming the current file on a terminal, a log line per file and per
stage otherwise (a scheduled run's log), nothing at all in library use.

Names shown here pass through `display`, which the command line sets to redact personal data and
strip control characters: a file or folder name is output like any other.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol, TextIO


class StageProgress(Protocol):
    def start(self, name: str) -> None:
        """Work on `name` begins (shown as the current item)."""

    def done(self, name: str, note: str = "") -> None:
        """Work on `name` finished (advances the count)."""


class Progress(Protocol):
    def stage(self, title: str, total: int) -> AbstractContextManager[StageProgress]:
        """A context for one stage of `total` items."""


class _Quiet:
    def start(self, name: str) -> None:
        pass

    def done(self, name: str, note: str = "") -> None:
        pass


class QuietProgress:
    """No output: library calls and tests."""

    @contextmanager
    def stage(self, title: str, total: int) -> Iterator[StageProgress]:
        yield _Quiet()


class LogProgress:
    """One line per item and per stage, with timings: for logs, where a bar would be noise."""

    def __init__(self, stream: TextIO | None = None, display: Callable[[str], str] = str) -> None:
        self.stream = stream or sys.stderr
        self.display = display

    @contextmanager
    def stage(self, title: str, total: int) -> Iterator[StageProgress]:
        started = time.perf_counter()
        line = _Lines(self, title, total)
        self._write(f"{title}: {total} to do")
        yield line
        self._write(f"{title}: {line.count} of {total} done in {time.perf_counter() - started:.1f}s")

    def _write(self, text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=self.stream, flush=True)


class _Lines:
    def __init__(self, owner: LogProgress, title: str, total: int) -> None:
        self.owner, self.title, self.total, self.count = owner, title, total, 0
        self._started: dict[str, float] = {}

    def start(self, name: str) -> None:
        self._started[name] = time.perf_counter()

    def done(self, name: str, note: str = "") -> None:
        self.count += 1
        took = time.perf_counter() - self._started.pop(name, time.perf_counter())
        extra = f" ({note})" if note else ""
        self.owner._write(f"{self.title} {self.count}/{self.total} {self.owner.display(name)} {took:.1f}s{extra}")


class BarProgress:
    """A rich progress bar on the terminal, naming the item in hand."""

    def __init__(self, display: Callable[[str], str] = str) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeElapsedColumn

        self.display = display
        self._rich = RichProgress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[current]}", markup=False),
            transient=True,
        )

    @contextmanager
    def stage(self, title: str, total: int) -> Iterator[StageProgress]:
        with self._rich:
            task = self._rich.add_task(title, total=total, current="")
            yield _Bar(self, task)
            self._rich.remove_task(task)


class _Bar:
    def __init__(self, owner: BarProgress, task: object) -> None:
        self.owner, self.task = owner, task

    def start(self, name: str) -> None:
        self.owner._rich.update(self.task, current=self.owner.display(name))  # type: ignore[arg-type]

    def done(self, name: str, note: str = "") -> None:
        self.owner._rich.advance(self.task)  # type: ignore[arg-type]


def make_progress(display: Callable[[str], str] = str, stream: TextIO | None = None) -> BarProgress | LogProgress:
    """A bar when the output is a terminal, log lines when it is not."""
    stream = stream or sys.stderr
    return BarProgress(display) if stream.isatty() else LogProgress(stream, display)
