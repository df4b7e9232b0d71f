"""Train the statistical layer with spaCy's training API, and estimate it by leaving councils out.

    docs = rule_docs(texts)                          # the rule components run once per passage
    nlp = train_textcat(docs, rows)                  # four textcat components, config.cfg
    probs = predict_textcat(nlp, docs)               # {head: array of probabilities}

Training is deterministic for a given seed (spaCy's fix_random_seed, a seeded shuffle per epoch).
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, load_config, load_model_from_config, registry

import tagging.textcat  # noqa: F401  (registers the architecture)
from frameworks import reference_framework
from tagging.labelled import LabelledPassage
from tagging.neighbours import Place, place_of
from tagging.features import FEATURE_VERSION
from tagging.textcat import CONFIG_PATH, HEADS, TEXTCAT_DIR

log = logging.getLogger(__name__)

ROLES = ("outcome", "process", "recommendation", "judgement", "context")
POLARITIES = ("strength", "concern", "neutral")
# the lines of enquiry labelled passages use: the reference framework's top lines (guidelines)
LOE_LINES = tuple(line.id for line in reference_framework().top_lines)


def rule_docs(texts: Sequence[str], settings=None, framework_id: str | None = None,
              hints: Sequence[dict | None] | None = None) -> list[Doc]:
    """Docs after the rule components (no statistical layer): what the textcat reads. The framework
    defaults to the reference one: labelled passages use its line ids."""
    from core.settings import Settings
    from frameworks import reference_framework_id
    from tagging.pipeline import get_pipeline

    settings = settings or Settings()
    framework_id = framework_id or reference_framework_id()
    nlp = get_pipeline(settings.spacy_model, framework_id, settings.frameworks_dir, True, use_model=False)

    def prepared():
        for i, text in enumerate(texts):
            doc = nlp.make_doc(text or "")
            doc._.hints = hints[i] if hints else None
            yield doc

    return list(nlp.pipe(prepared(), batch_size=64))


def hints_at(row: LabelledPassage, place: Place | None) -> dict:
    """What the extractor tells the tagger about a passage of a labelled passage's document: the
    document's kind and, when known, the passage's heading path and kind (`place`)."""
    document_kind = "committee report" if row.kind == "council-paper" else "inspection report"
    return {"document_kind": document_kind, **(place.hints() if place else {})}


def hints_of(row: LabelledPassage) -> dict:
    """What the extractor tells the tagger about a labelled passage: its document's kind and, where
    its file was extracted (tagging/neighbours.py), the heading it is under and its own kind."""
    return hints_at(row, place_of(row.id))


def rule_labels(doc: Doc) -> dict:
    return {"loe": list(doc._.loe_selected or {}), "role": doc._.role or "context",
            "polarity": doc._.polarity or "neutral", "has_data": bool(doc._.has_data)}


def cats_of(row: LabelledPassage) -> dict[str, dict[str, float]]:
    """Gold labels as each textcat's `cats`."""
    return {
        "role": {r: float(row.role == r) for r in ROLES},
        "polarity": {p: float(row.polarity == p) for p in POLARITIES},
        "loe": {line: float(line in row.loe) for line in LOE_LINES},
        "has_data": {"has_data": float(row.has_data)},
    }


@dataclass
class Decisions:
    """What the shipped tagger takes from the model (config.cfg, [readiness])."""

    active: tuple[str, ...]
    loe_threshold: float
    # where the rules beat the model in CV on a head the model owns: the rules' role labels that
    # stand, and the rules' lines that are kept beside the model's
    rule_roles: tuple[str, ...] = ()
    rule_lines: tuple[str, ...] = ()
    # how much the role and polarity scores of the passages either side weigh in a passage's own
    # (textcat.with_neighbours); 0 reads each passage alone
    neighbour_weight: float = 0.0
    # has_data: the classifier's probability that adds data the rules found none of (0: the
    # classifier is not used); it never takes away a figure the rules found
    data_threshold: float = 0.0


