"""Extraction that never takes the run down with it.

Whatever a hostile file does to a parser (raises, hangs, eats memory), the caller gets back either
an ExtractedDocument or a Refused with a one-line reason.
"""

from __future__ import annotations

import faulthandler
import logging
import multiprocessing as mp
import resource
from pathlib import Path

from core.model import ExtractedDocument, Refused
from core.settings import Settings


def extract_safely(path: Path, settings: Settings, sha256: str | None = None) -> ExtractedDocument | Refused:
    """Extract in a child process bounded by settings.file_timeout_s and settings.file_memory_mb."""
    ctx = mp.get_context("fork")
    parent_end, child_end = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(child_end, path, settings, sha256), daemon=True)
    child.start()
    child_end.close()
    try:
        if not parent_end.poll(settings.file_timeout_s):
            return Refused(f"gave up after {settings.file_timeout_s:g}s (file too complex or malformed)")
        outcome = parent_end.recv()
    except (EOFError, OSError):
        code = child.exitcode
        child.join(1)
        code = child.exitcode if child.exitcode is not None else code
        if code is not None and code < 0:
            return Refused(f"extraction crashed or ran out of memory (limit {settings.file_memory_mb} MB)")
        return Refused("extraction failed: the parser ran out of memory or crashed")
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        parent_end.close()
    return outcome


def extract_in_process(path: Path, settings: Settings, sha256: str | None = None) -> ExtractedDocument | Refused:
    """The same contract without the child process (tests, and callers that isolate already)."""
    from extractors import extract

    try:
        doc = extract(path, settings)
    except Refused as refused:
        return refused
    except MemoryError:
        return Refused(f"ran out of memory (limit {settings.file_memory_mb} MB)")
    except RecursionError:
        return Refused("document structure nested too deeply to read")
    except Exception as exc:  # any parser failure is this file's problem, not the run's
        return Refused(f"cannot read file ({type(exc).__name__})")
    if sha256 and doc.sha256 != sha256:
        doc.sha256 = sha256
    return doc


def _child(conn, path: Path, settings: Settings, sha256: str | None) -> None:  # type: ignore[no-untyped-def]
    # A crash here is reported to the parent as a refusal; no crash dump on the run's console, and
    # the parsers' own warnings about malformed fonts are noise to a readiness lead.
    faulthandler.disable()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    # The limit is on growth: a forked child starts with its parent's address space (which may
    # already hold spaCy or Prefect), and a bare limit below that would fail every allocation.
    limit = _current_address_space() + int(settings.file_memory_mb) * 1024 * 1024
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard if hard != resource.RLIM_INFINITY and hard < limit else hard))
    except (ValueError, OSError):
        pass  # the limit cannot be set here; the timeout still applies
    outcome = extract_in_process(path, settings, sha256)
    try:
        conn.send(outcome)
    except Exception:
        conn.send(Refused("extraction produced a result that could not be stored"))
    finally:
        conn.close()


def _current_address_space() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0
