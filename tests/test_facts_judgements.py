"""Judgements: a report's own grades, dated to its last day on site, and judgements stated in
sentences, each scoped to its council, inspection and subject; the history keeps only the council's
own service grades."""

from __future__ import annotations

from core.model import Subject
from facts.history import judgement_history
from tests.conftest import shared_path
from tests.facts_helpers import facts_of, ilacs_report

LEADERS = "The impact of leaders on social work practice with children and families"
HP = "The experiences and progress of children who need help and protection"
CIC_CL = "The experiences and progress of children in care and care leavers"
CIC = "The experiences and progress of children in care"
CL = "The experiences and progress of care leavers"


def grades(facts) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {j.area: j.grade for j in facts.judgements if j.scope == "this" and j.subject == Subject.COUNCIL.value}


def test_ilacs_grade_table_with_its_inspection_dated_to_the_last_day_on_site():
    facts = ilacs_report("Dorset", "27 September to 8 October 2021", [
        (LEADERS, "Outstanding"), (HP, "Good"), (CIC_CL, "Requires improvement to be good"), ("Overall effectiveness", "Good")])
    assert facts.authority == "Dorset"
    assert facts.inspection.kind == "standard" and facts.inspection.framework == "ilacs"
    assert (facts.inspection.start, facts.inspection.end) == ("2021-09-27", "2021-10-08")
    assert grades(facts) == {"leaders": "outstanding", "help_protection": "good", "in_care": "requires improvement", "overall": "good"}
    table_row = next(j for j in facts.judgements if j.area == "leaders")
    assert table_row.source.page == 1 and "Outstanding" in table_row.source.words


def test_a_paused_inspection_ends_on_its_last_day_on_site_and_a_one_week_inspection_is_short():
    paused = ilacs_report("Devon", "30 September to 11 October 2024 and 13 to 16 January 2025", [(LEADERS, "Good")])
    assert paused.inspection.end == "2025-01-16" and paused.inspection.kind == "standard"
    short = ilacs_report("Norfolk", "23 to 27 February 2026", [(LEADERS, "Good")])
    assert short.inspection.kind == "short" and short.inspection.end == "2026-02-27"


def test_care_leavers_is_not_a_judgement_before_2023_and_overall_is_gone_from_april_2026():
    before = ilacs_report("Bury", "25 October to 5 November 2021", [(LEADERS, "Good"), (CL, "Good"), ("Overall effectiveness", "Good")])
    assert "care_leavers" not in grades(before) and grades(before)["overall"] == "good"
    after = ilacs_report("Lancashire", "11 to 22 May 2026", [(LEADERS, "Good"), (CIC, "Good"), (CL, "Outstanding"),
                                                             ("Overall effectiveness", "Good")])
    assert grades(after) == {"leaders": "good", "in_care": "good", "care_leavers": "outstanding"}


def test_sif_headline_and_table_and_the_lscb_is_the_partnership():
    facts = facts_of([
        ("Norfolk County Council", "heading"),
        ("Inspection of services for children in need of help and protection, children looked after and care leavers", "heading"),
        ("Inspection date: 6 July 2015 – 30 July 2015", "heading"),
        ("Report published: 19 October 2015", "heading"),
        ["Children's services in Norfolk are inadequate"],
        ["1. Children who need help and protection", "Requires improvement"],
        ["2. Children looked after and achieving permanence", "Inadequate"],
        ["2.1 Adoption performance", "Requires improvement"],
        ["2.2 Experiences and progress of care leavers", "Inadequate"],
        ["3. Leadership, management and governance", "Requires improvement"],
        ["The effectiveness of the Local Safeguarding Children Board (LSCB) is requires improvement"],
    ], title="Inspection of services for children in need of help and protection", kind="inspection report")
    assert facts.inspection.kind == "single inspection" and facts.inspection.end == "2015-07-30" and facts.inspection.published == "2015-10-19"
    assert grades(facts) == {"overall": "inadequate", "help_protection": "requires improvement", "in_care": "inadequate",
                             "adoption": "requires improvement", "care_leavers": "inadequate", "leaders": "requires improvement"}
    lscb = [j for j in facts.judgements if j.area == "lscb"]
    assert lscb and lscb[0].subject == Subject.PARTNERSHIP.value
    row = judgement_history([facts])[0]
    assert "lscb" not in row.grades and "adoption" not in row.grades  # the history's columns are the council's five


