"""Facts in the store, the evidence view's council, the commands."""

from __future__ import annotations

import csv
import io
import json

import typer
from typer.testing import CliRunner

from core.model import ExtractedDocument, ExtractedPassage, PassageKind, sha256_bytes
from evidence_store import EvidenceStore
from facts import FACTS_VERSION, extract_facts
from facts.stage import ensure_facts, extract_store_facts, home_authority


def _report(council: str, dates: str, grades: list[tuple[str, str]], extra: list[str] = ()) -> ExtractedDocument:  # type: ignore[assignment]
    texts = [f"Inspection of {council} local authority children's services", f"Inspection dates: {dates}", *[f"{a} | {g}" for a, g in grades],
             "What needs to improve?", "The quality of supervision.", *extra]
    passages = [ExtractedPassage(texts[0], PassageKind.HEADING, page=1), ExtractedPassage(texts[1], page=1)]
    passages += [ExtractedPassage(f"{a} | {g}", PassageKind.TABLE_ROW, page=1, cells=(a, g)) for a, g in grades]
    passages += [ExtractedPassage("What needs to improve?", PassageKind.HEADING, page=2),
                 ExtractedPassage("The quality of supervision.", PassageKind.LIST_ITEM, page=2, heading_path=("What needs to improve?",))]
    passages += [ExtractedPassage(t, page=3) for t in extra]
    data = "\n".join(texts).encode()
    doc = ExtractedDocument(sha256_bytes(data), f"/in/{council.lower()}-{dates[-4:]}.pdf", "pdf", passages)
    doc.title.value = texts[0]
    doc.kind.value = "inspection report"
    return doc


def _council_paper(council: str, text: str, name: str) -> ExtractedDocument:
    passages = [ExtractedPassage(f"{council} Council: Children's Scrutiny Committee", PassageKind.HEADING), ExtractedPassage(text)]
    data = (council + text).encode()
    doc = ExtractedDocument(sha256_bytes(data), f"/in/{name}.docx", "docx", passages)
    doc.title.value = f"{council} Council: Children's Scrutiny Committee"
    doc.kind.value = "committee report"
    return doc


def _store(tmp_path) -> EvidenceStore:
    store = EvidenceStore(str(tmp_path / "store.sqlite"))
    store.add_document(_report("Cumberland", "7 to 18 October 2024",
                               [("Overall effectiveness", "Good"), ("The experiences and progress of care leavers", "Good")],
                               ["Children's services in the predecessor local authority, Cumbria County Council, were judged requires "
                                "improvement to be good in November 2022."]))
    store.add_document(_report("Kent", "9 to 20 May 2022", [("Overall effectiveness", "Outstanding")]))
    store.add_document(_council_paper("Cumberland", "Placement stability improved: 9% of children moved three times.", "scrutiny"))
    store.add_document(_council_paper("Cumberland", "Our audit programme looked at 40 cases.", "audit"))
    return store


def test_facts_round_trip_through_the_store(tmp_path):
    store = _store(tmp_path)
    assert len(store.documents_without_facts(FACTS_VERSION)) == 4
    result = extract_store_facts(store)
    assert result.documents == 4 and store.documents_without_facts(FACTS_VERSION) == []
    assert ensure_facts(store).documents == 0  # nothing new to read
    stored = {f.document_sha: f for f in store.document_facts()}
    for doc in store.current_documents():
        fresh = extract_facts(doc, store.passages([doc["sha256"]]))
        assert stored[doc["sha256"]].all_facts() == fresh.all_facts()
        assert stored[doc["sha256"]].inspection == fresh.inspection


