"""Which of the home council's inspection reports a later inspection replaced, per area: the
older report stays in the store as history, but what it found is no longer the council's position."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from core.model import InspectionRef, parse_iso_date
from evidence_store.evidence import Evidence


def home_inspections(evidence: Evidence) -> dict[str, InspectionRef]:
    """The home council's inspection reports: document sha256 -> the inspection it reports."""
    home_docs = {i.passage.document_sha for i in evidence.items}
    return {f.document_sha: f.inspection for f in evidence.facts if f.inspection is not None and f.document_sha in home_docs}


def superseded_documents(evidence: Evidence) -> dict[str, set[str]]:
    """Top-level line id -> the home council's inspection reports whose findings a later inspection
    of that area replaced. Narratives leave them out, check-narrative does not expect their figures, and the
    pack ranks their items after the current inspection's."""
    top_of = evidence.framework.top_of()
    tops_of_doc: dict[str, set[str]] = defaultdict(set)
    date_of_doc: dict[str, str | None] = {}
    for item in evidence.items:
        sha = item.passage.document_sha
        date_of_doc.setdefault(sha, item.passage.document_date)
        tops_of_doc[sha].update(top_of.get(t.loe, t.loe) for t in item.tags)
    covered: dict[str, list[tuple[date, str]]] = defaultdict(list)
    for sha, inspection in home_inspections(evidence).items():
        end = parse_iso_date(inspection.end) or parse_iso_date(date_of_doc.get(sha))
        if end is None:
            continue
        for top in tops_of_doc[sha]:
            covered[top].append((end, sha))
    result: dict[str, set[str]] = defaultdict(set)
    for top, found in covered.items():
        latest = max(found)[0]
        result[top].update(sha for end, sha in found if end < latest)
    return result
