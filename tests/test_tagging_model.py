"""The statistical layer: spaCy text classifiers trained from config, shipped small, explained, and
estimated by holding out whole councils."""

from __future__ import annotations

import json

import numpy as np
import pytest

from core.settings import Settings
from frameworks import load_framework
from tagging import Tagger
from tagging.labelled import BUNDLED, LabelledPassage, framework_of, group_of, read_labelled


def _row(text: str, group: str, role: str, polarity: str = "neutral", loe: tuple[str, ...] = (),
         has_data: bool = False, kind: str = "sif") -> LabelledPassage:
    return LabelledPassage(id=f"{group}#{abs(hash(text))}", doc=f"{group}-doc", text=text, loe=loe, role=role,
                           polarity=polarity, has_data=has_data, council=group, group=group, kind=kind, year=2016,
                           source="test")


# ----------------------------------------------------------------------------- the shipped model


def test_shipped_model_is_small_and_loads_with_the_pipeline():
    from tagging.textcat import HEADS, TEXTCAT_DIR, load_trained

    size = sum(f.stat().st_size for f in TEXTCAT_DIR.rglob("*") if f.is_file())
    assert size < 8_000_000  # three 131,072-slot tables: package data, not a download
    trained = load_trained()
    assert trained is not None
    active = trained.meta["readiness"]["active"]
    assert active and all(HEADS[head] in trained.pipe_names for head in active)
    nlp = Tagger(load_framework("ilacs"), Settings()).nlp
    assert "readiness_model" in nlp.pipe_names
    assert not {"parser", "ner", "tok2vec"} & set(nlp.pipe_names)  # only what the tagger needs


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_framework("ilacs"), Settings())


def test_model_decisions_name_the_words_that_weighed_most(tagger):
    tags = tagger.tag_texts(["Ensure that all care leavers have an up-to-date pathway plan."])[0]
    assert tags.role == "recommendation"
    note = next(cue for cue in tags.explanation["role"] if cue.startswith("model: p="))
    assert "weighed most:" in note and "ensure" in note.lower()  # the word, or the rule cue that read it
    assert any(not cue.startswith("model") for cue in tags.explanation["role"])  # the rule cue stays
    assert "ilacs.care_leavers" in tags.loe
    assert any("pathway plan" in cue for cue in tags.loe_cues["ilacs.care_leavers"])


def test_polarity_explanations_name_words_not_feature_codes(tagger):
    """The polarity classifier also reads each feature marked with the passage's source; a reader is
    shown the words, never the marks."""
    (tags,) = tagger.tag_texts(["Caseloads remain too high and managers' oversight is not consistently effective."],
                               [{"document_kind": "committee report"}])
    note = next(cue for cue in tags.explanation["polarity"] if cue.startswith("model: p="))
    assert "weighed most:" in note and "~" not in note and "src:" not in note


def test_the_rules_keep_the_decisions_they_win_on_in_cross_validation():
    """A formal grade the rules read stays a judgement, and their care-leavers line is kept beside the
    model's lines, whatever the classifiers say; elsewhere the model decides. The CV's figures come
    from the same function as the tagger's decisions."""
    from tagging.crossval import shipped_labels
    from tagging.fit import decisions

    choice = decisions()
    rule = {"role": "judgement", "polarity": "strength", "has_data": False,
            "loe": ["ilacs.help_and_protection", "ilacs.care_leavers"]}
    model = {"role": "outcome", "polarity": "strength", "has_data": False, "loe": ["ilacs.children_in_care"]}
    shipped = shipped_labels(rule, model, choice)
    assert shipped["role"] == "judgement"
    assert shipped["loe"] == ["ilacs.children_in_care", "ilacs.care_leavers"]  # not the rules' other line
    assert shipped_labels({**rule, "role": "process"}, model, choice)["role"] == "outcome"


