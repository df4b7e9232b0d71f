"""The nouns every stage shares.

Extractors produce `ExtractedDocument`s; the store persists them and hands back `Passage`s with ids;
taggers add `Tag`s and `PassageLabel`s; narratives and packs read all of these. Plain dataclasses
so each stage can be tested without a database.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path


class DocumentKind(str, Enum):
    INSPECTION = "inspection report"
    COMMITTEE = "committee report"
    MINUTES = "minutes"
    AUDIT = "audit report"
    ACTION_PLAN = "action plan"
    CASE_SUMMARY = "case summary"
    DATA = "data"
    OTHER = "other"


class PassageKind(str, Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list item"
    TABLE_ROW = "table row"


class Role(str, Enum):
    OUTCOME = "outcome"
    PROCESS = "process"
    RECOMMENDATION = "recommendation"
    JUDGEMENT = "judgement"
    CONTEXT = "context"


class Polarity(str, Enum):
    STRENGTH = "strength"
    CONCERN = "concern"
    NEUTRAL = "neutral"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Refused(Exception):
    """A file we will not ingest. `reason` is one line a readiness lead can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DataTable(Refused):
    """A CSV or spreadsheet: rows of data, not a document to read as prose. The ingest hands it to
    the audit-returns importer; anything that only knows `Refused` still skips it with the reason.
    `table_format` is "csv" or "xlsx"."""

    def __init__(self, reason: str, table_format: str) -> None:
        super().__init__(reason)
        self.table_format = table_format

    def __reduce__(self):  # crosses the isolation child's pipe with its format
        return (type(self), (self.reason, self.table_format))


@dataclass
class ExtractedPassage:
    """One block of text as printed: a heading, paragraph, list item or table row."""

    text: str
    kind: PassageKind = PassageKind.PARAGRAPH
    page: int | None = None  # 1-based page for PDFs; None where the format has no pages
    label: str | None = None  # paragraph number as printed: "10.7", "A9", "R1", "(b)"
    heading_path: tuple[str, ...] = ()
    cells: tuple[str, ...] | None = None  # table rows keep their cells
    layer: str | None = None  # PDFs: which text layer read the page, "pdfium" (fast) or "pdfplumber"


@dataclass
class Decided:
    """A metadata value with how it was decided, so the pack can explain itself."""

    value: str | None
    how: str


@dataclass
class ExtractedDocument:
    sha256: str
    source_path: str
    format: str  # pdf | docx | text | markdown | html
    passages: list[ExtractedPassage]
    title: Decided = field(default_factory=lambda: Decided(None, "not found"))
    date: Decided = field(default_factory=lambda: Decided(None, "not found"))  # ISO yyyy-mm-dd
    kind: Decided = field(default_factory=lambda: Decided(DocumentKind.OTHER.value, "default"))
    authority: Decided = field(default_factory=lambda: Decided(None, "not found"))
    page_count: int | None = None
    properties: dict[str, str] = field(default_factory=dict)  # e.g. DOCX core properties


@dataclass
class Passage:
    """A stored passage with its identity and provenance."""

    id: int
    document_sha: str
    ordinal: int
    text: str
    kind: str
    page: int | None
    label: str | None
    heading_path: tuple[str, ...]
    document_title: str | None = None
    document_date: str | None = None
    document_kind: str | None = None
    source_path: str | None = None
    cells: tuple[str, ...] | None = None  # a table row's cells, as extracted
    layer: str | None = None  # PDFs: the text layer that read the page ("pdfium" | "pdfplumber")

    @property
    def year(self) -> int | None:
        return int(self.document_date[:4]) if self.document_date else None

    def citation(self) -> str:
        """Human citation: title, date, page, paragraph."""
        parts = [self.document_title or Path(self.source_path or "").name or self.document_sha[:8]]
        if self.document_date:
            parts.append(self.document_date)
        if self.page:
            parts.append(f"p.{self.page}")
        if self.label:
            parts.append(f"para {self.label}")
        return ", ".join(parts)


