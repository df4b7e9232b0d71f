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


def eval_command(
    gold: Annotated[Path, typer.Option("--gold", exists=True, dir_okay=False, help="Labelled passages (JSONL, the guidelines' format).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    config: ConfigOpt = None,
    spacy_model: SpacyModelOpt = None,
    cv: Annotated[bool, typer.Option("--cv", help="Add cross-validated figures (key `cv`).")] = False,
    cv_gold: Annotated[Optional[list[Path]], typer.Option("--cv-gold", exists=True, dir_okay=False, help="More labelled files to pool into the --cv folds.")] = None,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Score the rule components alone.")] = False,
) -> None:
    """Score the tagger against labelled passages (lines of enquiry, role, polarity, has_data)."""
    from tagging.evaluate import evaluate, print_report
    from tagging.train import print_cv

    settings = load_settings(None, None, config, spacy_model=spacy_model)
    result = evaluate(gold, settings, use_model=not rules_only, cv_with=list(cv_gold or []) if cv else None)
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    print_report(result)
    if "cv" in result:
        print_cv(result["cv"])


def train_command(
    gold: Annotated[list[Path], typer.Option("--gold", exists=True, dir_okay=False, help="Labelled passages (JSONL); repeatable.")],
    cv: Annotated[bool, typer.Option("--cv", help="Also print cross-validated figures.")] = False,
    out: Annotated[Optional[Path], typer.Option("--out", help="Where to write the model (default: the shipped model's file).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    config: ConfigOpt = None,
    spacy_model: SpacyModelOpt = None,
    seed: Annotated[Optional[int], typer.Option("--seed", help="Random seed (default: the shipped model's).")] = None,
) -> None:
    """Train the tagger's learned layer on labelled passages."""
    from tagging.train import MODEL_PATH, SEED, print_cv, train

    settings = load_settings(None, None, config, spacy_model=spacy_model)
    result = train(gold, out or MODEL_PATH, settings, cv=cv, seed=SEED if seed is None else seed)
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    console.print(f"trained on {result['n']} passages from {result['documents']} documents -> {result['out']} "
                  f"({result['bytes']} bytes, {result['vocab']} features)", markup=False)
    if cv:
        print_cv(result["cv"])
