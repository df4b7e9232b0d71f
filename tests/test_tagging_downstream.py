"""What readers get from the tags: a good-practice bank of strengths only, impacts that open with an
improvement, signposts that say what an item shows in plain words.

The passages are our own fictional ones; the labels come from the shipped tagger (rules and model),
as they do in a run, so a tagger that calls a criticism a strength fails here.
"""

from __future__ import annotations

import re

import pytest

from audits.analysis import build_summary
from core.settings import Settings
from frameworks import load_framework
from narratives import impacts
from narratives._testing import evidence_from_records
from packs.signpost import make_signpost
from tagging import Tagger

HP = "ilacs.help_and_protection"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_framework("ilacs"), Settings())


def _tagged_records(tagger: Tagger, rows: list[dict]) -> list[dict]:
    """Records for evidence_from_records, labelled by the tagger (role, polarity, has_data, lines)."""
    out = []
    for row, tags in zip(rows, tagger.tag_texts([r["text"] for r in rows])):
        out.append({**row, "role": tags.role, "polarity": tags.polarity, "has_data": tags.has_data,
                    "loe": row.get("loe") or list(tags.loe) or [HP]})
    return out


# ----------------------------------------------------------------------------- good-practice bank
AUDIT = {"title": "Quality assurance report: themed audit of the front door", "date": "2025-02-28",
         "sha": "f" * 64, "document_kind": "committee report"}
STRENGTH = ("Managers' oversight of child protection plans was strong: every plan audited had been reviewed "
            "on time and children's views were recorded in their own words.")
CRITICISM = ("A cleansing activity closed 140 open contacts without the benefit of a robust risk assessment, "
             "so some children were not seen and their needs were not assessed.")


def _audit_rows() -> list[dict]:
    lines = [
        ("heading", "Themed audit of the front door", None, ()),
        ("paragraph", "An audit of 40 contacts and referrals was completed by team managers in January 2025.", "1.1", ()),
        ("heading", "Strengths", None, ("Themed audit of the front door",)),
        ("list item", STRENGTH, None, ("Themed audit of the front door", "Strengths")),
        ("list item", CRITICISM, None, ("Themed audit of the front door", "Strengths")),
        ("heading", "Areas for improvement", None, ("Themed audit of the front door",)),
        ("list item", "Chronologies were not up to date in half of the cases audited.", None,
         ("Themed audit of the front door", "Areas for improvement")),
    ]
    return [{**AUDIT, "id": 500 + i, "ordinal": i, "kind": kind, "text": text, "label": label, "heading_path": path}
            for i, (kind, text, label, path) in enumerate(lines)]


def test_good_practice_bank_holds_strengths_and_no_criticism_listed_under_strengths(tagger):
    framework = load_framework("ilacs")
    evidence = evidence_from_records(framework, _tagged_records(tagger, _audit_rows()))
    evidence.documents = [{"sha256": AUDIT["sha"], "title": AUDIT["title"], "date": AUDIT["date"],
                           "kind": "committee report", "authority": "Fictional Borough"}]
    polarity = {item.passage.id: item.polarity for item in evidence.items}
    by_text = {item.passage.text: item.passage.id for item in evidence.items}
    assert polarity[by_text[CRITICISM]] == "concern"  # the tagger reads the criticism as one
    bank = build_summary(evidence, []).good_practice
    banked = {g.passage_id for g in bank}
    assert by_text[STRENGTH] in banked  # the strength under "Strengths" is good practice
    assert by_text[CRITICISM] not in banked
    assert all(polarity.get(pid) != "concern" for pid in banked if pid is not None)


# ----------------------------------------------------------------------------- impacts
@pytest.fixture
def _rules_classifier(monkeypatch):
    monkeypatch.setenv("READINESS_NARRATIVE_CLASSIFIER", "rules")


# a failure whose figures, read alone, sound neutral: only the passage's polarity keeps it out
FAILURE = ("Too many children wait too long to be seen after a strategy meeting. In March 2025, 52% of children "
           "were seen within 10 working days, down from 80% a year earlier.")
# a count that describes the service without saying anything improved
COUNT = "At the end of March 2025, 312 children were subject to a child protection plan, a rate of 41 per 10,000 children."
IMPROVEMENT = ("Re-referrals within 12 months fell from 27% to 18% in 2024, below the national average, so "
               "fewer children came back to the front door.")


def test_impacts_open_with_an_improvement_and_leave_failures_and_bare_counts_out(tagger, _rules_classifier):
    performance = {"title": "Performance report", "sha": "p" * 64, "document_kind": "committee report"}
    rows = [
        {**performance, "id": 1, "date": "2025-04-30", "text": FAILURE, "label": "2", "loe": ["ilacs.hp.good_decisions"]},
        {**performance, "id": 2, "date": "2024-12-31", "text": IMPROVEMENT, "label": "3", "loe": ["ilacs.hp.good_decisions"]},
        {**performance, "id": 3, "date": "2025-04-30", "text": COUNT, "label": "4", "loe": ["ilacs.hp.good_decisions"]},
    ]
    records = _tagged_records(tagger, rows)
    assert [r["polarity"] for r in records] == ["concern", "strength", "neutral"]
    items = impacts(evidence_from_records(load_framework("ilacs"), records), "help-and-protection", Settings())
    assert items, "an improvement with its figures is an impact"
    assert "18%" in items[0].text and items[0].citation_text()
    assert not any("52%" in item.text or "too long" in item.text for item in items)
    assert not any("312 children" in item.text for item in items)  # a count is not an improvement


# ----------------------------------------------------------------------------- signposts
_EXPLANATION = re.compile(r"\b(?:cue|lexicon|heading|model|rules?|default|grade)\s*:|p=\d|weighed most|'|\(ilacs\.",
                          re.IGNORECASE)


@pytest.mark.parametrize("text", [
    "Homeless 16 and 17 year olds are not always offered suitable accommodation quickly enough.",
    "Care leavers are well supported by personal advisers who know them well and keep in touch.",
    "Ensure that all children in care have an up-to-date health assessment.",
    "The proportion of children subject to a second child protection plan fell from 24% to 15%.",
])
def test_signposts_say_what_the_item_shows_without_cue_strings(tagger, text):
    tags = tagger.tag_texts([text])[0]
    cues = [cue for line in tags.loe for cue in tags.loe_cues.get(line, [])]
    assert cues  # the tagger explained its lines: the signpost must not show those strings
    line = make_signpost(tags.role, tags.polarity, tags.has_data, cues, text, 2025)
    head, _, body = line.partition(": ")
    assert not _EXPLANATION.search(line), line
    words = set(re.findall(r"[a-z]{4,}", body.lower())) - {"with", "that", "their", "2025"}
    assert len(words) >= 3, line  # more than a bare topic: what the item shows
