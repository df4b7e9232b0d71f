"""Inter-annotator agreement, as the labelling protocol reports it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tagging.agreement import agreement, cohen_kappa, read_labels

GOLD = Path(__file__).resolve().parents[1] / "tagging" / "gold"


def row(i: str, loe: list[str], role: str, polarity: str, has_data: bool) -> dict:
    return {"id": i, "loe": loe, "role": role, "polarity": polarity, "has_data": has_data}


def test_agreement_counts_each_field() -> None:
    a = {"1": row("1", ["x"], "outcome", "strength", True), "2": row("2", ["x", "y"], "process", "neutral", False)}
    b = {"1": row("1", ["x"], "outcome", "concern", True), "2": row("2", ["x"], "process", "neutral", False)}
    figures = agreement(a, b)
    assert figures["passages"] == 2
    assert figures["role_agreement"] == 1.0 and figures["polarity_agreement"] == 0.5
    assert figures["loe_micro_f1"] == pytest.approx(0.8)  # 2 shared, 1 missed
    assert figures["loe_same_set"] == 0.5 and figures["has_data_f1"] == 1.0


def test_kappa_discounts_chance() -> None:
    assert cohen_kappa([("a", "a"), ("b", "b")]) == 1.0
    assert cohen_kappa([("a", "b"), ("b", "a")]) < 0


def test_the_shipped_labels_hold_both_readings_and_every_disagreement_was_adjudicated() -> None:
    final = read_labels(GOLD / "unseen-councils.jsonl")
    for batch in sorted((GOLD / "annotations").glob("batch-*.A.jsonl")):
        a = read_labels(batch)
        b = read_labels(batch.with_name(batch.name.replace(".A.", ".B.")))
        adjudicated = read_labels(batch.with_name(batch.name.replace(".A.", ".adjudicated.")))
        assert set(a) == set(b)
        # passages labelled, then dropped as exact repeats of a passage the set keeps
        dropped_path = batch.with_name(batch.name.replace(".A.", ".dropped."))
        dropped = read_labels(dropped_path) if dropped_path.exists() else {}
        for i, repeat in dropped.items():
            assert i in a and i not in final and final[repeat["same_text_as"]]["text"] == repeat["text"], i
        for i in (i for i in a if i not in dropped):
            differ = set(a[i]["loe"]) != set(b[i]["loe"]) or any(a[i][f] != b[i][f] for f in ("role", "polarity", "has_data"))
            assert differ == (i in adjudicated), i
            expected = adjudicated[i] if differ else a[i]
            assert sorted(final[i]["loe"]) == sorted(expected["loe"]) and final[i]["role"] == expected["role"], i
