"""The evidence store: the data model and its persistence."""

from evidence_store.store import EvidenceStore

__all__ = ["EvidenceStore"]
