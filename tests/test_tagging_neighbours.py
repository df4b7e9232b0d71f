"""A passage's role and polarity read beside the passages either side of it in its document: the
shipped tagger, the cross-validation that measures it, and the labelled passages' neighbours."""

from __future__ import annotations

import json

import pytest

from core.settings import Settings
from frameworks import load_framework
from tagging import Tagger
from tagging.labelled import LabelledPassage
from tagging.textcat import with_neighbours


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_framework("ilacs"), Settings())


def test_an_ambiguous_passage_leans_the_way_its_neighbours_read():
    own = {"process": 0.45, "recommendation": 0.40, "outcome": 0.15}
    items = [{"process": 0.05, "recommendation": 0.90, "outcome": 0.05}] * 2
    combined = with_neighbours(own, items, 0.75)
    assert max(combined, key=combined.get) == "recommendation"


def test_a_confident_passage_keeps_its_own_reading_beside_one_confident_neighbour():
    own = {"outcome": 0.90, "process": 0.05, "context": 0.05}
    combined = with_neighbours(own, [{"outcome": 0.02, "process": 0.96, "context": 0.02}], 0.75)
    assert max(combined, key=combined.get) == "outcome"


def test_without_neighbours_or_weight_the_passage_is_read_alone():
    own = {"outcome": 0.4, "process": 0.6}
    assert with_neighbours(own, [], 0.75) == own
    assert with_neighbours(own, [{"outcome": 1.0, "process": 0.0}], 0.0) == own


def test_neighbours_are_the_passages_either_side_in_the_same_document(tagger):
    from tagging.textcat import _beside

    docs = [tagger.nlp.make_doc(text) for text in ("One.", "Two.", "Three.")]
    for doc, document in zip(docs, ("a", "a", "b")):
        doc._.hints = {"document": document}
    assert _beside(docs[1], docs[0], docs[2]) == [docs[0]]  # the next passage is another document's
    loose = tagger.nlp.make_doc("A text tagged on its own.")
    loose._.hints = {"document_kind": "inspection report"}
    assert _beside(loose, docs[0], docs[1]) == []


def test_the_tagger_says_when_the_neighbours_changed_a_passages_role(tagger):
    decider = tagger.nlp.get_pipe("readiness_model")
    if decider.neighbour_weight <= 0:
        pytest.skip("the shipped model reads each passage alone")
    with tagger.nlp.select_pipes(disable=["readiness_model"]):
        item, before, after = (tagger.nlp(text) for text in (
            "The timeliness of return home interviews.",
            "Ensure that return home interviews are offered to every child.",
            "Improve the quality of plans for children in need."))
    decider._classify([item, before, after])
    labels = decider.pipes["role"].labels
    item.cats.update({label: 0.0 for label in labels} | {"process": 0.45, "recommendation": 0.40, "context": 0.15})
    for neighbour in (before, after):
        neighbour.cats.update({label: 0.0 for label in labels} | {"recommendation": 0.95, "process": 0.05})
    decider._decide(item, [before, after])
    assert item._.role == "recommendation"
    assert any("recommendation beside the passages either side (process alone" in cue for cue in item._.role_cues)


def test_cross_validation_reads_neighbours_as_the_tagger_does():
    """The CV's shipped role and polarity come from the same combination as the tagger's."""
    import numpy as np

    from tagging.crossval import _beside_neighbours
    from tagging.fit import Decisions, POLARITIES, ROLES

    choice = Decisions(("role", "polarity"), 0.3, neighbour_weight=0.75)
    role = np.array([[0.15, 0.45, 0.40, 0.0, 0.0], [0.0, 0.05, 0.95, 0.0, 0.0], [0.0, 0.05, 0.95, 0.0, 0.0]])
    polarity = np.array([[0.5, 0.2, 0.3], [0.1, 0.1, 0.8], [0.1, 0.1, 0.8]])
    model = {"role": "process", "polarity": "strength", "loe": [], "has_data": False}
    read = _beside_neighbours(model, {"role": role, "polarity": polarity}, 0, [1, 2], choice)
    assert read["role"] == "recommendation" and read["polarity"] == "neutral"
    alone = _beside_neighbours(model, {"role": role, "polarity": polarity}, 0, [], choice)
    assert (alone["role"], alone["polarity"]) == (ROLES[1], POLARITIES[0])


def _row(text: str, group: str, role: str) -> LabelledPassage:
    return LabelledPassage(id=f"{group}#{abs(hash(text))}", doc=f"{group}-doc", text=text, loe=(), role=role,
                           polarity="neutral", has_data=False, council=group, group=group, kind="sif", year=2016,
                           source="test")


