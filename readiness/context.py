"""Opening what commands share: settings, the store, the framework, the redacted evidence."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

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

    from packs.redact import Redactor, looks_like_personal_record, redact_patterns

    holder: list[Redactor] = []

    def redactor() -> Redactor:  # built on first use: a fully cached pack never loads the model
        if not holder:
            holder.append(Redactor(settings))
        return holder[0]

    @lru_cache(maxsize=4096)
    def redact_text(text: str) -> str:
        return redactor().redact(text)

    def redact_document(texts: Sequence[str], kind: str | None = None) -> list[str]:
        # Names are looked for in personal records; reports about services keep place and
        # service names intact. Numbers, addresses and contact details go everywhere.
        if looks_like_personal_record(texts, kind):
            return redactor().redact_document(texts)
        return [redact_patterns(text) for text in texts]

    return redact_document, redact_text


def redaction_key(settings: Settings) -> str:
    """Changes whenever the redactor's code or model changes, so cached redactions are redone."""
    import packs.redact as redact_module

    source = Path(redact_module.__file__).read_bytes()
    return hashlib.sha256(source + settings.spacy_model.encode()).hexdigest()[:32]


def open_evidence(settings: Settings, store: EvidenceStore | None = None) -> tuple[EvidenceStore, Framework, Evidence]:
    store = store or EvidenceStore(settings.store)
    framework = load_framework(settings.framework, settings.frameworks_dir)
    redact_document, redact_text = redactors(settings)
    key = redaction_key(settings) if redact_document is not None else None
    from facts.stage import ensure_facts, home_authority

    ensure_facts(store)
    home = home_authority(store, settings.authority)
    return store, framework, load_evidence(store, framework, redact_document, redact_text, key, home.name, home.how)


def context_factory(store: str | None, framework: str | None, config: str | None) -> tuple[Settings, Evidence]:
    """What stage commands registered by other modules get: settings and redacted evidence."""
    settings = load_settings(store, framework, config)
    _, _, evidence = open_evidence(settings)
    return settings, evidence
