"""Build `Evidence` by hand, without a store or tagger: for tests and examples.

    fw = load_framework(default_framework_id())
    b = EvidenceBuilder(fw)
    report = b.document("Ofsted inspection", "2023-05-01", "inspection report", text="...")
    b.passage(report, "Children's placement stability is above the national average.", label="12",
              loe=fw.line_for_area("in_care").id, role="outcome", has_data=True, cues=["placement stability"])
    evidence = b.evidence()
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from evidence_store.evidence import Evidence, EvidenceItem
from core.model import (
    ActionFact,
    DocumentFacts,
    InspectionRef,
    JudgementFact,
    Passage,
    PassageLabel,
    Provenance,
    RecommendationFact,
    Tag,
)
from frameworks import Framework


class EvidenceBuilder:
    def __init__(self, framework: Framework, folder: Path | None = None, redacted: bool = True) -> None:
        self.framework = framework
        self.folder = folder
        self.redacted = redacted
        self.documents: list[dict] = []
        self.items: list[EvidenceItem] = []
        self.judgements: list[JudgementFact] = []
        self.recommendations: list[RecommendationFact] = []
        self.actions: list[ActionFact] = []
        self.authority: str | None = None
        self._ordinals: dict[str, int] = {}
        self._next_id = 1

    def document(self, title: str, date: str | None, kind: str, *, fmt: str = "text", content: str | None = None,
                 name: str | None = None) -> dict:
        """A document; with a folder, its source file is written there (so it can be copied)."""
        content = content if content is not None else f"{title}\n{date}\n{kind}\n"
        data = content.encode("utf-8")
        sha = hashlib.sha256(data).hexdigest()
        source_path = None
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.folder / (name or f"{sha[:8]}.{ {'text': 'txt', 'markdown': 'md'}.get(fmt, fmt) }")
            path.write_bytes(data)
            source_path = str(path)
        doc = {"sha256": sha, "title": title, "date": date, "kind": kind, "format": fmt, "source_path": source_path}
        self.documents.append(doc)
        self._ordinals[sha] = 0
        return doc

    def passage(self, doc: dict, text: str, *, label: str | None = None, loe: str | list[str] | None = None,
                role: str | None = "outcome", polarity: str = "neutral", has_data: bool = False, score: float = 1.0,
                cues: list[str] | tuple[str, ...] = (), kind: str = "paragraph", page: int | None = None,
                heading_path: tuple[str, ...] = ()) -> EvidenceItem:
        sha = doc["sha256"]
        ordinal = self._ordinals[sha]
        self._ordinals[sha] = ordinal + 1
        passage = Passage(
            id=self._next_id,
            document_sha=sha,
            ordinal=ordinal,
            text=text,
            kind=kind,
            page=page,
            label=label,
            heading_path=heading_path,
            document_title=doc["title"],
            document_date=doc["date"],
            document_kind=doc["kind"],
            source_path=doc["source_path"],
        )
        self._next_id += 1
        loes = [loe] if isinstance(loe, str) else list(loe or [])
        tags = [Tag(passage.id, self.framework.id, l, score, list(cues), "test") for l in loes]
        label_obj = PassageLabel(passage.id, role, polarity, has_data) if role else None
        item = EvidenceItem(passage, label_obj, tags)
        self.items.append(item)
        return item

    def _source(self, item: EvidenceItem) -> Provenance:
        p = item.passage
        return Provenance(p.document_sha, p.id, p.page, p.label, p.text)

    def judgement(self, item: EvidenceItem, area: str, grade: str, date: str | None = None, *, authority: str | None = None,
                  subject: str = "council") -> None:
        """A grade of the inspection the item's document reports (area: a line id, or a history area key)."""
        from facts.text import grade_of

        from core.model import InspectionKind
        from frameworks.inspections import inspection_family

        try:
            history_area = self.framework.line(area).area or area
        except KeyError:
            history_area = area  # already a history area key
        when = date or item.passage.document_date
        inspection = InspectionRef(InspectionKind.ILACS.value, inspection_family(InspectionKind.ILACS.value), None, when)
        self.judgements.append(JudgementFact(authority if authority is not None else self.authority, inspection, history_area,
                                             grade_of(grade) or grade, "this", subject, self._source(item)))

    def action(self, item: EvidenceItem, action_id: str, text: str | None = None, kind: str = "recommendation") -> None:
        """A recommendation (or, with kind="action", an action from a plan) the item states."""
        if kind == "action":
            self.actions.append(ActionFact(self.authority, action_id, text or item.passage.text, None, None, None, self._source(item)))
        else:
            self.recommendations.append(RecommendationFact(self.authority, None, action_id, text or item.passage.text, None, None,
                                                           self._source(item)))

    def evidence(self) -> Evidence:
        by_doc: dict[str, DocumentFacts] = {}
        for doc in self.documents:
            by_doc[doc["sha256"]] = DocumentFacts(doc["sha256"], self.authority, "test")
        for fact in self.judgements:
            facts = by_doc[fact.source.document_sha]
            facts.inspection = fact.inspection
            facts.judgements.append(fact)
        for rec in self.recommendations:
            by_doc[rec.source.document_sha].recommendations.append(rec)
        for act in self.actions:
            by_doc[act.source.document_sha].actions.append(act)
        # figures and audit statistics are read from the passages' words, as the facts stage does
        from facts.audit_stats import read_audit_stats
        from facts.figures import read_figures

        for doc in self.documents:
            passages = [i.passage for i in self.items if i.passage.document_sha == doc["sha256"]]
            facts = by_doc[doc["sha256"]]
            facts.audit_stats = read_audit_stats(passages, self.authority, doc.get("title"), doc.get("kind"))
            facts.figures = read_figures(passages, self.authority)
        return Evidence(self.framework, list(self.items), list(self.judgements), list(self.actions), list(self.documents), self.redacted,
                        recommendations=list(self.recommendations), authority=self.authority, facts=list(by_doc.values()),
                        figures=[x for f in by_doc.values() for x in f.figures],
                        audit_stats=[x for f in by_doc.values() for x in f.audit_stats])


