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


@dataclass
class Judgement:
    passage_id: int
    framework: str
    area: str  # line of enquiry id, or "overall"
    grade: str
    date: str | None
    text: str


@dataclass
class Action:
    passage_id: int
    action_id: str  # as printed: R1, A9, 10.8.3
    text: str
    kind: str  # recommendation | action point
    owner: str | None = None
    due: str | None = None
    progress_passage_ids: list[int] = field(default_factory=list)


@dataclass
class RefusedFile:
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
            },
            "refused": [{"file": r.path, "reason": r.reason} for r in self.refused],
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
