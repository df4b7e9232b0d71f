"""The main job end to end: `readiness run` as a Prefect flow, and on the seed documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frameworks import load_framework
from cli import app
from tests.conftest import SAMPLES, shared_path

runner = CliRunner()


def test_run_as_a_prefect_flow_writes_a_pack_and_skips_unchanged_documents_next_time(tmp_path: Path) -> None:
    store = str(tmp_path / "s.sqlite")
    out = tmp_path / "pack"
    first = runner.invoke(app, ["run", str(SAMPLES), "--out", str(out), "--store", store])
    assert first.exit_code == 0, first.output
    report = json.loads((out / "run-report.json").read_text(encoding="utf-8"))
    assert report["documents"]["ingested"] >= 8
    assert report["documents"]["refused"] == 0
    assert {"ingest", "tag", "pack"} <= set(report["stage_seconds"])
    for name in ("index.html", "index.docx", "gaps.md", "manifest.json"):
        assert (out / name).exists(), name
    assert any((out / "narratives").iterdir())
    assert any((out / "evidence").iterdir())

    second = runner.invoke(app, ["run", str(SAMPLES), "--out", str(out), "--store", store])
    assert second.exit_code == 0, second.output
    again = json.loads((out / "run-report.json").read_text(encoding="utf-8"))
    assert again["documents"]["ingested"] == 0
    assert again["documents"]["unchanged"] == again["documents"]["seen"]


def test_seed_documents_are_ingested_bad_files_refused_and_every_area_has_evidence(tmp_path: Path) -> None:
    seeds = shared_path("corpus", "seeds")
    out = tmp_path / "pack"
    result = runner.invoke(app, ["run", "--local", str(seeds), "--out", str(out), "--store", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "run-report.json").read_text(encoding="utf-8"))
    refused = {Path(r["file"]).name: r["reason"] for r in report["refused"]}
    good = [p for p in seeds.iterdir() if p.is_file()]
    assert report["documents"]["ingested"] >= len(good) == 15
    for bad in ("empty.pdf", "encrypted.pdf", "legacy-word.doc", "random-bytes.docx", "scanned-no-text.pdf", "truncated.pdf"):
        assert bad in refused, bad
        assert refused[bad] and "\n" not in refused[bad] and "Traceback" not in refused[bad]
    index = (out / "index.html").read_text(encoding="utf-8")
    for line in load_framework("ilacs").top_lines:
        assert line.title in index
