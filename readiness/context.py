"""Opening what commands share: settings, the store, the framework, the redacted evidence."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from evidence_store import EvidenceStore
from evidence_store.evidence import Evidence, load_evidence
from frameworks import Framework, load_framework
from readiness.config import Settings


def load_settings(store: str | None = None, framework: str | None = None, config: str | None = None, **extra: object) -> Settings:
    return Settings.load(config, store=store, framework=framework, **extra)


def redactors(settings: Settings) -> tuple[Callable[[Sequence[str]], list[str]] | None, Callable[[str], str] | None]:
    """The document and single-string redactors, or (None, None) when redaction is off."""
    if not settings.redact:
        return None, None
    from packs.redact import Redactor

    redactor = Redactor(settings)
    return redactor.redact_document, redactor.redact


def open_evidence(settings: Settings, store: EvidenceStore | None = None) -> tuple[EvidenceStore, Framework, Evidence]:
    store = store or EvidenceStore(settings.store)
    framework = load_framework(settings.framework, settings.frameworks_dir)
    redact_document, redact_text = redactors(settings)
    return store, framework, load_evidence(store, framework, redact_document, redact_text)


def context_factory(store: str | None, framework: str | None, config: str | None) -> tuple[Settings, Evidence]:
    """What stage commands registered by other modules get: settings and redacted evidence."""
    settings = load_settings(store, framework, config)
    _, _, evidence = open_evidence(settings)
    return settings, evidence
