"""Deciding by content: which documents are personal records, which are public by evidence, and
what a public document keeps. All texts are our own fictional ones."""

from __future__ import annotations

import pytest

from redaction import Redactor, is_personal_record, is_public_by_evidence, personal_record_markers

CONFERENCE_REPORT = [
    "CHILD PROTECTION CONFERENCE REPORT",
    "Report to: Review Child Protection Conference",
    "Report by: Team Manager, Family Safeguarding",
    "Child: Ellis-Jay Marwood",
    "Date of birth: 04/09/2017",
    "NHS number: 943 476 5919",
    "Ellis-Jay's mother, Shannon Marwood, did not attend the core group.",
]
OFSTED_REPORT = [
    "Inspection of Newcastle upon Tyne local authority children's services",
    "Inspection dates: 3 to 14 March 2025",
    "Lead inspector: Joan Pettifer, His Majesty's Inspector",
    "Children living with domestic abuse are seen quickly. Overall, children's plans are clear.",
    "Children's services are delivered through Achieving for Children (AfC).",
    "Some children who have waited a long time are now living with their adoptive family.",
    "If you would like a copy of this document in a different format, please telephone 0300 123 1231, "
    "or email enquiries@ofsted.gov.uk.",
    "Piccadilly Gate Store Street Manchester M1 2WD",
]
COMMITTEE_PAPER = [
    "Report to: Children and Young People Scrutiny Committee",
    "Wards affected: All",
    "Report author: Head of Service, Children in Care",
    "1.1 Placement stability in Herefordshire improved in 2024/25; the Bromley children's project is a model.",
    "Thanks to the contributors to this needs assessment: Alison Greaves, Tom Ashworth and Priya Doshi.",
]


@pytest.mark.parametrize("extra, marker", [
    ("Date of birth: 04/09/2017", "DOB"),
    ("NHS number: 943 476 5919", "NHS NUMBER"),
    ("UPN: B801200005001", "UPN"),
    ("Case ref: 2025/00417", "CASE REFERENCE"),
    ("Brandon lives with his grandmother.", "lives with"),
    ("Her brother Tom was present.", "relation_before"),
    ("Kelly Smith (mother) attended.", "relation_after"),
    ("Strategy meeting regarding: Kiera-Lee DOBSON", "subject"),
    ("Name: Rhianna O'Donnell", "form_label"),
    ("Tiegan McAllister (12) was seen at home.", "age_after"),
    ("saw bartek and his sister ola at home.", "lower-case name beside a relation"),
    ("Forename | Surname | DOB\nAoife | Kaye | 11/11/2013", "family table"),
    ("Occurrence: 25/0044817", "CASE REFERENCE"),
])
def test_each_marker_makes_a_personal_record(extra: str, marker: str) -> None:
    texts = ["Notes of a home visit.", extra]
    assert marker in personal_record_markers(texts)
    assert is_personal_record(texts)


def test_a_conference_report_headed_like_a_committee_paper_is_a_personal_record() -> None:
    assert is_personal_record(CONFERENCE_REPORT)
    assert not is_public_by_evidence(CONFERENCE_REPORT)


def test_public_reports_are_not_personal_records() -> None:
    for texts in (OFSTED_REPORT, COMMITTEE_PAPER):
        assert personal_record_markers(texts) == []
        assert is_public_by_evidence(texts)


def test_public_evidence_must_be_positive_and_unmixed() -> None:
    plan = ["Improvement action plan", "1.1 This plan responds to the areas for improvement identified by Ofsted."]
    assert not is_public_by_evidence(plan)  # naming Ofsted once is not an Ofsted publication
    assert not is_public_by_evidence(["Minutes of a team meeting", "Caseloads were discussed."])
    # an Ofsted-shaped document with a child's date of birth in it is not copied
    assert not is_public_by_evidence(OFSTED_REPORT + ["Jayden Smith, DOB 03/03/2015, was seen."])
    assert not is_public_by_evidence(OFSTED_REPORT, title="Jayden Smith (DOB 03/03/2015)")


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


def test_a_public_report_keeps_places_councils_contributors_and_ofsteds_contacts(redactor: Redactor) -> None:
    out = "\n".join(redactor.redact_by_content(OFSTED_REPORT + COMMITTEE_PAPER[3:]))
    for kept in ("Newcastle upon Tyne", "Joan Pettifer", "Achieving for Children (AfC)", "0300 123 1231",
                 "enquiries@ofsted.gov.uk", "M1 2WD", "Herefordshire", "Alison Greaves", "Priya Doshi"):
        assert kept in out
    assert "[CHILD" not in out and "[ADULT" not in out


def test_a_public_document_still_loses_contact_details(redactor: Redactor) -> None:
    out = redactor.redact_by_content(COMMITTEE_PAPER + ["Contact: 07700 900123, kelly.smith82@gmail.com, 22 Mill Lane HR6 8AB."])
    assert out[-1] == "Contact: [PHONE], [EMAIL], [ADDRESS] [POSTCODE]."


def test_a_personal_record_is_redacted_in_full_by_content(redactor: Redactor) -> None:
    out = "\n".join(redactor.redact_by_content(CONFERENCE_REPORT))
    for personal in ("Ellis-Jay", "Marwood", "Shannon", "04/09/2017", "943 476 5919"):
        assert personal not in out
    assert "Report to: Review Child Protection Conference" in out and "core group" in out


def test_the_decision_holds_on_already_redacted_text(redactor: Redactor) -> None:
    """The pack decides from the evidence view, whose passages are redacted already."""
    redacted = redactor.redact_by_content(OFSTED_REPORT + CONFERENCE_REPORT[3:])
    assert is_personal_record(redacted) and not is_public_by_evidence(redacted)
    assert is_public_by_evidence(redactor.redact_by_content(OFSTED_REPORT))
