"""Opening what commands share: settings, the store, the framework, the redacted evidence."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from evidence_store import EvidenceStore
from evidence_store.evidence import Evidence, load_evidence
from frameworks import Framework, load_framework
from core.settings import Settings


def load_settings(store: str | None = None, framework: str | None = None, config: str | None = None, **extra: object) -> Settings:
    return Settings.load(config, store=store, framework=framework, **extra)


def redactors(settings: Settings) -> tuple[Callable[..., list[str]] | None, Callable[[str], str] | None]:
    """The document and single-string redactors, or (None, None) when redaction is off."""
    if not settings.redact:
        return None, None
    from functools import lru_cache

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


def open_evidence(settings: Settings, store: EvidenceStore | None = None) -> tuple[EvidenceStore, Framework, Evidence]:
    store = store or EvidenceStore(settings.store)
    framework = load_framework(settings.framework, settings.frameworks_dir)
    redact_document, redact_text = redactors(settings)
    key = redaction_key(settings) if redact_document is not None else None
    return store, framework, load_evidence(store, framework, redact_document, redact_text, key)


def context_factory(store: str | None, framework: str | None, config: str | None) -> tuple[Settings, Evidence]:
    """What stage commands registered by other modules get: settings and redacted evidence."""
    settings = load_settings(store, framework, config)
    _, _, evidence = open_evidence(settings)
    return settings, evidence
