"""How well does the tagger do on councils it has never seen? Leave-one-council-out, by kind and framework.

    cv = cross_validate(load_labelled())      # each council group predicted by a model trained on the others
    report = cv_report(cv)                     # figures overall, per document kind, per framework, per file
    print_cv(report)

Four predictors are scored on the same rows: the rule components alone, the statistical model on
every head, the shipped tagger (the model only on the heads it owns, `[readiness] active` in
tagging/model/config.cfg, the rules on the rest and on the labels `rule_roles` and `rule_lines` keep)
and the cue-matching baseline. Councils reorganised
from one another are held out together (tagging/labelled.py), so no fold trains on a predecessor
or successor of the council it tests.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from tagging.labelled import FRAMEWORK_NAMES, KIND_NAMES, LabelledPassage
from tagging.textcat import CONFIG_PATH

if TYPE_CHECKING:
    from tagging.fit import Decisions

log = logging.getLogger(__name__)

TARGETS = {"loe_micro_f1": 0.85, "role_accuracy": 0.85, "polarity_accuracy": 0.85, "has_data_f1": 0.95}
PREDICTORS = ("rules", "model", "shipped", "baseline")


@dataclass
class CrossValidation:
    rows: list[LabelledPassage]
    predictions: dict[str, list[dict]]  # predictor -> one label dict per row
    active: list[str]
    loe_threshold: float
    groups: int
    seed: int
    notes: list[str] = field(default_factory=list)
    rules_keep: list[str] = field(default_factory=list)  # the rules' labels that stand over the model's
    neighbour_weight: float = 0.0  # role and polarity read beside the passages either side at this weight
    with_neighbours: int = 0  # rows whose neighbours were known (tagging/neighbours.py)


def shipped_labels(rule: dict, model: dict, choice: Decisions, text: str = "") -> dict:
    """What the shipped tagger decides: the model on its heads, the rules on the rest and where the
    configuration keeps them (textcat.role_with_rules, lines_with_rules), the model's polarity
    read as the tagger reads it (textcat.read_by_direction), and has_data where either the rules or
    the classifier find a figure (`data_threshold`)."""
    from tagging.textcat import lines_with_rules, read_by_direction, role_with_rules

    labels = {head: (model[head] if head in choice.active else rule[head]) for head in ("loe", "role", "polarity", "has_data")}
    if "role" in choice.active:
        labels["role"] = role_with_rules(labels["role"], rule["role"], choice.rule_roles)
    if "loe" in choice.active:
        labels["loe"] = lines_with_rules(labels["loe"], rule["loe"], choice.rule_lines)
    if "polarity" in choice.active:
        labels["polarity"], _ = read_by_direction(labels["polarity"], text)
    if choice.data_threshold > 0:  # the classifier adds data the rules missed, never takes it away
        labels["has_data"] = bool(rule["has_data"] or model["has_data"])
    return labels


def _neighbour_docs(rows: Sequence[LabelledPassage], settings=None) -> tuple[list[list[int]], list]:
    """Each row's neighbours (tagging/neighbours.py) as docs for the folds to predict, each text once per
    council group: the indices of every row's neighbours among them, and the (group, doc) pairs."""
    from tagging import fit
    from tagging.neighbours import load_neighbours

    found = load_neighbours()
    index: dict[tuple[str, str], int] = {}
    texts: list[tuple[str, str, dict]] = []
    beside: list[list[int]] = []
    for row in rows:
        pair = found.get(row.id)
        mine = []
        for text, place in ((pair.previous, pair.previous_place), (pair.next, pair.next_place)) if pair else ():
            if text:
                key = (row.group, text)
                if key not in index:
                    index[key] = len(texts)
                    texts.append((row.group, text, fit.hints_at(row, place)))
                mine.append(index[key])
        beside.append(mine)
    docs = fit.rule_docs([t for _, t, _ in texts], settings, hints=[h for _, _, h in texts]) if texts else []
    return beside, [(group, doc) for (group, _, _), doc in zip(texts, docs)]


def _beside_neighbours(model: dict, probs: dict, i: int, neighbours: Sequence[int], choice: Decisions) -> dict:
    """The model's role and polarity for row i read beside its neighbours' scores, as the shipped
    tagger reads them (textcat.with_neighbours)."""
    from tagging.fit import POLARITIES, ROLES
    from tagging.textcat import with_neighbours

    read = dict(model)
    for head, labels in (("role", ROLES), ("polarity", POLARITIES)):
        def scores(k: int) -> dict[str, float]:
            return dict(zip(labels, (float(p) for p in probs[head][k])))

        combined = with_neighbours(scores(i), [scores(k) for k in neighbours], choice.neighbour_weight)
        read[head] = max(labels, key=combined.__getitem__)
    return read


