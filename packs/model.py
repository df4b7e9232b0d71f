"""The pack's own nouns: items, sections, gaps, judgement history, action register, the plan.

`plan_pack` produces a `PackPlan` without touching the file system; `build_pack` writes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from core.model import Passage
from frameworks import Framework, LineOfEnquiry
from templates.text import plural

# Display order within a line of enquiry: outcome with data, outcome, judgement/recommendation,
# process, context (context is left out unless a lead pins it).
TIER_OUTCOME_DATA, TIER_OUTCOME, TIER_JUDGEMENT, TIER_PROCESS, TIER_CONTEXT = range(5)
TIER_NAMES = {
    TIER_OUTCOME_DATA: "outcome with data",
    TIER_OUTCOME: "outcome",
    TIER_JUDGEMENT: "judgement or recommendation",
    TIER_PROCESS: "process",
    TIER_CONTEXT: "context",
}


def tier_of(role: str, has_data: bool) -> int:
    if role == "outcome":
        return TIER_OUTCOME_DATA if has_data else TIER_OUTCOME
    if role in ("judgement", "recommendation"):
        return TIER_JUDGEMENT
    if role == "process":
        return TIER_PROCESS
    return TIER_CONTEXT


@dataclass
class Limits:
    """How much a pack keeps: quality over quantity."""

    items_per_area: int = 12
    per_document: int = 4  # one document may not fill an area on its own
    process_per_area: int = 4  # process evidence is less relevant than outcomes (Bedford para 30)
    include_context: bool = False


@dataclass
class PackItem:
    key: str  # stable: document sha prefix / paragraph label or #ordinal of the first passage
    area: str  # top-level line of enquiry id
    passages: list[Passage]
    role: str
    polarity: str
    has_data: bool
    score: float
    cues: list[str]
    signpost: str = ""
    signpost_edited: bool = False
    pinned: bool = False
    moved: bool = False  # a lead moved it (to this area, or confirmed it here)
    position_asked: int | None = None  # `position:` in pack.yaml: where in its section a lead put it
    moved_from: str | None = None
    section: int = 0  # 1-based position of the area in framework order
    position: int = 0  # 1-based position within the area
    file: str | None = None  # relative path inside the pack, set when written
    file_kind: str | None = None  # "copy" | "extract"
    member_keys: list[str] = field(default_factory=list)

    @property
    def number(self) -> str:
        return f"{self.section}.{self.position:02d}"

    @property
    def file_number(self) -> str:
        return f"{self.section:02d}.{self.position:02d}"

    @property
    def anchor(self) -> str:
        return "item-" + self.number.replace(".", "-")

    @property
    def href(self) -> str | None:
        """Link from index.html: the file, at the item's page for a copied PDF."""
        if not self.file:
            return None
        if self.file_kind == "copy" and self.file.endswith(".pdf") and self.first.page:
            return f"{self.file}#page={self.first.page}"
        return self.file

    @property
    def kept_by_lead(self) -> bool:
        """Pinned, moved, placed or re-signposted in pack.yaml: kept whatever the limits."""
        return self.pinned or self.moved or self.signpost_edited or self.position_asked is not None

    @property
    def first(self) -> Passage:
        return self.passages[0]

    @property
    def passage_ids(self) -> list[int]:
        return [p.id for p in self.passages]

    @property
    def document_sha(self) -> str:
        return self.first.document_sha

    @property
    def date(self) -> str | None:
        return self.first.document_date

    @property
    def year(self) -> int | None:
        return self.first.year

    @property
    def tier(self) -> int:
        if self.role == "context" and self.pinned:
            return TIER_CONTEXT
        return tier_of(self.role, self.has_data)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.passages)

    def citation(self) -> str:
        first = self.first.citation()
        if len(self.passages) > 1 and self.passages[-1].label:
            first += f" to {self.passages[-1].label}"
        return first


@dataclass
class Section:
    number: int
    line: LineOfEnquiry
    items: list[PackItem]
    candidates: int  # evidence items the store holds for this area (after curation)
    left_out: int  # candidates not kept because of the limits
    role_counts: dict[str, int]  # candidates by tier name

    @property
    def folder(self) -> str:
        return f"{self.number:02d}-{self.line.slug}"


@dataclass
class Gap:
    area: str  # line of enquiry id
    title: str
    kind: str  # none | thin | stale | process-only | no-data | surfeit | theme-none
    message: str
    section: int | None = None  # section number of the top-level area it belongs to


