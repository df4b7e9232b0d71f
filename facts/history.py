"""The judgement history: one row per inspection of a council, in the column layout of Data to
Insight's ILACS summary (the sector's reference table), each grade with its source page.

Only the council's own service grades enter it (never a children's home's, a fostering or adoption
agency's, the LSCB's or an audit's cases), and only under the council the report is about: a
predecessor's inspections (Cumbria's, for Cumberland) are the predecessor's history. An earlier
inspection that another report states ("since the last inspection in 2019, when services were
judged good overall") gets its own row, dated as the text states it, unless a report of that
inspection is in the store: the report itself is the better source.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from core.model import DocumentFacts, InspectionRef, JudgementFact, Provenance, Scope, Subject
from facts.areas import HISTORY_AREAS, areas_judged
from facts.dates import as_date, last_day

if TYPE_CHECKING:
    from frameworks.forecast import PastEvent

COLUMNS = ("authority", "framework", "inspection_start", "inspection_end", "publication_date",
           "overall", "leaders", "help_protection", "in_care", "care_leavers", "scope", "file", "pages")


@dataclass
class HistoryRow:
    authority: str | None
    inspection: InspectionRef
    scope: str  # Scope value: the report's own inspection, or an earlier one stated by a document
    grades: dict[str, str] = field(default_factory=dict)  # area -> grade
    sources: dict[str, Provenance] = field(default_factory=dict)  # area -> where it was read
    files: list[str] = field(default_factory=list)  # documents that report (or state) it
    document_shas: list[str] = field(default_factory=list)

    @property
    def when(self) -> str:
        return self.inspection.end or self.inspection.published or self.inspection.start or ""

    def as_dict(self) -> dict[str, object]:
        pages = sorted({s.page for s in self.sources.values() if s.page is not None})
        row: dict[str, object] = {
            "authority": self.authority or "",
            "framework": self.inspection.kind,
            "inspection_start": self.inspection.start or "",
            "inspection_end": self.inspection.end or "",
            "publication_date": self.inspection.published or "",
            "scope": self.scope,
            "file": "; ".join(self.files),
            "pages": ", ".join(str(p) for p in pages),
        }
        judged = areas_judged(self.inspection) if self.inspection.framework else None
        for area in HISTORY_AREAS:
            row[area] = self.grades.get(area) or _not_judged(area, judged)
        return row

    def sources_dict(self) -> dict[str, dict[str, object]]:
        return {area: {"page": s.page, "paragraph": s.label, "passage_id": s.passage_id, "document_sha": s.document_sha,
                       "words": s.words} for area, s in self.sources.items()}


def _not_judged(area: str, judged: tuple[str, ...] | None) -> str:
    """An empty cell says why when the framework in force did not grade the area then: care leavers
    before January 2023 ("not judged"), overall effectiveness from April 2026 ("not graded")."""
    if judged is None or not judged or area in judged:
        return ""
    return "not graded" if area == "overall" else "not judged"


def _file(path: str | None) -> str:
    return Path(path).name if path else ""


def judgement_history(
    documents: Iterable[DocumentFacts],
    source_paths: Mapping[str, str] | None = None,
    authority: str | None = None,
) -> list[HistoryRow]:
    """Rows for every inspection the documents report or state, oldest first.

    `source_paths` maps a document's sha256 to its file (for the `file` column); `authority`
    keeps one council's rows only."""
    paths = dict(source_paths or {})
    docs = list(documents)
    rows: dict[tuple, HistoryRow] = {}
    # 1. each report's own inspection (copies of one report are one row)
    for doc in docs:
        if doc.inspection is None:
            continue
        key = (doc.authority, doc.inspection.kind, doc.inspection.end or doc.inspection.published or doc.document_sha)
        row = rows.get(key)
        if row is None:
            row = rows[key] = HistoryRow(doc.authority, doc.inspection, Scope.THIS.value)
        _note_document(row, doc.document_sha, paths)
        for fact in doc.judgements:
            if fact.scope == Scope.THIS.value and fact.subject == Subject.COUNCIL.value and fact.inspection == doc.inspection:
                if fact.area in HISTORY_AREAS:
                    row.grades.setdefault(fact.area, fact.grade)
                    row.sources.setdefault(fact.area, fact.source)
    reports = list(rows.values())
    # 2. inspections stated in sentences: earlier inspections, and the ones a council's paper reports on
    for doc in docs:
        for fact in doc.judgements:
            if fact.subject != Subject.COUNCIL.value or fact.area not in HISTORY_AREAS:
                continue
            if doc.inspection is not None and fact.scope == Scope.THIS.value and fact.inspection == doc.inspection:
                continue
            if any(_same_inspection(fact, r) for r in reports):
                continue  # the report of that inspection is here: it is the source
            key = (fact.authority, _bucket(fact.inspection), fact.inspection.end or fact.inspection.published or fact.inspection.start)
            row = rows.get(key)
            if row is None:
                row = rows[key] = HistoryRow(fact.authority, fact.inspection, fact.scope)
            _note_document(row, doc.document_sha, paths)
            if fact.area not in row.grades:
                row.grades[fact.area] = fact.grade
                row.sources[fact.area] = fact.source
    result = [r for r in rows.values() if authority is None or r.authority == authority]
    return sorted(result, key=lambda r: (r.authority or "", as_date(r.when) or as_date("1900"), r.inspection.kind))


def _note_document(row: HistoryRow, sha: str, paths: Mapping[str, str]) -> None:
    if sha not in row.document_shas:
        row.document_shas.append(sha)
        name = _file(paths.get(sha))
        if name and name not in row.files:
            row.files.append(name)


def _bucket(inspection: InspectionRef) -> str:
    return inspection.framework or inspection.kind


def _same_inspection(fact: JudgementFact, report: HistoryRow) -> bool:
    """Whether a stated judgement is about an inspection whose report is in the store."""
    if fact.authority != report.authority or report.scope != Scope.THIS.value:
        return False
    stated = fact.inspection
    first, last = as_date(stated.end or stated.published or stated.start), last_day(stated.end or stated.published or stated.start)
    if first is None or last is None:
        return False
    ins = report.inspection
    window = [as_date(d) for d in (ins.start, ins.end, ins.published) if d]
    return any(d is not None and first <= d <= last for d in window) and (
        stated.framework in (None, ins.framework))


def past_events(rows: Iterable[HistoryRow]) -> list["PastEvent"]:
    """The history as the forecast reads it: each dated inspection with its event type (where the
    kind names one: standard, short, focused visit, ...) and its grades."""
    from frameworks.events import event_profile
    from frameworks.forecast import PastEvent

    events: list[PastEvent] = []
    for row in rows:
        last = last_day(row.inspection.end) if row.inspection.end else None
        if last is None:
            continue
        try:
            event = event_profile(row.inspection.kind).key
        except ValueError:
            event = "inspection"  # an inspection under an earlier framework, or of unstated length
        events.append(PastEvent(event, last, dict(row.grades)))
    return sorted(events, key=lambda e: e.last_day)