def cross_validate(rows: Sequence[LabelledPassage], settings=None, seed: int | None = None,
                   config_path: Path = CONFIG_PATH, progress: Callable[[int, int, str], None] | None = None
                   ) -> CrossValidation:
    from tagging import fit
    from tagging.evaluate import baseline_predict

    rows = list(rows)
    docs = fit.rule_docs([r.text for r in rows], settings, hints=[fit.hints_of(r) for r in rows])
    rule = [fit.rule_labels(d) for d in docs]
    choice = fit.decisions(config_path)
    beside, extra = _neighbour_docs(rows, settings) if choice.neighbour_weight > 0 else ([[] for _ in rows], [])
    probs = fit.leave_one_group_out(docs, rows, seed, config_path, progress=progress, extra=extra)
    model = [fit.model_labels(probs, i, choice.loe_threshold, choice.data_threshold) for i in range(len(rows))]
    read = [_beside_neighbours(m, probs, i, [len(rows) + j for j in beside[i]], choice) for i, m in enumerate(model)]
    shipped = [shipped_labels(r, m, choice, row.text) for r, m, row in zip(rule, read, rows)]
    baseline = baseline_predict([r.text for r in rows], None, settings.frameworks_dir if settings else None)
    return CrossValidation(rows, {"rules": rule, "model": model, "shipped": shipped, "baseline": baseline},
                           list(choice.active), choice.loe_threshold, len({r.group for r in rows}),
                           fit.config_seed(config_path) if seed is None else seed,
                           rules_keep=[*choice.rule_roles, *choice.rule_lines],
                           neighbour_weight=choice.neighbour_weight, with_neighbours=sum(1 for b in beside if b))


def write_predictions(cv: CrossValidation, path: Path) -> int:
    """One JSON line per held-out passage: where it comes from, its gold labels and each predictor's
    labels (for error analysis). Returns the number of lines written."""
    import json

    with open(path, "w", encoding="utf-8") as handle:
        for i, row in enumerate(cv.rows):
            record = {"id": row.id, "doc": row.doc, "group": row.group, "kind": row.kind, "framework": row.framework,
                      "source": row.source, "text": row.text, "gold": row.labels(),
                      **{name: cv.predictions[name][i] for name in PREDICTORS}}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(cv.rows)


def summary(gold: Sequence[dict], predicted: Sequence[dict]) -> dict:
    from tagging.evaluate import score
    from tagging.fit import LOE_LINES

    figures = score(list(gold), list(predicted), list(LOE_LINES))
    return {"n": len(gold), "loe_micro_f1": figures["loe"]["micro_f1"], "role_accuracy": figures["role"]["accuracy"],
            "polarity_accuracy": figures["polarity"]["accuracy"], "has_data_f1": figures["has_data"]["f1"]}


def cv_report(cv: CrossValidation) -> dict:
    """Figures per predictor for every slice: all, each document kind, each framework, each file."""
    slices: list[tuple[str, str, list[int]]] = [("all", "all labelled passages", list(range(len(cv.rows))))]
    for key, name, values in (("kind", "document kind", [r.kind for r in cv.rows]),
                              ("framework", "framework", [r.framework for r in cv.rows]),
                              ("file", "labelled file", [r.source for r in cv.rows])):
        for value in sorted(set(values), key=lambda v: -values.count(v)):
            label = KIND_NAMES.get(value, value) if key == "kind" else FRAMEWORK_NAMES.get(value, value) if key == "framework" else value
            slices.append((key, label, [i for i, v in enumerate(values) if v == value]))
    out: dict = {"method": "leave-one-council-out", "council_groups": cv.groups, "n": len(cv.rows),
                 "seed": cv.seed, "active": cv.active, "loe_threshold": cv.loe_threshold, "rules_keep": cv.rules_keep,
                 "neighbour_weight": cv.neighbour_weight, "with_neighbours": cv.with_neighbours, "targets": TARGETS,
                 "slices": []}
    for key, label, idx in slices:
        gold = [cv.rows[i].labels() for i in idx]
        out["slices"].append({"by": key, "slice": label, "n": len(idx), **{
            name: summary(gold, [cv.predictions[name][i] for i in idx]) for name in PREDICTORS}})
    return out


def print_cv(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    measures = (("loe_micro_f1", "loe F1"), ("role_accuracy", "role"), ("polarity_accuracy", "polarity"),
                ("has_data_f1", "has_data F1"))
    for by in ("all", "kind", "framework", "file"):
        table = Table(title=f"{report['method']} ({report['council_groups']} council groups, {report['n']} passages)"
                      + ("" if by == "all" else f": by {by}"))
        table.add_column("slice")
        table.add_column("n", justify="right")
        for _, short in measures:
            table.add_column(f"{short}\nrules / model / shipped / baseline", justify="right")
        for block in (b for b in report["slices"] if b["by"] == by):
            cells = []
            for key, _ in measures:
                shipped = block["shipped"][key]
                style = "green" if shipped >= report["targets"][key] else "red"
                cells.append(f"{block['rules'][key]:.3f} / {block['model'][key]:.3f} / [{style}]{shipped:.3f}[/] / "
                             f"{block['baseline'][key]:.3f}")
            table.add_row(block["slice"], str(block["n"]), *cells)
        console.print(table)
    kept = report.get("rules_keep") or []
    console.print(f"shipped: the model decides {', '.join(report['active']) or 'nothing'}; the rules the rest"
                  + (f", and their {', '.join(kept)} stand over the model's" if kept else "") + ". "
                  + (f"Role and polarity are read beside the passages either side (weight {report['neighbour_weight']}; "
                     f"{report.get('with_neighbours', 0)} of {report['n']} passages had them). "
                     if report.get("neighbour_weight") else "")
                  + "Targets: " + ", ".join(f"{k} {v}" for k, v in report["targets"].items()))