THEME_GAP = "theme-none"  # an evaluation theme with no evidence: listed under its area, not counted


def counted_gaps(gaps: Iterable[Gap | dict]) -> list:
    """The gaps a pack counts: one per area and kind (none, thin, stale, process-only, no-data,
    surfeit). Themes with no evidence are listed beside them but are not counted as gaps. The index,
    gaps.md, changes.md, the manifest, the command's output and the run report all count with this."""
    return [g for g in gaps if (g.get("kind") if isinstance(g, dict) else g.kind) != THEME_GAP]


@dataclass(frozen=True)
class PackCounts:
    items: int
    areas: int
    gaps: int
    left_out: int  # evidence items in the store not kept because of the limits
    themes_without_evidence: int

    def sentence(self, left_out: bool = False) -> str:
        """"48 items in 4 lines of enquiry, 1 gap": the same words everywhere; with `left_out`, also
        how many evidence items the limits kept out ("; 3 more in the store left out")."""
        text = f"{plural(self.items, 'item')} in {plural(self.areas, 'line of enquiry', 'lines of enquiry')}, {plural(self.gaps, 'gap')}"
        if left_out and self.left_out:
            text += f"; {plural(self.left_out, 'more item', 'more items')} in the store left out by the limits"
        return text

    def as_dict(self) -> dict[str, int]:
        return {"items": self.items, "areas": self.areas, "gaps": self.gaps, "left_out": self.left_out,
                "themes_without_evidence": self.themes_without_evidence}

    @classmethod
    def from_manifest(cls, manifest: dict) -> PackCounts:
        """The counts a manifest records (or, for a manifest written before counts were, works out)."""
        recorded = manifest.get("counts")
        if isinstance(recorded, dict) and {"items", "gaps"} <= set(recorded):
            return cls(int(recorded.get("items", 0)), int(recorded.get("areas", 0)), int(recorded.get("gaps", 0)),
                       int(recorded.get("left_out", 0)), int(recorded.get("themes_without_evidence", 0)))
        gaps = manifest.get("gaps") or []
        areas = {i.get("area") for i in manifest.get("items") or []}
        return cls(len(manifest.get("items") or []), len(areas), len(counted_gaps(gaps)), 0, len(gaps) - len(counted_gaps(gaps)))


@dataclass
class JudgementRow:
    area: str
    area_title: str
    grade: str
    rank: int | None
    date: str | None  # the last day on site, or the month or year an earlier inspection is stated as
    source: str  # citation
    ref: str | None  # pack item number of the source passage, when in the pack
    authority: str | None = None
    inspection: str = ""  # "standard ILACS inspection (this report)", "earlier inspection, as stated"


@dataclass
class ActionRow:
    action_id: str
    text: str
    kind: str
    owner: str | None
    due: str | None
    source: str
    ref: str | None
    date: str | None
    status: str
    progress: list[str]  # citations (with pack numbers where the passage is in the pack)
    document: str | None = None  # the source document's file name


@dataclass
class PackPlan:
    framework: Framework
    sections: list[Section]
    gaps: list[Gap]
    judgements: list[JudgementRow]
    actions: list[ActionRow]
    item_refs: dict[int, str]
    curation_problems: list[str]  # one line each: unknown keys, keys that no longer exist, bad targets
    limits: Limits
    as_of: str  # ISO date the staleness was judged against

    @property
    def items(self) -> list[PackItem]:
        return [item for section in self.sections for item in section.items]

    @property
    def counted_gaps(self) -> list[Gap]:
        return counted_gaps(self.gaps)

    @property
    def counts(self) -> PackCounts:
        counted = len(self.counted_gaps)
        return PackCounts(len(self.items), len(self.sections), counted, sum(s.left_out for s in self.sections), len(self.gaps) - counted)


@dataclass
class PackResult:
    path: Path
    items: list[PackItem]
    gaps: list[Gap]
    item_refs: dict[int, str]
    curation_problems: list[str]
    warnings: list[str] = field(default_factory=list)
    plan: PackPlan | None = None

    @property
    def counts(self) -> PackCounts:
        if self.plan is not None:
            return self.plan.counts
        counted = len(counted_gaps(self.gaps))
        return PackCounts(len(self.items), len({i.area for i in self.items}), counted, 0, len(self.gaps) - counted)
