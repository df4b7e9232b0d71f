"""Evidence sentences for narratives: each a sentence of a stored passage (lightly trimmed of a
leading label or bullet) with the passage it came from, scored for outcomes for children (and
figures), recency, corroboration by other documents and relevance to the line of enquiry, with the
pack item numbers to cite them by. The composer (narratives.compose) and impacts build on these.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from evidence_store.evidence import Evidence, EvidenceItem
from core.model import Passage, parse_iso_date
from frameworks import Framework, LineOfEnquiry
from core.settings import Settings
from templates.text import plural

from narratives.classify import SentenceLabel, classify_rules, combine
from narratives.text import (
    content_words,
    looks_like_sentence,
    overlap,
    split_sentences,
    trim,
    word_count,
)


@dataclass
class Source:
    """One piece of evidence a narrative cites: a pack item when the pack builder numbered it."""

    key: str  # the pack item number ("2.03") or a local number ("E1")
    ref: str | None  # pack item number, when given
    passage_id: int
    citation: str  # Title, date, p.N, para L
    document_title: str
    document_date: str | None
    document_kind: str | None
    source_path: str | None = None

    @property
    def label(self) -> str:
        return f"[{self.key}] {self.citation}"

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "ref": self.ref,
            "passage_id": self.passage_id,
            "citation": self.citation,
            "document_title": self.document_title,
            "document_date": self.document_date,
            "document_kind": self.document_kind,
        }


# --------------------------------------------------------------------------- lines of enquiry


def resolve_loe(framework: Framework, loe: str) -> LineOfEnquiry:
    """A line by full id, id without the framework prefix, slug, or 1-based section number."""
    wanted = loe.strip()
    for line in framework.lines:
        if wanted in (line.id, line.slug, line.id.split(".", 1)[-1], line.id.split(".")[-1]):
            return line
        if wanted.replace("-", "_") == line.id.split(".")[-1]:
            return line
    if wanted.isdigit() and 1 <= int(wanted) <= len(framework.top_lines):
        return framework.top_lines[int(wanted) - 1]
    known = ", ".join(line.slug for line in framework.top_lines)
    raise KeyError(f"unknown line of enquiry {loe!r} in {framework.id}; top-level lines: {known}")


def items_for(evidence: Evidence, loe_id: str) -> list[tuple[EvidenceItem, float]]:
    """Evidence tagged with the line or any line below it, with its best score there."""
    family = evidence.framework.line_and_below(loe_id)
    found = []
    for item in evidence.items:
        scores = [t.score for t in item.tags if t.loe in family]
        if scores:
            found.append((item, max(scores)))
    return found


def section_number(framework: Framework, loe_id: str) -> int:
    try:
        top = framework.ancestor(loe_id)
    except KeyError:
        top = loe_id
    return framework.position(top) + 1


# --------------------------------------------------------------------------- candidates


@dataclass
class _Candidate:
    text: str
    passage: Passage
    sentence_index: int
    label: SentenceLabel
    words: frozenset[str]
    n_words: int
    date: date | None
    relevance: float
    section: str = "issue"
    score: float = 0.0
    corroborating_docs: set[str] = field(default_factory=set)
    duplicates: list["_Candidate"] = field(default_factory=list)
    audit: str | None = None  # "action" or "impact" when the sentence states an audit figure

    @property
    def is_outcome(self) -> bool:
        return self.label.role == "outcome" or self.label.has_data

    @property
    def order_key(self) -> tuple:
        return (self.date or date.min, self.passage.document_title or "", self.passage.ordinal, self.sentence_index)


class _RefResolver:
    """passage id -> pack item number; a passage the pack did not number falls back to its document."""

    def __init__(self, evidence: Evidence, item_refs: dict[int, str] | None) -> None:
        self.item_refs = item_refs
        self.by_document: dict[str, str] = {}
        if item_refs:
            sha_of = {item.passage.id: item.passage.document_sha for item in evidence.items}
            for passage_id, ref in sorted(item_refs.items(), key=lambda kv: _ref_sort_key(kv[1])):
                sha = sha_of.get(passage_id)
                if sha and sha not in self.by_document:
                    self.by_document[sha] = ref

    def __call__(self, passage: Passage) -> str | None:
        if self.item_refs is None:
            return None
        return self.item_refs.get(passage.id) or self.by_document.get(passage.document_sha)

    @property
    def active(self) -> bool:
        return self.item_refs is not None


def _ref_sort_key(ref: str) -> tuple:
    parts = []
    for part in str(ref).replace("-", ".").split("."):
        parts.append((0, int(part), "") if part.isdigit() else (1, 0, part))
    return tuple(parts)


def _candidates(
    scored_items: list[tuple[EvidenceItem, float]],
    since: date | None,
    resolver: _RefResolver,
) -> tuple[list[_Candidate], list[str]]:
    notes: list[str] = []
    undated_skipped = unresolved = 0
    candidates: list[_Candidate] = []
    for item, relevance in scored_items:
        passage = item.passage
        if passage.kind in ("heading", "table row"):
            continue
        doc_date = parse_iso_date(passage.document_date)
        if since is not None and (doc_date is None or doc_date < since):
            undated_skipped += doc_date is None
            continue
        if resolver.active and resolver(passage) is None:
            unresolved += 1
            continue
        role = item.label.role if item.label else None
        polarity = item.label.polarity if item.label else None
        for index, raw in enumerate(split_sentences(passage.text)):
            text = trim(raw)
            if not looks_like_sentence(text):
                continue
            if passage.kind != "list item" and not text.endswith((".", "!", ")", '"', "\u201d", "'")):
                continue  # a contents line or a heading run into text, not a sentence
            label = combine(classify_rules(text), role, polarity)
            candidates.append(
                _Candidate(text, passage, index, label, content_words(text), word_count(text), doc_date, relevance)
            )
    if undated_skipped:
        notes.append(f"{plural(undated_skipped, 'undated passage')} left out because a start date was given.")
    if unresolved:
        notes.append(f"{plural(unresolved, 'passage')} left out because {'it is' if unresolved == 1 else 'they are'} not in the evidence pack.")
    return candidates, notes


def _corroborate(candidates: list[_Candidate]) -> None:
    """Count the other documents making the same point (shared content words)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for index, c in enumerate(candidates):
        for word in c.words:
            postings[word].append(index)
    limit = max(50, len(candidates) // 10)
    for index, c in enumerate(candidates):
        shared: Counter[int] = Counter()
        for word in c.words:
            posting = postings[word]
            if len(posting) <= limit:
                shared.update(posting)
        for other_index, count in shared.items():
            if other_index == index:
                continue
            other = candidates[other_index]
            if _same_document(other.passage, c.passage):
                continue
            if count >= 3 and overlap(c.words, other.words) >= 0.5:
                c.corroborating_docs.add(other.passage.document_sha)


def _same_document(a: Passage, b: Passage) -> bool:
    """One document, even in two files (a PDF and a DOCX of the same report do not corroborate)."""
    if a.document_sha == b.document_sha:
        return True
    return bool(a.document_title) and (a.document_title, a.document_date) == (b.document_title, b.document_date)


def _score(candidates: list[_Candidate], newest: date | None, settings: Settings) -> None:
    top_relevance = max((c.relevance for c in candidates), default=1.0) or 1.0
    half_life = max(0.5, float(settings.stale_years))
    for c in candidates:
        role = c.label.role
        base = {"outcome": 3.0, "judgement": 2.2, "recommendation": 1.6, "process": 1.0}.get(role, 0.4)
        if c.label.has_data:
            base += 2.0 if role != "recommendation" else 0.5
        if c.label.polarity == "strength" and c.section == "impact":
            base += 0.3
        if c.date is not None and newest is not None:
            age_years = max(0.0, (newest - c.date).days / 365.25)
            recency = 2.0 * math.exp(-age_years / half_life)
        else:
            recency = 0.6
        corroboration = 0.8 * min(2, len(c.corroborating_docs))
        relevance = 1.5 * min(1.0, c.relevance / top_relevance)
        penalty = 0.0
        if role == "process":
            # what was done to improve services counts; the process of reaching agreement does not
            penalty += 0.8 * min(2, len(_DELIBERATION.findall(c.text)))
            penalty -= 0.5 * min(2, len(_DOING.findall(c.text)))
        if c.n_words > 45:
            penalty += 0.6
        if "[" in c.text and "]" in c.text:  # redaction placeholders read badly
            penalty += 0.4
        if c.text.lower().startswith(_LEANING):
            penalty += 1.0  # leans on a sentence we may not quote
        c.score = base + recency + corroboration + relevance - penalty


_LEANING = (
    "this ", "these ", "those ", "that ", "it ", "its ", "they ", "their ", "she ", "he ", "his ", "her ",
    "however", "but ", "and ", "also", "so ", "such ", "both ", "further", "in addition", "as above",
)
_DELIBERATION = re.compile(
    r"\b(?:met|meetings?|minutes|agenda|discuss\w*|agreed|considered|noted|presented|terms of reference|"
    r"board|committee|steering group|working group|workshops?|task and finish)\b",
    re.I,
)
_DOING = re.compile(
    r"\b(?:introduced|launched|recruited|appointed|opened|created|implemented|co-located|set up|established|"
    r"trained|commissioned|expanded|extended|redesigned|moved|invested|funded|increased capacity)\b",
    re.I,
)
SAME_PASSAGE_PENALTY = 0.7  # per sentence already chosen from the passage: spread the evidence
SAME_DOCUMENT_PENALTY = 0.25


# --------------------------------------------------------------------------- selection


        # otherwise a non-outcome was removed to make room: share still rises; try the next


# --------------------------------------------------------------------------- audit figures

AUDIT_BONUS = 1.5  # an audit figure ("1,440 cases were audited", "22 per cent ... good or better")
# audit fact kind -> the section it supports: how many cases were audited is what was done; the
# grades they were given are the impact on practice.
AUDIT_FACT_SECTIONS = {"cases_audited": "action", "grade_share": "impact"}


# --------------------------------------------------------------------------- compose


def _years_before(day: date, years: float) -> date:
    return date.fromordinal(max(1, day.toordinal() - int(round(years * 365.25))))


