"""The evidence as it may leave the store: the store's passages, tags and facts seen through
redaction (unless the user turned it off), under one framework."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

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


def display_path(settings: Settings) -> TextRedactor:
    """How a path is printed or written: every component (folders too) redacted, and nothing a
    terminal would act on (control characters, escape sequences)."""
    _, redact_text = redactors(settings)
    if redact_text is None:
        return printable

    def show(path: str) -> str:
        parts = Path(path).parts
        anchor = Path(path).anchor
        return printable(str(Path(*[part if part == anchor else redact_text(part) for part in parts]))) if parts else path

    return show


def open_evidence(settings: Settings, store: EvidenceStore | None = None) -> tuple[EvidenceStore, Framework, Evidence]:
    store = store or EvidenceStore(settings.store)
    framework = load_framework(settings.framework, settings.frameworks_dir)
    redact_document, redact_text = redactors(settings)
    key = redaction_key(settings) if redact_document is not None else None
    from facts.stage import ensure_facts, home_authority

    ensure_facts(store)
    home = home_authority(store, settings.authority)
    return store, framework, load_evidence(store, framework, redact_document, redact_text, key, home.name, home.how)
