"""The nouns of a narrative: cited statements under the self-evaluation's three questions.

A `Narrative` answers, for one line of enquiry (or one topic), the three questions Ofsted's
annual self-evaluation asks: what we know about the quality and impact of practice, how we know
it, and what we are doing next. Every `Statement` carries the passages it rests on (`Citation`),
and `Narrative.sidecar()` is the machine-readable record written beside each narrative:

    {"loe", "authority", "sentences": [{"text", "section", "citations":
        [{"passage_id", "document_sha256", "page", "paragraph", "text"}]}]}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from core.model import Passage

# key, heading: the self-evaluation's three questions, in the order a reader meets them
SECTIONS: tuple[tuple[str, str], ...] = (
    ("know", "What we know"),
    ("how", "How we know"),
    ("next", "What we are doing next"),
)
SECTION_TITLES = dict(SECTIONS)


@dataclass(frozen=True)
class Citation:
    """One passage a statement rests on, with its provenance and its (redacted) text."""

    passage_id: int
    document_sha256: str
    page: int | None
    paragraph: str | None  # the paragraph label as printed ("23", "A9"), if any
    text: str  # the passage's text as it may leave the store (redacted)
    label: str  # "Title, 2026-02-27, p.5, para 18": how a reader finds it
    ref: str | None = None  # the pack item number ("2.05") when the pack holds the passage
    date: str | None = None  # the document's date (ISO)
    document_kind: str | None = None  # core.model.DocumentKind value: how long the evidence stays fresh

    @classmethod
    def of(cls, passage: Passage, ref: str | None = None) -> Citation:
        return cls(passage.id, passage.document_sha, passage.page, passage.label, passage.text,
                   passage.citation(), ref, passage.document_date, passage.document_kind)

    @property
    def footnote(self) -> str:
        """The words of a footnote: the pack number first, when there is one."""
        return f"[{self.ref}] {self.label}" if self.ref else self.label

    def sidecar(self) -> dict:
        return {"passage_id": self.passage_id, "document_sha256": self.document_sha256, "page": self.page,
                "paragraph": self.paragraph, "text": self.text}


@dataclass
class Statement:
    """A sentence of a narrative and the passages it cites."""

    text: str
    section: str  # a SECTIONS key
    citations: list[Citation]
    kind: str  # figure | finding | quote | voice | judgement | audit | recommendation | action | plan | statement
    day: date | None = None  # the newest cited document's date
    score: float = 0.0
    paragraph: str = ""  # statements sharing a paragraph key are printed as one paragraph
    figures: tuple[str, ...] = ()  # the figures the sentence states, as written (the data annex)

    @property
    def words(self) -> int:
        return len(self.text.split())

    def footnote(self) -> str:
        """The footnote's words: each cited passage once (a table row and its header row on one
        page read as one place)."""
        return "; ".join(dict.fromkeys(c.footnote for c in self.citations)) + "."

    def sidecar(self) -> dict:
        return {"text": self.text, "section": self.section, "citations": [c.sidecar() for c in self.citations]}


@dataclass
class Narrative:
    framework_id: str
    framework_name: str
    loe_id: str  # the line of enquiry, or "topic:<phrase>" for a topic narrative
    loe_title: str
    authority: str | None
    number: int  # 1-based pack section (00 for a topic narrative)
    slug: str
    sections: dict[str, list[Statement]]
    generated_on: date
    notes: list[str] = field(default_factory=list)
    topic: str | None = None

    @property
    def file_stem(self) -> str:
        return f"{self.number:02d}-{self.slug}"

    @property
    def statements(self) -> list[Statement]:
        return [s for key, _ in SECTIONS for s in self.sections.get(key, [])]

    @property
    def words(self) -> int:
        return sum(s.words for s in self.statements)

    def paragraphs(self, key: str) -> list[list[Statement]]:
        """A section's statements, grouped into paragraphs in order of first appearance."""
        groups: dict[str, list[Statement]] = {}
        for statement in self.sections.get(key, []):
            groups.setdefault(statement.paragraph or statement.kind, []).append(statement)
        return list(groups.values())

    def footnotes(self) -> tuple[dict[int, int], list[str]]:
        """(statement index -> footnote number, footnote texts), in reading order. A run of
        statements in one paragraph citing the same passages shares one footnote, placed after the
        last of them."""
        marks: dict[int, int] = {}
        notes: list[str] = []
        index = {id(s): n for n, s in enumerate(self.statements)}
        for key, _ in SECTIONS:
            for group in self.paragraphs(key):
                for position, statement in enumerate(group):
                    following = group[position + 1] if position + 1 < len(group) else None
                    same = following is not None and _cited_ids(following) == _cited_ids(statement) and key != "next"
                    if same:
                        continue
                    notes.append(statement.footnote())
                    marks[index[id(statement)]] = len(notes)
        return marks, notes

    def sidecar(self) -> dict:
        return {"loe": self.loe_id, "authority": self.authority,
                "sentences": [s.sidecar() for s in self.statements]}


def _cited_ids(statement: Statement) -> tuple[int, ...]:
    return tuple(c.passage_id for c in statement.citations)