def decisions(config_path: Path = CONFIG_PATH) -> Decisions:
    section = load_config(config_path, interpolate=False).get("readiness", {})
    return Decisions(tuple(section.get("active", ())), float(section.get("loe_threshold", 0.5)),
                     tuple(section.get("rule_roles", ())), tuple(section.get("rule_lines", ())),
                     float(section.get("neighbour_weight", 0.0)), float(section.get("data_threshold", 0.0)))


def config_seed(config_path: Path = CONFIG_PATH) -> int:
    return int(load_config(config_path, interpolate=True)["training"]["seed"])


@dataclass
class TrainingSettings:
    max_epochs: int
    dropout: float
    seed: int


def _training(config) -> tuple[TrainingSettings, object, object]:
    section = config["training"]
    optimizer = registry.resolve({"o": section["optimizer"]})["o"]
    batcher = registry.resolve({"b": section["batcher"]})["b"]
    return TrainingSettings(int(section["max_epochs"]), float(section["dropout"]), int(section["seed"])), optimizer, batcher


def train_textcat(docs: Sequence[Doc], rows: Sequence[LabelledPassage], config_path: Path = CONFIG_PATH,
                  seed: int | None = None, overrides: dict | None = None) -> Language:
    """A pipeline of the four textcat components, trained on these docs' features and labels."""
    config = load_config(config_path, overrides=overrides or {}, interpolate=True)
    config.pop("readiness", None)  # ours, not spaCy's
    settings, optimizer, batcher = _training(config)
    seed = settings.seed if seed is None else seed
    fix_random_seed(seed)
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    per_head = {head: [] for head in HEADS}
    for doc, row in zip(docs, rows):
        cats = cats_of(row)
        for head in HEADS:
            per_head[head].append(Example.from_dict(doc, {"cats": cats[head]}) if head in row.labelled else None)
    for head, name in HEADS.items():
        pipe = nlp.get_pipe(name)
        for label in cats_of(rows[0])[head]:
            pipe.add_label(label)
    # each component learns from its own examples (cats differ per head)
    nlp.initialize(lambda: [Example.from_dict(d, {"cats": {}}) for d in docs[:1]])
    # the rows with every label in one shuffled order (as before there were others, so the heads they
    # train come out the same), then each epoch the rows labelled for some heads alone (the check
    # batches, has_data alone) in an order of their own
    every = [i for i, row in enumerate(rows) if row.fully_labelled]
    some = [i for i, row in enumerate(rows) if not row.fully_labelled]
    rng, rng_some = random.Random(seed), random.Random(seed + 1)
    for _ in range(settings.max_epochs):
        rng.shuffle(every)
        rng_some.shuffle(some)
        for batch in [*batcher(every), *batcher(some)]:
            for head, name in HEADS.items():
                examples = [per_head[head][i] for i in batch if per_head[head][i] is not None]
                if examples:
                    nlp.get_pipe(name).update(examples, drop=settings.dropout, sgd=optimizer)
    return nlp


def predict_textcat(nlp: Language, docs: Sequence[Doc]) -> dict[str, np.ndarray]:
    out = {}
    for head, name in HEADS.items():
        pipe = nlp.get_pipe(name)
        scores = np.asarray(pipe.predict(list(docs)))
        order = [list(pipe.labels).index(label) for label in _labels(head)]
        out[head] = scores[:, order]
    return out


def _labels(head: str) -> tuple[str, ...]:
    return {"role": ROLES, "polarity": POLARITIES, "loe": LOE_LINES, "has_data": ("has_data",)}[head]


def model_labels(probs: dict[str, np.ndarray], i: int, threshold: float = 0.5, data_threshold: float = 0.5) -> dict:
    """The classifiers' own labels for passage i. With the has_data classifier off (data_threshold 0) its
    reading alone is still reported, at its own decision point, 0.5."""
    return {
        "role": ROLES[int(np.argmax(probs["role"][i]))],
        "polarity": POLARITIES[int(np.argmax(probs["polarity"][i]))],
        "loe": [line for j, line in enumerate(LOE_LINES) if probs["loe"][i, j] >= threshold],
        "has_data": bool(probs["has_data"][i, 0] >= (data_threshold or 0.5)),
    }


