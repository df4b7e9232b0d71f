"""Redaction against the shared case-summaries corpus (gold.jsonl), and the output scanner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redaction import Redactor
from redaction.evaluation import check_redaction, scan_for_strings
from tests.conftest import shared_path



@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


def test_corpus_no_leaks_and_keep_phrases_survive(redactor: Redactor) -> None:
    cases = shared_path("corpus", "case-summaries")
    from extractors import extract

    report = check_redaction(cases, redactor, show_leaks=False, extract=extract)
    assert report["files"] > 0
    assert all(f["error"] is None for f in report["per_file"]), [f["error"] for f in report["per_file"]]
    leaky = [f["file"] for f in report["per_file"] if f["leaked"]]
    assert report["leaked"] == 0, f"pii leaked in {leaky}"
    assert report["keep_share"] >= 0.98


def test_scan_for_strings(tmp_path: Path) -> None:
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "narrative.md").write_text("The child, [CHILD A], was seen.\n", encoding="utf-8")
    (tmp_path / "pack" / "index.json").write_text(json.dumps({"t": "Mum Kelly\nSmith"}), encoding="utf-8")
    (tmp_path / "pack" / "page.html").write_text("<p>Kelly <b>Smith</b></p>", encoding="utf-8")
    (tmp_path / "pack" / "items.csv").write_text("id,text\n1,07700 900123\n", encoding="utf-8")
    hits = scan_for_strings(tmp_path / "pack", ["Kelly Smith", "07700 900123", "Tom"])
    assert ("index.json", "Kelly Smith") in hits
    assert ("page.html", "Kelly Smith") in hits
    assert ("items.csv", "07700 900123") in hits
    assert not any(f == "narrative.md" for f, _ in hits)


def test_scan_reads_docx(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("Seen with her sister Maddison Greaves.")
    d.save(str(tmp_path / "pack.docx"))
    assert scan_for_strings(tmp_path, ["Maddison Greaves"]) == [("pack.docx", "Maddison Greaves")]


def test_check_redaction_cli(tmp_path: Path) -> None:
    typer = pytest.importorskip("typer")
    from typer.testing import CliRunner

    from cli.redaction import register

    (tmp_path / "a.txt").write_text("Mum, Kelly Smith, attended the strategy meeting.", encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text(
        json.dumps({"file": "a.txt", "pii": ["Kelly Smith", "Kelly"], "keep": ["strategy meeting"]}) + "\n",
        encoding="utf-8",
    )
    app = typer.Typer()
    register(app)

    @app.callback()
    def _main() -> None:
        """test app"""

    result = CliRunner().invoke(app, ["check-redaction", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["leaked"] == 0 and report["keep_share"] == 1.0
