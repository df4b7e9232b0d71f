"""Train the learned layer and estimate it honestly with leave-one-document-out cross-validation.

    readiness train-tagger --gold dev.jsonl --gold dev-reports.jsonl [--cv] [--out PATH] [--json]

Training is deterministic (fixed seed, full-batch optimisation). `--cv` holds out each document in
turn (trains on all the other documents, including the threshold tuning, and predicts the held-out
one), then scores the pooled held-out predictions: the estimate for councils and years not seen.
The rules alone are scored on the same rows for comparison.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Sequence

import numpy as np

from tagging.learned import FEATURE_VERSION, MODEL_PATH, POLARITIES, ROLES, Head, Model, Sparse, features, fit_heads

log = logging.getLogger(__name__)

SEED = 13
L2 = {"role": 2.0, "polarity": 2.0, "loe": 2.0}
MIN_DF = 2
ITERATIONS = 250
THRESHOLD_GRID = tuple(round(x, 2) for x in np.arange(0.2, 0.75, 0.05))
INNER_FOLDS = 3
# heads that replace the rules' decision (the others are trained and stored but not used): the ones
# that beat the rules in leave-one-document-out CV. `train --cv` re-decides this from its own CV.
ACTIVE_HEADS = ("role",)


# ---------------------------------------------------------------------------------------------
# data


def read_rows(paths: Sequence[Path]) -> list[dict]:
    from tagging.evaluate import read_gold

    rows = []
    for path in paths:
        for row in read_gold(Path(path)):
            rows.append({**row, "_source": str(path)})
    return rows


def extract(texts: Sequence[str], settings=None, framework_id: str | None = None) -> tuple[list[dict], list[dict]]:
    """Run the rule pipeline (no model) once: feature dicts and the rules' own predictions.

    The framework defaults to the reference one: gold labels use its line ids."""
    from frameworks import load_framework, reference_framework_id
    from core.settings import Settings
    from tagging.pipeline import get_pipeline

    settings = settings or Settings()
    framework_id = framework_id or reference_framework_id()
    nlp = get_pipeline(settings.spacy_model, framework_id, settings.frameworks_dir, True, use_model=False)
    feats, preds = [], []
    load_framework(framework_id, settings.frameworks_dir)
    for doc in nlp.pipe((t or "" for t in texts), batch_size=64):
        feats.append(features(doc))
        preds.append({"loe": list(doc._.loe_selected or {}), "role": doc._.role or "context",
                      "polarity": doc._.polarity or "neutral", "has_data": bool(doc._.has_data)})
    return feats, preds


# ---------------------------------------------------------------------------------------------
# fitting


def build_vocab(feats: Sequence[dict], min_df: int = MIN_DF) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in feats:
        for name in f:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= min_df or n.startswith(("rule:", "shape:")))
    return {n: i for i, n in enumerate(names)}


def matrix(feats: Sequence[dict], vocab: dict[str, int]) -> Sparse:
    return Sparse.from_dicts(feats, vocab)


def _proba(X: Sparse, head: Head) -> np.ndarray:
    from tagging.learned import softmax_rows

    return softmax_rows(X.dot(head.W.astype(np.float64)) + head.b)


def _groups(docs: Sequence[str], k: int) -> list[list[int]]:
    """Documents dealt round-robin into k groups (sorted names: deterministic)."""
    names = sorted(set(docs))
    fold_of = {name: i % k for i, name in enumerate(names)}
    return [[i for i, d in enumerate(docs) if fold_of[d] == f] for f in range(k)]


def _best_threshold(p: np.ndarray, gold: np.ndarray) -> float:
    best, best_f1 = 0.5, -1.0
    for t in THRESHOLD_GRID:
        pred = p >= t
        tp = float(np.sum(pred & gold))
        f1 = 2 * tp / max(1.0, float(np.sum(pred)) + float(np.sum(gold)))
        if f1 > best_f1 + 1e-9 or (abs(f1 - best_f1) <= 1e-9 and abs(t - 0.5) < abs(best - 0.5)):
            best, best_f1 = t, f1
    return float(best)


def _fit_all(X: Sparse, rows: Sequence[dict], loe_lines: Sequence[str], seed: int) -> dict[str, Head]:
    role_ix = {c: i for i, c in enumerate(ROLES)}
    pol_ix = {c: i for i, c in enumerate(POLARITIES)}
    targets = [(np.array([role_ix[r["role"]] for r in rows]), len(ROLES), L2["role"]),
               (np.array([pol_ix[r["polarity"]] for r in rows]), len(POLARITIES), L2["polarity"])]
    targets += [(np.array([int(line in r["loe"]) for r in rows]), 2, L2["loe"]) for line in loe_lines]
    fitted = fit_heads(X, targets, ITERATIONS, seed=seed)
    heads = {"role": Head(ROLES, *fitted[0]), "polarity": Head(POLARITIES, *fitted[1])}
    for line, (W, b) in zip(loe_lines, fitted[2:]):
        heads[f"loe:{line}"] = Head(("no", "yes"), W, b)
    return heads


def fit(feats: Sequence[dict], rows: Sequence[dict], loe_lines: Sequence[str], seed: int = SEED,
        tune_thresholds: bool = True, active: Sequence[str] = ()) -> Model:
    """Train every head on these rows; LOE thresholds from an inner grouped cross-validation."""
    vocab = build_vocab(feats)
    heads = _fit_all(matrix(feats, vocab), rows, loe_lines, seed)
    thresholds = {line: 0.5 for line in loe_lines}
    docs = [r.get("doc", "?") for r in rows]
    if tune_thresholds and INNER_FOLDS and len(set(docs)) >= 3:
        oof = np.zeros((len(rows), len(loe_lines)))
        for held in _groups(docs, min(INNER_FOLDS, len(set(docs)))):
            held_set = set(held)
            train = [i for i in range(len(rows)) if i not in held_set]
            inner_vocab = build_vocab([feats[i] for i in train])
            inner = _fit_all(matrix([feats[i] for i in train], inner_vocab), [rows[i] for i in train],
                             loe_lines, seed)
            Xh = matrix([feats[i] for i in held], inner_vocab)
            for j, line in enumerate(loe_lines):
                oof[held, j] = _proba(Xh, inner[f"loe:{line}"])[:, 1]
        for j, line in enumerate(loe_lines):
            gold = np.array([line in r["loe"] for r in rows])
            thresholds[line] = _best_threshold(oof[:, j], gold)
    for line in loe_lines:
        heads[f"loe:{line}"].threshold = thresholds[line]
    meta = {"feature_version": FEATURE_VERSION, "seed": seed, "l2": L2, "min_df": MIN_DF,
            "iterations": ITERATIONS, "n": len(rows), "documents": len(set(docs)), "thresholds": thresholds,
            "active": list(active or ACTIVE_HEADS)}
    return Model(vocab, heads, meta)


def predict(model: Model, feats: Sequence[dict], rule_preds: Sequence[dict]) -> list[dict]:
    X = matrix(feats, model.vocab)
    role = _proba(X, model.heads["role"])
    polarity = _proba(X, model.heads["polarity"])
    out = []
    loe = {line: _proba(X, model.heads[f"loe:{line}"])[:, 1] for line in model.loe_heads()}
    for i, rule in enumerate(rule_preds):
        out.append({
            # a formal grade statement found by the rules stays a judgement (rules are precise there)
            "role": "judgement" if rule["role"] == "judgement" else ROLES[int(np.argmax(role[i]))],
            "polarity": POLARITIES[int(np.argmax(polarity[i]))],
            "loe": [line for line in loe if loe[line][i] >= model.heads[f"loe:{line}"].threshold],
            "has_data": rule["has_data"],  # has_data stays with the rules
        })
    return out


# ---------------------------------------------------------------------------------------------
# leave-one-document-out cross-validation


def cross_validate(rows: Sequence[dict], feats: Sequence[dict], rule_preds: Sequence[dict],
                   loe_lines: Sequence[str], seed: int = SEED) -> list[dict]:
    """Held-out predictions for every row: each document predicted by a model that never saw it."""
    docs = [r["doc"] for r in rows]
    predictions: list[dict | None] = [None] * len(rows)
    for name in sorted(set(docs)):
        held = [i for i, d in enumerate(docs) if d == name]
        train = [i for i, d in enumerate(docs) if d != name]
        model = fit([feats[i] for i in train], [rows[i] for i in train], loe_lines, seed)
        for i, p in zip(held, predict(model, [feats[i] for i in held], [rule_preds[i] for i in held])):
            predictions[i] = p
        log.info("cv: held out %s (%d passages)", name, len(held))
    return predictions  # type: ignore[return-value]


def _combine(rule: dict, learned: dict, active: Sequence[str]) -> dict:
    return {"loe": learned["loe"] if "loe" in active else rule["loe"],
            "role": learned["role"] if "role" in active else rule["role"],
            "polarity": learned["polarity"] if "polarity" in active else rule["polarity"],
            "has_data": rule["has_data"]}


def _summary(figures: dict) -> dict:
    return {"loe_micro_f1": figures["loe"]["micro_f1"], "role_accuracy": figures["role"]["accuracy"],
            "polarity_accuracy": figures["polarity"]["accuracy"], "has_data_f1": figures["has_data"]["f1"]}


def cv_report(rows: Sequence[dict], feats: Sequence[dict], rule_preds: Sequence[dict], loe_lines: Sequence[str],
              seed: int = SEED, detail: bool = False) -> dict:
    """Leave-one-document-out figures, pooled over all rows and per source file, learned vs rules."""
    from tagging.evaluate import score

    held = cross_validate(rows, feats, rule_preds, loe_lines, seed)
    sources = sorted({r["_source"] for r in rows}) if rows and "_source" in rows[0] else []
    report: dict = {"method": "leave-one-document-out", "documents": len(set(r["doc"] for r in rows)),
                    "n": len(rows), "seed": seed}
    groups = [("all", list(range(len(rows))))] + [
        (src, [i for i, r in enumerate(rows) if r["_source"] == src]) for src in sources]
    # a head replaces the rules only where it beats them on the pooled held-out rows
    pooled_learned = _summary(score(list(rows), held, list(loe_lines)))
    pooled_rules = _summary(score(list(rows), list(rule_preds), list(loe_lines)))
    active = [head for head, key in (("role", "role_accuracy"), ("polarity", "polarity_accuracy"),
                                     ("loe", "loe_micro_f1")) if pooled_learned[key] > pooled_rules[key]]
    report["active"] = active
    shipped = [_combine(rule_preds[i], held[i], active) for i in range(len(rows))]
    for name, idx in groups:
        gold = [rows[i] for i in idx]
        figures = {"rules": score(gold, [rule_preds[i] for i in idx], list(loe_lines)),
                   "learned": score(gold, [held[i] for i in idx], list(loe_lines)),
                   "shipped": score(gold, [shipped[i] for i in idx], list(loe_lines))}
        report[name] = {k: (v if detail else _summary(v)) for k, v in figures.items()}
    report["predictions"] = held if detail else None
    if not detail:
        report.pop("predictions")
    return report


def train(paths: Sequence[Path], out: Path = MODEL_PATH, settings=None, cv: bool = False,
          seed: int = SEED) -> dict:
    """Train on all rows of these gold files and save; with cv, add the held-out estimate."""
    from frameworks import reference_framework
    from core.settings import Settings

    settings = settings or Settings()
    rows = read_rows(paths)
    loe_lines = [line.id for line in reference_framework(settings.frameworks_dir).top_lines]
    feats, rule_preds = extract([r["text"] for r in rows], settings)
    result: dict = {"n": len(rows), "documents": len(set(r["doc"] for r in rows)), "out": str(out)}
    active: Sequence[str] = ()
    if cv:
        result["cv"] = cv_report(rows, feats, rule_preds, loe_lines, seed)
        active = result["cv"]["active"] or ["none"]
    model = fit(feats, rows, loe_lines, seed, active=active)
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    model.meta.update({"trained_on": [Path(p).name for p in paths], "gold_sha256": digest.hexdigest()[:16],
                       "base_model": settings.spacy_model})
    model.save(Path(out))
    result["thresholds"] = model.meta["thresholds"]
    result["vocab"] = len(model.vocab)
    result["bytes"] = Path(out).stat().st_size
    return result


def print_cv(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for name, block in report.items():
        if not isinstance(block, dict) or "learned" not in block:
            continue
        table = Table(title=f"leave-one-document-out ({report['documents']} documents): {name}")
        for column in ("measure", "rules", "model (all heads)", "shipped", "target"):
            table.add_column(column)
        for key, target in (("loe_micro_f1", 0.85), ("role_accuracy", 0.85), ("polarity_accuracy", 0.85),
                            ("has_data_f1", 0.95)):
            table.add_row(key, f"{block['rules'][key]:.3f}", f"{block['learned'][key]:.3f}",
                          f"{block['shipped'][key]:.3f}", f"{target:.2f}")
        console.print(table)
    console.print(f"heads used by the shipped model (beat the rules in CV): {', '.join(report['active']) or 'none'}")
