"""Figures and the check narratives use: every number a sentence states appears with the same value
in a passage it cites. Adversarial cases: two figures in one sentence, percentages of different
bases, numbers written as words."""

from __future__ import annotations

from core.model import Passage
from facts import figures_supported
from facts.audit_stats import read_audit_stats
from facts.figures import numbers_in, read_figures
from tests.facts_helpers import passages


def P(text: str, date: str | None = None) -> Passage:
    return Passage(1, "a" * 64, 0, text, "paragraph", 1, None, (), "Report", date)


def test_a_derived_share_is_not_supported_by_the_shares_it_came_from():
    source = P("Of the cases audited, 41 per cent were good or better and 47 per cent requires improvement.")
    assert not figures_supported("81.1% of audited cases require improvement.", [source])
    assert not figures_supported("88% of audited cases were good or required improvement.", [source])
    assert figures_supported("41% of audited cases were good or better and 47% required improvement.", [source])


def test_two_figures_in_one_sentence_both_need_a_source():
    both = P("Repeat referrals were 24% in 2023-24 and are 17% now.")
    one = P("Repeat referrals were 24% in 2023-24.")
    assert figures_supported("Repeat referrals fell from 24% to 17%.", [both])
    assert not figures_supported("Repeat referrals fell from 24% to 17%.", [one])
    assert figures_supported("Repeat referrals fell from 24% to 17%.", [one, P("They are 17% now.")])


def test_a_sentence_citing_two_reports_must_state_what_one_of_them_says():
    says_40 = P("40 children became subject of special guardianship orders.")
    says_60 = P("In the last 12 months, 60 children became subjects of special guardianship orders.")
    assert figures_supported("60 children became subjects of special guardianship orders.", [says_40, says_60])
    assert not figures_supported("60 children became subjects of special guardianship orders.", [says_40])


def test_numbers_written_as_words():
    assert figures_supported("Sixty children became subjects of special guardianship orders.", [P("60 children became subject of SGOs.")])
    assert not figures_supported("Forty children left care.", [P("Fourteen children left care.")])
    assert figures_supported("14 children left care.", [P("Fourteen children left care.")])
    assert figures_supported("Twenty-one care leavers started apprenticeships.", [P("21 care leavers started apprenticeships.")])


def test_a_percentage_is_only_supported_by_a_percentage():
    assert not figures_supported("40% of care leavers are in work.", [P("40 care leavers are in work.")])
    assert figures_supported("Forty per cent of care leavers are in work.", [P("40% of care leavers are in work.")])


def test_years_citations_and_ages_are_not_figures_to_check():
    source = P("Placement stability improved: 9.1% of children had three or more moves.", date="2025-10-09")
    assert figures_supported("In 2025, 9.1% of children had three or more moves (Scrutiny report, 2025, para 3.1).", [source])
    assert not figures_supported("In 2021, 9.1% of children had three or more moves.", [source])
    assert [n.value for n in numbers_in("Support for 16- and 17-year-olds aged 16 under section 47 (paragraph 25).")] == []


def test_read_figures_separates_the_council_from_its_comparators():
    ps = passages("b" * 64, [
        "The proportion of children entitled to free school meals in primary schools is 16% (the national average is 17%).",
        "At 30 June 2015, 1,052 children are being looked after by the local authority (a rate of 63.2 per 10,000 children).",
        "Placement moves were 7% compared with 11% for statistical neighbours.",
    ])
    figures = read_figures(ps, "Norfolk")
    seen = {(f.value, f.unit, f.authority, f.comparator) for f in figures}
    assert (16.0, "%", "Norfolk", None) in seen and (17.0, "%", None, "England") in seen
    assert (1052.0, "number", "Norfolk", None) in seen and (63.2, "per 10000", "Norfolk", None) in seen
    assert (7.0, "%", "Norfolk", None) in seen and (11.0, "%", None, "statistical neighbours") in seen
    looked_after = next(f for f in figures if f.value == 1052.0)
    assert looked_after.period == "At 30 June 2015" and "looked after" in looked_after.measure
    assert all(f.value != 10000.0 for f in figures)  # the base of a rate is not a figure


def test_audit_shares_stay_with_their_own_grade():
    ps = passages("c" * 64, [
        ("Quality assurance report", "heading"),
        "41 per cent good or better, 30 of 37 cases in the sample, 47 per cent requires improvement.",
        "Of the 40 cases audited, 12 of the 40 cases were graded good.",
    ], title="Case audit report", kind="audit report")
    shares = [(s.value, s.grade) for s in read_audit_stats(ps, "X", "Case audit report", "audit report") if s.kind == "grade_share"]
    assert (41.0, "good or better") in shares and (47.0, "requires improvement") in shares and (30.0, "good") in shares
    assert all(abs(value - 81.1) > 0.05 for value, _ in shares)


def test_every_figure_an_audit_summary_states_is_in_the_passages_it_cites(tmp_path):
    from audits.analysis import build_summary
    from frameworks import load_framework
    from packs.testing import EvidenceBuilder

    b = EvidenceBuilder(load_framework("ilacs"), tmp_path)
    doc = b.document("Quality assurance report 2024-25", "2025-04-30", "audit report", content="QA report")
    b.passage(doc, "An audit of 60 cases was completed by team managers between July 2024 and March 2025.", label="1.1",
              loe="ilacs.impact_of_leaders", role="process", has_data=True)
    b.passage(doc, "Of the audits, 41 per cent were good or better and 47 per cent requires improvement; 12 per cent were inadequate.",
              label="1.2", loe="ilacs.impact_of_leaders", role="outcome", has_data=True)
    evidence = b.evidence()
    summary = build_summary(evidence, [])
    by_id = {i.passage.id: i.passage for i in evidence.items}
    stated = [s for s in summary.sentences if any(ch.isdigit() for ch in s.text)]
    assert stated, "the summary states the audit's figures"
    for sentence in stated:
        assert figures_supported(sentence.text, [by_id[pid] for pid in sentence.passage_ids]), sentence.text
    assert not any("88" in s.text or "81.1" in s.text for s in summary.sentences)