def test_the_evidence_view_sets_other_councils_documents_aside(tmp_path):
    from evidence_store.evidence import load_evidence
    from frameworks import load_framework

    store = _store(tmp_path)
    extract_store_facts(store)
    home = home_authority(store)
    assert home.name == "Cumberland" and "council documents" in home.how
    assert home_authority(store, "Kent County Council").name == "Kent"
    evidence = load_evidence(store, load_framework("ilacs"), None, None, None, home.name, home.how)
    kent_sha = next(f.document_sha for f in store.document_facts() if f.authority == "Kent")
    assert all(i.passage.document_sha != kent_sha for i in evidence.items)
    assert any(i.passage.document_sha == kent_sha for i in evidence.comparators)
    assert {r.authority for r in evidence.recommendations} == {"Cumberland"}
    assert {d["authority"] for d in evidence.documents} == {"Cumberland", "Kent"}


def test_pack_history_is_the_home_councils_own(tmp_path):
    from evidence_store.evidence import load_evidence
    from frameworks import load_framework
    from packs.plan import judgement_history

    store = _store(tmp_path)
    extract_store_facts(store)
    evidence = load_evidence(store, load_framework("ilacs"), None, None, None, "Cumberland")
    rows = judgement_history(evidence, {}, evidence.by_passage())
    assert {(r.authority, r.date, r.grade) for r in rows} == {("Cumberland", "2024-10-18", "good")}
    assert {r.area for r in rows} == {"overall", "ilacs.care_leavers"}


def _app() -> typer.Typer:
    from cli.facts import register

    app = typer.Typer()
    register(app)
    return app


def test_judgements_command_formats(tmp_path):
    store = _store(tmp_path)
    runner = CliRunner()
    result = runner.invoke(_app(), ["judgements", "--store", str(tmp_path / "store.sqlite"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["authority"], r["framework"], r["inspection_end"], r["overall"], r["scope"]) for r in rows] == [
        ("Cumberland", "standard", "2024-10-18", "good", "this"),
        ("Cumbria", "ilacs inspection", "2022-11", "requires improvement", "earlier"),
        ("Kent", "standard", "2022-05-20", "outstanding", "this"),
    ]
    assert rows[0]["pages"] == "1" and rows[0]["file"] == "cumberland-2024.pdf"
    result = runner.invoke(_app(), ["judgements", "--store", str(tmp_path / "store.sqlite"), "--format", "jsonl", "--authority", "Kent County Council"])
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["authority"] for r in records] == ["Kent"] and records[0]["sources"]["overall"]["page"] == 1
    store.close()


def test_eval_judgements_prints_raw_and_corrected(tmp_path):
    _store(tmp_path)
    truth = tmp_path / "truth.csv"
    truth.write_text("file,council,urn,inspection_start,inspection_end,publication_date,framework,overall,leaders,help_protection,in_care,care_leavers\n"
                     "cumberland-2024.pdf,cumberland,1,2024-10-07,2024-10-18,2024-11-26,standard,requires improvement,data_unreadable,,,good\n"
                     "kent-2022.pdf,kent,2,2022-05-09,2022-05-20,2022-07-01,standard,outstanding,,,,inspection_pre_dates_judgement\n")
    corrections = tmp_path / "corrections.csv"
    corrections.write_text("file,field,grade,page,words\ncumberland-2024.pdf,overall,good,1,Overall effectiveness | Good\n")
    result = CliRunner().invoke(_app(), ["eval-judgements", "--truth", str(truth), "--corrections", str(corrections),
                                         "--store", str(tmp_path / "store.sqlite"), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["raw"]["grades"] == {"right": 2, "scored": 3, "accuracy": 2 / 3}
    assert figures["corrected"]["grades"]["right"] == 3
    assert figures["corrected"]["fields"]["inspection_end"]["right"] == 2


def test_eval_recommendations_scores_the_register(tmp_path):
    _store(tmp_path)
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"file": "cumberland-2024.pdf", "items": ["The quality of supervision."]}) + "\n"
                    + json.dumps({"file": "kent-2022.pdf", "items": ["The quality of supervision.", "Something the report never says."]}) + "\n")
    result = CliRunner().invoke(_app(), ["eval-recommendations", "--gold", str(gold), "--store", str(tmp_path / "store.sqlite"), "--json"],
                                env={"READINESS_REDACT": "false"})
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert (figures["matched"], figures["gold_items"], figures["scored_rows"]) == (2, 3, 2)
