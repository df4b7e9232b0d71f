"""Recommendations as printed, and the action register built from them: each row cites its
paragraph, the same item appears once however many copies of a document exist."""

from __future__ import annotations

from core.model import Subject
from facts.actions import read_actions
from facts.matching import GoldItem, RegisterRow, evaluate_register
from tests.facts_helpers import facts_of, passages

WNI = ("What needs to improve?",)


def test_ilacs_items_under_what_needs_to_improve():
    facts = facts_of([
        ("Inspection of Wigan local authority children's services", "heading"),
        "Inspection dates: 9 to 20 May 2022",
        ("What needs to improve?", "heading"),
        ("The quality of oversight and monitoring of:", "list item", None, WNI),
        ("the pre-proceedings process in the Public Law Outline (PLO)", "list item", None, WNI),
        ("private fostering.", "list item", None, WNI),
        ("The response to allegations against professionals.", "list item", None, WNI),
        ("The experiences and progress of children who need help and protection: good", "heading"),
        ("Children receive the help they need.", "paragraph", "1", ("The experiences and progress of children who need help and protection: good",)),
    ], title="Inspection of Wigan local authority children's services", kind="inspection report")
    texts = [r.text for r in facts.recommendations]
    assert texts == [
        "The quality of oversight and monitoring of: the pre-proceedings process in the Public Law Outline (PLO) private fostering.",
        "The response to allegations against professionals.",
    ]
    assert all(r.inspection == facts.inspection and r.authority == "Wigan" for r in facts.recommendations)


def test_numbered_items_fold_their_bullets_and_skip_the_lscb_and_intros():
    path = ("The local authority", "Recommendations")
    facts = facts_of([
        ("Recommendations", "heading", None, ("The local authority",), 8),
        ("Strengthen management oversight in the MASH (paragraph 25).", "paragraph", "1", path, 8),
        ("Implement the following areas for improvement from the previous inspection:", "paragraph", "2", path, 8),
        ("improve the timeliness of health assessments (paragraph 54)", "list item", None, path, 8),
        ("Management oversight is reflective and challenging.", "list item", None, path, 8),
        ("Ensure pathway plans have clear goals.", "paragraph", "3", path, 9),
        ("The Local Safeguarding Children Board (LSCB)", "heading", None, (), 40),
        ("Recommendations", "heading", None, ("The Local Safeguarding Children Board (LSCB)",), 40),
        ("Ensure the board holds partners to account.", "paragraph", "138", ("The Local Safeguarding Children Board (LSCB)", "Recommendations"), 40),
    ], title="SIF report", kind="inspection report")
    council = [r for r in facts.recommendations if r.subject == Subject.COUNCIL.value]
    assert [(r.item_id, r.text) for r in council] == [
        ("1", "Strengthen management oversight in the MASH (paragraph 25)."),
        ("2", "Implement the following areas for improvement from the previous inspection: improve the timeliness of health "
              "assessments (paragraph 54) Management oversight is reflective and challenging."),
        ("3", "Ensure pathway plans have clear goals."),
    ]
    partnership = [r for r in facts.recommendations if r.subject == Subject.PARTNERSHIP.value]
    assert [r.text for r in partnership] == ["Ensure the board holds partners to account."]


def test_timescales_from_the_grouping_headings_and_no_intro_or_none_lines():
    facts = facts_of([
        ("Areas for improvement", "heading"),
        ("In order to improve the quality of provision the local authority should take the following action:", "paragraph", "22",
         ("Areas for improvement",)),
        ("Immediately:", "heading", None, ("Areas for improvement",)),
        ("improve the quality of supervision and management oversight in casework", "list item", None, ("Areas for improvement", "Immediately:")),
        ("Within three months:", "heading", None, ("Areas for improvement",)),
        ("improve the timeliness of care proceedings.", "list item", None, ("Areas for improvement", "Within three months:")),
        ("Priority and immediate action", "heading"),
        ("The inspection did not find any areas for priority and immediate action.", "paragraph", None, ("Priority and immediate action",)),
    ], title="Inspection of looked after children services", kind="inspection report")
    assert [(r.text, r.timescale) for r in facts.recommendations] == [
        ("improve the quality of supervision and management oversight in casework", "immediately"),
        ("improve the timeliness of care proceedings.", "within three months"),
    ]