def test_the_tagger_keeps_the_rules_judgement_and_says_so(tagger):
    """Where the role classifier would call a formal grade an outcome, the shipped decision is the
    rules' judgement and its explanation says the model disagreed."""
    decider = tagger.nlp.get_pipe("readiness_model")
    with tagger.nlp.select_pipes(disable=["readiness_model"]):
        doc = tagger.nlp("Services for care leavers are judged to be good. Young people say their advisers help them.")
    assert doc._.role == "judgement" and "ilacs.care_leavers" in (doc._.loe_selected or {})
    decider._classify([doc])
    doc.cats.update({label: 0.0 for label in decider.pipes["role"].labels} | {"outcome": 0.9})
    doc.cats.update({label: 0.0 for label in decider.pipes["loe"].labels})  # the model sees no line
    decider._decide(doc)
    assert doc._.role == "judgement"
    assert any(cue.startswith("rules' judgement kept over the model's outcome") for cue in doc._.role_cues)
    assert list(doc._.loe_selected) == ["ilacs.care_leavers"]


def test_rules_only_tagger_has_no_model_notes():
    rules_only = Tagger(load_framework("ilacs"), Settings(), use_model=False)
    tags = rules_only.tag_texts(["Ensure that all care leavers have an up-to-date pathway plan."])[0]
    assert not any("model: p=" in cue for cues in tags.explanation.values() for cue in cues)


def test_older_frameworks_keep_their_own_lines_beside_the_model():
    sif = Tagger(load_framework("sif"), Settings())
    tags = sif.tag_texts(["The LSCB independent chair published a serious case review."])[0]
    assert all(line.startswith("sif.") for line in tags.loe)


# ----------------------------------------------------------------------------- training


def _tiny_set() -> list[LabelledPassage]:
    rows = []
    for i in range(12):
        group = f"council {i % 4}"
        rows.append(_row(f"Foster carers report that children {i} are settled in placements.", group, "outcome",
                         "strength", ("ilacs.children_in_care",)))
        rows.append(_row(f"Ensure that managers record supervision decisions {i}.", group, "recommendation",
                         "concern", ("ilacs.impact_of_leaders",)))
    return rows


def test_training_learns_labels_and_the_saved_model_gives_the_same_decisions(tmp_path):
    import spacy

    from tagging import fit

    rows = _tiny_set()
    docs = fit.rule_docs([r.text for r in rows])
    nlp = fit.train_textcat(docs, rows, seed=3)
    probs = fit.predict_textcat(nlp, docs)
    predicted = [fit.model_labels(probs, i) for i in range(len(rows))]
    assert [p["role"] for p in predicted] == [r.role for r in rows]
    assert [p["loe"] for p in predicted] == [list(r.loe) for r in rows]
    nlp.to_disk(tmp_path / "m")
    again = spacy.load(tmp_path / "m")
    assert np.allclose(fit.predict_textcat(again, docs)["role"], probs["role"], atol=1e-6)


def test_training_is_deterministic():
    from tagging import fit

    rows = _tiny_set()
    docs = fit.rule_docs([r.text for r in rows])
    a = fit.predict_textcat(fit.train_textcat(docs, rows, seed=5), docs)
    b = fit.predict_textcat(fit.train_textcat(docs, rows, seed=5), docs)
    assert all(np.array_equal(a[head], b[head]) for head in a)


def test_feature_weights_explain_a_decision_by_features_of_the_passage():
    from tagging import fit
    from tagging.textcat import features_of, top_features

    rows = _tiny_set()
    docs = fit.rule_docs([r.text for r in rows])
    nlp = fit.train_textcat(docs, rows, seed=1)
    top = top_features(nlp.get_pipe("textcat_role"), docs[1], "recommendation")
    assert top and set(top) <= set(features_of(docs[1], nlp.get_pipe("textcat_role").model.attrs["feature_groups"]))


def test_leave_one_council_out_never_trains_on_the_council_it_predicts():
    """Each council's rows share a word no other council uses and a role no other council has: a
    model that had seen the council would predict that role; held out, it cannot."""
    from tagging import fit

    roles = ("outcome", "process", "recommendation", "context")
    rows = [_row(f"{word} {word} passage number {i}.", f"council {word}", role)
            for word, role in zip(("alpha", "bravo", "charlie", "delta"), roles) for i in range(6)]
    docs = fit.rule_docs([r.text for r in rows])
    held_out = fit.leave_one_group_out(docs, rows, seed=2)
    predicted = [fit.model_labels(held_out, i)["role"] for i in range(len(rows))]
    assert all(p != r.role for p, r in zip(predicted, rows))
    in_sample = fit.predict_textcat(fit.train_textcat(docs, rows, seed=2), docs)
    assert [fit.model_labels(in_sample, i)["role"] for i in range(len(rows))] == [r.role for r in rows]