def sample_evidence(folder: Path | None = None, framework: Framework | None = None, redacted: bool = True) -> Evidence:
    """A small, varied store: an inspection (judgements, a recommendation), a scrutiny report with
    data, partnership minutes (process), a case summary with markup in it."""
    from frameworks import default_framework_id, load_framework

    fw = framework or load_framework(default_framework_id())
    b = EvidenceBuilder(fw, folder, redacted)
    # lines by judged area, so the sample follows whichever framework the catalogue names as default
    leaders, cic, hp = (fw.line_for_area(area).id for area in ("leaders", "in_care", "help_protection"))
    stability = next((line.id for line in fw.children(cic) if "placement stability" in line.cues), cic)
    # titles as published: the pack copies an original only on evidence in its own text that it is a publication
    insp = b.document("Inspection of Northmoor local authority children's services (Ofsted)", "2023-03-10", "inspection report",
                      content="Ofsted inspection report\n", name="ofsted-2023.txt")
    scr = b.document("Report to: Children's Scrutiny Committee (open report): placement stability", "2025-10-09", "committee report",
                     content="Scrutiny report\n", name="scrutiny-2025.txt")
    mins = b.document("Safeguarding partnership minutes", "2025-06-01", "minutes", content="Minutes\n", name="minutes-2025.txt")
    case = b.document("Case summary <script>alert(1)</script>", "2024-01-01", "case summary", content="Child [NAME] case\n", name="case.txt")
    j = b.passage(insp, "The impact of leaders on social work practice with children and families is good.", label="1",
                  loe=leaders, role="judgement", cues=["leaders"])
    b.judgement(j, leaders, "good")
    j2 = b.passage(insp, "The experiences and progress of children in care require improvement to be good.", label="2",
                   loe=cic, role="judgement", cues=["children in care"])
    b.judgement(j2, cic, "requires improvement to be good")
    r = b.passage(insp, "Improve the stability of long-term foster placements for children in care.", label="R1",
                  loe=cic, role="recommendation", cues=["placement stability"])
    b.action(r, "R1")
    b.passage(scr, "Short-term stability has improved: 9.1 per cent of children had three or more placements, below the national average.",
              label="3.1", loe=stability, role="outcome", has_data=True, polarity="strength", cues=["placement stability"])
    b.passage(scr, "Long-term foster placement stability has not yet improved: 64 per cent compared with 70 per cent nationally.",
              label="3.2", loe=stability, role="outcome", has_data=True, polarity="concern", cues=["long-term stability"])
    b.passage(scr, "Carers told us that children are settled and happy in their homes.", label="3.3",
              loe=cic, role="outcome", polarity="strength", cues=["children in care"])
    b.passage(scr, "A weekly placements panel was introduced in February 2025.", label="6.1",
              loe=cic, role="process", cues=["placements panel"])
    for i in range(6):
        b.passage(mins, f"The partnership discussed the front door arrangements (item {i + 1}).", label=f"{i + 1}",
                  loe=hp, role="process", cues=["front door"])
    b.passage(case, "Child A said <script>alert('x')</script> at the visit.", loe=hp,
              role="outcome", cues=["voice of the child"])
    return b.evidence()
