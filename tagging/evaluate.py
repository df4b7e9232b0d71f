"""Evaluate the tagger against a gold JSONL file (format: /work/shared/eval/GUIDELINES.md).

    readiness eval --gold dev.jsonl [--json]

Reports precision/recall/F1 per line of enquiry and micro-averaged, accuracy and per-class F1 for
role and polarity, F1 for has_data, a confusion table for role, and the same figures under
`baseline` for cue-phrase matching alone (framework cues only; role/polarity/has_data by the
simplest cue rules), so the gain of each component is visible.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from core.settings import Settings
from tagging.labelled import labels_given

ROLES = ("outcome", "process", "recommendation", "judgement", "context")
POLARITIES = ("strength", "concern", "neutral")


def read_gold(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "support": tp + fn}


def _flag_prf(gold: list, predicted: list) -> dict[str, float]:
    """Precision, recall and F1 of a yes/no label (has_data)."""
    pairs = [(bool(g), bool(p)) for g, p in zip(gold, predicted)]
    return _prf(sum(g and p for g, p in pairs), sum(p and not g for g, p in pairs), sum(g and not p for g, p in pairs))


def score(gold: list[dict], predicted: list[dict], labels: list[str]) -> dict:
    """Figures for aligned gold and predicted rows (each: loe list, role, polarity, has_data)."""
    per_label = {}
    tp_all = fp_all = fn_all = 0
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted) if label in g["loe"] and label in p["loe"])
        fp = sum(1 for g, p in zip(gold, predicted) if label not in g["loe"] and label in p["loe"])
        fn = sum(1 for g, p in zip(gold, predicted) if label in g["loe"] and label not in p["loe"])
        per_label[label] = _prf(tp, fp, fn)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
    micro = _prf(tp_all, fp_all, fn_all)
    out: dict = {
        "n": len(gold),
        "loe": {"micro_f1": micro["f1"], "micro_precision": micro["precision"],
                "micro_recall": micro["recall"], "per_label": per_label,
                "exact_match": round(sum(set(g["loe"]) == set(p["loe"]) for g, p in zip(gold, predicted)) / max(1, len(gold)), 4)},
    }
    for key, classes in (("role", ROLES), ("polarity", POLARITIES)):
        correct = sum(g[key] == p[key] for g, p in zip(gold, predicted))
        per_class = {}
        for cls in classes:
            tp = sum(1 for g, p in zip(gold, predicted) if g[key] == cls and p[key] == cls)
            fp = sum(1 for g, p in zip(gold, predicted) if g[key] != cls and p[key] == cls)
            fn = sum(1 for g, p in zip(gold, predicted) if g[key] == cls and p[key] != cls)
            per_class[cls] = _prf(tp, fp, fn)
        out[key] = {"accuracy": round(correct / max(1, len(gold)), 4), "per_class": per_class}
    confusion: dict[str, dict[str, int]] = {g: {p: 0 for p in ROLES} for g in ROLES}
    for g, p in zip(gold, predicted):
        confusion.setdefault(g["role"], {r: 0 for r in ROLES})
        confusion[g["role"]][p["role"]] = confusion[g["role"]].get(p["role"], 0) + 1
    out["role"]["confusion"] = confusion  # gold role -> predicted role -> count
    out["has_data"] = _flag_prf([g["has_data"] for g in gold], [p["has_data"] for p in predicted])
    out["has_data"]["accuracy"] = round(
        sum(bool(g["has_data"]) == bool(p["has_data"]) for g, p in zip(gold, predicted)) / max(1, len(gold)), 4)
    return out


# -- the baseline: cue phrases alone ---------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:\.\d+)?\s?%|\bper cent\b|\b\d{2,}\b")
_REC = re.compile(r"\b(?:should|must|recommend\w*|ensure)\b", re.IGNORECASE)
_GRADE = re.compile(r"\b(?:judged|rated|graded)\b", re.IGNORECASE)
_OUTCOME = re.compile(r"\b(?:as a result|outcomes? for|impact on|told inspectors)\b", re.IGNORECASE)
_PROCESS = re.compile(r"\b(?:meeting|panel|policy|procedure|training|introduced|implemented|established)\b", re.IGNORECASE)
_STRENGTH = re.compile(r"\b(?:effective|strong|robust|good|improved|excellent)\b", re.IGNORECASE)
_CONCERN = re.compile(r"\b(?:however|inconsistent|weak|poor|lack|delay|insufficient|inadequate|not)\b", re.IGNORECASE)


def baseline_predict(texts: list[str], framework_id: str | None = None, frameworks_dir: str | None = None) -> list[dict]:
    """Cue-phrase matching only: a line fires when any of its framework cues appears (default: the
    reference framework, whose line ids gold labels use)."""
    from frameworks import load_framework, reference_framework_id

    framework = load_framework(framework_id or reference_framework_id(), frameworks_dir)
    cue_res = []
    for line in framework.lines:
        top = framework.ancestor(line.id)
        for cue in line.cues:
            cue_res.append((top, re.compile(rf"(?<!\w){re.escape(cue)}(?!\w)", re.IGNORECASE)))
    out = []
    for text in texts:
        loe = sorted({top for top, pattern in cue_res if pattern.search(text)})
        if _GRADE.search(text):
            role = "judgement"
        elif _REC.search(text):
            role = "recommendation"
        elif _OUTCOME.search(text):
            role = "outcome"
        elif _PROCESS.search(text):
            role = "process"
        else:
            role = "context"
        strength, concern = len(_STRENGTH.findall(text)), len(_CONCERN.findall(text))
        polarity = "strength" if strength > concern else "concern" if concern > strength else "neutral"
        out.append({"loe": loe, "role": role, "polarity": polarity, "has_data": bool(_NUMBER.search(text))})
    return out


def evaluate(gold_path: Path, settings: Settings | None = None, *, use_model: bool = True,
             cv: bool = False, cv_with: list[Path] | None = None, progress=None,
             cv_predictions: Path | None = None) -> dict:
    """Run the tagger on each gold passage's text; return figures for it and for the baseline.

    `rules` holds the summary of the rule components alone, `slices` the tagger and the baseline per
    document kind and framework. The shipped model was trained on the labelled sets, so on those the
    figures are in-sample; with `cv`, `cv` holds the leave-one-council-out report over this file, the
    bundled set and `cv_with` (or the shared development sets when present): the honest estimate;
    `cv_predictions` names a JSONL file for every held-out passage's labels (crossval.write_predictions).
    """
    from frameworks import reference_framework
    from tagging import TAGGER_VERSION, Tagger, fit
    from tagging.crossval import CrossValidation, cv_report, summary
    from tagging.labelled import default_paths, read_labelled

    settings = settings or Settings()
    if _has_data_only(Path(gold_path)):
        if cv:
            raise ValueError(f"{gold_path} is labelled for has_data alone; --cv needs every field labelled")
        return evaluate_has_data(Path(gold_path), settings, use_model=use_model)
    labelled = read_labelled([Path(gold_path)])
    gold = [row.labels() for row in labelled]
    framework = reference_framework(settings.frameworks_dir)  # gold labels use its line ids
    labels = [line.id for line in framework.top_lines]
    tagger = Tagger(framework, settings, use_model=use_model)
    texts = [row.text for row in labelled]
    hints = [fit.hints_of(row) for row in labelled]
    predicted = [
        {"loe": list(t.loe), "role": t.role, "polarity": t.polarity, "has_data": t.has_data}
        for t in tagger.tag_texts(texts, hints)
    ]
    result = score(gold, predicted, labels)
    baseline = baseline_predict(texts, framework.key, settings.frameworks_dir)
    result["rules"] = summary(gold, [fit.rule_labels(d) for d in fit.rule_docs(texts, settings, hints=hints)])
    in_sample = CrossValidation(labelled, {"rules": predicted, "model": predicted, "shipped": predicted,
                                           "baseline": baseline}, [], 0.0, len({r.group for r in labelled}), 0)
    result["slices"] = [{"by": b["by"], "slice": b["slice"], "n": b["n"], "tagger": b["shipped"],
                         "baseline": b["baseline"]} for b in cv_report(in_sample)["slices"]]
    if cv:
        from tagging.crossval import cross_validate

        paths = [Path(gold_path)] + [p for p in (cv_with if cv_with is not None else default_paths())
                                      if Path(p).resolve() != Path(gold_path).resolve()]
        seen: set[tuple[str, str]] = set()
        rows = []
        for row in read_labelled(paths):
            if (row.doc, row.text) not in seen:  # the same passage in two files counts once
                seen.add((row.doc, row.text))
                rows.append(row)
        held_out = cross_validate(rows, settings, progress=progress)
        result["cv"] = cv_report(held_out)
        if cv_predictions:
            from tagging.crossval import write_predictions

            write_predictions(held_out, Path(cv_predictions))
            result["cv"]["predictions"] = str(cv_predictions)
    result["gold"] = str(gold_path)
    result["model"] = tagger.base_model
    result["tagger_version"] = TAGGER_VERSION
    result["baseline"] = score(gold, baseline, labels)
    return result


def _has_data_only(path: Path) -> bool:
    """A check file labelled for has_data alone (tagging/gold/has_data-checks): no role on any row. A
    fully labelled file is told by its first row, so the usual case reads one line."""
    seen = False
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                if labels_given(json.loads(line)) != ("has_data",):
                    return False
                seen = True
    return seen


def evaluate_has_data(gold_path: Path, settings: Settings | None = None, use_model: bool = True) -> dict:
    """has_data alone, for a file labelled for nothing else: the shipped tagger's (or, without
    `use_model`, the rules') precision, recall and F1 beside the baseline's, and each passage it gets
    wrong with the cues it read."""
    from frameworks import reference_framework
    from tagging import TAGGER_VERSION, Tagger

    settings = settings or Settings()
    gold = read_gold(gold_path)
    framework = reference_framework(settings.frameworks_dir)
    texts = [row["text"] for row in gold]
    tags = Tagger(framework, settings, use_model=use_model).tag_texts(texts)
    baseline = baseline_predict(texts, framework.key, settings.frameworks_dir)

    labelled = [row["has_data"] for row in gold]
    errors = [{"id": row["id"], "gold": bool(row["has_data"]), "cues": t.explanation.get("has_data", []),
               "text": row["text"][:300]}
              for row, t in zip(gold, tags) if bool(row["has_data"]) != t.has_data]
    return {"gold": str(gold_path), "n": len(gold), "has_data_only": True, "tagger_version": TAGGER_VERSION,
            "has_data": _flag_prf(labelled, [t.has_data for t in tags]),
            "baseline": {"has_data": _flag_prf(labelled, [b["has_data"] for b in baseline])},
            "errors": errors}


def predictions(gold_path: Path, settings: Settings | None = None) -> list[dict]:
    """Gold rows with the tagger's predictions and explanations alongside (for error analysis)."""
    from frameworks import reference_framework
    from tagging import Tagger

    settings = settings or Settings()
    gold = read_gold(Path(gold_path))
    tagger = Tagger(reference_framework(settings.frameworks_dir), settings)
    rows = []
    for row, tags in zip(gold, tagger.tag_texts([r["text"] for r in gold])):
        rows.append({**row, "pred": {"loe": list(tags.loe), "role": tags.role, "polarity": tags.polarity,
                                     "has_data": tags.has_data, "explanation": tags.explanation,
                                     "loe_cues": tags.loe_cues}})
    return rows