def test_leave_one_council_out_gives_the_same_figures_in_parallel():
    """Folds run in worker processes; how many must not change a single probability."""
    from tagging import fit

    rows = _tiny_set()
    docs = fit.rule_docs([r.text for r in rows])
    one = fit.leave_one_group_out(docs, rows, seed=4, workers=1)
    two = fit.leave_one_group_out(docs, rows, seed=4, workers=2)
    assert all(np.array_equal(one[head], two[head]) for head in one)


def test_cross_validation_reports_every_kind_and_framework():
    from tagging.crossval import CrossValidation, cv_report

    rows = [_row("Children are safe.", "a", "outcome", kind="sif"),
            _row("Ensure plans are timely.", "b", "recommendation", kind="ilacs-short"),
            _row("The panel met.", "c", "process", kind="council-paper")]
    rows[2] = LabelledPassage(**{**rows[2].__dict__, "year": 2011})
    perfect = [r.labels() for r in rows]
    wrong = [{**r.labels(), "role": "context"} for r in rows]
    cv = CrossValidation(rows, {"rules": wrong, "model": perfect, "shipped": perfect, "baseline": wrong},
                         ["role"], 0.5, 3, 0)
    report = cv_report(cv)
    slices = {(b["by"], b["slice"]): b for b in report["slices"]}
    assert {("kind", "SIF"), ("kind", "ILACS short"), ("kind", "council paper"), ("framework", "SIF"),
            ("framework", "ILACS (2018-2022)"), ("framework", "SLAC era")} <= set(slices)
    assert slices[("all", "all labelled passages")]["shipped"]["role_accuracy"] == 1.0
    assert slices[("all", "all labelled passages")]["rules"]["role_accuracy"] == 0.0


def test_cross_validation_writes_every_held_out_passage_with_each_predictors_labels(tmp_path):
    from tagging.crossval import CrossValidation, write_predictions

    rows = [_row("Children are safe.", "a", "outcome", kind="sif"), _row("The panel met.", "c", "process")]
    wrong = [{**r.labels(), "role": "context"} for r in rows]
    cv = CrossValidation(rows, {"rules": wrong, "model": [r.labels() for r in rows], "shipped": wrong,
                                "baseline": wrong}, ["role"], 0.5, 2, 0)
    out = tmp_path / "predictions.jsonl"
    assert write_predictions(cv, out) == 2
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in records] == ["Children are safe.", "The panel met."]
    assert records[0]["gold"]["role"] == "outcome" and records[0]["model"]["role"] == "outcome"
    assert records[0]["rules"]["role"] == "context" and records[0]["kind"] == "sif" and records[0]["group"]


# ----------------------------------------------------------------------------- labelled data


def test_bundled_labelled_set_reads_with_council_kind_and_framework():
    rows = read_labelled([BUNDLED])
    assert len(rows) > 1500
    assert len({r.group for r in rows}) >= 40
    assert {r.kind for r in rows} >= {"sif", "ilacs-standard", "ilacs-short", "council-paper", "lac", "letter"}
    assert all(r.role in {"outcome", "process", "recommendation", "judgement", "context"} for r in rows)


def test_successor_councils_are_held_out_with_their_predecessors():
    assert group_of("Cumberland") == group_of("Westmorland and Furness") == group_of("Cumbria")
    assert group_of("North Northamptonshire") == group_of("Northamptonshire")
    assert group_of("Halton Borough Council") == group_of("Halton")
    assert group_of("Stoke-on-Trent City Council") == "stoke on trent"
    assert group_of("Kent") != group_of("Medway Council")


