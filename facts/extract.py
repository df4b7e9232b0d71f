"""`extract_facts(document, passages) -> DocumentFacts`: every fact one document states."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from core.model import DocumentFacts, ExtractedDocument, Passage, parse_iso_date
from facts.home import document_authority
from facts.inspection import read_inspection

FACTS_VERSION = "2026.12.03-facts.4"  # bump whenever a reader changes, so stores read facts again


@dataclass(frozen=True)
class DocumentInfo:
    """What the fact readers need to know about a document besides its passages."""

    sha256: str
    title: str | None
    date: str | None
    kind: str | None
    source_path: str | None = None


def document_info(document: object) -> DocumentInfo:
    """A store row (mapping), an ExtractedDocument or a DocumentInfo, as a DocumentInfo."""
    if isinstance(document, DocumentInfo):
        return document
    if isinstance(document, ExtractedDocument):
        return DocumentInfo(document.sha256, document.title.value, document.date.value, document.kind.value, document.source_path)
    if isinstance(document, Mapping):
        return DocumentInfo(str(document["sha256"]), document.get("title"), document.get("date"), document.get("kind"),
                            document.get("source_path"))
    raise TypeError(f"not a document: {type(document).__name__}")


def extract_facts(document: object, passages: Sequence[Passage]) -> DocumentFacts:
    """Judgements, recommendations, actions, figures and audit statistics one document states,
    each with its provenance, scoped to the document's council (and inspection, where it has one).

    `document` is a store row (`EvidenceStore.current_documents()`), an `ExtractedDocument` or a
    `DocumentInfo`; `passages` are the document's passages in reading order."""
    from facts.actions import read_actions
    from facts.audit_stats import read_audit_stats
    from facts.figures import read_figures
    from facts.judgements import report_judgements
    from facts.prose import prose_judgements
    from facts.recommendations import read_recommendations

    info = document_info(document)
    passages = [p for p in passages if p.document_sha == info.sha256] or list(passages)
    on = parse_iso_date(info.date)
    decided = document_authority(info.title, passages, on)
    authority = decided.name
    inspection = read_inspection(passages, info.title)
    facts = DocumentFacts(info.sha256, authority, decided.how, inspection)
    if inspection is not None:
        facts.judgements.extend(report_judgements(passages, inspection, authority))
    facts.judgements.extend(prose_judgements(passages, inspection, authority, on, facts.judgements))
    facts.recommendations.extend(read_recommendations(passages, inspection, authority))
    facts.actions.extend(read_actions(passages, authority, inspection))
    facts.figures.extend(read_figures(passages, authority, on))
    facts.audit_stats.extend(read_audit_stats(passages, authority, info.title, info.kind))
    return facts