def test_earlier_inspection_as_stated_goes_under_its_own_area_and_date():
    facts = ilacs_report("Barnsley", "11 to 15 September 2023", [(LEADERS, "Good"), ("Overall effectiveness", "Good")], body=[
        "Following the last inspection in 2018, when the local authority was judged good overall, a joint targeted area "
        "inspection in 2022 identified that practice had weakened.",
        "Since the last inspection in 2019, when services were judged good overall, leaders have kept a strong focus.",
    ])
    earlier = [j for j in facts.judgements if j.scope == "earlier"]
    assert {(j.inspection.end, j.area, j.grade) for j in earlier} == {("2018", "overall", "good"), ("2019", "overall", "good")}
    assert all(j.area != "leaders" for j in earlier)


def test_no_care_leavers_grade_for_an_inspection_before_the_judgement_existed():
    facts = ilacs_report("York", "7 to 18 March 2022", [(LEADERS, "Good")], body=[
        "Since the last inspection in 2019, when care leavers were judged to be good, services have improved."])
    assert not [j for j in facts.judgements if j.scope == "earlier"]


def test_providers_partnership_and_cases_never_enter_the_history():
    facts = ilacs_report("Warrington", "10 to 14 June 2024", [(LEADERS, "Good")], body=[
        "The local authority's children's home was graded outstanding at its first inspection in March 2023.",
        "The local authority's fostering service was inspected in July 2022 and was judged to be good.",
        "The adoption agency was judged to be inadequate at its last inspection in 2021.",
        "Of the 40 cases audited in 2023, 26 cases were graded inadequate.",
        "The LSCB was judged to be inadequate in 2016.",
    ])
    rows = judgement_history([facts])
    assert [r.inspection.end for r in rows] == ["2024-06-14"]  # only the report's own inspection
    stated = [j for j in facts.judgements if j.scope == "earlier"]
    assert stated and all(j.subject != Subject.COUNCIL.value for j in stated)


def test_hypotheses_and_definitions_are_not_judgements():
    facts = facts_of([
        "There is still some way to go before services for children in Doncaster are consistently good.",
        "The Ofsted inspection report will contain judgements on a four point scale - outstanding, good, adequate, inadequate - "
        "in 33 distinct categories.",
        "So, judgements of 'inadequate' in individual categories do not necessarily lead to overall judgements of 'inadequate'.",
        "Ofsted inspected the Council's front-line referral and assessment services in 2010 and again in May 2011. "
        "The Council came out of both inspections well with no areas for priority action.",
        "The LSCB is likely to be judged to be good if the following apply: the board holds partners to account.",
        "The trust services should be judged good by October 2017 and outstanding by October 2019.",
    ], title="Review of safeguarding", date="2011-09-01", kind="audit report")
    assert facts.judgements == []


def test_a_predecessor_councils_grade_is_the_predecessors():
    facts = ilacs_report("Cumberland", "7 to 18 October 2024", [(LEADERS, "Good"), ("Overall effectiveness", "Good")], body=[
        "This was the first inspection of Cumberland local authority children's services. Children's services in the predecessor "
        "local authority, Cumbria County Council, were judged requires improvement to be good in November 2022."])
    cumbria = [j for j in facts.judgements if j.authority == "Cumbria"]
    assert [(j.inspection.end, j.area, j.grade) for j in cumbria] == [("2022-11", "overall", "requires improvement")]
    history = judgement_history([facts], authority="Cumberland")
    assert [r.inspection.end for r in history] == ["2024-10-18"] and history[0].grades["overall"] == "good"
    assert [r.grades for r in judgement_history([facts], authority="Cumbria")] == [{"overall": "requires improvement"}]


def test_a_report_of_the_stated_inspection_is_the_source_not_the_statement():
    old = ilacs_report("Solihull", "11 to 22 November 2019", [(LEADERS, "Requires improvement to be good"),
                                                            ("Overall effectiveness", "Requires improvement to be good")], name="2019")
    new = ilacs_report("Solihull", "31 October to 11 November 2022", [(LEADERS, "Inadequate"), ("Overall effectiveness", "Inadequate")],
                       body=["Children's services in Solihull were last inspected in November 2019, with a judgement of "
                             "requires improvement to be good."], name="2022")
    rows = judgement_history([old, new], authority="Solihull")
    assert [(r.inspection.end, r.scope) for r in rows] == [("2019-11-22", "this"), ("2022-11-11", "this")]