def test_council_and_kind_come_from_a_development_document_name(tmp_path):
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps({"id": "x#1", "doc": "017_cumberland-2024-ilacs-inspection", "text": "t", "loe": [],
                                "role": "context", "polarity": "neutral", "has_data": False}) + "\n"
                    + json.dumps({"id": "y#1", "doc": "bedford-2011-readiness-review", "text": "t", "loe": [],
                                  "role": "context", "polarity": "neutral", "has_data": False}), encoding="utf-8")
    cumberland, bedford = read_labelled([path])
    assert (cumberland.council, cumberland.kind, cumberland.year, cumberland.group) == ("Cumberland", "ilacs-standard", 2024, "cumbria")
    assert (bedford.kind, bedford.framework) == ("council-paper", "slac")
    assert framework_of("ilacs-short", 2020) == "ilacs-2018" and framework_of("ilacs-short", 2024) == "ilacs"


# ----------------------------------------------------------------------------- has_data rules


def test_tagger_version_fits_the_stores_column():
    """Every store records the tagger version of each tagging run; PostgreSQL refuses a longer one."""
    from evidence_store.schema import metadata
    from tagging import TAGGER_VERSION

    column = next(t for t in metadata.tables.values() if "tagger_version" in t.c).c.tagger_version
    assert len(TAGGER_VERSION) <= min(column.type.length or 32, 32)


def test_the_model_reads_whether_a_passage_is_an_inspectors_or_a_councils():
    """The same words weigh differently in an inspection report and a committee paper: the
    extractor's document kind reaches the classifiers as a feature, and no kind means no feature."""
    from tagging import fit
    from tagging.features import passage_features

    text = "Caseloads remain high in some teams."
    inspection, council, unknown = fit.rule_docs(
        [text] * 3, hints=[{"document_kind": "inspection report"}, {"document_kind": "minutes"}, None])
    assert "src:inspection" in passage_features(inspection, ["source"])
    assert passage_features(council, ["source"]) == ["src:council"]
    assert passage_features(unknown, ["source"]) == []


def test_the_model_reads_the_heading_a_passage_sits_under_and_its_kind():
    """What the extractor says of a passage reaches the classifiers: the words of its nearest
    heading and whether it is a list item, a table row, a paragraph or a heading; nothing without."""
    from tagging import fit
    from tagging.features import passage_features
    from tagging.textcat import readable

    text = "The timeliness of return home interviews."
    placed, bare = fit.rule_docs([text] * 2, hints=[
        {"heading_path": ("Inspection of Anytown", "What needs to improve?"), "kind": "list item"}, None])
    features = passage_features(placed, ["heading"])
    assert {"hw:what", "hw:needs", "hw:improve", "hk:list item"} <= set(features)
    assert not any("anytown" in f for f in features)  # the nearest heading, not the document title
    assert passage_features(bare, ["heading"]) == []
    assert readable("hw:improve") == "'improve' in its heading" and readable("hk:list item") == "a list item"


def test_an_item_under_what_needs_to_improve_is_a_recommendation(tagger):
    """A fragment in a report's "What needs to improve?" list is a recommendation however it is
    worded (the guidelines; the issue's error class "missed as recommendations")."""
    hints = {"heading_path": ("Inspection of Anytown local authority children's services", "What needs to improve?"),
             "kind": "list item", "document_kind": "inspection report"}
    items = ["The quality and timeliness of return home interviews for children who go missing.",
             "Managers' oversight of the progress of plans for children in need."]
    for tags in tagger.tag_texts(items, [hints] * len(items)):
        assert tags.role == "recommendation"
        assert tags.polarity == "concern"


@pytest.mark.parametrize("text,expected", [
    ("Repeat referrals fell from 24% to 17% over the year.", "strength"),  # the guidelines' example
    ("School attendance of children in care fell from 95% to 90%.", "concern"),
    ("Caseloads have reduced from 25 to 18 children per worker.", "strength"),
    ("Referrals rose from 1,200 to 1,350.", None),  # more referrals is neither better nor worse
    ("Attendance rose from 88% to 92% while exclusions fell from 12 to 4.", "strength"),
])
def test_a_measured_change_is_read_by_the_measures_better_direction(text, expected):
    from tagging.rules import trend_polarity

    found = trend_polarity(text)
    assert (found[0] if found else None) == expected