def print_report(result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    base = result["baseline"]
    if result.get("has_data_only"):
        ours, theirs = result["has_data"], base["has_data"]
        table = Table(title=f"{result.get('gold', '')}  (n={result['n']}, has_data only, tagger {result['tagger_version']})")
        for column in ("measure", "tagger", "baseline", "target"):
            table.add_column(column, justify="right" if column != "measure" else "left")
        style = "green" if ours["f1"] >= 0.95 else "red"
        table.add_row("has_data F1", f"[{style}]{ours['f1']:.3f}[/]", f"{theirs['f1']:.3f}", "0.95")
        table.add_row("precision / recall", f"{ours['precision']:.3f} / {ours['recall']:.3f}",
                      f"{theirs['precision']:.3f} / {theirs['recall']:.3f}", "")
        console.print(table)
        for error in result["errors"]:
            said = "missed" if error["gold"] else f"false alarm on {', '.join(map(repr, error['cues']))}"
            console.print(f"  {error['id']}: {said}", markup=False, highlight=False, soft_wrap=True)
        return
    summary = Table(title=f"{result.get('gold', '')}  (n={result['n']}, model={result.get('model')})")
    for column in ("measure", "tagger", "baseline", "target"):
        summary.add_column(column, justify="right" if column != "measure" else "left")
    rows = [
        ("lines of enquiry micro-F1", result["loe"]["micro_f1"], base["loe"]["micro_f1"], 0.85),
        ("role accuracy", result["role"]["accuracy"], base["role"]["accuracy"], 0.85),
        ("polarity accuracy", result["polarity"]["accuracy"], base["polarity"]["accuracy"], 0.85),
        ("has_data F1", result["has_data"]["f1"], base["has_data"]["f1"], 0.95),
    ]
    for name, ours, theirs, target in rows:
        style = "green" if ours >= target else "red"
        summary.add_row(name, f"[{style}]{ours:.3f}[/]", f"{theirs:.3f}", f"{target:.2f}")
    console.print(summary)
    per = Table(title="lines of enquiry")
    for column in ("line", "P", "R", "F1", "support", "baseline F1"):
        per.add_column(column)
    for loe, figures in result["loe"]["per_label"].items():
        per.add_row(loe, f"{figures['precision']:.3f}", f"{figures['recall']:.3f}", f"{figures['f1']:.3f}",
                    str(figures["support"]), f"{base['loe']['per_label'][loe]['f1']:.3f}")
    console.print(per)
    for key in ("role", "polarity"):
        table = Table(title=f"{key} per class")
        for column in ("class", "P", "R", "F1", "support"):
            table.add_column(column)
        for cls, figures in result[key]["per_class"].items():
            table.add_row(cls, f"{figures['precision']:.3f}", f"{figures['recall']:.3f}",
                          f"{figures['f1']:.3f}", str(figures["support"]))
        console.print(table)
    confusion = Table(title="role confusion (rows gold, columns predicted)")
    confusion.add_column("gold \\ pred")
    for role in ROLES:
        confusion.add_column(role[:7])
    for gold_role, row in result["role"]["confusion"].items():
        confusion.add_row(gold_role, *(str(row.get(r, 0)) for r in ROLES))
    console.print(confusion)
    kinds = Table(title="by document kind and framework (tagger / baseline)")
    for column in ("slice", "n", "loe F1", "role", "polarity", "has_data F1"):
        kinds.add_column(column, justify="left" if column == "slice" else "right")
    for block in result.get("slices", []):
        if block["by"] in {"kind", "framework"}:
            kinds.add_row(block["slice"], str(block["n"]), *(
                f"{block['tagger'][k]:.3f} / {block['baseline'][k]:.3f}"
                for k in ("loe_micro_f1", "role_accuracy", "polarity_accuracy", "has_data_f1")))
    console.print(kinds)


if __name__ == "__main__":  # python -m tagging.evaluate GOLD.jsonl [--json]
    import sys

    outcome = evaluate(Path(sys.argv[1]))
    if "--json" in sys.argv:
        print(json.dumps(outcome, indent=2))
    else:
        print_report(outcome)
