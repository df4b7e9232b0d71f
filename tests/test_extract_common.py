"""The rules every format shares: labels, wrapped lines, dates, kinds, authorities."""

from __future__ import annotations

import pytest

from extractors.common import decide_authority, decide_date, decide_kind, join_wrapped, split_label


@pytest.mark.parametrize(
    "text, label, rest",
    [
        ("10.7 While 22 per cent of cases", "10.7", "While 22 per cent of cases"),
        ("1. Classification", "1", "Classification"),
        ("A9 Develop a short narrative", "A9", "Develop a short narrative"),
        ("R1** Ensure partners are involved", "R1**", "Ensure partners are involved"),
        ("(b) the council should", "(b)", "the council should"),
        ("a) The effectiveness of help", "a)", "The effectiveness of help"),
        ("10.6 November 2014", "10.6", "November 2014"),
        ("22 per cent of cases were good", None, "22 per cent of cases were good"),
        ("2 May 2013 was the meeting", None, "2 May 2013 was the meeting"),
        ("12 months later the plan", None, "12 months later the plan"),
        ("2010 Census figures", None, "2010 Census figures"),
        ("M1 2WD Manchester", None, "M1 2WD Manchester"),
    ],
)
def test_split_label(text, label, rest):
    assert split_label(text) == (label, rest)


def test_join_wrapped_repairs_hyphenation_but_keeps_compounds():
    assert join_wrapped(["the assess-", "ment of risk"]) == "the assessment of risk"
    vocab = {"multi-agency"}
    assert join_wrapped(["strong multi-", "agency work"], vocab) == "strong multi-agency work"
    assert join_wrapped(["a well-", "known plan"], set()) == "a well-known plan"  # compound prefix
    assert join_wrapped(["see www.gov.uk/ofsted", "for more"]) == "see www.gov.uk/ofsted for more"
    assert join_wrapped(["at http://www.ofsted.gov.uk/cont", "ent/search?x=1"]) == "at http://www.ofsted.gov.uk/content/search?x=1"


def test_dates_prefer_labelled_dates_then_the_cover_date():
    assert decide_date("MEETING: | Cabinet\nDATE: | 2 MAY 2013\nIn October 2012 Ofsted...").value == "2013-05-02"
    assert decide_date("Report\n22 January 2015\nThe report was published on 15th February 2013").value == "2015-01-22"
    assert decide_date("Inspection of X\nInspection dates: 9 to 20 May 2022\nLead inspector").value == "2022-05-20"
    assert decide_date("Minutes of the Corporate Parenting Panel held on Tuesday 3rd March 2020").value == "2020-03-03"
    assert decide_date("Date of report: 04/11/2019").value == "2019-11-04"  # UK day/month order
    undated = decide_date("No dates here at all.")
    assert undated.value is None and undated.how


def test_kinds():
    assert decide_kind("Minutes of the Scrutiny Committee", "Minutes of the Scrutiny Committee held on").value == "minutes"
    assert decide_kind("Inspection of Kent children's services", "Inspection of Kent children's services\nInspection dates: 1 May 2022").value == "inspection report"
    assert decide_kind("Audit programme", "MEETING: Health Scrutiny\nREPORT BY: Head of Service").value == "committee report"
    assert decide_kind("Improvement Action Plan 2024", "Action | Owner | Due").value == "action plan"
    assert decide_kind("Thematic audit of neglect cases", "We audited 40 cases.").value == "audit report"
    assert decide_kind("Notes", "Some notes.").value == "other"


def test_authorities():
    assert decide_authority("Report to Bedford Borough Council's Executive").value == "Bedford Borough Council"
    assert decide_authority("Inspection of Cumberland local authority children's services").value == "Cumberland"
    assert decide_authority("SAFEGUARDING IN RUTLAND: an update").value == "Rutland"
    assert decide_authority("The London Borough of Tower Hamlets cabinet").value == "London Borough of Tower Hamlets"


