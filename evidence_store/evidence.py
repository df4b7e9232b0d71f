"""The tagged evidence for one framework, as narratives and packs read it.

Loading goes through redaction: once evidence leaves the store through this view, personal data
is already replaced by placeholders (unless the user turned redaction off).

Whose evidence: with a home council (`authority`), passages of documents the facts layer filed under
another council are comparators (`Evidence.comparators`), never evidence of this council's practice;
documents that name no council stay evidence. Judgements, recommendations, actions, figures and
audit statistics come from the facts layer (`facts/`), each with its council, inspection and source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from core.model import (
    ActionFact,
    AuditStatFact,
    DocumentFacts,
    FigureFact,
    JudgementFact,
    Passage,
    PassageLabel,
    Provenance,
    RecommendationFact,
    Tag,
)
from evidence_store.store import EvidenceStore
from frameworks import Framework

# Redacts one document's passage texts consistently, given the document's kind.
DocumentRedactor = Callable[[Sequence[str], str | None], list[str]]


@dataclass
class EvidenceItem:
    passage: Passage
    label: PassageLabel | None
    tags: list[Tag]

    @property
    def role(self) -> str:
        return self.label.role if self.label else "context"

    @property
    def polarity(self) -> str:
        return self.label.polarity if self.label else "neutral"

    @property
    def has_data(self) -> bool:
        return bool(self.label and self.label.has_data)

    def score_for(self, loe: str) -> float:
        return max((t.score for t in self.tags if t.loe == loe), default=0.0)


@dataclass
class Evidence:
    framework: Framework
    items: list[EvidenceItem]
    judgements: list[JudgementFact] = field(default_factory=list)  # every council's: history filters by council and subject
    actions: list[ActionFact] = field(default_factory=list)  # the home council's (and documents naming no council)
    documents: list[dict] = field(default_factory=list)
    redacted: bool = True
    recommendations: list[RecommendationFact] = field(default_factory=list)  # as actions
    figures: list[FigureFact] = field(default_factory=list)  # as actions
    audit_stats: list[AuditStatFact] = field(default_factory=list)  # as actions
    authority: str | None = None  # the council this evidence is for
    authority_how: str = ""
    comparators: list[EvidenceItem] = field(default_factory=list)  # other councils' passages
    facts: list[DocumentFacts] = field(default_factory=list)  # every current document's facts, as stored

    def for_loe(self, loe: str) -> list[EvidenceItem]:
        return [item for item in self.items if any(t.loe == loe for t in item.tags)]

    def by_passage(self) -> dict[int, EvidenceItem]:
        return {item.passage.id: item for item in self.items}


def load_evidence(
    store: EvidenceStore,
    framework: Framework,
    redact_document: DocumentRedactor | None,
    redact_text: Callable[[str], str] | None = None,
    redaction_key: str | None = None,
    authority: str | None = None,
    authority_how: str = "",
) -> Evidence:
    """Everything tagged under `framework`, redacted per document when a redactor is given.

    With a `redaction_key` (the redactor's version), redacted texts are cached in the store. With
    an `authority` (the home council, canonical name), other councils' documents are comparators.
    """
    passages = store_passages = store.passages()
    labels = store.labels(framework.id)
    tags_by_passage: dict[int, list[Tag]] = defaultdict(list)
    for tag in store.tags(framework.id):
        tags_by_passage[tag.passage_id].append(tag)

    if redact_document is not None:
        passages = _redact_passages(passages, redact_document, redact_text, store, redaction_key)

    # Only what current documents say: a superseded version's facts stay in the store as history
    # but are not evidence any more (document_facts reads current documents only).
    facts = store.document_facts()
    owner = {f.document_sha: f.authority for f in facts}
    comparator_docs = {sha for sha, name in owner.items() if authority and name and name != authority}
    all_items = [EvidenceItem(p, labels.get(p.id), tags_by_passage.get(p.id, [])) for p in passages]
    items = [i for i in all_items if i.passage.document_sha not in comparator_docs]
    comparators = [i for i in all_items if i.passage.document_sha in comparator_docs]
    text_of = {p.id: p.text for p in passages}
    original_text_of = {p.id: p.text for p in store_passages}

    def redacted(fact):  # type: ignore[no-untyped-def]
        """A fact whose words and text are the redacted passage's (or redacted on their own)."""
        if redact_document is None:
            return fact
        pid = fact.source.passage_id
        words = _redacted_part(fact.source.words, original_text_of.get(pid), text_of.get(pid), redact_text)
        changes: dict = {"source": replace(fact.source, words=words)}
        for name in ("text", "owner", "measure"):
            value = getattr(fact, name, None)
            if isinstance(value, str):
                changes[name] = _redacted_part(value, original_text_of.get(pid), text_of.get(pid), redact_text)
        return replace(fact, **changes)

    # what leaves the store is redacted: every fact's words and text
    facts = [
        replace(f, judgements=[redacted(x) for x in f.judgements], recommendations=[redacted(x) for x in f.recommendations],
                actions=[redacted(x) for x in f.actions], figures=[redacted(x) for x in f.figures],
                audit_stats=[redacted(x) for x in f.audit_stats])
        for f in facts
    ]
    home = [f for f in facts if f.document_sha not in comparator_docs]
    judgements = [j for f in facts for j in f.judgements]
    actions = [a for f in home for a in f.actions]
    recommendations = [r for f in home for r in f.recommendations]
    figures = [x for f in home for x in f.figures]
    audit_stats = [x for f in home for x in f.audit_stats]
    held_as = store.renditions()
    documents = [{**d, "authority": owner.get(d["sha256"], d.get("authority")), "renditions": held_as.get(d["sha256"], [])}
                 for d in store.current_documents()]
    if redact_document is not None:
        # Titles and paths as the document's own redaction left them (cached), so placeholders agree.
        redacted_doc = {p.document_sha: p for p in passages}
        documents = [
            {
                **d,
                "title": redacted_doc[d["sha256"]].document_title if d["sha256"] in redacted_doc
                else (redact_text(d["title"]) if redact_text and d.get("title") else d.get("title")),
                "source_path": redacted_doc[d["sha256"]].source_path if d["sha256"] in redacted_doc
                else (redact_text(d["source_path"]) if redact_text and d.get("source_path") else d.get("source_path")),
            }
            for d in documents
        ]
    return Evidence(framework, items, judgements, actions, documents, redact_document is not None, recommendations,
                    figures, audit_stats, authority, authority_how, comparators, facts)


def _redact_passages(
    passages: list[Passage],
    redact_document: DocumentRedactor,
    redact_text: Callable[[str], str] | None,
    store: EvidenceStore | None = None,
    redaction_key: str | None = None,
) -> list[Passage]:
    by_doc: dict[str, list[Passage]] = defaultdict(list)
    for passage in passages:
        by_doc[passage.document_sha].append(passage)
    cached = store.cached_redactions(redaction_key) if store is not None and redaction_key else {}
    result: list[Passage] = []
    for sha, doc_passages in by_doc.items():
        # Headings and the title go through the same document redactor so placeholders agree.
        headings = sorted({h for p in doc_passages for h in p.heading_path})
        title = doc_passages[0].document_title or ""
        source = doc_passages[0].source_path or ""
        texts = [p.text for p in doc_passages] + headings + [title, source]
        redacted = cached.get(sha)
        if redacted is None or len(redacted) != len(texts):
            redacted = redact_document(texts, doc_passages[0].document_kind)
            if store is not None and redaction_key:
                store.save_redactions(sha, redaction_key, redacted)
        heading_map = dict(zip(headings, redacted[len(doc_passages) : len(doc_passages) + len(headings)]))
        new_title = redacted[-2] if title else doc_passages[0].document_title
        new_source = redacted[-1] if source else doc_passages[0].source_path
        for passage, text in zip(doc_passages, redacted):
            result.append(
                replace(
                    passage,
                    text=text,
                    heading_path=tuple(heading_map.get(h, h) for h in passage.heading_path),
                    document_title=new_title,
                    source_path=new_source,
                )
            )
    return result


def _redacted_part(text: str, original: str | None, redacted: str | None, redact_text: Callable[[str], str] | None) -> str:
    """A fact's text, redacted consistently with its passage where it is the passage's text."""
    if original is not None and redacted is not None and text.strip() and text.strip() in original:
        if original.strip() == text.strip() or redacted == original:
            return text if redacted == original else redacted
        return redacted
    return redact_text(text) if redact_text is not None else text
