"""Choose, merge and order evidence sentences into a four-part narrative for one line of enquiry.

Extractive only: every sentence in a `Narrative` is a sentence of a stored passage (lightly trimmed
of a leading label or bullet) and carries the passage it came from. Connective words and headings
come from the templates. Selection prefers, in this order of weight: outcomes for children (and
sentences with figures), recent evidence, points made by more than one document, and relevance to
the line of enquiry. Process sentences are kept to a small share and favour those that explain a
selected outcome (same document or same subject).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from evidence_store.evidence import Evidence, EvidenceItem
from core.model import Passage, parse_iso_date
from frameworks import Framework, LineOfEnquiry
from core.settings import Settings
from templates.text import plural

from narratives.classify import SentenceLabel, classify_rules, combine
from narratives.text import (
    content_words,
    data_points,
    looks_like_sentence,
    near_duplicate,
    overlap,
    split_sentences,
    trim,
    word_count,
)

# key, heading, share of the sentence budget on the first pass
SECTIONS: tuple[tuple[str, str, float], ...] = (
    ("issue", "The issue and why it was targeted", 0.20),
    ("action", "What was done", 0.18),
    ("impact", "Impact and outcomes for children and families", 0.47),
    ("next", "What comes next", 0.15),
)
SECTION_TITLES = {key: title for key, title, _ in SECTIONS}
MAX_PROCESS_SHARE = 0.25  # of the sentence budget, for the "what was done" section
MIN_OUTCOME_SHARE = 0.6  # of sentences, when the store holds enough outcome evidence
MISSING_MESSAGE_WORDS = 30  # the templates' "no evidence" sentence is kept under this
HEADING_OVERHEAD = 6  # words around headings ("Evidence", the framework name, ...)


MAX_CORROBORATING = 2  # sources cited beside the main one, so citations stay readable


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


@dataclass
class NarrativeSentence:
    text: str  # exactly as in the passage, less a leading label or bullet
    source: Source
    role: str
    polarity: str
    has_data: bool
    data_points: list[str]
    score: float
    also: list[Source] = field(default_factory=list)  # corroborating sources (merged near-duplicates)

    @property
    def sources(self) -> list[Source]:
        return [self.source, *self.also]

    @property
    def is_outcome(self) -> bool:
        return self.role == "outcome" or self.has_data

    @property
    def words(self) -> int:
        return word_count(self.text)

    def citation_text(self) -> str:
        """"[2.03] Title, 2018-05-01, p.4, para 12; [3.01] ..." — what follows the sentence."""
        return "; ".join(source.label for source in self.sources)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "citation": self.citation_text(),
            "refs": [s.ref for s in self.sources if s.ref],
            "passage_ids": [s.passage_id for s in self.sources],
            "role": self.role,
            "polarity": self.polarity,
            "has_data": self.has_data,
            "data_points": self.data_points,
        }


@dataclass
class NarrativeSection:
    key: str
    title: str
    sentences: list[NarrativeSentence] = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return not self.sentences

    def paragraphs(self) -> list[list[NarrativeSentence]]:
        """Consecutive sentences from the same document read as one paragraph."""
        groups: list[list[NarrativeSentence]] = []
        for sentence in self.sentences:
            if groups and groups[-1][-1].source.document_title == sentence.source.document_title and len(groups[-1]) < 4:
                groups[-1].append(sentence)
            else:
                groups.append([sentence])
        return groups

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "title": self.title,
            "missing": self.missing,
            "sentences": [s.to_dict() for s in self.sentences],
        }


@dataclass
class Narrative:
    framework_id: str
    framework_name: str
    loe_id: str
    loe_title: str
    loe_description: str
    number: int  # 1-based position of the pack section the line belongs to
    slug: str
    budget: int
    sections: list[NarrativeSection]
    sources: list[Source]  # the evidence list, in citation order
    generated_on: date
    since: date | None = None
    notes: list[str] = field(default_factory=list)
    candidates: int = 0  # sentences considered
    outcome_candidates: int = 0

    @property
    def file_stem(self) -> str:
        return f"{self.number:02d}-{self.slug}"

    @property
    def sentences(self) -> list[NarrativeSentence]:
        return [s for section in self.sections for s in section.sentences]

    @property
    def word_count(self) -> int:
        """Words a reader reads: title, headings, sentences and "no evidence" notes; not citations."""
        total = word_count(self.loe_title) + HEADING_OVERHEAD
        for section in self.sections:
            total += word_count(section.title)
            total += sum(s.words for s in section.sentences) if section.sentences else MISSING_MESSAGE_WORDS
        return total

    @property
    def outcome_share(self) -> float:
        sentences = self.sentences
        return sum(s.is_outcome for s in sentences) / len(sentences) if sentences else 0.0

    @property
    def data_points(self) -> int:
        return sum(len(s.data_points) for s in self.sentences)

    def to_dict(self) -> dict:
        return {
            "framework": self.framework_id,
            "loe": self.loe_id,
            "title": self.loe_title,
            "budget": self.budget,
            "words": self.word_count,
            "sentences": len(self.sentences),
            "outcome_share": round(self.outcome_share, 3),
            "data_points": self.data_points,
            "since": self.since.isoformat() if self.since else None,
            "generated_on": self.generated_on.isoformat(),
            "sections": [s.to_dict() for s in self.sections],
            "sources": [s.to_dict() for s in self.sources],
            "notes": self.notes,
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


def _family(framework: Framework, loe_id: str) -> set[str]:
    """The line and every line below it."""
    family = {loe_id}
    changed = True
    while changed:
        changed = False
        for line in framework.lines:
            if line.parent in family and line.id not in family:
                family.add(line.id)
                changed = True
    return family


def items_for(evidence: Evidence, loe_id: str) -> list[tuple[EvidenceItem, float]]:
    """Evidence tagged with the line or any line below it, with its best score there."""
    family = _family(evidence.framework, loe_id)
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


def _assign_sections(candidates: list[_Candidate], newest: date | None) -> None:
    for c in candidates:
        role, polarity = c.label.role, c.label.polarity
        recent = c.date is None or newest is None or (newest - c.date).days <= 400
        if role == "recommendation":
            # an old recommendation is why the area was targeted; a recent one is what comes next
            c.section = "next" if recent else "issue"
        elif role == "process":
            # a shortfall in practice is a finding (why the area was targeted), not something done
            c.section = "issue" if polarity == "concern" else "action"
        elif role in ("outcome", "judgement") or c.label.has_data:
            # a concern is why the area was targeted, unless it is today's position (newest document)
            current = role == "outcome" and _is_newest_doc(c, newest)
            c.section = "issue" if polarity == "concern" and not current else "impact"
        else:  # context: only a concern says why the area was targeted; background is left out
            c.section = "issue" if polarity == "concern" else "none"


def _is_newest_doc(c: _Candidate, newest: date | None) -> bool:
    return c.date is not None and newest is not None and c.date == newest


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


class _Selection:
    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.chosen: dict[str, list[_Candidate]] = {key: [] for key, _, _ in SECTIONS}
        self.used = 0

    def all(self) -> list[_Candidate]:
        return [c for items in self.chosen.values() for c in items]

    def words_in(self, section: str) -> int:
        return sum(c.n_words for c in self.chosen[section])

    def duplicate_of(self, candidate: _Candidate) -> _Candidate | None:
        for chosen in self.all():
            if chosen is candidate:
                continue
            if chosen.passage.id == candidate.passage.id and chosen.sentence_index == candidate.sentence_index:
                return chosen
            if near_duplicate(chosen.words, candidate.words):
                return chosen
        return None

    def add(self, candidate: _Candidate) -> None:
        self.chosen[candidate.section].append(candidate)
        self.used += candidate.n_words

    def remove(self, candidate: _Candidate) -> None:
        self.chosen[candidate.section].remove(candidate)
        self.used -= candidate.n_words


def _select(candidates: list[_Candidate], sentence_budget: int) -> _Selection:
    selection = _Selection(sentence_budget)
    by_section: dict[str, list[_Candidate]] = defaultdict(list)
    for c in sorted(candidates, key=lambda c: -c.score):
        by_section[c.section].append(c)
    taken: set[int] = set()

    def offer(c: _Candidate, cap: int) -> bool:
        if id(c) in taken or c.n_words > sentence_budget - selection.used:
            return False
        if selection.words_in(c.section) + c.n_words > cap:
            return False
        twin = selection.duplicate_of(c)
        if twin is not None:
            taken.add(id(c))
            if twin.passage.document_sha != c.passage.document_sha or twin.passage.id != c.passage.id:
                twin.duplicates.append(c)
            return False
        selection.add(c)
        taken.add(id(c))
        return True

    def fill(key: str, cap: int) -> None:
        """Greedy by score, less a penalty for passages and documents already quoted."""
        pool = [c for c in by_section[key] if id(c) not in taken]
        while pool:
            per_passage = Counter(c.passage.id for c in selection.all())
            per_document = Counter(c.passage.document_sha for c in selection.all())
            best = max(
                pool,
                key=lambda c: c.score
                - SAME_PASSAGE_PENALTY * per_passage[c.passage.id]
                - SAME_DOCUMENT_PENALTY * per_document[c.passage.document_sha],
            )
            pool.remove(best)
            offer(best, cap)

    shares = {key: share for key, _, share in SECTIONS}
    process_cap = int(MAX_PROCESS_SHARE * sentence_budget)
    # impact first, so "what was done" can favour the actions behind the chosen outcomes
    for key in ("impact", "issue", "next"):
        fill(key, int(shares[key] * sentence_budget))
    _favour_explanatory_process(by_section["action"], selection)
    fill("action", int(shares["action"] * sentence_budget))
    # second pass: spare words go to outcomes first, then the issue and next steps, then process
    for key, cap in (("impact", sentence_budget), ("issue", sentence_budget), ("next", sentence_budget), ("action", process_cap)):
        fill(key, cap)
    _rebalance(selection, candidates, taken)
    return selection


def _favour_explanatory_process(process: list[_Candidate], selection: _Selection) -> None:
    """Process sentences that explain a chosen outcome (same passage, document or subject) rank first."""
    outcomes = selection.chosen["impact"] + selection.chosen["issue"]
    for c in process:
        bonus = 0.0
        for outcome in outcomes:
            if outcome.passage.id == c.passage.id:
                bonus = max(bonus, 2.0)
            elif outcome.passage.document_sha == c.passage.document_sha and abs(outcome.passage.ordinal - c.passage.ordinal) <= 3:
                bonus = max(bonus, 1.5)
            elif len(outcome.words & c.words) >= 3:
                bonus = max(bonus, 1.0)
        c.score += bonus


def _rebalance(selection: _Selection, candidates: list[_Candidate], taken: set[int]) -> None:
    """Swap the weakest non-outcome sentences for unused outcome sentences until 60% are outcomes."""
    spare = [c for c in sorted(candidates, key=lambda c: -c.score) if c.is_outcome and id(c) not in taken]
    for _ in range(200):
        chosen = selection.all()
        if not chosen or sum(c.is_outcome for c in chosen) / len(chosen) >= MIN_OUTCOME_SHARE:
            return
        spare = [c for c in spare if id(c) not in taken]
        if not spare:
            return
        incoming = spare[0]
        taken.add(id(incoming))
        twin = selection.duplicate_of(incoming)
        if twin is not None:
            twin.duplicates.append(incoming)
            continue
        removable = [
            c for c in chosen if not c.is_outcome and len(selection.chosen[c.section]) > 1
        ] or [c for c in chosen if not c.is_outcome and c.section == "action"]
        while incoming.n_words > selection.budget - selection.used and removable:
            weakest = min(removable, key=lambda c: c.score)
            removable.remove(weakest)
            selection.remove(weakest)
        if incoming.n_words <= selection.budget - selection.used:
            selection.add(incoming)
        elif not removable:
            return
        # otherwise a non-outcome was removed to make room: share still rises; try the next


# --------------------------------------------------------------------------- audit figures

AUDIT_BONUS = 1.5  # an audit figure ("1,440 cases were audited", "22 per cent ... good or better")
# audit fact kind -> the section it supports: how many cases were audited is what was done; the
# grades they were given are the impact on practice.
AUDIT_FACT_SECTIONS = {"cases_audited": "action", "grade_share": "impact"}


def audit_view(evidence: Evidence) -> object | None:
    """The audit findings the documents state (no database): None when they cannot be read."""
    try:
        from audits.analysis import build_summary

        return build_summary(evidence, [])
    except Exception:  # narratives stand without audit figures
        return None


@dataclass(frozen=True)
class _AuditFact:
    passage_id: int
    document: tuple[str, str | None]  # (title, date): the same report saved as PDF, DOCX and text
    text: str  # the sentence stating the figure, as the passage has it
    section: str


def _audit_facts(audit: object | None, line_id: str) -> list[_AuditFact]:
    """The sentences stating audit figures on this line, with the section each supports.

    Only figures quoted from a passage qualify (the audit view's own summary sentences and
    figures from audit returns are never narrative text)."""
    if audit is None:
        return []
    loe_audit = (getattr(audit, "by_loe", None) or {}).get(line_id)
    if loe_audit is None:
        return []
    wanted = {pid for sentence in loe_audit.sentences for pid in sentence.passage_ids if pid is not None}
    found: list[_AuditFact] = []
    for document in getattr(audit, "documents", []) or []:
        for fact in document.facts:
            section = AUDIT_FACT_SECTIONS.get(fact.kind)
            if section and fact.source.passage_id in wanted:
                key = (fact.source.document_title or "", fact.source.date)
                found.append(_AuditFact(fact.source.passage_id, key, fact.text, section))
    return found


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", text.lower()).split())


def _mark_audit_candidates(candidates: list[_Candidate], facts: list[_AuditFact]) -> None:
    """A candidate stating an audit figure (in the fact's passage, or the same paragraph of another
    copy of the report) goes to the fact's section and counts as data."""
    by_passage: dict[int, list[_AuditFact]] = defaultdict(list)
    by_document: dict[tuple, list[_AuditFact]] = defaultdict(list)
    for fact in facts:
        by_passage[fact.passage_id].append(fact)
        by_document[fact.document].append(fact)
    for c in candidates:
        mine = (c.passage.document_title or "", c.passage.document_date)
        for fact in by_passage.get(c.passage.id) or by_document.get(mine, ()):
            a, b = _normal(c.text), _normal(fact.text)
            if a and b and (a in b or b in a or overlap(c.words, content_words(fact.text)) >= 0.8):
                if c.audit != "impact":  # a sentence with both figures reads as impact
                    c.audit = fact.section
                c.label = replace(c.label, has_data=True)


