"""Extraction with the run's guarantees: a file gives a document or a one-line refusal, never an
exception, a hang or a blown memory budget (core.isolation runs it in a bounded child)."""

from __future__ import annotations

from pathlib import Path

from core.isolation import Limits, refusal_for, run_isolated
from core.model import ExtractedDocument, Refused
from core.settings import Settings
from extractors import warm_up


def limits_for(settings: Settings) -> Limits:
    return Limits(timeout_s=settings.file_timeout_s, memory_mb=settings.file_memory_mb)


def extract_in_process(path: Path, settings: Settings, sha256: str | None = None) -> ExtractedDocument | Refused:
    """Extract in this process (tests, and callers that isolate already, such as a Dask worker)."""
    from extractors import extract

    try:
        document = extract(path, settings)
    except BaseException as exc:  # noqa: BLE001 - any parser failure is this file's problem
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return refusal_for(exc, limits_for(settings))
    if sha256 and document.sha256 != sha256:
        document.sha256 = sha256  # the bytes hashed before extraction are the document's identity
    return document


def extract_safely(path: Path, settings: Settings, sha256: str | None = None) -> ExtractedDocument | Refused:
    """Extract in a child process bounded by settings.file_timeout_s and settings.file_memory_mb."""
    warm_up()  # this process loads the parsers once (imports are kept); each child inherits them
    return run_isolated(extract_in_process, (path, settings, sha256), limits_for(settings))
