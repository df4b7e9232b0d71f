"""Per-file limits: a parser that hangs or eats memory costs one refusal, never the run."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import extractors
from core.model import Refused
from core.settings import Settings
from extractors.safe import extract_safely


@pytest.fixture()
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text("Children are seen alone.\n", encoding="utf-8")
    return path


def test_a_hanging_parser_is_refused_after_the_time_limit(a_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractors, "extract", lambda path, settings=None: time.sleep(60))
    started = time.monotonic()
    outcome = extract_safely(a_file, Settings(file_timeout_s=1))
    assert isinstance(outcome, Refused)
    assert "gave up after 1s" in outcome.reason
    assert time.monotonic() - started < 10


def test_a_parser_that_eats_memory_is_refused(a_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def greedy(path, settings=None):  # type: ignore[no-untyped-def]
        hoard = []
        while True:
            hoard.append(bytearray(50 * 1024 * 1024))

    monkeypatch.setattr(extractors, "extract", greedy)
    outcome = extract_safely(a_file, Settings(file_memory_mb=200, file_timeout_s=60))
    assert isinstance(outcome, Refused)
    assert "memory" in outcome.reason


def test_a_good_file_is_extracted_even_when_the_parent_is_large(a_file: Path) -> None:
    ballast = bytearray(400 * 1024 * 1024)  # the parent already uses more than the child's allowance
    outcome = extract_safely(a_file, Settings(file_memory_mb=200))
    assert not isinstance(outcome, Refused), outcome
    assert outcome.passages[0].text == "Children are seen alone."
    del ballast
