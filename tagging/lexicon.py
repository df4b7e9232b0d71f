"""Cue vocabularies used by the rule components, read from `tagging/data/cues.yaml`.

Role, polarity and quantity cues are general English and sector language, so they live with the
tagger; the line-of-enquiry vocabulary depends on the framework and lives beside the framework files
(`frameworks/data/vocabulary.yaml`, read with `frameworks.vocabulary()`). Weights are on a 0-1 scale:
1.0 = the phrase alone is enough, 0.5 = needs support from a second cue. The file is read with the
strict loader, so a phrase written twice in one list is an error rather than a silent overwrite.
"""

from __future__ import annotations

from pathlib import Path

from frameworks.yamlfile import load_yaml

CUES_FILE = Path(__file__).with_name("data") / "cues.yaml"

_RAW = load_yaml(CUES_FILE)


def _weights(name: str) -> dict[str, float]:
    return {str(k): float(v) for k, v in _RAW[name].items()}


def _words(name: str) -> frozenset[str]:
    return frozenset(str(w) for w in _RAW[name])


# --- evidence role ------------------------------------------------------------------------
IMPERATIVE_VERBS: frozenset[str] = _words("imperative_verbs")
RECOMMENDATION_PHRASES: dict[str, float] = _weights("recommendation_phrases")
CONTEXT_PHRASES: dict[str, float] = _weights("context_phrases")

# --- outcome versus process ------------------------------------------------------------------
CHILD_SUBJECTS: frozenset[str] = _words("child_subjects")
OUTCOME_PHRASES: dict[str, float] = _weights("outcome_phrases")
PROCESS_PHRASES: dict[str, float] = _weights("process_phrases")

# --- polarity -------------------------------------------------------------------------------
STRENGTH_PHRASES: dict[str, float] = _weights("strength_phrases")
CONCERN_PHRASES: dict[str, float] = _weights("concern_phrases")
# Positive words that a negation turns into a concern ("not effective", "no robust ...").
NEGATORS: frozenset[str] = _words("negators")

# --- quantities -----------------------------------------------------------------------------
COUNT_NOUNS: frozenset[str] = _words("count_nouns")
NON_CASE_COUNT_NOUNS: frozenset[str] = _words("non_case_count_nouns")
BENCHMARK_PHRASES: tuple[str, ...] = tuple(str(p) for p in _RAW["benchmark_phrases"])
VAGUE_AMOUNTS: tuple[str, ...] = tuple(str(p) for p in _RAW["vague_amounts"])
# measures whose better direction is known: a stated change in one is read by its direction
LOWER_IS_BETTER: tuple[str, ...] = tuple(str(p) for p in _RAW["lower_is_better"])
HIGHER_IS_BETTER: tuple[str, ...] = tuple(str(p) for p in _RAW["higher_is_better"])
