"""Audit findings in documents: facts, themes, strengths, actions, each with its passage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from audits.analysis import build_summary
from audits.findings import extract_findings
from evidence_store.evidence import Evidence, EvidenceItem
from core.model import Passage
from frameworks import load_framework

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
NUMBERED = re.compile(r"^(?:-\s*)?(\d+(?:\.\d+)*)\.?\s+(.*)$")


def passages_from_text(text: str, sha: str, title: str, date: str, authority: str, start_id: int) -> tuple[list[EvidenceItem], dict]:
    """A deliberately simple paragraph splitter (not the real extractor): numbered lines get labels,
    short lines without a full stop are headings, '- ' lines are list items, tab lines are table rows."""
    items = []
    heading: tuple[str, ...] = ()
    pid = start_id
    for line in text.splitlines():
        raw = line.strip()
        if not raw:
            continue
        kind, label, cells = "paragraph", None, None
        if "\t" in line:
            kind, cells = "table row", tuple(c.strip() for c in line.split("\t") if c.strip())
            raw = " | ".join(cells)
        else:
            if raw.startswith("- "):
                kind, raw = "list item", raw[2:].strip()
            m = NUMBERED.match(raw)
            if m:
                label, raw = m.group(1), m.group(2)
            if kind == "paragraph" and len(raw.split()) <= 10 and not raw.endswith((".", ",", ";")):
                kind = "heading"
        pid += 1
        passage = Passage(pid, sha, pid, raw, kind, None, label, heading, title, date, "committee report", f"{sha}.txt")
        if cells:
            object.__setattr__(passage, "cells", cells)
        items.append(EvidenceItem(passage, None, []))
        if kind == "heading":
            heading = ((f"{label} " if label else "") + raw,)
    return items, {"sha256": sha, "title": title, "date": date, "kind": "committee report", "authority": authority}


def seed_evidence() -> Evidence:
    files = [
        ("herefordshire-2013-audit-programme.txt", "AUDIT PROGRAMME FOLLOWING OFSTED INSPECTION", "2013-05-02", "Herefordshire"),
        ("devon-2018-learning-from-audit.txt", "Learning from audit in Children's Social Care (2017-18)", "2018-05-01", "Devon"),
        ("rutland-2015-safeguarding-update.txt", "SAFEGUARDING CHILDREN IN NEED OF CARE AND PROTECTION", "2015-01-22", "Rutland"),
    ]
    items, docs = [], []
    for i, (name, title, date, authority) in enumerate(files):
        new, doc = passages_from_text((SEEDS / name).read_text(encoding="utf-8"), f"{i:064d}", title, date, authority, 10_000 * i)
        items += new
        docs.append(doc)
    return Evidence(load_framework("ilacs"), items, documents=docs)


needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="shared seed corpus not present")


@needs_seeds
def test_herefordshire_facts_and_themes_with_sources() -> None:
    docs = {d.authority: d for d in extract_findings(seed_evidence())}
    h = docs["Herefordshire"]
    cases = h.fact("cases_audited")
    assert cases.value == 1440 and "para 9.2" in cases.source.citation
    share = h.fact("grade_share")
    assert share.value == (22.0, "good or better") and "para 10.7" in share.source.citation
    assert "8 weeks" in str(h.fact("period").value)
    themes = {t.theme: t for t in h.improvements}
    for theme in ("recording", "eligibility and thresholds", "assessment and analysis", "supervision",
                  "interagency working", "management oversight"):
        assert theme in themes, theme
        assert themes[theme].source.citation.startswith("AUDIT PROGRAMME")
    assert themes["supervision"].name == "Supervision skills" and "para 10.5" in themes["supervision"].source.citation
    assert not any(t.name.startswith("Recommendations") for t in h.themes)
    ids = {a.action_id for a in h.actions}
    assert {"10.8.1", "10.8.10"} <= ids and "5.1" not in ids
    qa = next(a for a in h.actions if a.action_id == "10.8.1")
    assert any("10.11" in s.citation for s in qa.progress)  # "QA system has been upgraded and commenced"


@needs_seeds
def test_devon_themes_strengths_and_actions() -> None:
    docs = {d.authority: d for d in extract_findings(seed_evidence())}
    d = docs["Devon"]
    improve = {t.theme for t in d.improvements}
    assert {"assessment and analysis", "chronologies", "supervision", "management oversight", "permanence", "pathway planning"} <= improve
    assert {"supervision", "interagency working", "voice of the child"} <= {t.theme for t in d.strengths}
    assert any("Supervision Policy" in a.text for a in d.actions)
    assert d.fact("period").value == "2017-18"
    assert any("Themed Audits" in str(f.value) for f in d.facts if f.kind == "scope")


@needs_seeds
def test_rutland_inspection_results_are_not_audit_grades() -> None:
    docs = {d.authority: d for d in extract_findings(seed_evidence())}
    for d in docs.values():
        for f in d.facts:
            if f.kind == "grade_share":
                assert f.value == (22.0, "good or better") and d.authority == "Herefordshire"
    rutland = docs.get("Rutland")
    assert rutland is None or any("monthly case audits" in str(f.value) for f in rutland.facts)


@needs_seeds
def test_summary_on_seeds_ranks_recurring_themes_and_writes_sentences() -> None:
    summary = build_summary(seed_evidence(), [])
    texts = " ".join(s.text for s in summary.sentences)
    assert "1,440 cases" in texts and "22% of the cases" in texts
    ranked = {t.theme: t for t in summary.themes}
    assert ranked["supervision"].occurrences == 2  # Herefordshire 2013 and Devon 2018
    assert any("AUDIT PROGRAMME" in s for s in ranked["supervision"].sources)
    assert any("Learning from audit" in s for s in ranked["supervision"].sources)
    assert summary.good_practice and all(g.citation for g in summary.good_practice)
    qa = summary.qa_loe
    assert qa and qa in summary.by_loe and summary.by_loe[qa].sentences
    assert summary.chart_svg().count("<rect") > 2


def test_general_patterns_on_another_councils_wording() -> None:
    text = """Quality assurance report: case audit Q2 2024-25

1. Summary
1.1 An audit of 60 cases was completed by team managers in July and August 2024.
1.2 Of these, 35% were rated good or outstanding and 12 of the 60 cases were judged inadequate.
2. Key findings
2.1 The following themes emerged from the audits:
Voice of the child
2.2 Children's wishes and feelings were not consistently recorded.
Timeliness of visits
2.3 Statutory visits were often late.
3. Strengths
- Strong multi-agency working at strategy meetings.
- Chronologies are up to date in most cases.
4. Actions
4.1 Practice lead to run workshops on recording children's views and wishes.
5. Progress update
5.1 Workshops on recording children's views and wishes have been held for all teams.
"""
    items, doc = passages_from_text(text, "f" * 64, "Quality assurance report: case audit Q2 2024-25", "2024-10-01", "Anyshire", 0)
    (found,) = extract_findings(Evidence(load_framework("ilacs"), items, documents=[doc]))
    assert found.fact("cases_audited").value == 60
    shares = sorted(f.value for f in found.facts if f.kind == "grade_share")
    assert shares == [(20.0, "inadequate"), (35.0, "good or better")]
    assert {"voice of the child", "compliance and timeliness"} <= {t.theme for t in found.improvements}
    assert {"interagency working", "chronologies"} <= {t.theme for t in found.strengths}
    (action,) = found.actions
    assert action.progress and "para 5.1" in action.progress[0].citation
