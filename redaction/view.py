"""The evidence as it may leave the store: the store's passages, tags and facts seen through
redaction (unless the user turned it off), under one framework, for the home authority."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from core.settings import Settings
from core.text import printable
from evidence_store import EvidenceStore
from evidence_store.evidence import Evidence, load_evidence
from frameworks import Framework, load_framework

DocumentRedactor = Callable[..., list[str]]
TextRedactor = Callable[[str], str]


def redactors(settings: Settings) -> tuple[DocumentRedactor | None, TextRedactor | None]:
    """The document and single-string redactors, or (None, None) when redaction is off."""
    if not settings.redact:
        return None, None
    from redaction import default_redactor

    @lru_cache(maxsize=4096)
    def redact_text(text: str) -> str:
        return default_redactor(settings.spacy_model).redact(text)

    def redact_document(texts: Sequence[str], kind: str | None = None) -> list[str]:
        # Decided by content, not kind: personal records lose names too; public documents keep
        # place, council and contributors' names. The model loads on first use only.
        return default_redactor(settings.spacy_model).redact_by_content(texts)

    return redact_document, redact_text


def redaction_key(settings: Settings) -> str:
    """Changes whenever the redactor's code, data or model changes, so cached redactions are redone."""
    from redaction import cache_key

    return cache_key(settings.spacy_model)


def display_path(settings: Settings) -> TextRedactor:
    """How a path is printed or written: every component (folders too) redacted, and nothing a
    terminal would act on (control characters, escape sequences)."""
    if not settings.redact:
        return printable
    from redaction import default_redactor, redact_path

    @lru_cache(maxsize=4096)
    def show(path: str) -> str:
        return printable(redact_path(path, default_redactor(settings.spacy_model)))

    return show


def open_evidence(settings: Settings, store: EvidenceStore | None = None) -> tuple[EvidenceStore, Framework, Evidence]:
    from facts.stage import ensure_facts, home_authority

    store = store or EvidenceStore(settings.store)
    framework = load_framework(settings.framework, settings.frameworks_dir)
    redact_document, redact_text = redactors(settings)
    key = redaction_key(settings) if redact_document is not None else None
    ensure_facts(store)
    home = home_authority(store, settings.authority)
    return store, framework, load_evidence(store, framework, redact_document, redact_text, key, home.name, home.how)
