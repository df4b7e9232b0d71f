"""One canonical name per council; a document's council; the council a store's evidence is for."""

from __future__ import annotations

from datetime import date

import pytest

from facts.authorities import authorities, canonical_authority, find_authorities
from facts.home import DocumentOwner, document_authority, infer_home_authority
from tests.facts_helpers import document


@pytest.mark.parametrize("written, canonical", [
    ("Herefordshire", "Herefordshire"),
    ("Herefordshire County Council", "Herefordshire"),
    ("County of Herefordshire District Council", "Herefordshire"),
    ("London Borough of Barnet", "Barnet"),
    ("Royal Borough of Kingston upon Thames", "Kingston upon Thames"),
    ("Hull City Council", "Kingston upon Hull"),
    ("BCP Council", "Bournemouth, Christchurch and Poole"),
    ("Bournemouth, Christchurch & Poole", "Bournemouth, Christchurch and Poole"),
    ("Wakefield District Metropolitan Council", "Wakefield"),
    ("Southend", "Southend-on-Sea"),
    ("Cumbria County Council", "Cumbria"),
    ("Nowhere Borough Council", None),
])
def test_canonical_names(written, canonical):
    assert canonical_authority(written) == canonical


def test_a_reused_name_is_decided_by_the_date():
    assert canonical_authority("Dorset", date(2015, 6, 1)) == "Dorset County Council"
    assert canonical_authority("Dorset Council", date(2022, 6, 1)) == "Dorset"


def test_reorganisation_is_data():
    table = authorities()
    assert set(table["Cumbria"].successors) == {"Cumberland", "Westmorland and Furness"}
    assert table["Cumberland"].predecessors == ("Cumbria",)
    assert set(table["Northamptonshire"].successors) == {"North Northamptonshire", "West Northamptonshire"}
    assert "Bournemouth" in table["Bournemouth, Christchurch and Poole"].predecessors
    assert len([a for a in table.values() if a.end is None]) == 153  # councils with children's services today


def test_everyday_words_are_not_councils_unless_written_as_one():
    assert find_authorities("Reading the report, we bury the lede; Kent wrote it.") == []
    assert find_authorities("Reading Borough Council and Kent County Council") == ["Reading", "Kent"]
    assert find_authorities("North Somerset and Somerset, not Newcastle-under-Lyme") == ["North Somerset", "Somerset"]


def test_a_documents_council():
    info, ps = document([("Inspection of Bournemouth, Christchurch and Poole local authority children's services", "heading"),
                         "Inspection dates: 2 to 13 December 2024"])
    assert document_authority(info.title, ps, None).name == "Bournemouth, Christchurch and Poole"
    info, ps = document([("Halton", "heading"), ("Inspection of services for children in need of help and protection", "heading")])
    assert document_authority(None, ps, None).name == "Halton"
    info, ps = document(["MEETING: CHILDREN'S SCRUTINY COMMITTEE", "The report sets out Herefordshire's audit programme.",
                         "Herefordshire Council commissioned the audit."], title="AUDIT PROGRAMME")
    decided = document_authority(info.title, ps, None)
    assert decided.name == "Herefordshire" and "names most" in decided.how


def test_home_council_from_its_own_documents_not_from_ofsted_reports_about_others():
    owners = [DocumentOwner("Kent", True), DocumentOwner("Kent", True), DocumentOwner("Kent", True),
              DocumentOwner("Medway", False), DocumentOwner("Medway", False), DocumentOwner(None, False)]
    decided = infer_home_authority(owners)
    assert decided.name == "Medway" and "inferred" in decided.how
    assert infer_home_authority([]).name is None


def test_a_council_the_list_does_not_know_is_taken_as_its_report_names_it():
    info, ps = document([("Inspection of Northmoor Borough Council local authority children's services", "heading"),
                         "Inspection dates: 6 to 17 November 2023"])
    decided = document_authority(info.title, ps, None)
    assert decided.name == "Northmoor" and "not a council in" in decided.how
    info, ps = document([("Children in Care Council", "heading"), "Minutes of the meeting."])
    assert document_authority(None, ps, None).name is None