@dataclass
class Tag:
    """A passage's line of enquiry, with the explanation of why."""

    passage_id: int
    framework: str
    loe: str
    score: float
    cues: list[str]
    component: str


@dataclass
class PassageLabel:
    """Evidence role, polarity and has_data for one passage, each explained."""

    passage_id: int
    role: str
    polarity: str
    has_data: bool
    explanation: dict[str, list[str]] = field(default_factory=dict)  # e.g. {"role": [...cues]}


# ------------------------------------------------------------------------------------------- facts
# Typed facts read from passages (facts/), each scoped to its council, inspection and subject and
# carrying the words that made it. A wrong fact is worse than a missing one: extractors leave a fact
# out rather than guess.


class InspectionKind(str, Enum):
    ILACS_STANDARD = "standard"  # ILACS standard inspection (two weeks on site)
    ILACS_SHORT = "short"  # ILACS short inspection (one week on site)
    ILACS = "ilacs inspection"  # an ILACS inspection whose length the text does not say
    FOCUSED_VISIT = "focused visit"
    MONITORING_VISIT = "monitoring visit"
    JTAI = "joint targeted area inspection"
    SIF = "single inspection"  # single inspection framework (2013-2018), including re-inspections
    SLAC = "safeguarding and looked after children inspection"  # (2009-2013)
    LOOKED_AFTER = "looked after children"  # inspection of services for looked after children
    CHILD_PROTECTION = "child protection"  # inspection of arrangements for the protection of children
    OTHER = "other"


class Subject(str, Enum):
    """Whose grade a judgement is. Only the council's own service enters its judgement history."""

    COUNCIL = "council"
    PROVIDER = "provider"  # a children's home, fostering or adoption agency
    PARTNERSHIP = "partnership"  # the LSCB or safeguarding partnership
    CASES = "cases"  # cases in an audit


class Scope(str, Enum):
    THIS = "this"  # the inspection the document reports
    EARLIER = "earlier"  # an earlier inspection, as the text states it


@dataclass(frozen=True)
class Provenance:
    """Where a fact was read: document, page, paragraph label, passage, and the words."""

    document_sha: str
    passage_id: int | None
    page: int | None
    label: str | None
    words: str


@dataclass(frozen=True)
class InspectionRef:
    """An inspection or visit: what kind, under which framework, and when.

    Dates are ISO; an earlier inspection may be known only to the month ("2019-07") or year
    ("2019"), as the text states it. `end` is the last day on site."""

    kind: str  # an InspectionKind value
    framework: str | None  # the framework family (frameworks/data/inspection_kinds.yaml), None outside them
    start: str | None
    end: str | None
    published: str | None = None


@dataclass
class JudgementFact:
    authority: str | None  # canonical council name (facts.authorities)
    inspection: InspectionRef
    area: str  # overall | leaders | help_protection | in_care | care_leavers | adoption | lscb
    grade: str  # outstanding | good | requires improvement | adequate | inadequate
    scope: str  # a Scope value
    subject: str  # a Subject value
    source: Provenance


@dataclass
class RecommendationFact:
    """An item under "What needs to improve" / "Areas for improvement" / "Recommendations"."""

    authority: str | None
    inspection: InspectionRef | None
    item_id: str | None  # as printed: "R1", "10.8.3", "(a)"; None for unnumbered bullets
    text: str  # the item as printed (whitespace normalised)
    heading: str | None  # the heading it sits under, as printed
    timescale: str | None  # "immediately", "within three months", where stated
    source: Provenance
    subject: str = "council"  # a Subject value: whom it is addressed to (the council, or the LSCB/partnership)


@dataclass
class ActionFact:
    """An action from an action plan or a review's action points."""

    authority: str | None
    action_id: str | None
    text: str
    owner: str | None
    due: str | None
    status: str | None  # as the plan states it: "complete", "on track", "red", ...
    source: Provenance
    progress_passage_ids: list[int] = field(default_factory=list)
    progress: str | None = None  # the plan's own note of progress, as written


