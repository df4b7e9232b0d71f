"""Narratives: selection, budget, citations, rendering, draft review, impacts, commands.

Evidence is built directly from dataclasses (no database, no tagger), so these tests are fast.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from frameworks import load_framework
from narratives import check_draft, compose, impacts, write_narratives
from narratives._testing import evidence_from_records, evidence_from_text_files
from narratives.render import render_html, render_markdown
from core.settings import Settings

HP = "ilacs.help_and_protection"
CIC = "ilacs.children_in_care"
SEEDS = Path("/work/shared/corpus/seeds")


@pytest.fixture(autouse=True)
def _rules_classifier(monkeypatch):
    # deterministic and fast: the narrative rule classifier, not the project tagger
    monkeypatch.setenv("READINESS_NARRATIVE_CLASSIFIER", "rules")


@pytest.fixture
def framework():
    return load_framework("ilacs")


@pytest.fixture
def settings(tmp_path):
    return Settings(store=str(tmp_path / "store.sqlite"))


AUDIT = {"title": "Case audit report", "date": "2024-03-31", "sha": "audit24", "document_kind": "audit report"}
MINUTES = {"title": "Safeguarding partnership minutes", "date": "2024-01-15", "sha": "min24", "document_kind": "minutes"}
PERF = {"title": "Performance report Q4", "date": "2025-04-30", "sha": "perf25", "document_kind": "data"}
OLD = {"title": "Ofsted inspection report", "date": "2019-06-01", "sha": "ofsted19", "document_kind": "inspection report"}


def _records():
    rows = [
        (OLD, "Inspectors found that too many children waited too long for an assessment and thresholds were not well understood.", "judgement", "concern", False, "12"),
        (OLD, "Ofsted recommended that leaders improve the timeliness of assessments for children in need.", "recommendation", "concern", False, "R1"),
        (MINUTES, "The board met on three occasions to discuss the terms of reference for the front door working group.", "process", "neutral", False, "4"),
        (MINUTES, "The working group agreed the new threshold document and the meeting minutes were circulated to partners.", "process", "neutral", False, "5"),
        (MINUTES, "A multi-agency safeguarding hub was introduced in April 2023 with police and health staff co-located.", "process", "strength", False, "6"),
        (AUDIT, "Assessments completed within 45 working days rose from 61% to 88% over the year.", "outcome", "strength", True, "3.1"),
        (AUDIT, "Re-referrals within 12 months fell from 27% to 18%, below the national average.", "outcome", "strength", True, "3.2"),
        (AUDIT, "Children told auditors they feel safer and that their social worker listens to them.", "outcome", "strength", False, "3.3"),
        (PERF, "Assessments completed within 45 working days rose from 61% to 88% during the year.", "outcome", "strength", True, "2"),
        (PERF, "The number of children subject to a second child protection plan reduced from 24% to 15%.", "outcome", "strength", True, "3"),
        (PERF, "Leaders will extend the hub to include early help triage by September 2025.", "recommendation", "neutral", False, "9"),
    ]
    records = []
    for index, (doc, text, role, polarity, data, label) in enumerate(rows, start=1):
        records.append({**doc, "id": index, "text": text, "loe": ["ilacs.hp.good_decisions"], "role": role,
                        "polarity": polarity, "has_data": data, "label": label, "ordinal": index, "page": 2})
    return records


@pytest.fixture
def evidence(framework):
    return evidence_from_records(framework, _records())


def _refs(evidence):
    return {item.passage.id: f"1.{n:02d}" for n, item in enumerate(evidence.items, start=1)}


def _many_records(n=60):
    records = []
    for i in range(n):
        doc = AUDIT if i % 2 else PERF
        records.append({**doc, "id": 1000 + i, "loe": [HP], "role": "outcome", "polarity": "strength", "has_data": True,
                        "text": f"In locality {i} the proportion of assessments completed on time rose to {50 + i % 40}% for families "
                                f"supported by team number {i} and children in team {i} were seen within {i % 9 + 1} days of referral."})
    return records


# --------------------------------------------------------------------------- compose


def test_compose_respects_the_budget(framework, settings):
    evidence = evidence_from_records(framework, _records() + _many_records())
    for budget in (150, 300, 900):
        narrative = compose(evidence, HP, settings, words=budget)
        assert narrative.word_count <= budget
        assert narrative.sentences
    assert compose(evidence, HP, settings).budget == settings.narrative_words == 900


def test_every_sentence_cites_a_pack_item(evidence, settings):
    refs = _refs(evidence)
    narrative = compose(evidence, HP, settings, item_refs=refs)
    assert narrative.sentences
    texts = {item.passage.id: item.passage.text for item in evidence.items}
    for sentence in narrative.sentences:
        assert sentence.source.ref in refs.values()
        assert refs[sentence.source.passage_id] == sentence.source.ref
        assert sentence.text in texts[sentence.source.passage_id]  # quoted, never written
        assert sentence.source.citation  # readable: title, date, page, para
    markdown = render_markdown(narrative, settings)
    for sentence in narrative.sentences:
        line = next(l for l in markdown.splitlines() if sentence.text in l)
        assert f"[{sentence.source.ref}]" in line
    for source in narrative.sources:
        assert f"**[{source.key}]** {source.citation}" in markdown


def test_passages_outside_the_pack_are_not_cited(evidence, settings):
    refs = {pid: ref for pid, ref in _refs(evidence).items() if pid not in (6, 7)}
    # the pack numbered no passage of the audit document: its sentences cannot be cited
    refs = {pid: ref for pid, ref in refs.items() if pid != 8}
    narrative = compose(evidence, HP, settings, item_refs=refs)
    cited = {s.passage_id for sentence in narrative.sentences for s in sentence.sources}
    assert not cited & {6, 7, 8}


def test_outcome_sentences_preferred(evidence, settings):
    narrative = compose(evidence, HP, settings, words=150)
    assert narrative.outcome_share >= 0.6
    impact = next(s for s in narrative.sections if s.key == "impact")
    assert impact.sentences and all(s.is_outcome for s in impact.sentences)
    texts = " ".join(s.text for s in narrative.sentences)
    assert "terms of reference" not in texts  # meeting minutes give way to outcomes


def test_missing_section_says_so(framework, settings):
    records = [r for r in _records() if r["role"] == "outcome"]
    evidence = evidence_from_records(framework, records)
    narrative = compose(evidence, HP, settings)
    missing = [s.key for s in narrative.sections if s.missing]
    assert "next" in missing and "action" in missing
    markdown = render_markdown(narrative, settings)
    assert "## What comes next\n\n_No evidence yet" in markdown
    empty = compose(evidence, CIC, settings)
    assert all(s.missing for s in empty.sections)
    assert "nothing tagged" in " ".join(empty.notes)


def test_near_duplicates_merged(evidence, settings):
    narrative = compose(evidence, HP, settings)
    hits = [s for s in narrative.sentences if "Assessments completed within 45 working days rose" in s.text]
    assert len(hits) == 1
    assert len(hits[0].sources) == 2
    assert {s.document_title for s in hits[0].sources} == {"Case audit report", "Performance report Q4"}


def test_since_filters_old_evidence(evidence, settings):
    from datetime import date

    narrative = compose(evidence, HP, settings, since=date(2024, 1, 1))
    assert all(s.source.document_date >= "2024-01-01" for s in narrative.sentences)


def test_trims_labels_and_bullets(framework, settings):
    evidence = evidence_from_records(framework, [{
        **AUDIT, "id": 1, "loe": [HP], "role": "outcome", "polarity": "strength",
        "text": "- 3.4 The proportion of children seen within 5 working days rose to 92% this year.",
    }])
    narrative = compose(evidence, HP, settings)
    assert narrative.sentences[0].text == "The proportion of children seen within 5 working days rose to 92% this year."


# --------------------------------------------------------------------------- rendering


def test_docx_has_headings_and_evidence_list(evidence, settings, tmp_path):
    from docx import Document

    paths = write_narratives(evidence, tmp_path, settings, item_refs=_refs(evidence), loe_ids=[HP])
    assert sorted(p.name for p in paths) == ["01-help-and-protection.docx", "01-help-and-protection.html", "01-help-and-protection.md"]
    document = Document(str(tmp_path / "01-help-and-protection.docx"))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    titles = [text for _, text in headings]
    assert headings[0][0] == "Heading 1" and "help and protection" in titles[0]
    for title in ("The issue and why it was targeted", "What was done", "Impact and outcomes for children and families", "What comes next", "Evidence cited"):
        assert title in titles
    body = "\n".join(p.text for p in document.paragraphs)
    assert "[1.06] Case audit report, 2024-03-31, p.2, para 3.1" in body


def test_html_escapes_evidence(framework, settings):
    evidence = evidence_from_records(framework, [{
        **AUDIT, "id": 1, "loe": [HP], "role": "outcome", "polarity": "strength",
        "text": "Attendance rose to 95% for children <script>alert(1)</script> supported by the hub.",
    }])
    narrative = compose(evidence, HP, settings)
    html = render_html(narrative, settings)
    assert "<script>" not in html


def test_templates_can_be_overridden(evidence, settings, tmp_path):
    council = tmp_path / "council-templates"
    council.mkdir()
    (council / "narrative.md.j2").write_text("COUNCIL {{ narrative.loe_title }}\n{% for s in narrative.sentences %}{{ s.text }} [{{ s.source.key }}]\n{% endfor %}")
    (council / "narrative_text.j2").write_text(
        '{% macro title(n) %}Our story: {{ n.loe_title }}{% endmacro %}{% macro subtitle(n) %}Draft{% endmacro %}'
        '{% macro missing(key) %}Nothing held yet.{% endmacro %}{% macro evidence_heading() %}Sources{% endmacro %}'
        '{% macro notes_heading() %}Notes{% endmacro %}{% macro shows(r) %}{{ r | join(", ") }}{% endmacro %}'
    )
    custom = Settings(store=settings.store, templates_dir=str(council))
    narrative = compose(evidence, HP, custom)
    assert render_markdown(narrative, custom).startswith("COUNCIL The experiences")
    assert "<h1>Our story:" in render_html(narrative, custom)  # html falls back to bundled, macros overridden
    from docx import Document

    path = write_narratives(evidence, tmp_path / "out", custom, loe_ids=[HP], formats=["docx"])[0]
    headings = [p.text for p in Document(str(path)).paragraphs if p.style.name.startswith("Heading")]
    assert headings[0].startswith("Our story:") and "Sources" in headings


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice not on PATH")
def test_docx_converts_to_pdf_with_libreoffice(evidence, settings, tmp_path):
    path = write_narratives(evidence, tmp_path, settings, item_refs=_refs(evidence), loe_ids=[HP], formats=["docx"])[0]
    office = shutil.which("soffice") or shutil.which("libreoffice")
    result = subprocess.run(
        [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "01-help-and-protection.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


# --------------------------------------------------------------------------- draft review

PROCESS_DRAFT = """# Help and protection