def test_label_glued_to_text():
    assert split_label("10.Direct work with children is embedded.") == ("10", "Direct work with children is embedded.")
    assert split_label("2.5 million pounds") == (None, "2.5 million pounds")
    assert split_label("193 (or 35%) live outside the area") == (None, "193 (or 35%) live outside the area")


def test_date_of_birth_is_not_the_document_date():
    text = "Case summary for Isla (DOB 27/09/2007), born 05/07/2010. Referral received on 21 October 2025."
    assert decide_date(text).value == "2025-10-21"


def test_heading_paths_follow_numbering_when_styles_are_flat():
    from core.model import PassageKind
    from extractors.common import Block, blocks_to_passages

    H = PassageKind.HEADING
    blocks = [
        Block("9. Outcome", H, level=2),
        Block("9.1 What happens next", H, level=2),
        Block("The plan is agreed."),
        Block("10. Key considerations", H, level=2),
        Block("Recording practices", H, level=2),
        Block("10.2 Records are late."),
        Block("Supervision", H, level=2),
        Block("10.5 Supervision is irregular."),
        Block("11. Community impact", H, level=2),
        Block("11.1 None."),
    ]
    paths = {p.label: p.heading_path for p in blocks_to_passages(blocks) if p.kind != H and p.label}
    assert paths == {
        "10.2": ("10 Key considerations", "Recording practices"),
        "10.5": ("10 Key considerations", "Supervision"),
        "11.1": ("11 Community impact",),
    }
    plan = next(p for p in blocks_to_passages(blocks) if p.text == "The plan is agreed.")
    assert plan.heading_path == ("9 Outcome", "9.1 What happens next")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Case record\nDOB: 03/04/2015\nDate of report: 12 May 2024", "2024-05-12"),
        ("Child A was born 3 April 2015.\nThe review was held on 5 June 2024.", "2024-06-05"),
        ("Child A was born on the 3rd of April 2015. Seen at home 14 May 2024.", "2024-05-14"),
        ("Date of birth: 3 April 2015\nStrategy meeting minutes, March 2024", "2024-03-01"),
        ("Name | D.O.B. | 03.04.2015\nVisit | 7 May 2024", "2024-05-07"),
    ],
)
def test_a_date_of_birth_is_never_the_document_date(text, expected):
    assert decide_date(text).value == expected


@pytest.mark.parametrize("text", ["Date of birth: 3 April 2015", "DOB: 03/04/2015", "Born April 2015", "born 3 April 2015"])
def test_a_record_dated_only_by_a_birthday_has_no_date(text):
    assert decide_date(text).value is None


def test_a_date_of_birth_column_is_not_the_document_date():
    from core.model import PassageKind
    from extractors.common import Block, finish

    rows = [("Name", "Date of birth", "Address"), ("Child A", "03/04/2015", "12 Elm Road"), ("Child B", "19/11/2017", "12 Elm Road")]
    blocks = [Block("Family composition", PassageKind.HEADING, level=1)]
    blocks += [Block("", PassageKind.TABLE_ROW, cells=row) for row in rows]
    blocks.append(Block("Chronology of contact in September 2023."))
    document = finish(__import__("pathlib").Path(__file__), "docx", blocks)
    assert document.date.value == "2023-09-01"


@pytest.mark.parametrize(
    "text",
    ["12 Elm Road", "12 Elm Road, Anytown", "12 Elm Road Anytown AN1 2BC", "7 St Mary's Close", "15 Orchard Way Anytown"],
)
def test_a_house_number_stays_with_its_street(text):
    assert split_label(text) == (None, text)


def test_numbered_paragraphs_about_a_place_keep_their_label():
    assert split_label("3 Park Road children's home has closed.") == ("3", "Park Road children's home has closed.")
    assert split_label("4. Elm Road") == ("4", "Elm Road")