def _audit_items(evidence: Evidence, scored_items: list[tuple[EvidenceItem, float]],
                 facts: list[_AuditFact]) -> list[tuple[EvidenceItem, float]]:
    """Passages stating audit figures for the line, though not tagged to it, join the candidates."""
    have = {item.passage.id for item, _ in scored_items}
    missing = {fact.passage_id for fact in facts} - have
    if not missing:
        return scored_items
    relevance = 0.5 * max((score for _, score in scored_items), default=1.0)
    extra = [(item, relevance) for item in evidence.items if item.passage.id in missing]
    return scored_items + extra


# --------------------------------------------------------------------------- compose


def compose(
    evidence: Evidence,
    loe_id: str,
    settings: Settings,
    *,
    since: date | None = None,
    words: int | None = None,
    item_refs: dict[int, str] | None = None,
    audit: object | None = None,
) -> "Narrative":
    """`audit`: an audits.AuditSummary (the pack passes its own); None reads the documents' audit
    findings here; False leaves audit figures unpreferred."""
    framework = evidence.framework
    line = resolve_loe(framework, loe_id)
    budget = int(words or settings.narrative_words)
    resolver = _RefResolver(evidence, item_refs)
    scored_items = items_for(evidence, line.id)
    if audit is None:
        audit = audit_view(evidence)
    facts = _audit_facts(audit or None, line.id)
    scored_items = _audit_items(evidence, scored_items, facts)
    candidates, notes = _candidates(scored_items, since, resolver)
    _mark_audit_candidates(candidates, facts)
    dates = [c.date for c in candidates if c.date]
    newest = max(dates) if dates else None
    _assign_sections(candidates, newest)
    for c in candidates:
        if c.audit:
            c.section = c.audit
    candidates = [c for c in candidates if c.section != "none"]
    _corroborate(candidates)
    _score(candidates, newest, settings)
    for c in candidates:
        if c.audit:
            c.score += AUDIT_BONUS

    overhead = word_count(line.title) + HEADING_OVERHEAD + sum(word_count(title) for _, title, _ in SECTIONS)
    sentence_budget = max(0, budget - overhead)
    selection = _select(candidates, sentence_budget)
    # a section left empty prints a short "no evidence" note; keep the total within budget
    while True:
        missing = sum(1 for items in selection.chosen.values() if not items)
        if overhead + missing * MISSING_MESSAGE_WORDS + selection.used <= budget or not selection.all():
            break
        selection.remove(min(selection.all(), key=lambda c: c.score))

    narrative = _build(framework, line, budget, selection, resolver, since, notes)
    narrative.candidates = len(candidates)
    narrative.outcome_candidates = sum(c.is_outcome for c in candidates)
    if not scored_items:
        narrative.notes.append("The evidence store holds nothing tagged to this line of enquiry.")
    stale_cutoff = _years_before(date.today(), settings.stale_years)
    old = [s for s in narrative.sources if (parse_iso_date(s.document_date) or date.max) < stale_cutoff]
    if old and len(old) == len(narrative.sources):
        narrative.notes.append(
            f"All cited evidence is older than {settings.stale_years:g} years; newer evidence would strengthen this narrative."
        )
    return narrative