# ----------------------------------------------------------------------------- has_data: rules, and the classifier beside them


def test_the_has_data_classifier_adds_a_figure_the_rules_missed_and_names_the_words(tagger):
    """A proportion in words the rules do not read ("half of schools") is data under the guidelines;
    the classifier finds it and says, in words, what around the figure weighed most."""
    text = "Only half of schools completed the annual safeguarding audit."
    rules_only = Tagger(load_framework("ilacs"), Settings(), use_model=False)
    assert not rules_only.tag_texts([text])[0].has_data
    tags = tagger.tag_texts([text])[0]
    assert tags.has_data
    (note,) = tags.explanation["has_data"]
    assert note.startswith("model: p=") and "weighed most:" in note
    assert "fig:" not in note and "<num" not in note and "a number in words" in note


def test_the_has_data_classifier_never_takes_away_a_figure_the_rules_found(tagger):
    from tagging.crossval import shipped_labels
    from tagging.fit import Decisions, decisions

    choice = decisions()
    assert choice.data_threshold > 0
    rule = {"role": "outcome", "polarity": "neutral", "loe": [], "has_data": True}
    model = {**rule, "has_data": False}
    assert shipped_labels(rule, model, choice)["has_data"] is True
    assert shipped_labels({**rule, "has_data": False}, {**rule, "has_data": True}, choice)["has_data"] is True
    rules_decide = Decisions(active=choice.active, loe_threshold=choice.loe_threshold, data_threshold=0.0)
    assert shipped_labels({**rule, "has_data": False}, {**rule, "has_data": True}, rules_decide)["has_data"] is False
    decider = tagger.nlp.get_pipe("readiness_model")
    with tagger.nlp.select_pipes(disable=["readiness_model"]):
        doc = tagger.nlp("Repeat referrals fell from 24% to 17%.")
    decider._classify([doc])
    doc.cats["has_data"] = 0.01  # the classifier disagrees
    decider._decide(doc)
    assert doc._.has_data and not any(cue.startswith("model") for cue in doc._.data_cues)


def test_rows_labelled_for_has_data_alone_train_the_has_data_classifier_and_no_other():
    """The check batches are labelled for has_data alone: adding them changes what the has_data
    classifier learns and leaves the role, polarity and line classifiers exactly as they were."""
    from dataclasses import replace

    from tagging import fit

    rows = _tiny_set()
    data_only = [replace(_row(f"There were {n} referrals in the last year for children {n}.", "council 9", "context",
                              has_data=True), labelled=("has_data",)) for n in range(8, 20)]
    docs = fit.rule_docs([r.text for r in rows + data_only])
    alone = fit.predict_textcat(fit.train_textcat(docs[:len(rows)], rows, seed=2), docs)
    both = fit.predict_textcat(fit.train_textcat(docs, rows + data_only, seed=2), docs)
    assert all(np.array_equal(alone[head], both[head]) for head in ("role", "polarity", "loe"))
    assert both["has_data"][len(rows):].mean() > alone["has_data"][len(rows):].mean()


def test_has_data_check_batches_read_as_has_data_alone_and_the_held_out_ones_are_not_trained_on(tmp_path):
    from tagging.labelled import HELD_OUT_CHECKS, has_data_training_paths

    path = tmp_path / "batch-30.jsonl"
    path.write_text(json.dumps({"id": "80562-stockport-children-s-services-inspection---18-may-2022#p46",
                                "doc": "80562-stockport-children-s-services-inspection---18-may-2022",
                                "text": "Three care leavers are in custody.", "has_data": True}) + "\n", encoding="utf-8")
    (row,) = read_labelled([path])
    assert row.labelled == ("has_data",) and row.has_data
    assert row.council == "Stockport" and row.group == "stockport" and row.kind == "ofsted-report"
    (tmp_path / "batch-22.jsonl").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    used = [p.name for p in has_data_training_paths(tmp_path)]
    assert "batch-30.jsonl" in used and not set(HELD_OUT_CHECKS) & set(used)
    assert read_labelled([BUNDLED])[0].labelled == ("loe", "role", "polarity", "has_data")
