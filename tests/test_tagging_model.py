"""The learned layer: model file, numpy logistic regression, explanations that keep the rule cues."""

from __future__ import annotations

import numpy as np
import pytest

from frameworks import load_framework
from core.settings import Settings
from tagging import Tagger
from tagging.learned import MODEL_PATH, Model, Sparse, load_model
from tagging.train import build_vocab, fit, predict


def test_shipped_model_loads_and_is_small():
    assert MODEL_PATH.exists()
    assert MODEL_PATH.stat().st_size < 3_000_000
    model = load_model()
    assert model is not None
    assert {"role", "polarity"} <= set(model.heads)
    assert set(model.loe_heads()) == {"ilacs.help_and_protection", "ilacs.children_in_care",
                                      "ilacs.care_leavers", "ilacs.impact_of_leaders"}
    assert model.meta["seed"] is not None and model.meta["active"]
    probs = model.predict_proba("role", {"w:ensure": 1.0, "first0:ensure": 1.0})
    assert abs(sum(probs.values()) - 1.0) < 1e-6


def _synthetic(n: int = 40) -> tuple[list[dict], list[dict]]:
    rng = np.random.default_rng(0)
    feats, rows = [], []
    for i in range(n):
        positive = i % 2 == 0
        f = {f"w:noise{int(j)}": 0.3 for j in rng.integers(0, 10, 3)}
        f["w:fostering" if positive else "w:referral"] = 1.0
        feats.append(f)
        rows.append({"doc": f"d{i % 4}", "loe": ["ilacs.children_in_care"] if positive else [],
                     "role": "outcome" if positive else "process",
                     "polarity": "strength" if positive else "concern", "has_data": False})
    return feats, rows


def test_training_learns_a_separable_label(tmp_path):
    feats, rows = _synthetic()
    model = fit(feats, rows, ["ilacs.children_in_care"], seed=1, active=("role", "polarity", "loe"))
    rule_preds = [{"loe": [], "role": "context", "polarity": "neutral", "has_data": False}] * len(rows)
    preds = predict(model, feats, rule_preds)
    assert [p["role"] for p in preds] == [r["role"] for r in rows]
    assert [p["polarity"] for p in preds] == [r["polarity"] for r in rows]
    assert [p["loe"] for p in preds] == [r["loe"] for r in rows]
    # the file round-trips (float16 weights) and gives the same decisions
    path = tmp_path / "m.npz"
    model.save(path)
    again = Model.load(path)
    assert again.predict_proba("role", {"w:fostering": 1.0})["outcome"] > 0.8
    assert again.meta["active"] == ["role", "polarity", "loe"]


def test_training_is_deterministic():
    feats, rows = _synthetic()
    a = fit(feats, rows, ["ilacs.children_in_care"], seed=3, tune_thresholds=False)
    b = fit(feats, rows, ["ilacs.children_in_care"], seed=3, tune_thresholds=False)
    assert np.array_equal(a.heads["role"].W, b.heads["role"].W)


def test_sparse_products_match_dense():
    feats = [{"a": 1.0, "c": 2.0}, {}, {"b": 0.5}]
    vocab = build_vocab(feats, min_df=1)
    X = Sparse.from_dicts(feats, vocab)
    dense = np.zeros((3, len(vocab)))
    dense[X.rows, X.cols] = X.vals
    W = np.arange(len(vocab) * 2, dtype=float).reshape(-1, 2)
    assert np.allclose(X.dot(W), dense @ W)
    G = np.ones((3, 2))
    assert np.allclose(X.tdot(G), dense.T @ G)


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_framework("ilacs"), Settings())


def test_explanations_keep_the_rule_cues_and_name_the_model(tagger):
    tags = tagger.tag_texts(["Ensure that all care leavers have an up-to-date pathway plan."])[0]
    assert tags.role == "recommendation"
    assert any("model: p=" in cue for cue in tags.explanation["role"])
    assert any("model" not in cue for cue in tags.explanation["role"])  # a rule cue is still there
    assert "ilacs.care_leavers" in tags.loe
    assert any("pathway plan" in cue for cue in tags.loe_cues["ilacs.care_leavers"])


def test_rules_only_tagger_has_no_model_notes():
    rules_only = Tagger(load_framework("ilacs"), Settings(), use_model=False)
    tags = rules_only.tag_texts(["Ensure that all care leavers have an up-to-date pathway plan."])[0]
    assert not any("model: p=" in cue for cue in tags.explanation["role"])


@pytest.mark.parametrize("text,expected", [
    ("An additional £1.4 million a year was allocated to social work posts.", True),
    ("The attainment gap between children in care and their peers is widening.", True),
    ("Performance is now in line with the Department for Education thresholds.", True),
    ("The council has yet to achieve the target of reducing agency staff to 10%.", False),
    ("Two full time social workers are required in the duty team.", False),
    ("136 of the Education and Inspections Act 2006.", False),
    ("Repeat referrals fell from 24% to 17%.", True),
])
def test_has_data_rules_follow_the_guidelines(text, expected):
    from tagging import rules

    assert bool(rules.data_cues(text)) is expected