def test_previous_inspections_section_gives_the_strand_grade():
    facts = facts_of([
        ("Inspection of services for children in need of help and protection, children looked after and care leavers", "heading"),
        ("Inspection date: 18 November 2014 - 10 December 2014", "heading"),
        ["Children's services in Halton require improvement to be good"],
        ("The previous inspection of the local authority's services for children looked after was in July 2012. "
         "The local authority was judged to be good.", "list item", None, ("Previous Ofsted inspections",), 3),
        ("The previous inspection of the local authority's arrangements for the protection of children was in October 2012. "
         "The local authority was judged to be adequate.", "list item", None, ("Previous Ofsted inspections",), 3),
    ], title="Halton", kind="inspection report")
    earlier = {(j.inspection.kind, j.inspection.end, j.area, j.grade) for j in facts.judgements if j.scope == "earlier"}
    assert earlier == {("looked after children", "2012-07", "in_care", "good"),
                       ("child protection", "2012-10", "help_protection", "adequate")}


def test_seed_bedford_section_13_and_priority_action_are_not_grades():
    from evidence_store import EvidenceStore  # noqa: F401  (the real extractor's passages, not a test splitter)
    from extractors import extract
    from facts import extract_facts

    path = shared_path("corpus", "seeds", "bedford-2011-readiness-review.docx")
    document = extract(path)
    passages = _as_passages(document)
    facts = extract_facts(document, passages)
    assert facts.authority == "Bedford"
    assert facts.judgements == []
    ids = [r.item_id for r in facts.recommendations]
    assert "A12" in ids and "R1" in ids


def test_seed_herefordshire_2010_gives_the_slac_strands_only():
    from extractors import extract
    from facts import extract_facts

    for suffix in ("txt", "docx", "pdf"):
        document = extract(shared_path("corpus", "seeds", f"herefordshire-2010-inspection-outcomes.{suffix}"))
        facts = extract_facts(document, _as_passages(document))
        assert facts.authority == "Herefordshire"
        council = {(j.inspection.framework, j.inspection.end, j.area, j.grade) for j in facts.judgements if j.subject == "council"}
        assert council == {("slac", "2010-09", "help_protection", "adequate"), ("slac", "2010-09", "in_care", "good")}, suffix


def _as_passages(document):  # type: ignore[no-untyped-def]
    from core.model import Passage

    return [Passage(i + 1, document.sha256, i, p.text, p.kind.value, p.page, p.label, p.heading_path, document.title.value,
                    document.date.value, document.kind.value, document.source_path, p.cells) for i, p in enumerate(document.passages)]


def test_an_earlier_inspections_listed_judgements():
    facts = facts_of([
        ("Re-inspection of services for children in need of help and protection, children looked after and care leavers", "heading"),
        ("Dates of inspection: 9 October to 2 November 2017", "heading"),
        ["Children's services in Manchester require improvement to be good"],
        ("The last inspection report for the local authority's children's services was published in September 2014. "
         "The judgements for the local authority were:", "list item", None, ("Previous Ofsted inspections",), 4),
        ("Overall effectiveness: inadequate", "list item", None, ("Previous Ofsted inspections",), 4),
        ("Children looked after and achieving permanence: requires improvement", "list item", None, ("Previous Ofsted inspections",), 4),
        ("Adoption performance: inadequate", "list item", None, ("Previous Ofsted inspections",), 4),
        ("The local authority operates two children's homes.", "list item", None, ("Previous Ofsted inspections",), 4),
        ("Overall effectiveness: good", "list item", None, ("Another list",), 5),
    ], title="Manchester City Council", kind="inspection report")
    assert facts.inspection.end == "2017-11-02"
    earlier = {(j.inspection.framework, j.inspection.end, j.area, j.grade) for j in facts.judgements if j.scope == "earlier"}
    assert earlier == {("sif", "2014-09", "overall", "inadequate"), ("sif", "2014-09", "in_care", "requires improvement"),
                       ("sif", "2014-09", "adoption", "inadequate")}