def _years_before(day: date, years: float) -> date:
    return date.fromordinal(max(1, day.toordinal() - int(round(years * 365.25))))


def _build(
    framework: Framework,
    line: LineOfEnquiry,
    budget: int,
    selection: _Selection,
    resolver: _RefResolver,
    since: date | None,
    notes: list[str],
) -> Narrative:
    sources: dict[int, Source] = {}
    local_numbers: dict[str, int] = {}

    def source_for(passage: Passage) -> Source:
        if passage.id in sources:
            return sources[passage.id]
        ref = resolver(passage)
        if ref is None:
            key = f"E{local_numbers.setdefault(passage.document_sha + str(passage.id), len(local_numbers) + 1)}"
        else:
            key = ref
        source = Source(
            key=key,
            ref=ref,
            passage_id=passage.id,
            citation=passage.citation(),
            document_title=passage.document_title or "",
            document_date=passage.document_date,
            document_kind=passage.document_kind,
            source_path=passage.source_path,
        )
        sources[passage.id] = source
        return source

    sections = []
    for key, title, _ in SECTIONS:
        section = NarrativeSection(key, title)
        for c in sorted(selection.chosen[key], key=lambda c: c.order_key):
            main = source_for(c.passage)
            also: list[Source] = []
            for dup in sorted(c.duplicates, key=lambda d: d.order_key):
                # Other documents making the same point; copies of one document are cited once.
                if len(also) >= MAX_CORROBORATING or _same_document(dup.passage, c.passage):
                    continue
                if any(_same_document(dup.passage, seen) for seen in [d.passage for d in c.duplicates if source_for(d.passage) in also]):
                    continue
                extra = source_for(dup.passage)
                if extra.citation != main.citation and all(extra.citation != a.citation for a in also):
                    also.append(extra)
            section.sentences.append(
                NarrativeSentence(
                    text=c.text,
                    source=main,
                    role=c.label.role,
                    polarity=c.label.polarity,
                    has_data=c.label.has_data,
                    data_points=data_points(c.text),
                    score=round(c.score, 3),
                    also=also,
                )
            )
        sections.append(section)
    cited = {s.source.passage_id for sec in sections for s in sec.sentences} | {
        a.passage_id for sec in sections for s in sec.sentences for a in s.also
    }
    ordered = sorted(
        (sources[pid] for pid in cited),
        key=lambda s: (_ref_sort_key(s.ref) if s.ref else ((2, int(s.key[1:]), ""),)),
    )
    return Narrative(
        framework_id=framework.id,
        framework_name=framework.name,
        loe_id=line.id,
        loe_title=line.title,
        loe_description=line.description,
        number=section_number(framework, line.id),
        slug=line.slug,
        budget=budget,
        sections=sections,
        sources=ordered,
        generated_on=date.today(),
        since=since,
        notes=list(notes),
    )