def test_register_lists_an_item_once_across_copies_and_repeats(tmp_path):
    from frameworks import load_framework
    from packs.actions import action_register
    from packs.testing import EvidenceBuilder

    b = EvidenceBuilder(load_framework("ilacs"), tmp_path)
    for name in ("review.pdf", "review.docx", "review.txt"):
        doc = b.document("Readiness review", "2011-09-01", "audit report", content=f"copy {name}", name=name)
        first = b.passage(doc, "A12 Develop a short narrative on LAC medicals.", label="25", loe="ilacs.children_in_care", role="recommendation")
        b.action(first, "A12", "Develop a short narrative on LAC medicals.")
        again = b.passage(doc, "A12 Develop a short narrative on LAC medicals.", loe="ilacs.children_in_care", role="recommendation")
        b.action(again, "A12", "Develop a short narrative on LAC medicals.")
    rows = action_register(b.evidence(), {})
    assert [(r.action_id, r.kind) for r in rows] == [("A12", "action point")]
    assert "para 25" in rows[0].source


def test_action_plan_rows_with_owner_due_and_status():
    ps = passages("d" * 64, [
        ("3. Actions", "heading"),
        ["ID", "Action", "Owner", "Due date", "RAG", "Evidence of progress"],
        ["A1", "Introduce daily strategy meeting slots", "Head of Service", "30/09/2024", "Green", "Implemented September 2024."],
        ["A2", "Recruit 20 additional fostering households", "Head of Fostering", "31/03/2026", "Amber", "13 net new households."],
        "Commentary follows.",
    ])
    actions = read_actions(ps, "Northmoor")
    assert [(a.action_id, a.owner, a.due, a.status, a.progress) for a in actions] == [
        ("A1", "Head of Service", "30/09/2024", "Green", "Implemented September 2024."),
        ("A2", "Head of Fostering", "31/03/2026", "Amber", "13 net new households."),
    ]
    assert actions[0].source.passage_id == ps[2].id


def test_matching_rule_pairs_items_once_within_their_report():
    gold = [GoldItem("a.pdf", "Ensure that pathway plans have clear goals."), GoldItem("a.pdf", "Improve supervision."),
            GoldItem("b.pdf", "Improve supervision.")]
    rows = [RegisterRow("a.pdf", "Ensure that pathway plans have clear goals"), RegisterRow("a.pdf", "Improve supervision."),
            RegisterRow("a.pdf", "Improve supervision."), RegisterRow("a.pdf", "Board to hold partners to account.", "recommendation (safeguarding partnership)"),
            RegisterRow("c.pdf", "Not in the gold's reports.")]
    result = evaluate_register(gold, rows)
    assert (result.matched, result.gold, result.rows, result.partnership_rows) == (2, 3, 3, 1)
    assert result.missed == ["b.pdf: Improve supervision."] and len(result.extra) == 1


def test_a_committees_asks_are_not_recommendations():
    facts = facts_of([
        ("Recommendations", "heading"),
        ("That People (Children) Scrutiny Panel notes the progress on the service improvement programme.", "paragraph", "2.1", ("Recommendations",)),
        ("Recommendation:", "heading"),
        ("Members of the children's scrutiny committee are requested to:", "paragraph", None, ("Recommendation:",)),
        ("Consider the report and note the activity being undertaken.", "list item", None, ("Recommendation:",)),
        ("Recommendations for Improvement", "heading"),
        ("The application of supervision requirements should be rigorously monitored.", "paragraph", "10.8.10",
         ("Recommendations for Improvement",)),
    ], title="Safeguarding update", kind="committee report")
    assert [(r.item_id, r.text) for r in facts.recommendations] == [
        ("10.8.10", "The application of supervision requirements should be rigorously monitored.")]
