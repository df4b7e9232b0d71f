"""Files are recognised by their bytes, and the ones we cannot use are refused with a clear reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.model import Refused
from extractors import extract
from extractors.detect import detect
from core.settings import Settings
from tests.extract_fixtures import SEEDS


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_empty_file_is_refused(tmp_path):
    with pytest.raises(Refused, match="empty file"):
        extract(write(tmp_path / "empty.pdf", b""))


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = write(tmp_path / "big.txt", b"word " * 300_000)
    with pytest.raises(Refused, match="too large.*max_file_mb=1"):
        extract(path, Settings(max_file_mb=1))


def test_unknown_binary_is_refused(tmp_path):
    with pytest.raises(Refused, match="PNG image"):
        extract(write(tmp_path / "chart.docx", b"\x89PNG\r\n\x1a\n" + b"\x00\x01" * 100))
    with pytest.raises(Refused, match="unknown or unsupported"):
        extract(write(tmp_path / "blob.pdf", bytes(range(256)) * 20))


def test_text_named_pdf_is_read_as_text(tmp_path):
    path = write(tmp_path / "not-really-a.pdf", b"This is plain text with a .pdf name.\n")
    assert detect(path) == "text"
    assert extract(path).passages[0].text == "This is plain text with a .pdf name."


def test_whitespace_only_text_is_refused(tmp_path):
    with pytest.raises(Refused, match="no text"):
        extract(write(tmp_path / "blank.txt", b"  \n\n \t\n"))


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(Refused, match="cannot read"):
        extract(tmp_path / "nowhere.pdf")


def test_library_errors_become_refusals(tmp_path, monkeypatch):
    import extractors.text as text_module

    def boom(path, settings=None):
        raise ValueError("internal parser failure")

    monkeypatch.setattr(text_module, "extract", boom)
    with pytest.raises(Refused, match="could not read file.*ValueError"):
        extract(write(tmp_path / "ok.txt", b"fine text\n"))


@pytest.mark.skipif(not (SEEDS / "bad").exists(), reason="shared corpus absent")
@pytest.mark.parametrize(
    "name, reason",
    [
        ("empty.pdf", "empty file"),
        ("encrypted.pdf", "encrypted PDF"),
        ("legacy-word.doc", "legacy Word .doc"),
        ("random-bytes.docx", "unknown or unsupported"),
        ("scanned-no-text.pdf", "no text layer: needs OCR"),
        ("truncated.pdf", "truncated"),
    ],
)
def test_shared_bad_files_are_refused(name, reason, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda tool: None)
    with pytest.raises(Refused) as refused:
        extract(SEEDS / "bad" / name)
    assert reason in refused.value.reason
    assert "\n" not in refused.value.reason


@pytest.mark.skipif(not (SEEDS / "bad").exists(), reason="shared corpus absent")
def test_shared_bad_folder_readable_ones():
    assert extract(SEEDS / "bad" / "not-really-a.pdf").format == "text"
    assert "caf\u00e9" in extract(SEEDS / "bad" / "windows-1252.txt").passages[0].text
    odd = next((SEEDS / "bad").glob("name with spaces*"))
    assert extract(odd).passages
