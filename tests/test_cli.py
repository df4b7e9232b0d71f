"""The command line: help everywhere, ingest/status/export on small files the test writes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app

runner = CliRunner()


def command_names() -> list[str]:
    names = [c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands]
    names += [g.name for g in app.registered_groups if g.name]
    return names


def test_main_commands_are_present() -> None:
    assert {"run", "ingest", "tag", "narrate", "pack", "status", "export"} <= set(command_names())


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help(name: str) -> None:
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def write_sources(folder: Path) -> Path:
    folder.mkdir()
    (folder / "minutes.txt").write_text(
        "Corporate Parenting Board minutes, 4 March 2025\n\n"
        "1. The board noted the report on care leavers.\n\n"
        "2. 92 per cent of care leavers are in suitable accommodation.\n",
        encoding="utf-8",
    )
    (folder / "empty.pdf").write_bytes(b"")
    return folder


def test_ingest_skips_unchanged_and_reports_refusals(tmp_path: Path) -> None:
    sources = write_sources(tmp_path / "in")
    store = str(tmp_path / "s.sqlite")
    first = runner.invoke(app, ["ingest", str(sources), "--store", store])
    assert first.exit_code == 0, first.output
    assert "1 ingested" in first.output and "1 refused" in first.output
    assert "empty.pdf" in first.output and "empty" in first.output.split("empty.pdf", 1)[1]
    second = runner.invoke(app, ["ingest", str(sources), "--store", store])
    assert "0 ingested" in second.output and "1 unchanged" in second.output


def test_missing_source_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--store", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 2
    assert "source not found" in result.output


def test_status_and_export(tmp_path: Path) -> None:
    sources = write_sources(tmp_path / "in")
    store = str(tmp_path / "s.sqlite")
    runner.invoke(app, ["ingest", str(sources), "--store", store])
    status = runner.invoke(app, ["status", "--store", store, "--json"])
    figures = json.loads(status.output)
    assert figures["documents"] == 1 and figures["passages"] >= 2

    out = tmp_path / "passages.jsonl"
    result = runner.invoke(app, ["export", "--what", "passages", "--format", "jsonl", "-o", str(out), "--store", store])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    texts = " ".join(r["text"] for r in rows)
    assert "92 per cent of care leavers" in texts
    assert all({"document", "page", "label", "heading_path", "text"} <= set(r) for r in rows)

    csv_out = tmp_path / "documents.csv"
    runner.invoke(app, ["export", "--what", "documents", "--format", "csv", "-o", str(csv_out), "--store", store])
    (doc,) = list(csv.DictReader(io.StringIO(csv_out.read_text(encoding="utf-8"))))
    assert doc["source_path"].endswith("minutes.txt")


def test_export_rejects_unknown_kind(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--what", "everything", "--store", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 2