@dataclass
class FigureFact:
    """A number a passage states, with what it measures.

    `authority` is the council the figure is about, None when it is a comparator's figure;
    `comparator` names the comparator the figure stands for ("England", "statistical neighbours",
    "region", "last year", "target"), None for the council's own figure."""

    value: float
    unit: str  # "%" | "number" | "per 10,000" | "days" | "weeks" | "months" | "years" | "£"
    measure: str  # the words that say what it counts
    period: str | None
    authority: str | None
    comparator: str | None
    text: str  # the figure as written ("41 per cent", "1,052", "sixty")
    source: Provenance


@dataclass
class AuditStatFact:
    """A statistic about case audits: cases audited, a grade share, the period, scope or a theme."""

    kind: str  # cases_audited | grade_share | period | scope | auditors | theme
    value: object  # int (counts), float (a share in per cent), str (period, scope, theme)
    authority: str | None
    source: Provenance
    grade: str | None = None  # grade_share: "good or better" | "requires improvement" | "inadequate" | ...
    base: int | None = None  # grade_share: the number of cases the share is of, where stated
    polarity: str | None = None  # theme: strength | concern


@dataclass
class DocumentFacts:
    """Everything the facts layer read from one document."""

    document_sha: str
    authority: str | None
    authority_how: str
    inspection: InspectionRef | None = None  # the inspection the document reports, if it reports one
    judgements: list[JudgementFact] = field(default_factory=list)
    recommendations: list[RecommendationFact] = field(default_factory=list)
    actions: list[ActionFact] = field(default_factory=list)
    figures: list[FigureFact] = field(default_factory=list)
    audit_stats: list[AuditStatFact] = field(default_factory=list)

    def all_facts(self) -> list[tuple[str, object]]:
        """(kind, fact) for every fact, in a stable order (the store keeps them in this order)."""
        return ([("judgement", f) for f in self.judgements] + [("recommendation", f) for f in self.recommendations]
                + [("action", f) for f in self.actions] + [("figure", f) for f in self.figures]
                + [("audit_stat", f) for f in self.audit_stats])


FACT_TYPES: dict[str, type] = {}  # kind -> dataclass, filled below


def fact_to_dict(fact: object) -> dict:
    """A fact as plain JSON-able data (dates stay ISO strings)."""
    from dataclasses import asdict

    return asdict(fact)  # type: ignore[call-overload]


def fact_from_dict(kind: str, data: dict) -> object:
    """The inverse of fact_to_dict for a fact of `kind`."""
    cls = FACT_TYPES[kind]
    values = dict(data)
    values["source"] = Provenance(**values["source"])
    if values.get("inspection") is not None:
        values["inspection"] = InspectionRef(**values["inspection"])
    return cls(**values)


def inspection_from_dict(data: dict | None) -> InspectionRef | None:
    return InspectionRef(**data) if data else None


FACT_TYPES.update({"judgement": JudgementFact, "recommendation": RecommendationFact, "action": ActionFact,
                   "figure": FigureFact, "audit_stat": AuditStatFact})


@dataclass
class RefusedFile:
    path: str
    reason: str


@dataclass(frozen=True)
class SkippedFile:
    """A file left out on purpose (an exclude pattern), named so the user can see why."""

    path: str
    reason: str


@dataclass
class RunReport:
    started_at: datetime
    sources: list[str]
    framework: str
    seen: int = 0
    ingested: int = 0
    unchanged: int = 0
    refused: list[RefusedFile] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    renditions: int = 0  # ingested files that are another format of a document already held
    passages: int = 0
    tags: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    pack_dir: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "sources": self.sources,
            "framework": self.framework,
            "documents": {
                "seen": self.seen,
                "ingested": self.ingested,
                "unchanged": self.unchanged,
                "refused": len(self.refused),
                "renditions": self.renditions,
            },
            "refused": [{"file": r.path, "reason": r.reason} for r in self.refused],
            "skipped": [{"file": s.path, "reason": s.reason} for s in self.skipped],
            "passages": self.passages,
            "tags": self.tags,
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()},
            "pack_dir": self.pack_dir,
            "notes": self.notes,
        }


def parse_iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
