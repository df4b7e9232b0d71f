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


def test_public_documents_report_placeholders_per_document(tmp_path: Path) -> None:
    """The public-document measurement: person placeholders as the pack redacts, and if each
    document were read as a personal record; a mislabelled case note shows up in both."""
    from redaction.evaluation import check_public_documents, format_public_report, load_public_documents

    folder = tmp_path / "public"
    folder.mkdir()
    (folder / "report.txt").write_text(
        "Inspection of Herefordshire local authority children's services\n\nInspection dates: 3 to 14 March 2025\n\n"
        "Lead inspector: Joan Pettifer, His Majesty's Inspector\n\nChildren in Herefordshire are seen quickly.\n",
        encoding="utf-8")
    (folder / "note.txt").write_text("Case summary for Kelly Smith (DOB 03/03/2015). Kelly said she was happy.\n", encoding="utf-8")
    (folder / "README.md").write_text("About this folder.\n", encoding="utf-8")
    cache = tmp_path / "passages.jsonl"
    documents = load_public_documents([folder], cache=cache)
    assert sorted(d.name for d in documents) == ["note.txt", "report.txt"]
    assert len(cache.read_text(encoding="utf-8").splitlines()) == 2
    assert [d.texts for d in load_public_documents([folder], cache=cache)] == [d.texts for d in documents]  # read back
    report = check_public_documents(documents, Redactor("blank"))
    by_name = {d["document"]: d for d in report["per_document"]}
    assert by_name["report.txt"]["person_placeholders"] == 0 and by_name["report.txt"]["public_evidence"] == "ofsted"
    assert by_name["note.txt"]["person_placeholders"] == 2 and "DOB" in by_name["note.txt"]["personal_record_markers"]
    assert report["person_placeholders"] == 2 and report["documents_with_person_placeholders"] == 1
    text = format_public_report(report)
    assert "person placeholders inserted (as the pack redacts): 2 in 1 documents" in text and "note.txt" in text


def test_check_redaction_cli_on_public_documents(tmp_path: Path) -> None:
    typer = pytest.importorskip("typer")
    from typer.testing import CliRunner

    from cli.redaction import register

    (tmp_path / "report.txt").write_text("Children's services in Newcastle upon Tyne are good.\n", encoding="utf-8")
    app = typer.Typer()
    register(app)

    @app.callback()
    def _main() -> None:
        """test app"""

    result = CliRunner().invoke(app, ["check-redaction", "--public", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["public_documents"]["documents"] == 1 and report["public_documents"]["person_placeholders"] == 0
