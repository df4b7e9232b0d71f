"""Figures for `readiness status`: read straight from the store, no Prefect, no spaCy."""

from __future__ import annotations

from collections import Counter, defaultdict

from evidence_store import EvidenceStore
from frameworks import load_framework
from core.settings import Settings

ROLES = ("outcome", "process", "recommendation", "judgement", "context")


def store_status(settings: Settings) -> dict:
    store = EvidenceStore(settings.store)
    framework = load_framework(settings.framework, settings.frameworks_dir)
    documents = store.current_documents()
    current = {d["sha256"] for d in documents}
    passages = [p for p in store.passages(list(current))]
    passage_ids = {p.id for p in passages}
    labels = store.labels(framework.id)
    per_line: dict[str, set[int]] = defaultdict(set)
    for tag in store.tags(framework.id):
        if tag.passage_id in passage_ids:
            per_line[tag.loe].add(tag.passage_id)
    lines = []
    for line in framework.lines:
        ids = per_line.get(line.id, set())
        roles = Counter(labels[i].role for i in ids if i in labels)
        polarity = Counter(labels[i].polarity for i in ids if i in labels)
        lines.append(
            {
                "id": line.id,
                "title": line.title,
                "slug": line.slug,
                "parent": line.parent,
                "passages": len(ids),
                "by_role": dict(roles),
                "by_polarity": dict(polarity),
                "with_data": sum(1 for i in ids if i in labels and labels[i].has_data),
            }
        )
    counts = store.counts()
    kinds = Counter(d["kind"] for d in documents)
    store.close()
    return {
        "framework": framework.id,
        "documents": len(documents),
        "documents_by_kind": dict(kinds),
        "passages": len(passages),
        "refused": counts["refusals"],
        "runs": counts["runs"],
        "roles": list(ROLES),
        "lines": lines,
        "untagged_passages": len(passage_ids - {i for ids in per_line.values() for i in ids}),
    }
