"""The pack against hostile inputs and careless hands: files readiness did not write in a pack
folder, HTML in document text reaching Markdown, a council template that tries to run a command,
formula cells in CSV exports, and control characters in a text file.

Cases written here; the security review's own cases are held out."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cli import app
from core.settings import Settings
from packs import PackError, build_pack
from packs.testing import EvidenceBuilder, sample_evidence
from packs.verify import check_pack

pytestmark = pytest.mark.security
AS_OF = date(2026, 1, 1)
runner = CliRunner()


def flat(text: str) -> str:
    return " ".join(text.split())




@pytest.fixture(autouse=True)
def rules_classifier(monkeypatch):
    monkeypatch.setenv("READINESS_NARRATIVE_CLASSIFIER", "rules")  # narratives without the tagger: fast


# ----------------------------------------------------------------------------- row 9: a user's files in the pack folder
def test_files_readiness_did_not_write_are_moved_beside_the_pack_never_deleted(tmp_path, no_narratives):
    evidence = sample_evidence(tmp_path / "sources")
    pack = tmp_path / "pack"
    build_pack(evidence, pack, Settings(), as_of=AS_OF)
    (pack / "my notes.docx").write_bytes(b"the lead's own notes")
    evidence_folder = next((pack / "evidence").iterdir())
    (evidence_folder / "extra.pdf").write_bytes(b"%PDF-1.4 a copy the lead dropped in")
    (pack / "link-to-outside").symlink_to(tmp_path / "sources")
    (pack / "index.html").write_text("edited by hand", encoding="utf-8")
    (pack / "drafts").mkdir()
    (pack / "drafts" / "narrative v2.md").write_text("draft", encoding="utf-8")

    result = build_pack(evidence, pack, Settings(), as_of=AS_OF)

    orphans = tmp_path / "pack.orphans"
    assert (orphans / "my notes.docx").read_bytes() == b"the lead's own notes"
    assert (orphans / evidence_folder.relative_to(pack) / "extra.pdf").read_bytes().startswith(b"%PDF-1.4 a copy")
    assert (orphans / "link-to-outside").is_symlink() and (tmp_path / "sources").is_dir()  # the link moved, its target untouched
    assert (orphans / "index.html").read_text() == "edited by hand"
    assert (orphans / "drafts" / "narrative v2.md").read_text() == "draft"
    for name in ("my notes.docx", "link-to-outside", "drafts"):
        assert not (pack / name).exists() and not (pack / name).is_symlink()
    assert "edited by hand" not in (pack / "index.html").read_text()
    warning = next(w for w in result.warnings if "not written by readiness" in w)
    assert "5 files" in warning and "pack.orphans/" in warning and "my notes.docx" in warning
    assert "not written by readiness" in (pack / "index.html").read_text()  # shown where the lead looks
    assert check_pack(pack) == []


def test_a_file_added_while_the_pack_is_built_is_moved_too(tmp_path, no_narratives, monkeypatch):
    from packs import build as build_module

    evidence = sample_evidence(tmp_path / "sources")
    pack = tmp_path / "pack"
    build_pack(evidence, pack, Settings(), as_of=AS_OF)
    write = build_module._write_pack

    def slow_write(*args, **kwargs):
        (pack / "saved meanwhile.docx").write_bytes(b"saved while the pack was being built")
        return write(*args, **kwargs)

    monkeypatch.setattr(build_module, "_write_pack", slow_write)
    result = build_pack(evidence, pack, Settings(), as_of=AS_OF)
    assert (tmp_path / "pack.orphans" / "saved meanwhile.docx").read_bytes().startswith(b"saved while")
    assert any("saved meanwhile.docx" in w for w in result.warnings)


def test_readinesss_own_files_stay_and_a_second_rescue_never_overwrites_the_first(tmp_path, no_narratives):
    from datetime import datetime, timezone

    from core.fingerprint import mark_packed
    from core.model import RunReport
    from packs.report import record_run_report

    evidence = sample_evidence(tmp_path / "sources")
    pack = tmp_path / "pack"
    build_pack(evidence, pack, Settings(), as_of=AS_OF)
    record_run_report(pack, RunReport(datetime.now(timezone.utc), ["x"], "ilacs"))  # what a run adds afterwards
    mark_packed(pack, "fingerprint")
    quiet = build_pack(evidence, pack, Settings(), as_of=AS_OF)
    assert not any("not written by readiness" in w for w in quiet.warnings)
    assert not (tmp_path / "pack.orphans").exists()

    (pack / "notes.txt").write_text("first", encoding="utf-8")
    build_pack(evidence, pack, Settings(), as_of=AS_OF)
    (pack / "notes.txt").write_text("second", encoding="utf-8")
    build_pack(evidence, pack, Settings(), as_of=AS_OF)
    kept = sorted(p.read_text() for p in (tmp_path / "pack.orphans").iterdir())
    assert kept == ["first", "second"]


def test_doctor_names_a_file_readiness_did_not_write(tmp_path, no_narratives):
    pack = tmp_path / "pack"
    build_pack(sample_evidence(tmp_path / "sources"), pack, Settings(), as_of=AS_OF)
    (pack / "stray.xlsx").write_bytes(b"PK")
    problems = check_pack(pack)
    assert [(p.where, p.problem) for p in problems] == [("stray.xlsx", "not written by readiness (not in the manifest)")]
    assert "pack.orphans" in problems[0].fix


# ----------------------------------------------------------------------------- row 15: Markdown escapes HTML
def hostile_evidence(folder: Path):
    b = EvidenceBuilder(sample_evidence().framework, folder)
    doc = b.document("<script>alert('title')</script> Care leavers update", "2025-06-01", "committee report",
                     content="care leavers update", name="update.txt")
    b.passage(doc, "Care leavers in suitable accommodation rose to 93 per cent <img src=x onerror=alert(1)>.", label="4.1",
              loe="ilacs.care_leavers", role="outcome", has_data=True, polarity="strength", cues=["suitable accommodation"])
    b.passage(doc, "Care leavers said their personal advisers [listen](javascript:alert(2)) and help them.", label="4.2",
              loe="ilacs.care_leavers", role="outcome", polarity="strength", cues=["personal advisers"])
    b.passage(doc, "A new <b>pathway plan</b> template was introduced in 2024 for every care leaver.", label="5.1",
              loe="ilacs.care_leavers", role="process", cues=["pathway plan"])
    return b.evidence()


def test_html_in_document_text_never_reaches_markdown_raw(tmp_path):
    evidence = hostile_evidence(tmp_path / "sources")
    (tmp_path / "pack.yaml").write_text(yaml.safe_dump({"pin": ["<script>alert('key')</script>"]}))
    result = build_pack(evidence, tmp_path / "pack", Settings(store=str(tmp_path / "store.sqlite")), as_of=AS_OF)
    assert not any("narratives were not" in w for w in result.warnings), result.warnings
    root = tmp_path / "pack"
    markdown = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in root.rglob("*.md")}
    narratives = [name for name in markdown if name.startswith("narratives/")]
    assert narratives, "the narratives were written"
    cited = [name for name in narratives if "Care leavers update" in markdown[name]]
    assert cited, "a narrative cites the document with a script in its title"
    for name, text in markdown.items():
        for raw in (r"(?<!\\)<script", r"(?<!\\)<img", r"(?<!\\)<b>", r"(?<!\\)\]\(javascript:"):
            assert not re.search(raw, text), f"{name} carries {raw!r} raw"
    assert r"\<script\>alert('title')\</script\>" in markdown[cited[0]]  # shown as text, not dropped
    assert r"\<script\>alert('key')\</script\>" in markdown["gaps.md"]  # the key a lead typed, too
    assert r"\<script\>alert('key')\</script\>" in markdown["changes.md"]
    html = (root / "narratives" / Path(cited[0]).with_suffix(".html").name).read_text(encoding="utf-8")
    assert "<script" not in html and "&lt;script&gt;" in html


# ----------------------------------------------------------------------------- row 11: council templates are sandboxed
EXPLOITS = [
    "{{ cycler.__init__.__globals__.os.popen('touch %s').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}{{ lipsum.__globals__['os'].system('touch %s') }}",
]


@pytest.mark.parametrize("exploit", EXPLOITS)
def test_a_council_index_template_cannot_run_a_command(tmp_path, exploit, no_narratives):
    marker = tmp_path / "PWNED"
    council = tmp_path / "council-templates"
    council.mkdir()
    (council / "index.html.j2").write_text("<html>" + exploit.replace("%s", str(marker)) + "</html>", encoding="utf-8")
    evidence = sample_evidence(tmp_path / "sources")
    build_pack(evidence, tmp_path / "pack", Settings(), as_of=AS_OF)  # a good pack first
    before = (tmp_path / "pack" / "index.html").read_text()
    with pytest.raises(PackError) as refused:
        build_pack(evidence, tmp_path / "pack", Settings(templates_dir=str(council)), as_of=AS_OF)
    assert "index.html.j2" in str(refused.value) and "refused" in str(refused.value)
    assert not marker.exists()
    assert (tmp_path / "pack" / "index.html").read_text() == before  # the previous pack is untouched


def test_the_pack_command_reports_a_refused_template_in_one_line(tmp_path, monkeypatch, no_narratives):
    import cli.packs

    marker = tmp_path / "PWNED"
    council = tmp_path / "council-templates"
    council.mkdir()
    (council / "gaps.md.j2").write_text(EXPLOITS[0].replace("%s", str(marker)), encoding="utf-8")
    evidence = sample_evidence(tmp_path / "sources")
    monkeypatch.setattr(cli.packs, "open_view", lambda *a, **k: (Settings(templates_dir=str(council)), evidence))
    result = runner.invoke(app, ["pack", "--out", str(tmp_path / "pack")])
    assert result.exit_code == 2
    assert "gaps.md.j2" in flat(result.output) and "refused" in flat(result.output)
    assert "Traceback" not in result.output and not marker.exists()


def test_a_council_narrative_template_cannot_run_a_command(tmp_path):
    marker = tmp_path / "PWNED"
    council = tmp_path / "council-templates"
    council.mkdir()
    (council / "narrative.md.j2").write_text(EXPLOITS[0].replace("%s", str(marker)), encoding="utf-8")
    settings = Settings(templates_dir=str(council), store=str(tmp_path / "store.sqlite"))
    result = build_pack(hostile_evidence(tmp_path / "sources"), tmp_path / "pack", settings, as_of=AS_OF)
    assert not marker.exists()
    warning = next(w for w in result.warnings if "narratives were not" in w)
    assert "SecurityError" in warning or "unsafe" in warning


def test_a_councils_ordinary_template_still_renders(tmp_path, no_narratives):
    council = tmp_path / "council-templates"
    council.mkdir()
    (council / "gaps.md.j2").write_text("# Our gaps\n{% for g in gaps %}- {{ g.title|md }}: {{ g.message|md }}\n{% endfor %}",
                                        encoding="utf-8")
    build_pack(sample_evidence(tmp_path / "sources"), tmp_path / "pack", Settings(templates_dir=str(council)), as_of=AS_OF)
    assert (tmp_path / "pack" / "gaps.md").read_text().startswith("# Our gaps\n- ")


# ----------------------------------------------------------------------------- row 10: CSV exports
FORMULAS = ['=HYPERLINK("http://example.invalid/x","click here")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0"]


def test_csv_export_neutralises_formula_cells(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    body = "Scrutiny report on care leavers, 4 March 2025\n\n" + "\n\n".join(FORMULAS) + "\n\nAn ordinary paragraph.\n"
    (folder / "formulas.txt").write_text(body, encoding="utf-8")
    store = str(tmp_path / "s.sqlite")
    assert runner.invoke(app, ["ingest", str(folder), "--store", store]).exit_code == 0
    out = tmp_path / "passages.csv"
    result = runner.invoke(app, ["export", "--what", "passages", "--format", "csv", "-o", str(out), "--store", store])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    cells = [value for row in rows for value in row.values() if value]
    assert not [c for c in cells if c[0] in "=+-@\t\r"], "a cell a spreadsheet would run as a formula"
    texts = {row["text"] for row in rows}
    assert "'" + FORMULAS[0] in texts  # still there, as text
    assert sum(1 for t in texts if t.startswith("'")) >= 3
    assert all(row["key"] for row in rows)  # and every passage carries the key pack.yaml takes


# ----------------------------------------------------------------------------- row 12: control characters
def test_escape_and_bell_characters_in_a_text_file_do_not_break_narratives(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.txt").write_text(
        "Children in care: placement stability report 2025\n\n"
        "1. Placement stability for children in care has improved \x1b[31mmarkedly\x1b[0m this year: "
        "9 per cent had three or more moves.\x07\n\n"
        "2. Leaders have improved the quality of supervision \x07 and audit shows 70 per cent of cases were good.\n\n"
        "3. Care leavers are in suitable accommodation\x1b]0;title\x07 in 92 per cent of cases\x0b and 60 per cent "
        "are in education.\n\n"
        "4. Re-referrals within 12 months fell to 18 per cent, below the national average \x1b[2J\x1b[H.\x7f\n",
        encoding="utf-8",
    )
    store = str(tmp_path / "s.sqlite")
    pack = tmp_path / "pack"
    result = runner.invoke(app, ["run", "--local", str(folder), "--out", str(pack), "--store", store])
    assert result.exit_code == 0, result.output
    assert "1 ingested" in result.output and "0 refused" in result.output
    manifest = json.loads((pack / "manifest.json").read_text())
    assert not [w for w in manifest["warnings"] if "narratives" in w], manifest["warnings"]
    names = sorted(p.name for p in (pack / "narratives").iterdir())
    assert len(names) == 16 and {Path(n).suffix for n in names} == {".md", ".docx", ".html", ".json"}  # 4 areas x 4 formats
    exported = runner.invoke(app, ["export", "--what", "passages", "--store", store])
    texts = [json.loads(line)["text"] for line in exported.output.splitlines() if line.startswith("{")]
    assert any("has improved markedly this year" in t for t in texts)
    assert not any(ch in t for t in texts for ch in "\x1b\x07\x0b\x7f"), "control characters entered the store"
    assert not any("[31m" in t or "]0;title" in t for t in texts), "escape sequences left half-stripped"
    for path in pack.rglob("*"):
        if path.suffix in {".md", ".html", ".txt", ".json", ".csv"}:
            assert "\x1b" not in path.read_text(encoding="utf-8"), path.name
