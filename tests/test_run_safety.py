"""The main job against hostile folders, names and stores, and the user's own interrupts.

Cases written here; the security review's own cases are held out."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from tests.conftest import SAMPLES

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()


def note(folder: Path, name: str = "minutes.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("Corporate Parenting Board, 4 March 2025\n\n1. 92 per cent of care leavers are in suitable accommodation.\n", encoding="utf-8")
    return path


def flat(text: str) -> str:
    """Output with the console's line wrapping undone."""
    return " ".join(text.split())


def ingest(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["ingest", *args])


def test_readme_hidden_and_temporary_files_are_skipped_and_named(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    note(folder)
    (folder / "README.md").write_text("# About this folder\nNotes for the team, 2013.\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (folder / "~$draft.docx").write_bytes(b"owner file")
    result = ingest(str(folder), "--store", str(tmp_path / "s.sqlite"))
    assert result.exit_code == 0, result.output
    assert "1 ingested" in result.output
    for name in ("README.md", ".hidden.txt", "~$draft.docx"):
        assert f"skipped {folder / name}" in " ".join(result.output.split()), name


def test_include_and_exclude_patterns(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    note(folder, "a.txt")
    note(folder, "b.md")
    only_txt = ingest(str(folder), "--store", str(tmp_path / "one.sqlite"), "--include", "*.txt")
    assert "1 ingested" in only_txt.output and "not matched by any include pattern" in flat(only_txt.output)
    no_md = ingest(str(folder), "--store", str(tmp_path / "two.sqlite"), "--exclude", "*.md")
    assert "1 ingested" in no_md.output and "excluded by pattern '*.md'" in flat(no_md.output)


@pytest.mark.security
def test_a_fifo_and_a_link_to_a_device_are_refused_without_opening_them(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    note(folder)
    os.mkfifo(folder / "pipe.pdf")
    (folder / "zero.docx").symlink_to("/dev/zero")
    started = time.monotonic()
    result = ingest(str(folder), "--store", str(tmp_path / "s.sqlite"))
    assert time.monotonic() - started < 60  # a FIFO that was opened would block for ever
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "pipe.pdf: not a regular file (a named pipe)" in text
    assert "zero.docx" in text and "1 ingested" in text


@pytest.mark.security
def test_links_out_of_the_sources_are_refused_unless_followed(tmp_path: Path) -> None:
    outside = note(tmp_path / "elsewhere", "private.txt")
    folder = tmp_path / "in"
    note(folder)
    (folder / "linked.txt").symlink_to(outside)
    refused = ingest(str(folder), "--store", str(tmp_path / "a.sqlite"))
    assert "outside the source folders" in flat(refused.output) and "1 ingested" in refused.output
    followed = ingest(str(folder), "--store", str(tmp_path / "b.sqlite"), "--follow-links")
    assert "2 files seen" in " ".join(followed.output.split())  # the link is read as well as its target


@pytest.mark.security
def test_a_file_over_the_size_limit_is_refused_before_it_is_hashed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    note(folder)
    (folder / "huge.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 2_200_000)
    monkeypatch.setenv("READINESS_MAX_FILE_MB", "1")
    result = ingest(str(folder), "--store", str(tmp_path / "s.sqlite"))
    assert "over the 1 MB limit" in result.output


@pytest.mark.security
def test_out_overlapping_a_source_is_refused_before_any_work(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    note(folder)
    store = tmp_path / "s.sqlite"
    inside = runner.invoke(app, ["run", "--local", str(folder), "--out", str(folder / "pack"), "--store", str(store)])
    assert inside.exit_code == 2 and "inside the source" in flat(inside.output)
    around = runner.invoke(app, ["run", "--local", str(folder), "--out", str(tmp_path), "--store", str(store)])
    assert around.exit_code == 2 and "is inside --out" in flat(around.output)
    assert not store.exists()  # refused before the store was even opened


@pytest.mark.security
def test_markup_and_terminal_escapes_in_file_names_are_shown_literally(tmp_path: Path) -> None:
    folder = tmp_path / "odd[/bold]"
    note(folder)
    (folder / "[draft] audit [final].pdf").write_bytes(b"")
    (folder / "title\x1b]0;pwned\x07.pdf").write_bytes(b"")
    result = ingest(str(folder), "--store", str(tmp_path / "s.sqlite"))
    assert result.exit_code == 0, result.output
    assert "[draft] audit [final].pdf" in flat(result.output)
    assert "\x1b" not in result.output and "\x07" not in result.output


@pytest.mark.security
def test_the_settings_file_in_use_is_named_and_redaction_off_is_loud(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    note(folder)
    config = tmp_path / "council.yaml"
    config.write_text("redact: false\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(folder), "--store", str(tmp_path / "s.sqlite"), "--config", str(config)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert f"settings from {config}" in text
    assert "WARNING: redaction is OFF" in text


@pytest.mark.security
@pytest.mark.parametrize("damage", ["truncated", "zeroed header", "flipped bytes", "not a database"])
def test_doctor_reports_a_damaged_store_in_plain_words(tmp_path: Path, damage: str) -> None:
    store = tmp_path / "s.sqlite"
    assert ingest(str(SAMPLES), "--store", str(store)).exit_code == 0
    for suffix in ("-wal", "-shm"):
        Path(str(store) + suffix).unlink(missing_ok=True)
    data = bytearray(store.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 3]
    elif damage == "zeroed header":
        data[:100] = bytes(100)
    elif damage == "flipped bytes":
        for offset in range(4096, len(data), 997):
            data[offset] ^= 0xFF
    else:
        data = bytearray(b"these are not the bytes of a database " * 100)
    store.write_bytes(bytes(data))
    result = runner.invoke(app, ["doctor", "--store", str(store)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert "fix:" in result.output


def test_doctor_on_a_pack_alone_creates_no_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pack").mkdir()
    result = runner.invoke(app, ["doctor", "--pack", str(tmp_path / "pack")])
    assert result.exit_code == 1 and "no manifest.json" in flat(result.output)
    assert not (tmp_path / "evidence_store").exists()


def test_a_local_rerun_with_nothing_changed_keeps_the_pack(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    note(folder)
    out, store = tmp_path / "pack", str(tmp_path / "s.sqlite")
    first = runner.invoke(app, ["run", "--local", str(folder), "--out", str(out), "--store", store])
    assert first.exit_code == 0, first.output
    built = (out / "index.html").stat().st_mtime_ns
    second = runner.invoke(app, ["run", "--local", str(folder), "--out", str(out), "--store", store])
    assert second.exit_code == 0, second.output
    assert (out / "index.html").stat().st_mtime_ns == built
    report = json.loads((out / "run-report.json").read_text(encoding="utf-8"))
    assert any("pack kept" in n for n in report["notes"])
    assert report["documents"]["unchanged"] == 1


def _documents_stored(store: Path) -> int:
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.Error:
        return 0  # not created yet, or being created


@pytest.mark.security
@pytest.mark.parametrize("mode", ["--local", "prefect"])
def test_ctrl_c_stops_a_run_quickly_with_one_line_and_refuses_nothing(tmp_path: Path, mode: str) -> None:
    """Ctrl-C while files are being read: the run stops at once, and no file is recorded as refused
    (every file here is one an uninterrupted run reads)."""
    sources = tmp_path / "in"
    shutil.copytree(SAMPLES, sources / "documents")
    shutil.copytree(SAMPLES.parent / "sources", sources / "sources", ignore=shutil.ignore_patterns("*.json"))
    store = tmp_path / "s.sqlite"
    args = [sys.executable, "-m", "cli", "run", str(sources), "--out", str(tmp_path / "pack"), "--store", str(store)]
    if mode == "--local":
        args.append("--local")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    process = subprocess.Popen(args, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    # interrupt in the middle of reading: once the first document is stored
    while _documents_stored(store) == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    started = time.monotonic()
    stdout, stderr = process.communicate(timeout=60)
    assert time.monotonic() - started < 20
    assert process.returncode == 130, stdout + stderr
    assert "Traceback" not in stdout + stderr
    assert "Interrupted." in stderr
    with sqlite3.connect(store) as conn:
        assert conn.execute("select count(*) from refusals").fetchone()[0] == 0
        stored = conn.execute("select count(*) from documents").fetchone()[0]
    assert 0 < stored < 22  # stopped while reading, and what was read is kept


def test_audit_returns_among_the_sources_are_imported_as_rows_and_not_read_twice(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    note(folder)
    (folder / "returns.csv").write_text(
        "Case ID,Date of audit,Overall grade,Key finding\nA1,03/02/2025,Good,Voice of the child is clear.\n"
        "A2,04/02/2025,Inadequate,No plan on file.\n", encoding="utf-8")
    store = str(tmp_path / "s.sqlite")
    first = ingest(str(folder), "--store", store)
    assert first.exit_code == 0, first.output
    assert "audit returns returns.csv: 2 rows read, 2 used, 0 rejected" in flat(first.output)
    from audits.store import AuditStore
    from core.settings import Settings

    assert len(AuditStore.for_settings(Settings(store=store)).rows()) == 2
    again = ingest(str(folder), "--store", store)
    assert "2 unchanged" in again.output and "audit returns" not in again.output


def test_renditions_of_one_document_are_one_document_and_the_pack_copies_the_best(tmp_path: Path) -> None:
    """The same committee paper as DOCX, PDF-like text and plain text, plus a stray Office owner
    file and a README: one document with three renditions; the pack lists it once."""
    import docx

    folder = tmp_path / "in"
    folder.mkdir()
    paragraphs = [
        "Report to: Children's Scrutiny Committee",
        "Placement stability update, March 2025",
        "1.1 Short-term placement stability has improved: 9 per cent of children had three or more moves.",
        "1.2 Long-term stability remains below the national average at 64 per cent.",
        "1.3 The committee is asked to note the report.",
    ]
    (folder / "stability.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (folder / "stability.md").write_text("\n\n".join(paragraphs) + "\n\n", encoding="utf-8")
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(folder / "stability.docx"))
    (folder / "~$ability.docx").write_bytes(b"owner")
    (folder / "README.md").write_text("About this folder\n", encoding="utf-8")
    out, store = tmp_path / "pack", str(tmp_path / "s.sqlite")
    result = runner.invoke(app, ["run", "--local", str(folder), "--out", str(out), "--store", store])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "run-report.json").read_text(encoding="utf-8"))
    assert report["documents"]["ingested"] == 3 and report["documents"]["renditions"] == 2
    assert {Path(s["file"]).name for s in report["skipped"]} == {"~$ability.docx", "README.md"}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["inputs"]) == 1 and len(manifest["inputs"][0]["renditions"]) == 2
    items_per_document = {i["document_sha"] for i in manifest["items"]}
    assert len(items_per_document) == 1
    copies = [p.suffix for p in (out / "evidence").rglob("*") if p.is_file()]
    assert ".docx" in copies or all(c == ".txt" for c in copies)  # the council paper's own format when copied
    doctor = runner.invoke(app, ["doctor", "--store", store])
    assert "3 renditions" in flat(doctor.output)