def test_neighbours_in_cross_validation_are_predicted_by_the_model_that_never_saw_their_council():
    """Each council's passages share a word and a role no other council has: a neighbour predicted by
    a model that had seen its council would get that role; predicted by its fold's model, it cannot."""
    from tagging import fit

    roles = ("outcome", "process", "recommendation", "context")
    words = ("alpha", "bravo", "charlie", "delta")
    rows = [_row(f"{word} {word} passage number {i}.", f"council {word}", role)
            for word, role in zip(words, roles) for i in range(6)]
    extra_docs = fit.rule_docs([f"{word} {word} another passage." for word in words])
    extra = [(f"council {word}", doc) for word, doc in zip(words, extra_docs)]
    probs = fit.leave_one_group_out(fit.rule_docs([r.text for r in rows]), rows, seed=2, extra=extra)
    assert probs["role"].shape[0] == len(rows) + len(extra)
    predicted = [fit.model_labels(probs, len(rows) + j)["role"] for j in range(len(extra))]
    assert all(p != role for p, role in zip(predicted, roles))


def test_labelled_passages_find_their_neighbours(tmp_path):
    """Rows labelled in a run take the rows either side; a row sampled alone from a report is found
    in the report's text again."""
    from tagging.neighbours import build_neighbours, load_neighbours, write_neighbours

    shared = tmp_path / "shared"
    (shared / "corpus").mkdir(parents=True)
    (shared / "corpus" / "report.txt").write_text(
        "Children are seen quickly when concerns are raised.\n\n"
        "Managers check plans every month and record their decisions.\n\n"
        "Care leavers have pathway plans that they helped to write.\n", encoding="utf-8")
    labelled = tmp_path / "labelled.jsonl"
    rows = [
        {"id": "paper#0", "doc": "paper", "text": "The committee noted the report."},
        {"id": "paper#1", "doc": "paper", "text": "Members asked about caseloads."},
        {"id": "report#s-1", "doc": "report", "text": "Managers check plans every month and record their decisions.",
         "source": "corpus/report.txt"},
        {"id": "other#s-4", "doc": "other", "text": "A passage from a file that is not here.",
         "source": "corpus/missing.pdf"},
    ]
    labelled.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    found = build_neighbours([labelled], shared)
    assert found["paper#0"].previous is None and found["paper#0"].next == "Members asked about caseloads."
    assert found["report#s-1"].previous == "Children are seen quickly when concerns are raised."
    assert found["report#s-1"].next == "Care leavers have pathway plans that they helped to write."
    assert "other#s-4" not in found
    write_neighbours(found, tmp_path / "neighbours.jsonl")
    assert load_neighbours(tmp_path / "neighbours.jsonl") == found


def test_a_labelled_passage_found_in_its_file_carries_its_heading_and_kind(tmp_path):
    """Cross-validation gives the tagger what production gives it: the heading a passage sits under
    and what the extractor took it for, read from the passage's own file."""
    from tagging.neighbours import build_neighbours, load_neighbours, write_neighbours

    shared = tmp_path / "shared"
    (shared / "corpus").mkdir(parents=True)
    (shared / "corpus" / "report.html").write_text(
        "<html><body><h1>Inspection of Anytown children's services</h1>"
        "<h2>What needs to improve?</h2><ul><li>The timeliness of return home interviews.</li>"
        "<li>The quality of pathway plans.</li></ul>"
        "<h2>The experiences and progress of care leavers</h2>"
        "<p>Care leavers have pathway plans that they helped to write and personal advisers they trust.</p>"
        "</body></html>", encoding="utf-8")
    labelled = tmp_path / "labelled.jsonl"
    rows = [{"id": "report#s-1", "doc": "report", "text": "The timeliness of return home interviews.",
             "source": "corpus/report.html"}]
    labelled.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    found = build_neighbours([labelled], shared)["report#s-1"]
    assert found.place.heading_path[-1] == "What needs to improve?"
    assert found.place.kind == "list item"
    assert found.next == "The quality of pathway plans." and found.next_place.kind == "list item"
    write_neighbours({"report#s-1": found}, tmp_path / "neighbours.jsonl")
    assert load_neighbours(tmp_path / "neighbours.jsonl")["report#s-1"] == found


def test_the_shipped_labelled_passages_of_report_files_know_their_headings():
    """The gold's report passages were found in their files, so the figures measure the tagger with
    the headings it has in production (tagging/gold/neighbours.jsonl), and training and
    cross-validation hand them to the tagger."""
    from tagging import fit
    from tagging.labelled import default_paths, read_labelled
    from tagging.neighbours import place_of

    reports = [r for r in read_labelled(default_paths()) if r.kind in {"sif", "ilacs-standard", "ilacs-short"}]
    placed = [r for r in reports if place_of(r.id) is not None]
    assert len(placed) >= 0.9 * len(reports)
    improve = [r for r in placed if "what needs to improve" in " ".join(place_of(r.id).heading_path).lower()]
    assert improve
    hints = fit.hints_of(improve[0])
    assert hints["heading_path"] == place_of(improve[0].id).heading_path and hints["kind"]
    assert hints["document_kind"] == "inspection report"
