"""Audit intelligence in the pack and narratives: audits.md, good-practice.md, the trend chart, an
"Audit and quality assurance" entry per area, stable numbering, audit figures cited in narratives.

Evidence is built from dataclasses (packs.testing, narratives._testing): no store, no tagger.
"""

from __future__ import annotations

import json
import re
from datetime import date
from html import unescape

import pytest

from narratives import compose
from narratives._testing import evidence_from_records
from packs import build_pack, plan_pack
from packs import build as build_module
from packs.curation import Curation
from packs.testing import EvidenceBuilder, sample_evidence
from core.settings import Settings

AS_OF = date(2026, 1, 1)
LEADERS = "ilacs.impact_of_leaders"
HP = "ilacs.help_and_protection"


@pytest.fixture(autouse=True)
def _rules_classifier(monkeypatch):
    monkeypatch.setenv("READINESS_NARRATIVE_CLASSIFIER", "rules")


pytestmark = pytest.mark.usefixtures("no_narratives")  # the pack on its own (tests/conftest.py)


@pytest.fixture()
def settings(tmp_path):
    return Settings(store=str(tmp_path / "store.sqlite"))


def with_audit(tmp_path, tag: str | None = LEADERS):
    """sample_evidence plus a case audit report (figures, a theme with markup in it, a strength,
    an action). With tag=None the audit passages are tagged to nothing, so they are not pack items."""
    base = sample_evidence(tmp_path / "sources")
    b = EvidenceBuilder(base.framework, tmp_path / "sources")
    b.items, b.judgements, b.actions, b.documents = list(base.items), list(base.judgements), list(base.actions), list(base.documents)
    b._ordinals = {d["sha256"]: 1000 for d in base.documents}
    b._next_id = 1000
    doc = b.document("Case audit programme <b>2024</b>", "2024-11-30", "audit report", content="Case audit programme\n", name="audit.txt")
    b.passage(doc, "A total of 1,440 cases were audited over 8 weeks from September 2024.", label="9.2", loe=tag,
              role="process", has_data=True, cues=["case audit"])
    b.passage(doc, "22 per cent of cases were judged to be of good quality or better.", label="10.7", loe=tag,
              role="outcome", has_data=True, cues=["case audit"])
    b.passage(doc, "Key findings", kind="heading", role=None)
    b.passage(doc, "Supervision <script>alert(1)</script>", kind="heading", role=None, heading_path=("Key findings",))
    b.passage(doc, "Supervision was not recorded regularly and management oversight was inconsistent.", label="10.5",
              loe=tag, role="outcome", polarity="concern", heading_path=("Key findings",))
    b.passage(doc, "Strengths", kind="heading", role=None)
    b.passage(doc, "Direct work with children was strong and the voice of the child was clear in most cases.", label="11.1",
              kind="list item", loe=tag, role="outcome", polarity="strength", heading_path=("Strengths",))
    b.passage(doc, "Recommendations", kind="heading", role=None)
    b.passage(doc, "Team managers to record supervision monthly on the case file.", label="12.1", kind="list item",
              loe=tag, role="recommendation", heading_path=("Recommendations",))
    return b.evidence()


def build(evidence, out, settings):
    return build_pack(evidence, out, settings, as_of=AS_OF)


def numbers(result) -> dict[str, str]:
    return {item.key: item.number for item in result.items}


