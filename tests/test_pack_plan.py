"""Planning a pack (no files): ordering, numbering, limits, signposts, curation, gaps, history."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest

from evidence_store.evidence import Evidence
from frameworks import load_framework
from packs import Curation, parse_curation, plan_pack
from packs.curation import CurationError
from packs.signpost import make_signpost
from packs.testing import EvidenceBuilder, sample_evidence
from core.settings import Settings

AS_OF = date(2026, 1, 1)
CIC = "ilacs.children_in_care"
HP = "ilacs.help_and_protection"


@pytest.fixture(scope="module")
def fw():
    return load_framework("ilacs")


def plan(evidence, curation=None, **settings):
    return plan_pack(evidence, Settings(**settings), curation or Curation(), as_of=AS_OF)


def numbers(p):
    return [(i.number, i.key) for i in p.items]


def test_sections_follow_framework_order(fw):
    p = plan(sample_evidence())
    assert [s.line.id for s in p.sections] == [line.id for line in fw.top_lines]
    assert [s.number for s in p.sections] == [1, 2, 3, 4]
    # items are numbered section.position with two-digit positions
    assert all(i.number.startswith(f"{i.section}.") and len(i.number.split(".")[1]) == 2 for i in p.items)


def test_order_within_area_outcome_data_then_outcome_then_judgement_then_process(fw):
    p = plan(sample_evidence())
    cic = next(s for s in p.sections if s.line.id == CIC)
    roles = [(i.role, i.has_data) for i in cic.items]
    assert roles == [
        ("outcome", True),
        ("outcome", True),
        ("outcome", False),
        ("judgement", False),
        ("recommendation", False),
        ("process", False),
    ]
    assert [i.number for i in cic.items] == ["2.01", "2.02", "2.03", "2.04", "2.05", "2.06"]


def test_newer_before_older_within_a_tier(fw):
    b = EvidenceBuilder(fw)
    old = b.document("Old audit", "2019-01-01", "audit report")
    new = b.document("New audit", "2025-01-01", "audit report")
    undated = b.document("Undated note", None, "other")
    b.passage(undated, "Outcome undated.", loe=CIC, role="outcome")
    b.passage(old, "Outcome old.", loe=CIC, role="outcome")
    b.passage(new, "Outcome new.", loe=CIC, role="outcome")
    items = plan(b.evidence()).sections[1].items
    assert [i.first.text for i in items] == ["Outcome new.", "Outcome old.", "Outcome undated."]


def test_context_left_out_unless_pinned(fw):
    b = EvidenceBuilder(fw)
    doc = b.document("Report", "2025-01-01", "committee report")
    ctx = b.passage(doc, "Northmoor is a borough in the north.", label="1", loe=CIC, role="context")
    b.passage(doc, "Outcomes improved.", label="2", loe=CIC, role="outcome")
    b.passage(doc, "Unlabelled passage.", label="3", loe=CIC, role=None)
    ev = b.evidence()
    assert [i.first.text for i in plan(ev).items] == ["Outcomes improved."]
    key = f"{ctx.passage.document_sha[:12]}/1"
    pinned = plan(ev, Curation(pin=[key]))
    assert [i.first.text for i in pinned.items] == ["Outcomes improved.", "Northmoor is a borough in the north."]


def test_numbering_is_stable_across_reruns_and_input_order(fw):
    ev = sample_evidence()
    first = numbers(plan(ev))
    assert numbers(plan(ev)) == first
    shuffled = list(ev.items)
    random.Random(4).shuffle(shuffled)
    assert numbers(plan(replace(ev, items=shuffled))) == first


def test_keys_use_labels_or_ordinals(fw):
    b = EvidenceBuilder(fw)
    doc = b.document("Minutes", "2025-01-01", "minutes")
    b.passage(doc, "First (a).", label="(a)", loe=CIC, role="outcome")
    b.passage(doc, "Second (a) again.", label="(a)", loe=CIC, role="outcome")
    b.passage(doc, "Third 4.2.", label="4.2", loe=CIC, role="outcome")
    b.passage(doc, "No label.", loe=CIC, role="outcome")
    keys = sorted(i.key.split("/")[1] for i in plan(b.evidence()).items)
    assert keys == ["#0", "#1", "#3", "4.2"]


def test_items_per_area_limit_keeps_the_best(fw):
    b = EvidenceBuilder(fw)
    docs = [b.document(f"Report {n}", f"20{10 + n}-01-01", "committee report") for n in range(8)]
    for n, doc in enumerate(docs):
        b.passage(doc, f"Process {n}.", loe=CIC, role="process")
        b.passage(doc, f"Outcome data {n}.", loe=CIC, role="outcome", has_data=True)
    p = plan(b.evidence(), Curation(limits={"items_per_area": 5}))
    cic = p.sections[1]
    assert len(cic.items) == 5 and cic.left_out == 11
    assert all(i.role == "outcome" for i in cic.items)
    assert [i.first.text for i in cic.items][0] == "Outcome data 7."  # newest first


def test_per_document_and_process_limits(fw):
    b = EvidenceBuilder(fw)
    big = b.document("Big minutes", "2025-01-01", "minutes")
    other = b.document("Short report", "2024-01-01", "committee report")
    for n in range(10):
        b.passage(big, f"Outcome {n}.", loe=CIC, role="outcome")
    b.passage(other, "Other outcome.", loe=CIC, role="outcome")
    for n in range(6):
        b.passage(other, f"Process {n}.", loe=HP, role="process")
    p = plan(b.evidence(), Curation(limits={"per_document": 3, "items_per_area": 6, "process_per_area": 2}))
    cic, hp = p.sections[1], p.sections[0]
    texts = [i.first.text for i in cic.items]
    assert "Other outcome." in texts and len(texts) == 6  # overflow from the big document fills the rest
    assert len(hp.items) == 2


def test_duplicate_text_appears_once(fw):
    b = EvidenceBuilder(fw)
    pdf = b.document("Report (PDF)", "2025-01-01", "inspection report", content="pdf")
    docx = b.document("Report (DOCX)", "2025-01-01", "inspection report", content="docx")
    for doc in (pdf, docx):
        b.passage(doc, "Children in care  are safe.", loe=CIC, role="outcome")
    assert len(plan(b.evidence()).items) == 1


def test_consecutive_list_items_form_one_item(fw):
    b = EvidenceBuilder(fw)
    doc = b.document("Report", "2025-01-01", "committee report")
    b.passage(doc, "Key points", kind="heading", loe=CIC, role="context")
    for n in range(3):
        b.passage(doc, f"Point {n} with 5%.", kind="list item", loe=CIC, role="outcome", has_data=n == 1, heading_path=("Key points",))
    b.passage(doc, "A paragraph.", loe=CIC, role="process")
    items = plan(b.evidence()).items
    assert len(items) == 2
    group = items[0]
    assert [p.text for p in group.passages] == ["Point 0 with 5%.", "Point 1 with 5%.", "Point 2 with 5%."]
    assert group.has_data and group.key.endswith("/#1") and len(group.member_keys) == 3


def test_area_is_the_strongest_top_level_line(fw):
    b = EvidenceBuilder(fw)
    doc = b.document("Report", "2025-01-01", "committee report")
    item = b.passage(doc, "Care leavers and children in care.", loe=[CIC, "ilacs.cl.stability_permanence"], role="outcome")
    item.tags[1].score = 2.0
    p = plan(b.evidence())
    assert p.items[0].area == "ilacs.care_leavers" and p.items[0].number == "3.01"


# ----------------------------------------------------------------------------- signposts
def test_signposts_from_tags():
    line = make_signpost("outcome", "strength", True, ["placement stability"],
                         "Placement stability is above the national average at 12 per cent.", 2010)
    assert line == "Outcome (data, strength): placement stability, above national average, 12 per cent, 2010"
    assert make_signpost("process", "neutral", False, [], "The board met on Tuesday to agree the terms.", None) \
        .startswith("Process: The board met on Tuesday")
    assert "not improved" in make_signpost("outcome", "concern", False, ["stability"], "Stability has not improved.", 2025)


def test_every_item_has_a_signpost(fw):
    assert all(i.signpost for i in plan(sample_evidence()).items)


# ----------------------------------------------------------------------------- curation
def _key(p, text):
    return next(i.key for i in p.items if i.first.text.startswith(text))


def test_pin_exclude_move_and_signpost(fw):
    ev = sample_evidence()
    base = plan(ev, Curation(limits={"process_per_area": 1}))
    hp = base.sections[0]
    assert len([i for i in hp.items if i.role == "process"]) == 1
    minutes_keys = sorted({i.key for i in plan(ev).items if i.first.document_kind == "minutes"})
    extra = next(k for k in minutes_keys if k not in {i.key for i in hp.items})
    panel = _key(base, "A weekly placements panel")
    carers = _key(base, "Carers told us")
    curation = parse_curation(
        {
            "pin": [extra],
            "exclude": [panel],
            "move": {carers: "care-leavers"},
            "signpost": {_key(base, "Short-term"): "Outcome: fewer moves for children in care, 2025"},
            "limits": {"process_per_area": 1},
        }
    )
    p = plan(ev, curation)
    by_key = {i.key: i for i in p.items}
    assert extra in by_key and by_key[extra].pinned
    assert panel not in by_key
    assert by_key[carers].area == "ilacs.care_leavers" and by_key[carers].number == "3.01"
    assert by_key[carers].moved_from == CIC
    short = next(i for i in p.items if i.first.text.startswith("Short-term"))
    assert short.signpost == "Outcome: fewer moves for children in care, 2025" and short.signpost_edited
    assert p.curation_problems == []
    # and again: the same curation gives the same pack
    assert numbers(plan(ev, curation)) == numbers(p)


def test_missing_curated_keys_are_reported(fw):
    ev = sample_evidence()
    key = plan(ev).items[0].key
    p = plan(ev, parse_curation({"exclude": ["deadbeef0000/9.9"], "move": {key: "no-such-area"}}))
    assert "deadbeef0000/9.9: unknown key" in p.curation_problems
    assert any("no-such-area" in m for m in p.curation_problems)


def test_short_sha_prefix_matches(fw):
    ev = sample_evidence()
    key = _key(plan(ev), "Carers told us")
    short = key.split("/")[0][:7] + "/" + key.split("/")[1]
    p = plan(ev, parse_curation({"exclude": [short]}))
    assert key not in {i.key for i in p.items} and not p.curation_problems


def test_curation_rejects_unknown_entries():
    with pytest.raises(CurationError):
        parse_curation({"pins": ["x"]})
    with pytest.raises(ValueError):
        plan(sample_evidence(), parse_curation({"limits": {"items_per_areaa": 3}}))


# ----------------------------------------------------------------------------- gaps
def _gaps(p, area):
    return {g.kind for g in p.gaps if g.area == area}


def test_gap_kinds(fw):
    b = EvidenceBuilder(fw)
    old = b.document("Old report", "2015-01-01", "committee report")
    mins = b.document("Minutes", "2025-01-01", "minutes")
    good = b.document("Good data", "2025-06-01", "committee report")
    # help and protection: 5 process items from minutes -> process-only, no-data, surfeit
    for n in range(5):
        b.passage(mins, f"Meeting discussed thresholds {n}.", loe=HP, role="process")
    # children in care: one old outcome -> thin, stale, no-data
    b.passage(old, "Children were settled.", loe=CIC, role="outcome")
    # leaders: three recent outcome-with-data items -> no gaps
    for n in range(3):
        b.passage(good, f"Caseloads fell to {n + 15} per worker.", loe="ilacs.impact_of_leaders", role="outcome", has_data=True)
    p = plan(b.evidence())
    assert _gaps(p, HP) == {"process-only", "no-data", "surfeit"}
    assert _gaps(p, CIC) == {"thin", "stale", "no-data"}
    assert _gaps(p, "ilacs.care_leavers") == {"none"}
    assert _gaps(p, "ilacs.impact_of_leaders") == set()
    surfeit = next(g for g in p.gaps if g.kind == "surfeit")
    assert "minutes" in surfeit.message
    themes = {g.area for g in p.gaps if g.kind == "theme-none"}
    assert "ilacs.hp.engagement_direct_work" in themes


def test_surfeit_of_process_without_minutes(fw):
    b = EvidenceBuilder(fw)
    doc = b.document("Plan", "2025-01-01", "action plan")
    for n in range(4):
        b.passage(doc, f"We will set up a board {n}.", loe=CIC, role="process")
    b.passage(doc, "Outcome with 4%.", loe=CIC, role="outcome", has_data=True)
    p = plan(b.evidence())
    surfeit = [g for g in p.gaps if g.area == CIC and g.kind == "surfeit"]
    assert surfeit and "process" in surfeit[0].message


def test_thin_and_stale_follow_settings(fw):
    b = EvidenceBuilder(fw)
    doc = b.document("Report", "2021-06-01", "committee report")
    for n in range(3):
        b.passage(doc, f"Outcome {n} of 3%.", loe=CIC, role="outcome", has_data=True)
    ev = b.evidence()
    assert _gaps(plan(ev), CIC) == {"stale"}
    assert _gaps(plan(ev, stale_years=5), CIC) == set()
    assert _gaps(plan(ev, stale_years=5, thin_items=4), CIC) == {"thin"}


# ----------------------------------------------------------------------------- history and actions
def test_judgement_history_in_framework_order(fw):
    b = EvidenceBuilder(fw)
    d1 = b.document("Inspection 2019", "2019-05-01", "inspection report")
    d2 = b.document("Inspection 2023", "2023-05-01", "inspection report")
    b.judgement(b.passage(d2, "Leaders: good.", loe="ilacs.impact_of_leaders", role="judgement"), "ilacs.impact_of_leaders", "good")
    b.judgement(b.passage(d2, "Care: requires improvement.", loe=CIC, role="judgement"), CIC, "requires improvement to be good")
    b.judgement(b.passage(d1, "Care: inadequate.", loe=CIC, role="judgement"), CIC, "inadequate")
    rows = plan(b.evidence()).judgements
    assert [(r.area, r.grade, r.date) for r in rows] == [
        (CIC, "inadequate", "2019-05-01"),
        (CIC, "requires improvement to be good", "2023-05-01"),
        ("ilacs.impact_of_leaders", "good", "2023-05-01"),
    ]
    assert [r.rank for r in rows] == [4, 3, 2]
    assert all(r.ref for r in rows)  # the source passages are in the pack


def test_action_register_links_later_evidence(fw):
    b = EvidenceBuilder(fw)
    rep = b.document("Inspection", "2022-01-01", "inspection report")
    later = b.document("Scrutiny", "2025-01-01", "committee report")
    earlier = b.document("Older", "2020-01-01", "committee report")
    rec = b.passage(rep, "Improve the timeliness of return home interviews for missing children.", label="R1",
                    loe=HP, role="recommendation")
    b.action(rec, "R1")
    other = b.passage(rep, "Strengthen management oversight of supervision.", label="R2", loe=HP, role="recommendation")
    b.action(other, "R2")
    b.passage(later, "Return home interviews are now timely: 92% of missing children were offered one within 72 hours.",
              label="4.1", loe=HP, role="outcome", has_data=True)
    b.passage(earlier, "Return home interviews for missing children were late.", label="1", loe=HP, role="outcome")
    rows = {r.action_id: r for r in plan(b.evidence()).actions}
    assert rows["R1"].status == "progress evidenced"
    assert len(rows["R1"].progress) == 1 and "Scrutiny" in rows["R1"].progress[0]
    assert rows["R2"].status == "open" and rows["R2"].progress == []


def test_plan_does_not_need_tags_for_every_line(fw):
    p = plan(Evidence(fw, []))
    assert p.items == [] and {g.kind for g in p.gaps if g.kind != "theme-none"} == {"none"}
