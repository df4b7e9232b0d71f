"""Behaviour of the tagger that users rely on, on sentences written for these tests."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from core.model import Passage
from frameworks import load_framework
from core.settings import Settings
from tagging import TAGGER_VERSION, Tagger, TaggingResult

SHARED_GOLD = Path(os.environ.get("READINESS_SHARED", "/work/shared")) / "eval" / "dev.jsonl"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_framework("ilacs"), Settings())


@pytest.fixture(scope="module")
def blank_tagger() -> Tagger:
    return Tagger(load_framework("ilacs"), Settings(spacy_model="blank"))


def one(tagger: Tagger, text: str):
    return tagger.tag_texts([text])[0]


def passage(pid: int, text: str, **kw) -> Passage:
    return Passage(id=pid, document_sha="abc", ordinal=pid, text=text, kind=kw.pop("kind", "paragraph"),
                   page=None, label=kw.pop("label", None), heading_path=kw.pop("heading_path", ()), **kw)


def test_version_is_a_string():
    assert isinstance(TAGGER_VERSION, str) and TAGGER_VERSION


def test_care_leavers_sentence_gets_its_line_and_cue(tagger):
    tags = one(tagger, "Most care leavers have an up-to-date pathway plan and regular contact with their personal adviser.")
    assert "ilacs.care_leavers" in tags.loe
    assert any("pathway plan" in cue for cue in tags.loe_cues["ilacs.care_leavers"])


def test_lines_are_multi_label(tagger):
    tags = one(tagger, "Managers' audits of child protection plans found that supervision is not always recorded.")
    assert {"ilacs.help_and_protection", "ilacs.impact_of_leaders"} <= set(tags.loe)


def test_children_in_care_line(tagger):
    tags = one(tagger, "Foster carers say that children in care are well matched and placement moves have reduced.")
    assert "ilacs.children_in_care" in tags.loe


def test_boilerplate_has_no_line(tagger):
    tags = one(tagger, "© Crown copyright. This document may be reproduced in whole or in part.")
    assert tags.loe == {} and tags.role == "context" and tags.polarity == "neutral"


def test_judged_inadequate_is_a_judgement(tagger):
    tags = one(tagger, "Performance management and quality assurance were judged inadequate by inspectors.")
    assert tags.role == "judgement"
    assert tags.polarity == "concern"
    assert tags.judgements and tags.judgements[0]["grade"] == "inadequate"


def test_good_as_an_everyday_word_is_not_a_grade(tagger):
    tags = one(tagger, "A good number of meetings were held with partners during the year.")
    assert tags.judgements == []
    assert tags.role != "judgement"


def test_formal_grade_statement_with_area(tagger):
    tags = one(tagger, "The experiences and progress of care leavers are good.")
    assert tags.role == "judgement"
    assert tags.judgements[0]["area"] == "ilacs.care_leavers"
    assert tags.judgements[0]["grade"] == "good"


def test_framework_description_of_grades_is_context(tagger):
    tags = one(tagger, "If a local authority is judged inadequate in any of these areas, it will be judged inadequate overall.")
    assert tags.role != "judgement"


def test_printed_recommendation_id_becomes_an_action(tagger):
    tags = one(tagger, "R1 Ensure that partners are involved in the revision of thresholds.")
    assert tags.role == "recommendation"
    assert tags.actions[0]["action_id"] == "R1"
    assert tags.actions[0]["kind"] == "recommendation"
    assert tags.actions[0]["text"].startswith("Ensure")


def test_action_point_and_numbered_recommendation_are_read_as_such(tagger):
    # what the role decision rests on (the action register itself is the facts layer's)
    action, recommendation = tagger.tag_texts([
        "A9 Develop a short narrative about multi-agency audits by March 2027.",
        "10.8.3 All case records should be accurate and up to date.",
    ])
    assert action.actions[0]["action_id"] == "A9" and action.actions[0]["kind"] == "action point"
    assert action.actions[0]["due"] == "March 2027"
    assert recommendation.actions[0]["action_id"] == "10.8.3" and recommendation.actions[0]["kind"] == "recommendation"


def test_measured_improvement_is_outcome_strength_with_data(tagger):
    tags = one(tagger, "Repeat referrals fell from 24% to 17% over the year.")
    assert tags.has_data
    assert "24%" in tags.explanation["has_data"]
    assert tags.role == "outcome"
    assert tags.polarity == "strength"


def test_dates_and_paragraph_numbers_are_not_data(tagger):
    assert not one(tagger, "10.2 The report was published on 15 February 2013.").has_data
    assert one(tagger, "We reviewed 17 case files.").has_data
    assert one(tagger, "Placement stability is above the national average.").has_data


def test_process_and_concern(tagger):
    tags = one(tagger, "Supervision is not regular and management oversight is inconsistent.")
    assert tags.role == "process"
    assert tags.polarity == "concern"


def test_tag_returns_store_objects_with_explanations(tagger):
    result = tagger.tag([
        passage(7, "Care leavers told inspectors they feel well supported by their personal advisers."),
        passage(8, "Contact details", kind="heading"),
    ])
    assert isinstance(result, TaggingResult)
    assert {tag.passage_id for tag in result.tags} == {7}
    for tag in result.tags:
        assert tag.cues and tag.component and 0 < tag.score <= 1
    labels = {label.passage_id: label for label in result.labels}
    assert set(labels) == {7, 8}
    assert labels[7].explanation["role"] and labels[7].explanation["polarity"]
    assert labels[8].role == "context"


def test_heading_path_hints_the_line(tagger):
    result = tagger.tag([passage(3, "Most have suitable homes and keep in touch with workers.",
                                 heading_path=("The experiences and progress of care leavers",))])
    assert "ilacs.care_leavers" in {t.loe for t in result.tags}


def test_blank_model_fallback_still_tags(blank_tagger):
    assert blank_tagger.base_model == "blank"
    tags = one(blank_tagger, "R2 Ensure that pathway plans for care leavers are reviewed.")
    assert tags.role == "recommendation" and "ilacs.care_leavers" in tags.loe
    assert tags.actions[0]["action_id"] == "R2"


def test_older_framework_uses_its_own_lines():
    tagger = Tagger(load_framework("sif"), Settings())
    tags = tagger.tag_texts(["The LSCB independent chair published a serious case review."])[0]
    assert "sif.lscb_review" in tags.loe
    (graded,) = tagger.tag_texts(["The effectiveness of the LSCB is inadequate."])
    assert graded.judgements and graded.judgements[0]["area"].startswith("sif.")


def test_evaluate_reports_the_agreed_keys(tmp_path):
    from tagging.evaluate import evaluate

    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "1", "doc": "t", "text": "Repeat referrals fell from 24% to 17%.", "loe": ["ilacs.help_and_protection"],
         "role": "outcome", "polarity": "strength", "has_data": True},
        {"id": "2", "doc": "t", "text": "Contact details", "loe": [], "role": "context", "polarity": "neutral",
         "has_data": False},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = evaluate(gold, Settings())
    for block in (result, result["baseline"]):
        assert "micro_f1" in block["loe"] and "ilacs.care_leavers" in block["loe"]["per_label"]
        assert {"precision", "recall", "f1"} <= set(block["loe"]["per_label"]["ilacs.help_and_protection"])
        assert "accuracy" in block["role"] and "accuracy" in block["polarity"] and "f1" in block["has_data"]
    assert "confusion" in result["role"]


def test_eval_command_scores_a_labelled_file(tmp_path):
    from typer.testing import CliRunner

    from cli import app

    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "1", "doc": "t", "text": "Care leavers are safe.",
                                "loe": ["ilacs.care_leavers"], "role": "outcome", "polarity": "strength",
                                "has_data": False}), encoding="utf-8")
    out = CliRunner().invoke(app, ["eval", "--gold", str(gold), "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["loe"]["micro_f1"] >= 0


def test_eval_scores_a_file_labelled_for_has_data_alone(tmp_path):
    """A has_data check file (tagging/gold/has_data-checks) is scored on has_data, each miss and false
    alarm listed with what the tagger read; --cv, which needs every field, is refused with a reason."""
    from typer.testing import CliRunner

    from cli import app

    gold = tmp_path / "checks.jsonl"
    rows = [("Repeat referrals fell from 24% to 17%.", True),   # found
            ("The local authority operates five children's homes.", False),   # rightly left
            ("Four in five care leavers are in education, employment or training.", True),   # found
            ("Children are seen within timescales that meet their needs.", False),   # rightly left
            ("Achieving 100% consistency would be hard.", False)]   # a false alarm: a percentage
    gold.write_text("\n".join(json.dumps({"id": str(i), "text": t, "has_data": d}) for i, (t, d) in enumerate(rows)),
                    encoding="utf-8")
    out = CliRunner().invoke(app, ["eval", "--gold", str(gold), "--json"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.output)
    assert result["has_data_only"] and result["n"] == 5
    assert result["has_data"]["precision"] == round(2 / 3, 4) and result["has_data"]["recall"] == 1.0
    assert [(e["id"], e["gold"]) for e in result["errors"]] == [("4", False)]
    assert "100%" in result["errors"][0]["cues"]
    refused = CliRunner().invoke(app, ["eval", "--gold", str(gold), "--cv"])
    assert refused.exit_code == 2 and "has_data alone" in refused.output


def test_eval_rules_only_scores_a_has_data_file_by_the_rules_alone(tmp_path):
    """The has_data classifier adds figures the rules miss ("half of schools"); --rules-only scores
    the rules without it, so the two can be compared on a check batch."""
    from typer.testing import CliRunner

    from cli import app

    gold = tmp_path / "checks.jsonl"
    gold.write_text(json.dumps({"id": "0", "text": "Only half of schools completed the annual safeguarding audit.",
                                "has_data": True}), encoding="utf-8")
    shipped = json.loads(CliRunner().invoke(app, ["eval", "--gold", str(gold), "--json"]).output)
    rules = json.loads(CliRunner().invoke(app, ["eval", "--gold", str(gold), "--json", "--rules-only"]).output)
    assert shipped["has_data"]["recall"] == 1.0 and rules["has_data"]["recall"] == 0.0


@pytest.mark.skipif(not SHARED_GOLD.exists(), reason="shared dev set not present")
def test_dev_set_runs_end_to_end():
    from tagging.evaluate import evaluate

    result = evaluate(SHARED_GOLD, Settings())
    assert result["n"] > 100
    assert result["loe"]["micro_f1"] > result["baseline"]["loe"]["micro_f1"]


def test_themes_within_a_line_are_tagged_below_their_line(tagger):
    result = tagger.tag([passage(1, "92 per cent of care leavers have a pathway plan and live in suitable accommodation.")])
    by_loe = {t.loe: t for t in result.tags}
    assert "ilacs.care_leavers" in by_loe
    themes = [t for t in result.tags if t.component == "readiness_loe_theme"]
    assert themes, "a pathway-plan sentence should name its theme"
    framework = tagger.framework
    for theme in themes:
        assert framework.line(theme.loe).parent == "ilacs.care_leavers"
        assert theme.score < by_loe["ilacs.care_leavers"].score
        assert theme.cues


@pytest.mark.parametrize("text,expected", [
    # negation reaches over a few words and across "and": "not ... sufficiently timely and robust"
    ("Some children are not receiving a sufficiently timely and robust response.", "concern"),
    # a weakness being prevented is not a weakness
    ("Independent reviewing officers are effective and prevent drift and delay in children's plans.", "strength"),
    # "are not" must not swallow the hedge "not always"
    ("Plans are not always focused on what needs to change for the child.", "concern"),
    # a concession counts less than the main clause
    ("Although a few visits are late, children are seen regularly and their plans are effective.", "strength"),
])
def test_polarity_negation_mitigation_and_concession(tagger, text, expected):
    assert one(tagger, text).polarity == expected


def test_without_governs_its_noun_phrase_and_outstanding_work_is_unresolved():
    from tagging.components import PolarityClassifier

    _, _, s_cues, c_cues = PolarityClassifier._scores(
        "This activity was undertaken without the benefit of a robust risk assessment on each case.")
    assert "negated: 'robust'" in c_cues and "cue: 'robust'" not in s_cues
    _, _, s_cues, _ = PolarityClassifier._scores("Outstanding concerns and risks to children are identified.")
    assert not any("outstanding" in cue for cue in s_cues)
    _, _, s_cues, _ = PolarityClassifier._scores("Practice with care leavers is outstanding.")
    assert "cue: 'outstanding'" in s_cues  # the grade word still praises


def test_a_criticism_that_names_a_robust_tool_it_lacked_is_a_concern(tagger):
    text = ("The local authority undertook a cleansing activity which resulted in a significant number of cases "
            "being closed. This activity was undertaken without the benefit of a robust risk assessment on each "
            "individual case.")
    assert one(tagger, text).polarity == "concern"


def test_a_structure_described_in_passing_is_neutral(tagger):
    tags = one(tagger, "A new quality assurance framework with clear roles was introduced in the service.")
    assert tags.role == "process" or tags.polarity == "neutral"
    if tags.role == "process":
        assert tags.polarity == "neutral"


@pytest.mark.parametrize("text", [
    "Audit finding: supervision in child protection cases is regular and reflective.",
    "Section 47 enquiries | A summary report was shared with teams after this audit.",
])
def test_audit_of_practice_is_also_leaders_impact(text):
    # the rules' QA cue (the model reads it as a feature, and may weigh it otherwise)
    tags = one(Tagger(load_framework("ilacs"), Settings(), use_model=False), text)
    assert "ilacs.impact_of_leaders" in tags.loe
    assert "ilacs.help_and_protection" in tags.loe



def test_case_audit_grades_are_not_judgements_of_a_service(tagger):
    for text in (
        "Twenty-six cases (17 per cent) were graded inadequate and returned to team managers.",
        "The audit looked at 12 children on plans for neglect. Six were graded requires improvement.",
    ):
        assert one(tagger, text).judgements == [], text
    assert one(tagger, "Overall effectiveness was judged inadequate.").judgements


# ----------------------------------------------------------------------------- vocabulary and pipeline as data
def test_pipeline_is_assembled_from_its_data_file():
    from tagging.pipeline import get_pipeline, pipeline_config

    factories = [entry["factory"] for entry in pipeline_config()["components"]]
    nlp = get_pipeline("blank", None, None, True, True)
    assert [name for name in nlp.pipe_names if name.startswith("readiness_")] == factories
    without_model = get_pipeline("blank", None, None, True, False)
    assert [n for n in without_model.pipe_names if n.startswith("readiness_")] == [
        e["factory"] for e in pipeline_config()["components"] if e.get("when") != "use_model"]


def test_a_phrase_on_a_line_and_on_its_sub_line_counts_as_the_lines_own(tmp_path):
    (tmp_path / "local.yaml").write_text(
        "id: local\nfamily: local\nversion: '1'\nname: Local\nin_force: {from: 2020-01-01, to: null}\n"
        "lines_of_enquiry:\n"
        "  - {id: local.care, title: Care, parent: null, cues: [kinship care]}\n"
        "  - {id: local.care.homes, title: Homes, parent: local.care, graded: false, cues: [kinship care, foster home]}\n"
        "crosswalk: {local.care: overall, local.care.homes: overall}\n", encoding="utf-8")
    settings = Settings(spacy_model="blank", frameworks_dir=str(tmp_path))
    tagger = Tagger(load_framework("local", tmp_path), settings)
    both, sub_only = (tagger.nlp(text) for text in ("Kinship care is used well.", "Each foster home is checked."))
    assert both._.loe == {"local.care": 1.0}  # a top line's own phrase counts in full, once
    assert both._.loe_cues["local.care"] == ["cue: 'kinship care'"]
    assert sub_only._.loe == {"local.care": 0.8}
    assert sub_only._.loe_cues["local.care"] == ["cue: 'foster home' (local.care.homes)"]


def test_current_framework_reaches_leaders_from_the_lscb_through_the_shared_vocabulary(tagger):
    tags = one(tagger, "The LSCB independent chair challenges partners on the quality of multi-agency audits.")
    assert "ilacs.impact_of_leaders" in tags.loe
    assert "lexicon: 'lscb'" in tags.loe_cues["ilacs.impact_of_leaders"]


def test_cue_lists_are_data_read_with_the_strict_loader():
    from tagging import lexicon

    from frameworks.yamlfile import load_yaml

    raw = load_yaml(lexicon.CUES_FILE)
    assert lexicon.RECOMMENDATION_PHRASES == {k: float(v) for k, v in raw["recommendation_phrases"].items()}
    assert "not" in lexicon.NEGATORS and "no" in lexicon.NEGATORS  # YAML would read a bare no as False