The safeguarding partnership board met monthly during the year to discuss the front door. The board agreed
terms of reference for a working group and the minutes of each meeting were circulated to partners.

The working group held four workshops to develop a new threshold policy and a revised procedure. The policy
was presented to the committee, which considered the draft and agreed the governance arrangements.

A training programme was launched and briefings were held for staff. The strategy was discussed at the
steering group, which noted progress against the action plan and agreed to report to the board.
"""

OUTCOME_LINES = [
    "Assessments completed within 45 working days rose from 61% to 88% over the year.",
    "Re-referrals within 12 months fell from 27% to 18%, below the national average.",
    "Children told auditors they feel safer and that their social worker listens to them.",
    "The number of children subject to a second child protection plan reduced from 24% to 15%.",
    "A multi-agency safeguarding hub was introduced in April 2023 with police and health staff co-located.",
]


def _outcome_docx(path: Path) -> Path:
    from docx import Document

    document = Document()
    document.add_heading("Help and protection", level=1)
    document.add_paragraph(" ".join(OUTCOME_LINES[:2]))
    document.add_paragraph(" ".join(OUTCOME_LINES[2:]))
    document.save(str(path))
    return path


def test_check_flags_a_process_heavy_draft(evidence, settings, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(PROCESS_DRAFT)
    review = check_draft(draft, evidence, settings, "help-and-protection")
    data = review.to_dict()
    assert data["verdict"] == "revise" and data["passes"] is False
    assert data["process_share"] > 0.5 and data["outcome_share"] < 0.5
    assert data["data_points"] < 3
    for key in ("pages", "sentences", "outcome_share", "process_share", "data_points", "unsupported_sentences", "stale_references", "suggestions"):
        assert key in data
    joined = "\n".join(data["suggestions"])
    assert re.search(r"Paragraph 1 describes meetings", joined)
    assert "Case audit report" in joined or "Performance report Q4" in joined  # names the evidence held
    json.dumps(data)


def test_check_passes_an_outcome_focused_draft(evidence, settings, tmp_path):
    review = check_draft(_outcome_docx(tmp_path / "draft.docx"), evidence, settings, "help-and-protection")
    data = review.to_dict()
    assert data["verdict"] == "pass", data
    assert data["outcome_share"] >= 0.5 and data["data_points"] >= 3
    assert data["unsupported_sentences"] == 0 and data["pages"] <= 2


def test_check_reports_unsupported_and_stale(evidence, settings, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(
        "Inspectors found that too many children waited too long for an assessment and thresholds were not well understood.\n\n"
        "Every looked after child in the county now attends an outstanding school and exclusions fell to zero.\n"
    )
    data = check_draft(draft, evidence, settings, HP).to_dict()
    assert data["unsupported_sentences"] == 1
    assert data["stale_references"] == 1  # supported only by the 2019 inspection


def test_check_length_in_pages(evidence, settings, tmp_path):
    draft = tmp_path / "long.md"
    draft.write_text("\n\n".join([" ".join(OUTCOME_LINES)] * 16))
    data = check_draft(draft, evidence, settings).to_dict()
    assert data["pages"] > 2 and not data["passes"]
    assert any("pages" in s for s in data["suggestions"])


# --------------------------------------------------------------------------- impacts


def test_impacts_lists_outcomes_with_evidence(evidence, settings):
    items = impacts(evidence, "help-and-protection", settings)
    assert items
    assert all(item.citation_text() for item in items)
    texts = [item.text for item in items]
    assert not any("terms of reference" in t for t in texts)
    assert sum("45 working days" in t for t in texts) == 1
    assert sum(len(t.split()) + 12 for t in texts) <= 500


# --------------------------------------------------------------------------- commands


def test_commands_registered(evidence, settings, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import cli.narratives
    from cli import app

    calls = []

    def factory(store, framework, config, **extra):
        calls.append((store, framework, config))
        return settings, evidence

    monkeypatch.setattr(cli.narratives, "open_view", factory)
    runner = CliRunner()
    for command in ("narrate", "check-narrative", "impacts"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "--store" in result.output
    out = tmp_path / "out"
    result = runner.invoke(app, ["narrate", "--loe", "1", "--out", str(out), "--store", "x.sqlite", "--words", "300"])
    assert result.exit_code == 0, result.output
    assert (out / "01-help-and-protection.docx").exists() and calls[-1][0] == "x.sqlite"
    draft = tmp_path / "draft.md"
    draft.write_text(PROCESS_DRAFT)
    result = runner.invoke(app, ["check-narrative", str(draft), "--loe", HP, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["verdict"] == "revise"
    result = runner.invoke(app, ["impacts", "--loe", "help-and-protection", "--out", str(tmp_path / "imp")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "imp" / "01-help-and-protection-impacts.md").read_text().startswith("# Impacts")


# --------------------------------------------------------------------------- seed documents


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not present")
def test_seed_narratives_are_cited_outcome_led_and_within_budget(framework, settings):
    evidence = evidence_from_text_files(framework, sorted(SEEDS.glob("*.txt")))
    refs = _refs(evidence)
    for line in framework.top_lines:
        narrative = compose(evidence, line.id, settings, item_refs=refs)
        assert narrative.word_count <= settings.narrative_words
        assert narrative.sentences
        for sentence in narrative.sentences:
            assert refs[sentence.source.passage_id] == sentence.source.ref
        if narrative.outcome_candidates >= 10:
            assert narrative.outcome_share >= 0.6, (line.id, narrative.outcome_share)