# what the fold workers read: set before they fork, so the docs are shared, not pickled
_FOLDS: tuple | None = None


def _held_out(group: str) -> tuple[list[int], dict[str, np.ndarray]]:
    docs, rows, seed, config_path, overrides, extra = _FOLDS
    held = [i for i, r in enumerate(rows) if r.group == group]
    train = [i for i, r in enumerate(rows) if r.group != group]
    nlp = train_textcat([docs[i] for i in train], [rows[i] for i in train], config_path, seed, overrides)
    held_extra = [j for j, (extra_group, _) in enumerate(extra) if extra_group == group]
    predicted = [docs[i] for i in held] + [extra[j][1] for j in held_extra]
    return held + [len(rows) + j for j in held_extra], predict_textcat(nlp, predicted)


def leave_one_group_out(docs: Sequence[Doc], rows: Sequence[LabelledPassage], seed: int | None = None,
                        config_path: Path = CONFIG_PATH, overrides: dict | None = None,
                        progress=None, workers: int | None = None,
                        extra: Sequence[tuple[str, Doc]] = ()) -> dict[str, np.ndarray]:
    """Held-out probabilities for every row: each council group predicted by a model trained on the
    others. `extra` docs (unlabelled: a labelled passage's neighbours) are predicted by the model
    that predicts their group, their rows following the labelled rows'. Folds are independent (each
    trains from the same seed), so they run in `workers` processes (default: one per core); the
    figures do not depend on how many."""
    import multiprocessing
    import os

    global _FOLDS
    groups = sorted({r.group for r in rows})
    workers = max(1, min(workers or os.cpu_count() or 1, len(groups)))
    out: dict[str, np.ndarray] = {}

    def gather(results) -> None:
        for n, (group, (held, probs)) in enumerate(zip(groups, results)):
            for head, values in probs.items():
                if head not in out:
                    out[head] = np.zeros((len(rows) + len(extra), values.shape[1]))
                out[head][held] = values
            if progress:
                progress(n + 1, len(groups), group)

    _FOLDS = (docs, rows, seed, config_path, overrides, list(extra))
    try:
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                gather(pool.imap(_held_out, groups))
        else:
            gather(map(_held_out, groups))
    finally:
        _FOLDS = None
    return out


def train_and_save(rows: Sequence[LabelledPassage], out: Path = TEXTCAT_DIR, settings=None,
                   config_path: Path = CONFIG_PATH, seed: int | None = None, sources: Sequence[Path] = ()) -> dict:
    """Train on every row; keep only the components the tagger uses; write them (spaCy's to_disk)."""
    import hashlib
    import shutil

    docs = rule_docs([r.text for r in rows], settings, hints=[hints_of(r) for r in rows])
    nlp = train_textcat(docs, rows, config_path, seed)
    choice = decisions(config_path)
    for head, name in HEADS.items():
        if head not in choice.active and not (head == "has_data" and choice.data_threshold > 0):
            nlp.remove_pipe(name)  # a head the rules decide is not shipped (nor run)
    digest = hashlib.sha256()
    for path in sources:
        digest.update(Path(path).read_bytes())
    nlp.meta["name"] = "readiness_tagger"
    nlp.meta["readiness"] = {
        "active": list(choice.active), "loe_threshold": choice.loe_threshold,
        "rule_roles": list(choice.rule_roles), "rule_lines": list(choice.rule_lines),
        "neighbour_weight": choice.neighbour_weight, "data_threshold": choice.data_threshold,
        "seed": config_seed(config_path) if seed is None else seed, "passages": len(rows),
        "has_data_only": sum(1 for r in rows if not r.fully_labelled),
        "documents": len({r.doc for r in rows}), "council_groups": len({r.group for r in rows}),
        "trained_on": [Path(p).name for p in sources], "labelled_sha256": digest.hexdigest()[:16],
        "feature_version": FEATURE_VERSION,
    }
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    return {"out": str(out), "bytes": size, "components": list(nlp.pipe_names), **nlp.meta["readiness"]}