# ----------------------------------------------------------------------------- pack
def test_pack_has_audit_files_in_manifest(tmp_path, settings):
    result = build(with_audit(tmp_path), tmp_path / "pack", settings)
    root = result.path
    manifest = json.loads((root / "manifest.json").read_text())
    for name in ("audits.md", "good-practice.md", "audit-trend.svg"):
        assert (root / name).is_file(), name
        assert name in manifest["files"], name
    assert manifest["audits"]["status"] == "ok" and manifest["audits"]["documents"] == 1
    assert set(manifest["audits"]["files"]) == {"audits.md", "good-practice.md", "audit-trend.svg"}

    audits_md = (root / "audits.md").read_text()
    assert "1,440 cases" in audits_md and "22% of the cases" in audits_md and "para 10.7" in audits_md
    assert "<script>" not in audits_md and "<b>" not in audits_md  # raw HTML in quoted text neutralised

    bank = (root / "good-practice.md").read_text()
    assert bank.startswith("# Good practice evidence bank")
    assert "voice of the child was clear" in bank and "para 11.1" in bank
    assert re.search(r"para 11\.1 \(pack item \d\.\d\d\)", bank)  # resolves to the pack item


def test_index_has_audit_section_per_area_escaped(tmp_path, settings):
    result = build(with_audit(tmp_path), tmp_path / "pack", settings)
    html = (result.path / "index.html").read_text()
    assert '<section id="audit">' in html and "<svg" in html.split('<section id="audit">')[1].split("</section>")[0]
    area = next(s for s in result.plan.sections if s.line.id == LEADERS)
    block = html.split(f'id="audit-{area.number}"')[1].split("</section>")[0]
    assert "Audit and quality assurance" in block
    assert "1,440 cases" in block and "22% of the cases" in block and "supervision" in block
    assert "Team managers to record supervision monthly" in block
    # citations link to the pack items holding the passages
    item = next(i for i in result.items if any("1,440" in p.text for p in i.passages))
    assert f'href="#{item.anchor}"' in block
    # document text is escaped; the only scripts are the hashed one
    assert "<b>2024</b>" not in html and "&lt;b&gt;2024&lt;/b&gt;" in html
    assert "<script>alert" not in html and html.count("<script") == 1
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert "script-src 'sha256-" in csp and "unsafe-inline" not in csp
    # audit entries are not items: the search script counts only li.item
    assert html.count('class="item ') == len(result.items)


