"""`eval` and `train-tagger`: how well the tagger does on labelled passages, and retraining it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.options import ConfigOpt, load_settings
from cli.output import console

SpacyModelOpt = Annotated[Optional[str], typer.Option("--spacy-model", help='spaCy model name, or "blank" for rules on a blank pipeline.')]


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
    app.command("train-tagger")(train_command)


def _progress():  # type: ignore[no-untyped-def]
    def report(done: int, total: int, group: str) -> None:
        console.print(f"  held out {done}/{total}: {group}", markup=False, highlight=False)

    return report


def eval_command(
    gold: Annotated[Path, typer.Option("--gold", exists=True, dir_okay=False, help="Labelled passages (JSONL, the guidelines' format).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    config: ConfigOpt = None,
    spacy_model: SpacyModelOpt = None,
    cv: Annotated[bool, typer.Option("--cv", help="Add leave-one-council-out figures over this file and the other labelled sets (key `cv`): the honest estimate.")] = False,
    cv_gold: Annotated[Optional[list[Path]], typer.Option("--cv-gold", exists=True, dir_okay=False, help="Labelled files to pool with --gold in the --cv folds (default: the bundled set and, when present, ../shared/eval's dev sets).")] = None,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Score the rule components alone.")] = False,
    cv_predictions: Annotated[Optional[Path], typer.Option("--cv-predictions", dir_okay=False, help="With --cv: write every held-out passage's gold labels and the rules', model's, shipped tagger's and baseline's labels to this JSONL file (error analysis).")] = None,
) -> None:
    """Score the tagger against labelled passages (lines of enquiry, role, polarity, has_data; a file
    labelled for has_data alone, as in tagging/gold/has_data-checks, is scored on has_data alone).

    On passages the shipped model was trained on the figures are in-sample; --cv holds out whole
    councils and prints the figures per document kind and framework beside the cue-matching baseline."""
    from tagging.crossval import print_cv
    from tagging.evaluate import evaluate, print_report

    settings = load_settings(None, None, config, spacy_model=spacy_model)
    try:
        result = evaluate(gold, settings, use_model=not rules_only, cv=cv, cv_with=list(cv_gold) if cv_gold else None,
                          progress=None if as_json else _progress(), cv_predictions=cv_predictions)
    except ValueError as error:
        console.print(f"error: {error}", markup=False)
        raise typer.Exit(2) from error
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    print_report(result)
    if "cv" in result:
        print_cv(result["cv"])


def train_command(
    gold: Annotated[Optional[list[Path]], typer.Option("--gold", exists=True, dir_okay=False, help="Labelled passages (JSONL); repeatable; a file labelled for has_data alone trains the has_data classifier only. Default: the bundled set, the has_data check batches not held out and, when present, ../shared/eval's dev sets.")] = None,
    cv: Annotated[bool, typer.Option("--cv", help="Also print leave-one-council-out figures (per document kind and framework).")] = False,
    out: Annotated[Optional[Path], typer.Option("--out", help="Folder to write the model to (default: the shipped model's, tagging/model/textcat).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    config: ConfigOpt = None,
    spacy_model: SpacyModelOpt = None,
    seed: Annotated[Optional[int], typer.Option("--seed", help="Random seed (default: the model config's).")] = None,
) -> None:
    """Train the tagger's text classifiers (tagging/model/config.cfg) on labelled passages."""
    from tagging.crossval import cross_validate, cv_report, print_cv
    from tagging.fit import train_and_save
    from tagging.labelled import default_paths, has_data_training_paths, read_labelled
    from tagging.textcat import TEXTCAT_DIR

    settings = load_settings(None, None, config, spacy_model=spacy_model)
    paths = list(gold) if gold else default_paths() + has_data_training_paths()
    rows = read_labelled(paths)
    result: dict = {}
    if cv:  # councils held out over the passages with every label
        fully = [row for row in rows if row.fully_labelled]
        result["cv"] = cv_report(cross_validate(fully, settings, seed, progress=None if as_json else _progress()))
    result.update(train_and_save(rows, out or TEXTCAT_DIR, settings, seed=seed, sources=paths))
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    console.print(f"trained on {result['passages']} passages ({result['has_data_only']} labelled for has_data alone) "
                  f"from {result['documents']} documents of "
                  f"{result['council_groups']} council groups -> {result['out']} ({result['bytes']:,} bytes; "
                  f"components {', '.join(result['components'])})", markup=False)
    if cv:
        print_cv(result["cv"])
