"""Narratives: the three self-evaluation questions from the home authority's facts and passages,
citations, boilerplate, freshness, no sentence twice, footnotes, the sidecar, topic narratives, the
self-evaluation, and check-narrative on drafts of several styles.

Evidence is built directly from dataclasses (no database, no tagger), so these tests are fast; the
whole-pipeline acceptance tests are in tests/test_narratives_run.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from core.model import DocumentFacts, FigureFact, InspectionRef, JudgementFact, Provenance, RecommendationFact
from core.settings import Settings
from evidence_store.evidence import Evidence
from facts import figures_supported
from frameworks import load_framework
from narratives import check_draft, compose, compose_all, compose_topic, write_narrative, write_sef
from narratives._testing import evidence_from_records
from narratives.boilerplate import reason
from narratives.docx_notes import read_footnotes
from narratives.draft_roles import classify
from narratives.render import render_html, render_markdown

HP = "ilacs.help_and_protection"
CIC = "ilacs.children_in_care"
CL = "ilacs.care_leavers"
LEADERS = "ilacs.impact_of_leaders"
DRAFTS = Path(__file__).parent / "fixtures" / "drafts"
TODAY = __import__("datetime").date(2026, 6, 1)

PERF = {"title": "Performance report Q3 2025/26", "date": "2026-02-12", "sha": "perf26", "document_kind": "committee report"}
OFSTED_OLD = {"title": "Inspection of Westvale children's services", "date": "2019-03-01", "sha": "ofsted19", "document_kind": "inspection report"}
OFSTED_NEW = {"title": "Inspection of Westvale children's services", "date": "2025-11-20", "sha": "ofsted25", "document_kind": "inspection report"}
REVIEW = {"title": "Readiness review", "date": "2025-09-01", "sha": "review25", "document_kind": "other"}
OTHER = {"title": "Inspection of Eastmere children's services", "date": "2026-01-10", "sha": "eastmere26", "document_kind": "inspection report"}


@pytest.fixture
def framework():
    return load_framework("ilacs")


@pytest.fixture
def settings(tmp_path):
    return Settings(store=str(tmp_path / "store.sqlite"))


def _rows():
    rows = [
        # a performance table: header row, then rows of figures
        (PERF, "Indicator | Q1 2025/26 | Q3 2025/26 | England 2024/25", HP, "context", dict(kind="table row",
         cells=["Indicator", "Q1 2025/26", "Q3 2025/26", "England 2024/25"])),
        (PERF, "Re-referrals within 12 months | 23.1% | 19.4% | 22.4%", HP, "outcome", dict(kind="table row",
         cells=["Re-referrals within 12 months", "23.1%", "19.4%", "22.4%"], has_data=True)),
        (PERF, "Initial health assessments within 20 working days | 55% | 52% | 63%", CIC, "outcome", dict(kind="table row",
         cells=["Initial health assessments within 20 working days", "55%", "52%", "63%"], has_data=True)),
        (PERF, "The table below shows the number of contacts received by the front door each quarter.", HP, "context", {}),
        # an old inspection, replaced by a newer one for the same areas
        (OFSTED_OLD, "Children in care experience too many changes of placement and wait too long for permanence.", CIC, "outcome",
         dict(polarity="concern")),
        (OFSTED_OLD, "Children who need help and protection wait too long for assessments.", HP, "outcome", dict(polarity="concern")),
        (OFSTED_NEW, "Children in care live in stable homes and are helped to keep in touch with their brothers and sisters.", CIC,
         "outcome", dict(polarity="strength")),
        (OFSTED_NEW, "Children at risk of harm are protected quickly through timely strategy meetings and thorough enquiries.", HP,
         "outcome", dict(polarity="strength")),
        (OFSTED_NEW, "The inspection was carried out in line with the ILACS framework.", LEADERS, "context", {}),
        (OFSTED_NEW, "Ofsted regulates and inspects to achieve excellence in the care of children and young people.", LEADERS,
         "context", {}),
        (OFSTED_NEW, "Care leavers are supported by personal advisers who know them well and stay in touch.", CL, "outcome",
         dict(polarity="strength")),
        (OFSTED_NEW, "Leaders have an accurate understanding of the quality of practice and children benefit from stable social workers.",
         LEADERS, "outcome", dict(polarity="strength")),
        (OFSTED_NEW, "The experiences and progress of children in care | Good", CIC, "judgement", dict(kind="table row")),
        (OFSTED_NEW, "The timeliness of initial health assessments for children coming into care.", CIC, "recommendation", dict(kind="list item")),
        # an adviser's advice is not evidence of practice
        (REVIEW, "A9 Develop a short narrative about the multi-agency case file audits that identifies examples of improved practice.",
         LEADERS, "recommendation", {}),
        (REVIEW, "Front line partnership working is excellent and is making a difference to children and families.", HP, "outcome",
         dict(polarity="strength")),
        # the same passage tagged to two lines must appear in one narrative only
        (PERF, "Children and young people told us they feel listened to and that their social worker explains decisions to them.",
         [HP, CIC], "outcome", dict(polarity="strength")),
    ]
    records = []
    for index, (doc, text, loe, role, extra) in enumerate(rows, start=1):
        records.append({**doc, "id": index, "ordinal": index, "text": text, "loe": loe, "role": role, "page": 2,
                        "label": str(index), **extra})
    return records


def _other_council_records(start: int):
    return [{**OTHER, "id": start, "ordinal": 1, "text": "Children in care in Eastmere achieve exceptionally well at school and feel safe.",
             "loe": CIC, "role": "outcome", "polarity": "strength", "page": 3, "label": "14"}]


def _evidence(framework) -> Evidence:
    records = _rows()
    evidence = evidence_from_records(framework, records)
    comparators = evidence_from_records(framework, _other_council_records(500)).items
    evidence.comparators = comparators
    evidence.authority = "Westvale"
    by_text = {i.passage.text: i.passage for i in evidence.items}

    def source(text):
        passage = by_text[text]
        return Provenance(passage.document_sha, passage.id, passage.page, passage.label, text)

    new = InspectionRef("standard", "ilacs", "2025-11-10", "2025-11-14")
    old = InspectionRef("ilacs inspection", "ilacs", "2019-02-11", "2019-02-15")
    evidence.facts = [DocumentFacts("ofsted25", "Westvale", "test", new), DocumentFacts("ofsted19", "Westvale", "test", old)]
    evidence.judgements = [JudgementFact("Westvale", new, "in_care", "good", "this", "council",
                                         source("The experiences and progress of children in care | Good"))]
    evidence.recommendations = [RecommendationFact("Westvale", new, None, "The timeliness of initial health assessments for children coming into care.",
                                                   "What needs to improve?", None, source("The timeliness of initial health assessments for children coming into care."))]
    return evidence


@pytest.fixture
def evidence(framework):
    return _evidence(framework)


def _all(evidence, settings, **kw):
    return compose_all(evidence, settings, today=TODAY, **kw)


# --------------------------------------------------------------------------- composing
def test_sections_answer_the_three_questions(evidence, settings):
    cic = compose(evidence, CIC, settings, today=TODAY)
    assert list(cic.sections) == ["know", "how", "next"]
    how = [s.text for s in cic.sections["how"]]
    assert any(t.startswith("Ofsted judged the experiences and progress of children in care to be good") for t in how)
    nxt = [s.text for s in cic.sections["next"]]
    assert nxt == ["Ofsted's inspection (November 2025) asked us to improve the timeliness of initial health assessments for children coming into care."]


def test_table_rows_become_sentences_with_trend_and_comparator(evidence, settings):
    hp = compose(evidence, HP, settings, today=TODAY)
    texts = [s.text for s in hp.sections["know"]]
    assert ("Re-referrals within 12 months fell from 23.1% in Q1 2025/26 to 19.4% in Q3 2025/26, compared with 22.4% for "
            "England (2024/25).") in texts
    row = next(s for s in hp.sections["know"] if s.text.startswith("Re-referrals"))
    assert {c.text for c in row.citations} >= {"Re-referrals within 12 months | 23.1% | 19.4% | 22.4%"}


def test_every_number_is_in_a_cited_passage_and_citations_carry_provenance(evidence, settings, framework):
    passages = {i.passage.id: i.passage for i in evidence.items}
    for narrative in _all(evidence, settings):
        for statement in narrative.statements:
            assert statement.citations, statement.text
            assert figures_supported(statement.text, [passages[c.passage_id] for c in statement.citations]), statement.text
            for citation in statement.citations:
                assert citation.text == passages[citation.passage_id].text
                assert citation.document_sha256 == passages[citation.passage_id].document_sha


def test_only_the_home_authoritys_evidence_is_cited(evidence, settings):
    cited = {c.document_sha256 for n in _all(evidence, settings) for s in n.statements for c in s.citations}
    assert "eastmere26" not in cited and cited <= {"perf26", "ofsted25", "ofsted19", "review25"}
    assert not any("Eastmere" in s.text for n in _all(evidence, settings) for s in n.statements)


def test_boilerplate_advice_and_pointers_are_not_evidence(evidence, settings):
    texts = " ".join(s.text for n in _all(evidence, settings) for s in n.statements)
    for words in ("carried out in line with", "regulates and inspects", "Develop a short narrative", "table below shows"):
        assert words not in texts
    assert reason("The visit was carried out in line with the ILACS framework.") == "method statement"
    assert reason("Develop a short narrative outlining recognition of the issue, how it was resolved and future plans.")
    assert reason("A one or two page narrative with up to date information and data is much more useful than copies of minutes.")
    assert reason("Outstanding: children are protected and helped.") == "guidance or grade definition"
    assert reason("Children in care live in stable homes close to their families.") is None


def test_fresh_evidence_first_and_superseded_inspections_left_out(evidence, settings):
    for narrative in _all(evidence, settings):
        cited = [c.document_sha256 for s in narrative.statements for c in s.citations]
        assert "ofsted19" not in cited  # the 2025 inspection covered every area the 2019 one did
    cic = compose(evidence, CIC, settings, today=TODAY)
    assert any("later inspection covered this area" in note for note in cic.notes)
    know = cic.sections["know"]
    assert know[0].day >= know[-1].day


def test_no_sentence_in_two_narratives(evidence, settings):
    seen: dict[str, str] = {}
    for narrative in _all(evidence, settings):
        for statement in narrative.statements:
            assert statement.text not in seen, (statement.text, seen.get(statement.text), narrative.loe_id)
            seen[statement.text] = narrative.loe_id
    voices = [t for t in seen if "told us they feel listened to" in t]
    assert len(voices) == 1


def test_inspection_findings_are_attributed(evidence, settings):
    cic = compose(evidence, CIC, settings, today=TODAY)
    finding = next(s for s in cic.sections["know"] if "stable homes" in s.text)
    assert finding.text.startswith("Ofsted's inspection (November 2025) found that children in care live in stable homes")


# --------------------------------------------------------------------------- rendering
def test_markdown_and_html_cite_with_endnotes(evidence, settings):
    narrative = compose(evidence, CIC, settings, today=TODAY)
    md = render_markdown(narrative, settings)
    markers = set(re.findall(r"\[\^(\d+)\](?!:)", md))
    definitions = re.findall(r"^\[\^(\d+)\]: (.+)$", md, re.M)
    assert markers and markers == {n for n, _ in definitions}
    assert "## What we know" in md and "## How we know" in md and "## What we are doing next" in md
    assert "([" not in md  # no inline citations
    html = render_html(narrative, settings)
    assert html.count('<li id="note-') == len(definitions)


def test_docx_has_real_footnotes(evidence, settings, tmp_path):
    from docx import Document

    narrative = compose(evidence, CIC, settings, today=TODAY)
    paths = write_narrative(narrative, tmp_path, settings)
    docx = next(p for p in paths if p.suffix == ".docx")
    document = Document(str(docx))
    notes = read_footnotes(document)
    assert len(notes) == len(narrative.footnotes()[1]) > 0
    assert all("Westvale" in text or "Performance" in text for text in notes.values())
    body = "\n".join(p.text for p in document.paragraphs)
    assert "p.2, para" not in body  # citations live in the footnotes, not the text


def test_sidecar_is_exactly_the_issues_shape(evidence, settings, tmp_path):
    narrative = compose(evidence, HP, settings, today=TODAY)
    paths = write_narrative(narrative, tmp_path, settings)
    data = json.loads(next(p for p in paths if p.suffix == ".json").read_text())
    assert set(data) == {"loe", "authority", "sentences"} and data["loe"] == HP and data["authority"] == "Westvale"
    for sentence in data["sentences"]:
        assert set(sentence) == {"text", "section", "citations"} and sentence["section"] in ("know", "how", "next")
        for citation in sentence["citations"]:
            assert set(citation) == {"passage_id", "document_sha256", "page", "paragraph", "text"}


def test_templates_can_be_overridden(evidence, settings, tmp_path):
    custom = tmp_path / "tpl"
    custom.mkdir()
    bundled = Path(__file__).resolve().parents[1] / "templates" / "narrative_text.j2"
    (custom / "narrative_text.j2").write_text(bundled.read_text().replace("elf-evaluation narrative", "elf-assessment in our own words"))
    local = settings.with_values(templates_dir=str(custom))
    narrative = compose(evidence, CIC, local, today=TODAY)
    assert "elf-assessment in our own words" in render_markdown(narrative, local)


def _pages(docx: Path, tmp_path: Path) -> int:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / (docx.stem + ".pdf")
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice not on PATH")
def test_a_full_narrative_fits_two_pages_in_libreoffice(framework, settings, tmp_path):
    records = _rows()
    # plenty of evidence: the budget, not the evidence, must decide the length
    for n in range(40):
        records.append({**PERF, "id": 1000 + n, "ordinal": 100 + n, "loe": CIC, "role": "outcome", "polarity": "strength",
                        "label": f"4.{n}", "page": 3, "has_data": True,
                        "text": f"In locality {n} children in care were visited within timescale in {60 + n % 30} per cent of cases "
                                f"and {n + 3} children moved to permanent homes with their brothers and sisters this year."})
    evidence = evidence_from_records(framework, records)
    narrative = compose(evidence, CIC, settings, today=TODAY)
    docx = next(p for p in write_narrative(narrative, tmp_path, settings, ["docx"]))
    assert _pages(docx, tmp_path) <= 2


# --------------------------------------------------------------------------- topics and the self-evaluation
def test_topic_narrative_keeps_to_its_topic(evidence, settings):
    narrative = compose_topic(evidence, "health assessments", settings, today=TODAY)
    assert narrative.statements
    for statement in narrative.statements:
        cited = " ".join(c.text for c in statement.citations).lower()
        assert "health assessments" in cited
    theme = compose_topic(evidence, "cic-stability-permanence", settings, today=TODAY)
    assert theme.loe_title == "Stability and permanence"


def test_self_evaluation_has_its_parts_and_cites_every_statement(evidence, settings, tmp_path):
    from docx import Document

    paths = write_sef(evidence, tmp_path, settings)
    md = (tmp_path / "self-evaluation.md").read_text()
    for heading in ("## Summary", "## 1. The experiences and progress of children who need help and protection",
                    "### What we know", "### How we know", "### What we are doing next", "## Data annex",
                    "## Briefing for the annual engagement meeting"):
        assert heading in md
    assert "Re-referrals within 12 months fell from 23.1%" in md.split("## Data annex")[1]
    body = md.split("\n[^1]:")[0]
    for line in body.splitlines():
        if line.startswith(("- ", "Ofsted", "Re-")) and "_" not in line[:3] and not re.search(r": [\d-]+, ", line):
            assert "[^" in line, line  # every statement carries its footnote
    document = Document(str(tmp_path / "self-evaluation.docx"))
    assert len(read_footnotes(document)) == len(re.findall(r"^\[\^\d+\]:", md, re.M))
    assert {p.suffix for p in paths} == {".docx", ".md"}


# --------------------------------------------------------------------------- check-narrative
@pytest.mark.parametrize("draft", sorted(DRAFTS.glob("process-*.md")), ids=lambda p: p.stem)
def test_process_heavy_drafts_score_low(draft, evidence, settings):
    review = check_draft(draft, evidence, settings)
    assert review.outcome_share <= 0.25, [(s.role.role, s.text) for s in review.sentences]
    assert review.verdict == "revise"


@pytest.mark.parametrize("draft", sorted(DRAFTS.glob("outcome-*.md")), ids=lambda p: p.stem)
def test_outcome_focused_drafts_score_high(draft, evidence, settings):
    review = check_draft(draft, evidence, settings)
    assert review.outcome_share >= 0.6, [(s.role.role, s.text) for s in review.sentences]


def test_a_process_heavy_word_draft_scores_low(evidence, settings, tmp_path):
    from docx import Document

    document = Document()
    document.add_heading("Help and protection narrative", level=1)
    for line in (DRAFTS / "process-board-minutes-style.md").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            document.add_paragraph(line.strip())
    path = tmp_path / "draft.docx"
    document.save(str(path))
    assert check_draft(path, evidence, settings).outcome_share <= 0.25


def test_sentences_are_read_by_what_they_say():
    assert classify("The board has met every six weeks and agreed its terms of reference.").role == "process"
    assert classify("It has met six times and has developed an action tracker.").role == "process"
    assert classify("Re-referrals fell from 24% in 2023 to 19% in 2025, below England's 22%.").role == "outcome"
    assert classify("Children are seen promptly and their views shape their plans.").role == "outcome"
    assert classify("In our survey, 82 per cent of parents said their social worker listened to them.").role == "outcome"


def test_the_products_own_narratives_pass_and_their_footnotes_are_read(evidence, settings, tmp_path):
    for narrative in _all(evidence, settings):
        for path in write_narrative(narrative, tmp_path, settings, ["md", "docx"]):
            review = check_draft(path, evidence, settings)
            assert review.verdict == "pass", (path.name, review.reasons, review.unsupported)
            assert review.footnotes == len(narrative.footnotes()[1])
            cited = [s for s in review.sentences if s.cited]
            assert len(cited) == len(review.sentences), [s.text for s in review.sentences if not s.cited]


def test_inline_citations_are_understood(evidence, settings, tmp_path):
    sentence = "Children in care live in stable homes and are helped to keep in touch with their brothers and sisters."
    passage = next(i.passage for i in evidence.items if i.passage.text == sentence)
    cited = tmp_path / "cited.md"
    cited.write_text(f"{sentence} ([2.10] {passage.citation()})\n")
    bare = tmp_path / "bare.md"
    bare.write_text(sentence + "\n")
    a, b = check_draft(cited, evidence, settings), check_draft(bare, evidence, settings)
    assert a.unsupported_sentences == 0 and b.unsupported_sentences == 0
    assert a.sentences[0].text == sentence and a.sentences[0].cited


def test_a_paragraph_is_never_both_supported_and_unsupported(evidence, settings, tmp_path):
    draft = tmp_path / "mixed.md"
    draft.write_text(
        "Children in care live in stable homes and are helped to keep in touch with their brothers and sisters. "
        "Every child in care achieved five good GCSEs and 97 per cent went to university.\n\n"
        "Care leavers are supported by personal advisers who know them well and stay in touch.\n"
    )
    review = check_draft(draft, evidence, settings)
    unsupported = {entry["paragraph"] for entry in review.unsupported}
    assert unsupported == {1} and 2 in review.supported_paragraphs
    assert not unsupported & set(review.supported_paragraphs)
    assert not [s for s in review.stale if s["paragraph"] in unsupported]


def test_a_number_the_evidence_lacks_makes_a_sentence_unsupported(evidence, settings, tmp_path):
    draft = tmp_path / "wrong.md"
    draft.write_text("Children in care live in stable homes and 97 per cent are helped to keep in touch with their brothers and sisters.\n")
    review = check_draft(draft, evidence, settings)
    assert review.unsupported and "number" in review.unsupported[0]["sentences"][0]["why"]


def test_suggestions_come_from_the_same_line_and_council(evidence, settings):
    review = check_draft(DRAFTS / "process-short-note.md", evidence, settings, loe_id=CIC)
    text = " ".join(review.suggestions)
    assert "Eastmere" not in text  # another council's evidence is never suggested
    assert "Care leavers are supported" not in text and "Re-referrals" not in text  # other lines'
    assert review.to_dict()["verdict"] == "revise" and review.to_dict()["reasons"]


def test_an_older_inspections_figures_are_not_asked_of_a_narrative_the_newer_one_replaced(framework, settings, tmp_path):
    # Kent's 2013 report held the care population's rates; the 2022 report, with none, covers the area.
    # A narrative that rightly leaves 2013 out must not be told to state figures only 2013 held.
    old_rates = "Of the children in care, 70.3% were placed with foster carers, 17.0% in residential care and 9.4% at home."
    records = [
        {**OFSTED_OLD, "id": 1, "ordinal": 1, "text": old_rates, "loe": CIC, "role": "outcome", "has_data": True, "page": 3, "label": "4"},
        {**OFSTED_NEW, "id": 2, "ordinal": 1, "text": "Children in care live in stable homes and are helped to keep in touch "
         "with their brothers and sisters.", "loe": CIC, "role": "outcome", "polarity": "strength", "page": 5, "label": "17"},
        {**OFSTED_NEW, "id": 3, "ordinal": 2, "text": "Most children in care make good progress at school and feel safe "
         "where they live.", "loe": CIC, "role": "outcome", "polarity": "strength", "page": 5, "label": "18"},
    ]
    evidence = evidence_from_records(framework, records)
    evidence.authority = "Westvale"
    evidence.facts = [DocumentFacts("ofsted25", "Westvale", "test", InspectionRef("standard", "ilacs", "2025-11-10", "2025-11-14")),
                      DocumentFacts("ofsted19", "Westvale", "test", InspectionRef("ilacs inspection", "ilacs", "2019-02-11", "2019-02-15"))]
    old = evidence.items[0].passage
    evidence.figures = [FigureFact(value, "%", "children in care placed", None, "Westvale", None, f"{value}%",
                                   Provenance(old.document_sha, old.id, old.page, old.label, old_rates))
                        for value in (70.3, 17.0, 9.4)]
    narrative = compose(evidence, CIC, settings, today=TODAY)
    assert all(c.document_sha256 == "ofsted25" for s in narrative.statements for c in s.citations)
    [md] = write_narrative(narrative, tmp_path, settings, ["md"])
    review = check_draft(md, evidence, settings)
    assert review.verdict == "pass", review.reasons
    # the same figures in a report no later inspection replaced are still asked for
    evidence.facts = evidence.facts[:1]
    assert check_draft(md, evidence, settings).verdict == "revise"


def test_a_narrative_with_no_evidence_is_sent_back_saying_so(framework, settings, tmp_path):
    # an area the store holds nothing for gets a placeholder narrative; it must not pass as finished
    records = [{**OFSTED_NEW, "id": 1, "ordinal": 1, "text": "Children at risk of harm are protected quickly through "
                "timely strategy meetings.", "loe": HP, "role": "outcome", "polarity": "strength", "page": 5, "label": "9"}]
    evidence = evidence_from_records(framework, records)
    narrative = compose(evidence, CL, settings, today=TODAY)
    assert not narrative.statements
    [md] = write_narrative(narrative, tmp_path, settings, ["md"])
    review = check_draft(md, evidence, settings, CL)
    assert review.verdict == "revise"
    assert review.reasons == ["the draft makes no statements about children's outcomes yet (headings and notes only)"]


def test_self_evaluations_evidence_age_reads_an_inspection_report_as_inspection_evidence(framework, settings):
    # an inspection's recommendations and children's words stand until the next inspection, like its findings;
    # three and a half years on, with no later inspection, none of it is older than its window
    from narratives.sef import build_sef

    rec = "The timeliness of initial health assessments for children coming into care."
    records = [
        {**OFSTED_NEW, "id": 1, "ordinal": 1, "text": "Children in care live in stable homes and are helped to keep in touch "
         "with their brothers and sisters.", "loe": CIC, "role": "outcome", "polarity": "strength", "page": 5, "label": "17"},
        {**OFSTED_NEW, "id": 2, "ordinal": 2, "text": "Children in care told inspectors that they feel safe and that their "
         "carers listen to them.", "loe": CIC, "role": "outcome", "polarity": "strength", "page": 5, "label": "18"},
        {**OFSTED_NEW, "id": 3, "ordinal": 3, "text": rec, "loe": CIC, "role": "recommendation", "kind": "list item", "page": 9,
         "label": None},
    ]
    evidence = evidence_from_records(framework, records)
    evidence.authority = "Westvale"
    inspection = InspectionRef("standard", "ilacs", "2025-11-10", "2025-11-14")
    evidence.facts = [DocumentFacts("ofsted25", "Westvale", "test", inspection)]
    p = evidence.items[2].passage
    evidence.recommendations = [RecommendationFact("Westvale", inspection, None, rec, "What needs to improve?", None,
                                                   Provenance(p.document_sha, p.id, p.page, p.label, rec))]
    sef = build_sef(evidence, settings, today=__import__("datetime").date(2029, 6, 1))
    cic = next(f for f in sef.freshness if f[0] == framework.line(CIC).title)
    kinds = {s.kind for a in sef.areas if a.loe_id == CIC for s in a.statements}
    assert {"voice", "recommendation"} <= kinds, kinds
    assert cic[1] == "2025-11-20" and cic[3] == "0%", cic


def test_a_sentence_leaning_on_the_one_before_is_not_narrated(framework, settings):
    # out of its paragraph, "it" and "they" after an opening phrase point at nothing
    leaning = ["For some children, it simply involves taking them to school.",
               "When it is in the best interests of the child, they provide support to return children to school."]
    whole = "Children who go missing receive a clear and timely response and return home safely."
    records = [{**OFSTED_NEW, "id": n, "ordinal": n, "text": text, "loe": HP, "role": "outcome", "polarity": "strength",
                "page": 5, "label": str(n)} for n, text in enumerate([whole, *leaning], start=1)]
    narrative = compose(evidence_from_records(framework, records), HP, settings, today=TODAY)
    text = " ".join(s.text for s in narrative.statements)
    assert "return home safely" in text
    assert "taking them to school" not in text and "they provide support" not in text