def test_docx_has_audit_chart_and_entries(tmp_path, settings):
    from docx import Document

    result = build(with_audit(tmp_path), tmp_path / "pack", settings)
    doc = Document(str(result.path / "index.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Audit and quality assurance" in text and "1,440 cases" in text
    assert len(doc.inline_shapes) == 3  # coverage, timeline and the audit trend chart


def test_numbering_unchanged_by_audit_evidence(tmp_path, settings, monkeypatch):
    plain = build(sample_evidence(tmp_path / "sources"), tmp_path / "plain", settings)
    # audit passages tagged to nothing: the ordinary items keep their numbers, the audit section appears
    untagged = build(with_audit(tmp_path / "u", tag=None), tmp_path / "untagged", settings)
    assert numbers(untagged) == numbers(plain)
    assert "1,440 cases" in (untagged.path / "index.html").read_text()
    # audit passages that are items: the audit section adds nothing to the plan's numbering
    evidence = with_audit(tmp_path / "t")
    with_section = build(evidence, tmp_path / "tagged", settings)
    assert numbers(with_section) == {i.key: i.number for i in plan_pack(evidence, settings, Curation()).items}
    monkeypatch.setattr(build_module, "audit_summary", lambda ev, st: (None, ["audit view unavailable"]))
    without = build(evidence, tmp_path / "tagged-off", settings)
    assert numbers(without) == numbers(with_section)
    manifest = json.loads((with_section.path / "manifest.json").read_text())
    assert [i["number"] for i in manifest["items"]] == [i.number for i in with_section.items]


def test_pack_builds_when_audit_view_fails_or_finds_nothing(tmp_path, settings, monkeypatch):
    empty = build(sample_evidence(tmp_path / "sources"), tmp_path / "empty", settings)
    manifest = json.loads((empty.path / "manifest.json").read_text())
    assert manifest["audits"]["status"] == "empty"
    assert any("no audit or quality assurance evidence" in w for w in manifest["warnings"])
    assert "good-practice.md" in manifest["files"]

    def boom(evidence, settings):
        raise RuntimeError("audit store locked")

    import audits

    monkeypatch.setattr(audits, "audit_section", boom)
    (tmp_path / "exists.sqlite").touch()  # an existing store: audit_section is called (and fails)
    failed = build(with_audit(tmp_path / "f"), tmp_path / "failed", Settings(store=str(tmp_path / "exists.sqlite")))
    manifest = json.loads((failed.path / "manifest.json").read_text())
    assert manifest["audits"]["status"] == "failed"
    assert any("audit store locked" in w for w in manifest["warnings"])
    assert (failed.path / "index.html").is_file() and not (failed.path / "audits.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # atomic: nothing left behind


# ----------------------------------------------------------------------------- narratives
AUDIT_DOC = {"title": "Case audit programme", "date": "2024-11-30", "sha": "audit24", "document_kind": "audit report"}
PERF = {"title": "Performance report", "date": "2025-04-30", "sha": "perf25", "document_kind": "data"}
MINUTES = {"title": "Partnership minutes", "date": "2025-01-15", "sha": "min25", "document_kind": "minutes"}


def _narrative_records(with_audit_doc: bool) -> list[dict]:
    rows = [
        (PERF, "Assessments completed within 45 working days rose from 61% to 88% over the year.", "outcome", "strength", True, "2"),
        (PERF, "Re-referrals within 12 months fell from 27% to 18%, below the national average.", "outcome", "strength", True, "3"),
        (PERF, "Children told us they feel safer and that their social worker listens to them.", "outcome", "strength", False, "4"),
        (MINUTES, "A multi-agency safeguarding hub was introduced in April 2024 with police and health staff co-located.", "process", "strength", False, "6"),
        (MINUTES, "The board met to discuss the terms of reference for the front door working group.", "process", "neutral", False, "7"),
    ]
    if with_audit_doc:
        rows += [
            (AUDIT_DOC, "A total of 1,440 cases were audited over 8 weeks from September 2024.", "process", "neutral", True, "9.2"),
            (AUDIT_DOC, "22 per cent of cases were judged to be of good quality or better.", "outcome", "concern", True, "10.7"),
        ]
    return [
        {"id": i + 1, "text": text, "loe": HP, "role": role, "polarity": pol, "has_data": data, "label": label, **doc}
        for i, (doc, text, role, pol, data, label) in enumerate(rows)
    ]


def test_narrative_states_the_audits_results_from_the_facts_layer(settings):
    """How we know: the audit's cases and grade shares, as the audit report writes them, citing it."""
    from facts.audit_stats import read_audit_stats
    from frameworks import load_framework

    framework = load_framework("ilacs")
    evidence = evidence_from_records(framework, _narrative_records(True))
    audit_passages = [i.passage for i in evidence.items if i.passage.document_sha == "audit24"]
    evidence.audit_stats = read_audit_stats(audit_passages, None, AUDIT_DOC["title"], "audit report")
    refs = {i.passage.id: f"2.{n:02d}" for n, i in enumerate(evidence.items, start=1)}
    narrative = compose(evidence, HP, settings, item_refs=refs, today=date(2025, 3, 1))
    audit = [s for s in narrative.sections["how"] if s.kind == "audit"]
    assert [s.text for s in audit] == ["Our audit of 1,440 cases (over 8 weeks from September 2024) found 22 per cent good or better."]
    assert {c.ref for c in audit[0].citations} <= set(refs.values())
    assert all("Case audit programme" in c.label for c in audit[0].citations)


def test_narrative_without_audit_evidence_has_no_audit_statement(settings):
    from frameworks import load_framework

    evidence = evidence_from_records(load_framework("ilacs"), _narrative_records(False))
    narrative = compose(evidence, HP, settings, today=date(2025, 3, 1))
    assert not [s for s in narrative.statements if s.kind == "audit"]
